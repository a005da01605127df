using Guichet.Web.Data;
using Guichet.Web.Portal;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;

namespace Guichet.Web.Accounts;

/// <summary>Password reset by a short code or a link, both from one mail, valid 15 minutes, used once.</summary>
public sealed class PasswordReset(GuichetDbContext db, UserManager<User> users, SignInManager<User> signIn, AccountMail mail,
    TimeProvider time, ILogger<PasswordReset> log)
{
    /// <summary>More requests than this in an hour for one account send nothing more (a mailbox is not a target).</summary>
    private const int MaxCodesPerHour = 5;

    public enum Outcome { Done, InvalidCode, InvalidPassword }

    /// <summary>Sends a code when the address may reset; the caller shows the same answer either way.</summary>
    public async Task RequestAsync(string email, CancellationToken ct)
    {
        var user = await users.FindByEmailAsync(email);
        if (user is null || !await MayResetAsync(user, ct))
        {
            log.LogInformation("Password reset asked for an address that may not reset");
            return;
        }
        var now = time.GetUtcNow();
        if (await db.PasswordResetCodes.CountAsync(c => c.UserId == user.Id && c.CreatedAt > now.AddHours(-1), ct) >= MaxCodesPerHour)
        {
            log.LogWarning("Password reset for {UserId}: hourly limit reached, no mail", user.Id);
            return;
        }
        var (row, code, token) = PasswordResetCode.Create(user.Id, now);
        db.PasswordResetCodes.Add(row);
        mail.ResetCode(user, code, $"/account/reset?email={Uri.EscapeDataString(user.Email!)}&token={token}");
        await db.SaveChangesAsync(ct);
        log.LogInformation("Password reset code sent to {UserId}", user.Id);
    }

    public async Task<(Outcome Outcome, IEnumerable<IdentityError> Errors)> ResetAsync(string email, string codeOrToken, string newPassword, CancellationToken ct)
    {
        var user = await users.FindByEmailAsync(email);
        if (user is null || user.IsDeactivated) return (Outcome.InvalidCode, []);

        var now = time.GetUtcNow();
        var candidates = await db.PasswordResetCodes
            .Where(c => c.UserId == user.Id && c.UsedAt == null && c.ExpiresAt > now && c.FailedAttempts < PasswordResetCode.MaxAttempts)
            .OrderByDescending(c => c.CreatedAt).ToListAsync(ct);
        var match = candidates.FirstOrDefault(c => c.Matches(codeOrToken));
        if (match is null)
        {
            await db.SaveChangesAsync(ct);   // keeps the failed attempts
            return (Outcome.InvalidCode, []);
        }

        var resetToken = await users.GeneratePasswordResetTokenAsync(user);
        var result = await users.ResetPasswordAsync(user, resetToken, newPassword);
        if (!result.Succeeded)
        {
            // The code stays good: the person only has to pick a better password.
            return (Outcome.InvalidPassword, result.Errors);
        }

        // ResetPasswordAsync changed the security stamp: every other session ends at its next check.
        match.MarkUsed(now);
        user.EmailConfirmed = true;      // the code came to this mailbox
        await users.SetLockoutEndDateAsync(user, null);
        await users.ResetAccessFailedCountAsync(user);
        mail.PasswordChanged(user);
        await db.SaveChangesAsync(ct);
        await signIn.SignInAsync(user, isPersistent: false);
        log.LogInformation("Password reset done for {UserId}", user.Id);
        return (Outcome.Done, []);
    }

    /// <summary>
    /// A contact without a password may reset (and so open an account) only where they could sign up; a deactivated
    /// account never (a reset would lift its lockout and sign it in).
    /// </summary>
    private async Task<bool> MayResetAsync(User user, CancellationToken ct)
    {
        if (user.IsDeactivated) return false;
        if (user.PasswordHash is not null) return true;
        var policy = (await db.PortalSettings.AsNoTracking().SingleAsync(ct)).SignUpPolicy;
        return policy != SignUpPolicy.InvitationOnly || await db.Invitations.AnyAsync(i => i.UserId == user.Id, ct);
    }
}
