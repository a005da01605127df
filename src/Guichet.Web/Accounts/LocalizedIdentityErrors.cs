using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Localization;

namespace Guichet.Web.Accounts;

/// <summary>Identity's error messages in the user's language. Only those our forms can meet are overridden.</summary>
internal sealed class LocalizedIdentityErrors(IStringLocalizer<SharedResource> L) : IdentityErrorDescriber
{
    public override IdentityError PasswordTooShort(int length) =>
        new() { Code = nameof(PasswordTooShort), Description = L["Use at least {0} characters.", length] };

    public override IdentityError PasswordRequiresUniqueChars(int uniqueChars) =>
        new() { Code = nameof(PasswordRequiresUniqueChars), Description = L["Use at least {0} different characters.", uniqueChars] };

    public override IdentityError PasswordMismatch() =>
        new() { Code = nameof(PasswordMismatch), Description = L["The current password is not right."] };

    public override IdentityError InvalidToken() =>
        new() { Code = nameof(InvalidToken), Description = L["This link has expired or was already used. Ask for a new one."] };

    public override IdentityError DuplicateEmail(string email) =>
        new() { Code = nameof(DuplicateEmail), Description = L["This address cannot be used. Choose another one."] };

    public override IdentityError DuplicateUserName(string userName) =>
        new() { Code = nameof(DuplicateUserName), Description = L["This address cannot be used. Choose another one."] };

    public override IdentityError InvalidEmail(string? email) =>
        new() { Code = nameof(InvalidEmail), Description = L["Enter a valid email address."] };

    public override IdentityError InvalidUserName(string? userName) =>
        new() { Code = nameof(InvalidUserName), Description = L["Enter a valid email address."] };

    public override IdentityError UserAlreadyHasPassword() =>
        new() { Code = nameof(UserAlreadyHasPassword), Description = L["This account already has a password. Sign in instead."] };

    public override IdentityError DefaultError() =>
        new() { Code = nameof(DefaultError), Description = L["Something went wrong. Please try again."] };

    public override IdentityError ConcurrencyFailure() =>
        new() { Code = nameof(ConcurrencyFailure), Description = L["Something went wrong. Please try again."] };
}
