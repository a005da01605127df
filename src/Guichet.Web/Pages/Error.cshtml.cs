using Guichet.Web.Attachments;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;
using Microsoft.Extensions.Options;

namespace Guichet.Web.Pages;

[IgnoreAntiforgeryToken]
public sealed class ErrorModel(IStringLocalizer<SharedResource> L, IOptions<AttachmentOptions> attachments) : PageModel
{
    public string Title { get; private set; } = "";
    public string Explanation { get; private set; } = "";

    // No handler parameters: binding them would read the form of a re-executed POST, which
    // throws again when that POST was refused for its antiforgery token.
    public void OnGet() => Describe(RequestedCode());

    public void OnPost() => Describe(RequestedCode());

    // Status code pages say the code in the address; the exception handler has set it on the response.
    private int RequestedCode() =>
        int.TryParse(Request.Query["code"], out var code) ? code : Response.StatusCode >= 400 ? Response.StatusCode : 500;

    private void Describe(int code)
    {
        (Title, Explanation) = code switch
        {
            404 => (L["Page not found"].Value, L["This page does not exist, or you may not see it."].Value),
            403 => (L["Not allowed"].Value, L["Your account may not open this page."].Value),
            429 => (L["Too many attempts"].Value, L["Wait a minute, then try again."].Value),
            400 => (L["The request was not understood"].Value, L["Go back, reload the page and try again."].Value),
            // Only beyond what OversizeForms reads through: smaller forms come back with what was typed.
            413 => (L["Too much to send"].Value, L["The files are far larger than the {0} a message may carry. Go back and choose smaller files.",
                FileSizes.Format(attachments.Value.MaxTotalBytesPerMessage)].Value),
            _ => (L["Something went wrong"].Value, L["We could not finish this. Try again in a moment."].Value),
        };
    }
}
