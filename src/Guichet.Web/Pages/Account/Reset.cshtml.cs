using System.ComponentModel.DataAnnotations;
using Guichet.Web.Accounts;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.Extensions.Localization;

namespace Guichet.Web.Pages.Account;

/// <summary>Two steps on one page: ask for a code, then type it (or follow the mail's link) with a new password.</summary>
[EnableRateLimiting(AccountsSetup.RateLimitPolicy)]
public sealed class ResetModel(PasswordReset reset, IStringLocalizer<SharedResource> L) : PageModel
{
    [BindProperty] public ResetRequestInput Ask { get; set; } = new();
    [BindProperty] public ResetInput Reset { get; set; } = new();

    /// <summary>True on the second step.</summary>
    public bool CodeSent { get; private set; }

    /// <summary>True when the person came from the mail's link: no code to type.</summary>
    public bool FromLink => !string.IsNullOrEmpty(Reset.Token);

    public void OnGet(string? email, string? token)
    {
        if (email is null || token is null) return;
        CodeSent = true;
        Reset.Email = email;
        Reset.Token = token;
    }

    public async Task<IActionResult> OnPostAskAsync(CancellationToken ct)
    {
        if (!ValidateOnly(Ask, nameof(Ask))) return Page();
        await reset.RequestAsync(Ask.Email, ct);
        ModelState.Clear();
        CodeSent = true;
        Reset.Email = Ask.Email.Trim();
        return Page();
    }

    public async Task<IActionResult> OnPostResetAsync(CancellationToken ct)
    {
        CodeSent = true;
        ValidateOnly(Reset, nameof(Reset));
        if (!FromLink && string.IsNullOrWhiteSpace(Reset.Code))
            ModelState.AddModelError($"{nameof(Reset)}.{nameof(Reset.Code)}", L["Type the code from the mail."]);
        if (!ModelState.IsValid) return Page();

        var (outcome, errors) = await reset.ResetAsync(Reset.Email, FromLink ? Reset.Token! : Reset.Code!, Reset.NewPassword, ct);
        switch (outcome)
        {
            case PasswordReset.Outcome.Done:
                TempData["Flash"] = L["Your password was changed. You are signed in."].Value;
                return LocalRedirect("/");
            case PasswordReset.Outcome.InvalidPassword:
                foreach (var error in errors)
                    ModelState.AddModelError($"{nameof(Reset)}.{nameof(Reset.NewPassword)}", error.Description);
                return Page();
            default:
                ModelState.AddModelError(FromLink ? string.Empty : $"{nameof(Reset)}.{nameof(Reset.Code)}",
                    L["This code is not valid or has expired. Ask for a new one."]);
                return Page();
        }
    }

    /// <summary>Each step posts one of the two inputs; the other one must not count against it.</summary>
    private bool ValidateOnly(object input, string prefix)
    {
        ModelState.Clear();
        return TryValidateModel(input, prefix);
    }
}

public sealed class ResetRequestInput
{
    [Required(ErrorMessage = "Enter your email address.")]
    [EmailAddress(ErrorMessage = "Enter a valid email address.")]
    [Display(Name = "Email")]
    public string Email { get; set; } = "";
}

public sealed class ResetInput
{
    [Required(ErrorMessage = "Enter your email address.")]
    [EmailAddress(ErrorMessage = "Enter a valid email address.")]
    [Display(Name = "Email")]
    public string Email { get; set; } = "";

    [Display(Name = "Code from the mail")]
    [StringLength(20, ErrorMessage = "Use at most {1} characters.")]
    public string? Code { get; set; }

    public string? Token { get; set; }

    [Required(ErrorMessage = "Choose a password.")]
    [StringLength(200, MinimumLength = 10, ErrorMessage = "Use at least {2} characters.")]
    [DataType(DataType.Password)]
    [Display(Name = "New password")]
    public string NewPassword { get; set; } = "";

    [Required(ErrorMessage = "Type the password again.")]
    [Compare(nameof(NewPassword), ErrorMessage = "The two passwords are not the same.")]
    [DataType(DataType.Password)]
    [Display(Name = "New password again")]
    public string ConfirmPassword { get; set; } = "";
}
