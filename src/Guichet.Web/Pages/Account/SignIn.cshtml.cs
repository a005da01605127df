using System.ComponentModel.DataAnnotations;
using Guichet.Web.Accounts;
using Guichet.Web.Hosting;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.Extensions.Localization;

namespace Guichet.Web.Pages.Account;

[EnableRateLimiting(AccountsSetup.RateLimitPolicy)]
public sealed class SignInModel(SignInAttempt attempt, IStringLocalizer<SharedResource> L) : PageModel
{
    [BindProperty] public SignInInput Input { get; set; } = new();
    [BindProperty(SupportsGet = true)] public string? ReturnUrl { get; set; }

    public IActionResult OnGet() => User.Identity?.IsAuthenticated == true ? LocalRedirect(LocalUrl.OrHome(ReturnUrl)) : Page();

    public async Task<IActionResult> OnPostAsync()
    {
        if (!ModelState.IsValid) return Page();
        if (!await attempt.TryAsync(Input.Email, Input.Password, Input.RememberMe))
        {
            ModelState.AddModelError(string.Empty, L["The email or the password is not right. After 5 failed attempts, the account is locked for 15 minutes."]);
            Input.Password = "";
            return Page();
        }
        return LocalRedirect(LocalUrl.OrHome(ReturnUrl));
    }
}

public sealed class SignInInput
{
    [Required(ErrorMessage = "Enter your email address.")]
    [EmailAddress(ErrorMessage = "Enter a valid email address.")]
    [Display(Name = "Email")]
    public string Email { get; set; } = "";

    [Required(ErrorMessage = "Enter your password.")]
    [DataType(DataType.Password)]
    [Display(Name = "Password")]
    public string Password { get; set; } = "";

    [Display(Name = "Remember me on this device")]
    public bool RememberMe { get; set; }
}
