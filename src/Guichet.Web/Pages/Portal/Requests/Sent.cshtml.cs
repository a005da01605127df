using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Guichet.Web.Pages.Portal.Requests;

/// <summary>
/// After a guest sends the form: "check your inbox", in the same words whatever happened to the
/// request (held, held for an existing account, refused by the policy): only the mail differs.
/// </summary>
public sealed class SentModel : PageModel
{
    public const string SentToKey = "GuestRequestSentTo";

    public string? SentTo { get; private set; }

    public IActionResult OnGet()
    {
        SentTo = TempData[SentToKey] as string;
        return SentTo is null ? Redirect("/requests/new") : Page();
    }
}
