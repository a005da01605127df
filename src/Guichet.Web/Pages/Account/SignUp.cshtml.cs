using System.ComponentModel.DataAnnotations;
using Guichet.Web.Pages.Shared;
using System.Globalization;
using Guichet.Web.Accounts;
using Guichet.Web.Portal;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.RateLimiting;

namespace Guichet.Web.Pages.Account;

[EnableRateLimiting(AccountsSetup.RateLimitPolicy)]
public sealed class SignUpModel(SignUp signUp) : PageModel
{
    [BindProperty] public SignUpInput Input { get; set; } = new();
    public SignUpPolicy Policy { get; private set; }

    /// <summary>Set after a request: the page then says "check your inbox", whatever happened.</summary>
    [TempData] public string? SentTo { get; set; }

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        if (User.Identity?.IsAuthenticated == true) return LocalRedirect("/");
        Policy = await signUp.PolicyAsync(ct);
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        Policy = await signUp.PolicyAsync(ct);
        if (!ModelState.IsValid) return Page();
        if (!await signUp.RequestAsync(Input.Email, Input.FirstName, Input.LastName, CultureInfo.CurrentUICulture.TwoLetterISOLanguageName, ct))
            return Page();
        SentTo = Input.Email.Trim();
        return RedirectToPage();
    }
}

public sealed class SignUpInput : PersonNameInput
{
    [Required(ErrorMessage = "Enter your email address.")]
    [EmailAddress(ErrorMessage = "Enter a valid email address.")]
    [StringLength(254, ErrorMessage = "Use at most {1} characters.")]
    [Display(Name = "Work email")]
    public string Email { get; set; } = "";
}
