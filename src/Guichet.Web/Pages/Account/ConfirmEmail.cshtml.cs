using Guichet.Web.Accounts;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.Extensions.Localization;

namespace Guichet.Web.Pages.Account;

/// <summary>The link of an address change. Like every mailed link, GET shows a button and POST acts.</summary>
[Authorize, EnableRateLimiting(AccountsSetup.RateLimitPolicy)]
public sealed class ConfirmEmailModel(UserManager<User> users, ProfileChanges changes, IStringLocalizer<SharedResource> L) : PageModel
{
    [BindProperty(SupportsGet = true, Name = "user")] public Guid UserId { get; set; }
    [BindProperty(SupportsGet = true)] public string Email { get; set; } = "";
    [BindProperty(SupportsGet = true)] public string Token { get; set; } = "";
    public bool Failed { get; private set; }

    public void OnGet() { }

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        var user = await users.GetUserAsync(User);
        if (user is null || user.Id != UserId)
        {
            Failed = true;
            return Page();
        }
        var result = await changes.ConfirmEmailChangeAsync(user, Email, Token, ct);
        if (!result.Succeeded)
        {
            Failed = true;
            return Page();
        }
        TempData["Flash"] = L["Your address is now {0}.", Email].Value;
        return RedirectToPage("Profile");
    }
}
