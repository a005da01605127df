using Guichet.Web.Accounts;
using Guichet.Web.Pages.Account;
using Guichet.Web.Portal;
using Guichet.Web.Text;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace Guichet.Web.Pages.Portal.Requests;

/// <summary>
/// The link mailed for a guest's request. GET only shows the request and what to do: mail scanners
/// open links, and opening one must not send anything. The POST confirms the address (choosing a
/// password), or, for an account, sends it once its owner is signed in.
/// </summary>
[EnableRateLimiting(AccountsSetup.RateLimitPolicy)]
public sealed class ConfirmModel(GuestRequests guests, CurrentUser me, RichText richText, IStringLocalizer<SharedResource> L) : PageModel
{
    public enum Step
    {
        /// <summary>Expired, already used, or not a link we made.</summary>
        LinkNotValid,
        ChoosePassword,
        SignIn,
        SignedInAsSomeoneElse,
        Send,
    }

    [BindProperty(SupportsGet = true, Name = "request")] public Guid RequestId { get; set; }
    [BindProperty(SupportsGet = true)] public string? Token { get; set; }
    [BindProperty] public ChoosePasswordInput Input { get; set; } = new();

    public Step Now { get; private set; }
    public GuestRequests.Pending? Pending { get; private set; }
    public string DescriptionHtml { get; private set; } = "";
    public string SignInUrl => "/account/signin?returnUrl=" + Uri.EscapeDataString(Request.Path + Request.QueryString);

    public async Task OnGetAsync(CancellationToken ct)
    {
        ModelState.Clear();   // the password fields are not posted on GET
        await LoadAsync(ct);
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        await LoadAsync(ct);
        if (Now is not (Step.ChoosePassword or Step.Send)) return Page();
        if (Now == Step.Send) ModelState.Clear();
        if (!ModelState.IsValid) return Page();

        try
        {
            var (result, ticket) = await guests.ConfirmAsync(Pending!, Now == Step.ChoosePassword ? Input.Password : null, me.Id, ct);
            if (!result.Succeeded)
            {
                foreach (var error in result.Errors)
                    ModelState.AddModelError($"{nameof(Input)}.{nameof(Input.Password)}", error.Description);
                return Page();
            }
            TempData["Flash"] = L["Your request #{0} was sent. We will answer you here and by mail.", ticket!.Number].Value;
            return Redirect($"/requests/{ticket.Number}");
        }
        catch (DbUpdateException e)
        {
            // The same link, followed twice at once: the other one sent the request. Ours then fails on the
            // held request's delete, or before it on its attachments' keys, which the other one inserted.
            if (e is not DbUpdateConcurrencyException && await guests.IsHeldAsync(RequestId, ct)) throw;
            Now = Step.LinkNotValid;
            return Page();
        }
    }

    private async Task LoadAsync(CancellationToken ct)
    {
        Pending = await guests.FindAsync(RequestId, Token, ct);
        Now = Pending switch
        {
            null => Step.LinkNotValid,
            { NeedsPassword: true } => Step.ChoosePassword,
            _ when !me.IsSignedIn => Step.SignIn,
            _ when me.Id != Pending.User.Id => Step.SignedInAsSomeoneElse,
            _ => Step.Send,
        };
        if (Pending is not null) DescriptionHtml = richText.FromMarkdown(Pending.Request.DescriptionMarkdown).Html;
    }
}
