using Guichet.Web.Data;
using Microsoft.AspNetCore.Identity;

namespace Guichet.Web.Accounts;

/// <summary>What a signed-in person changes about their own account, with the mail each change owes them.</summary>
public sealed class ProfileChanges(GuichetDbContext db, UserManager<User> users, SignInManager<User> signIn, AccountMail mail,
    ILogger<ProfileChanges> log)
{
    /// <summary>Mails a confirmation link to the new address; the address changes only when it is followed.</summary>
    /// <returns>False when the password is wrong. An address already in use gets no mail, and the caller says the same as for any other.</returns>
    public async Task<bool> RequestEmailChangeAsync(User user, string newEmail, string password, CancellationToken ct)
    {
        if (!await users.CheckPasswordAsync(user, password)) return false;
        if (await users.FindByEmailAsync(newEmail) is null)
        {
            var token = await users.GenerateChangeEmailTokenAsync(user, newEmail);
            mail.EmailChangeRequested(user, newEmail,
                $"/account/confirm-email?user={user.Id}&email={Uri.EscapeDataString(newEmail)}&token={Uri.EscapeDataString(token)}");
            await db.SaveChangesAsync(ct);
        }
        log.LogInformation("Email change asked by {UserId}", user.Id);
        return true;
    }

    public async Task<IdentityResult> ConfirmEmailChangeAsync(User user, string newEmail, string token, CancellationToken ct)
    {
        var oldEmail = user.Email!;
        var changed = await users.ChangeEmailAsync(user, newEmail, token);
        if (!changed.Succeeded) return changed;
        var renamed = await users.SetUserNameAsync(user, newEmail);
        if (!renamed.Succeeded) return renamed;
        mail.EmailChanged(user, oldEmail);
        await db.SaveChangesAsync(ct);
        await signIn.RefreshSignInAsync(user);
        log.LogInformation("Email changed for {UserId}", user.Id);
        return IdentityResult.Success;
    }

    public async Task<IdentityResult> ChangePasswordAsync(User user, string current, string next, CancellationToken ct)
    {
        var result = await users.ChangePasswordAsync(user, current, next);
        if (!result.Succeeded) return result;
        // The new security stamp ends the other sessions; this one gets a fresh cookie.
        mail.PasswordChanged(user);
        await db.SaveChangesAsync(ct);
        await signIn.RefreshSignInAsync(user);
        return result;
    }

    public async Task SignOutEverywhereAsync(User user)
    {
        await users.UpdateSecurityStampAsync(user);
        await signIn.SignOutAsync();
        log.LogInformation("{UserId} signed out everywhere", user.Id);
    }
}
