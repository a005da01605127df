using System.ComponentModel.DataAnnotations;
using Guichet.Web.Accounts;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.RateLimiting;

namespace Guichet.Web.Pages.Account;

/// <summary>
/// The link of a verification or invitation mail. GET only shows the form: mail scanners
/// open links, and opening one must not use it up.
/// </summary>
[EnableRateLimiting(AccountsSetup.RateLimitPolicy)]
public sealed class VerifyModel(EmailVerification verification) : PageModel
{
    [BindProperty(SupportsGet = true, Name = "user")] public Guid UserId { get; set; }
    [BindProperty(SupportsGet = true)] public string? Token { get; set; }
    [BindProperty] public ChoosePasswordInput Input { get; set; } = new();

    public bool LinkIsValid { get; private set; }
    public bool NeedsPassword { get; private set; }
    public string Email { get; private set; } = "";

    public async Task OnGetAsync()
    {
        ModelState.Clear();   // the password fields are not posted on GET
        await LoadAsync();
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        var user = await LoadAsync();
        if (user is null) return Page();
        if (!NeedsPassword) ModelState.Clear();
        if (!ModelState.IsValid) return Page();

        var result = await verification.CompleteAsync(user, Token!, NeedsPassword ? Input.Password : null, ct);
        if (!result.Succeeded)
        {
            foreach (var error in result.Errors)
                ModelState.AddModelError($"{nameof(Input)}.{nameof(Input.Password)}", error.Description);
            return Page();
        }
        return LocalRedirect("/");
    }

    private async Task<User?> LoadAsync()
    {
        var user = await verification.FindAsync(UserId, Token);
        LinkIsValid = user is not null;
        NeedsPassword = user is { PasswordHash: null };
        Email = user?.Email ?? "";
        return user;
    }
}

public sealed class ChoosePasswordInput
{
    [Required(ErrorMessage = "Choose a password.")]
    [StringLength(200, MinimumLength = 10, ErrorMessage = "Use at least {2} characters.")]
    [DataType(DataType.Password)]
    [Display(Name = "Password")]
    public string Password { get; set; } = "";

    [Required(ErrorMessage = "Type the password again.")]
    [Compare(nameof(Password), ErrorMessage = "The two passwords are not the same.")]
    [DataType(DataType.Password)]
    [Display(Name = "Password again")]
    public string ConfirmPassword { get; set; } = "";
}
