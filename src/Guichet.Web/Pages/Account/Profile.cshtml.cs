using System.ComponentModel.DataAnnotations;
using Guichet.Web.Pages.Shared;
using System.Globalization;
using Guichet.Web.Accounts;
using Guichet.Web.Localization;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;

namespace Guichet.Web.Pages.Account;

/// <summary>One page, four forms: details, address, password, sessions. Each posts to its own handler.</summary>
public sealed class ProfileModel(UserManager<User> users, SignInManager<User> signIn, ProfileChanges changes, IStringLocalizer<SharedResource> L) : PageModel
{
    public DetailsInput Details { get; set; } = new();
    public EmailInput EmailChange { get; set; } = new();
    public PasswordInput PasswordChange { get; set; } = new();
    public string CurrentEmail { get; private set; } = "";
    public IReadOnlyList<string> TimeZones { get; } = TimeZoneInfo.GetSystemTimeZones().Select(z => z.Id).Where(id => id.Contains('/') || id == "UTC").Order().ToList();

    public async Task<IActionResult> OnGetAsync()
    {
        var user = await users.GetUserAsync(User);
        if (user is null) return Challenge();
        Load(user);
        Details = new DetailsInput
        {
            FirstName = user.FirstName, LastName = user.LastName, JobTitle = user.JobTitle,
            Phone = user.PhoneNumber, Culture = user.Culture, TimeZone = user.TimeZone,
        };
        return Page();
    }

    public async Task<IActionResult> OnPostDetailsAsync([Bind(Prefix = nameof(Details))] DetailsInput details)
    {
        var user = await users.GetUserAsync(User);
        if (user is null) return Challenge();
        Load(user);
        Details = details;
        if (details.TimeZone is { Length: > 0 } tz && !TimeZones.Contains(tz))
            ModelState.AddModelError($"{nameof(Details)}.{nameof(details.TimeZone)}", L["Choose a time zone from the list."]);
        if (!ModelState.IsValid) return Page();

        user.FirstName = details.FirstName.Trim();
        user.LastName = details.LastName.Trim();
        user.JobTitle = string.IsNullOrWhiteSpace(details.JobTitle) ? null : details.JobTitle.Trim();
        user.PhoneNumber = string.IsNullOrWhiteSpace(details.Phone) ? null : details.Phone.Trim();
        user.Culture = Cultures.Match(details.Culture);
        user.TimeZone = string.IsNullOrEmpty(details.TimeZone) ? null : details.TimeZone;
        await users.UpdateAsync(user);
        await signIn.RefreshSignInAsync(user);   // name, language and time zone live in the cookie
        if (user.Culture is not null)
            Response.Cookies.Append(Microsoft.AspNetCore.Localization.CookieRequestCultureProvider.DefaultCookieName,
                Microsoft.AspNetCore.Localization.CookieRequestCultureProvider.MakeCookieValue(new(user.Culture)));
        // In the language just chosen: the next page is shown in it.
        TempData["Flash"] = Cultures.With(user.Culture ?? CultureInfo.CurrentUICulture.Name, () => L["Your profile was saved."].Value);
        return RedirectToPage();
    }

    public async Task<IActionResult> OnPostEmailAsync([Bind(Prefix = nameof(EmailChange))] EmailInput emailChange, CancellationToken ct)
    {
        var user = await users.GetUserAsync(User);
        if (user is null) return Challenge();
        Load(user);
        EmailChange = emailChange;
        if (!ModelState.IsValid) return Page();
        if (!await changes.RequestEmailChangeAsync(user, emailChange.NewEmail.Trim(), emailChange.Password, ct))
        {
            ModelState.AddModelError($"{nameof(EmailChange)}.{nameof(emailChange.Password)}", L["The current password is not right."]);
            return Page();
        }
        TempData["Flash"] = L["We sent a link to {0}. Your address changes when you follow it.", emailChange.NewEmail.Trim()].Value;
        return RedirectToPage();
    }

    public async Task<IActionResult> OnPostPasswordAsync([Bind(Prefix = nameof(PasswordChange))] PasswordInput passwordChange, CancellationToken ct)
    {
        var user = await users.GetUserAsync(User);
        if (user is null) return Challenge();
        Load(user);
        if (!ModelState.IsValid) return Page();
        var result = await changes.ChangePasswordAsync(user, passwordChange.CurrentPassword, passwordChange.NewPassword, ct);
        if (!result.Succeeded)
        {
            foreach (var error in result.Errors)
                ModelState.AddModelError(error.Code == nameof(IdentityErrorDescriber.PasswordMismatch)
                    ? $"{nameof(PasswordChange)}.{nameof(passwordChange.CurrentPassword)}"
                    : $"{nameof(PasswordChange)}.{nameof(passwordChange.NewPassword)}", error.Description);
            return Page();
        }
        TempData["Flash"] = L["Your password was changed. Your other sessions were signed out."].Value;
        return RedirectToPage();
    }

    public async Task<IActionResult> OnPostSignOutEverywhereAsync()
    {
        var user = await users.GetUserAsync(User);
        if (user is null) return Challenge();
        await changes.SignOutEverywhereAsync(user);
        return LocalRedirect("/account/signin");
    }

    private void Load(User user) => CurrentEmail = user.Email ?? "";
}

public sealed class DetailsInput : PersonNameInput
{
    [StringLength(100, ErrorMessage = "Use at most {1} characters.")]
    [Display(Name = "Job title")]
    public string? JobTitle { get; set; }

    [Phone(ErrorMessage = "Enter a valid phone number.")]
    [StringLength(30, ErrorMessage = "Use at most {1} characters.")]
    [Display(Name = "Phone")]
    public string? Phone { get; set; }

    [Display(Name = "Language")]
    public string? Culture { get; set; }

    [Display(Name = "Time zone")]
    public string? TimeZone { get; set; }
}

public sealed class EmailInput
{
    [Required(ErrorMessage = "Enter your email address.")]
    [EmailAddress(ErrorMessage = "Enter a valid email address.")]
    [StringLength(254, ErrorMessage = "Use at most {1} characters.")]
    [Display(Name = "New email")]
    public string NewEmail { get; set; } = "";

    [Required(ErrorMessage = "Enter your password.")]
    [DataType(DataType.Password)]
    [Display(Name = "Current password")]
    public string Password { get; set; } = "";
}

public sealed class PasswordInput
{
    [Required(ErrorMessage = "Enter your password.")]
    [DataType(DataType.Password)]
    [Display(Name = "Current password")]
    public string CurrentPassword { get; set; } = "";

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
