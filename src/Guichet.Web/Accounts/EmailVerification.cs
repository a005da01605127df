using Guichet.Web.Data;
using Guichet.Web.Organizations;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace Guichet.Web.Accounts;

/// <summary>
/// The link in a verification or invitation mail: it proves the address and lets the person
/// choose a password; then they join their organization and are signed in.
/// </summary>
public sealed class EmailVerification(GuichetDbContext db, UserManager<User> users, SignInManager<User> signIn,
    DomainMembership domains, TimeProvider time, IStringLocalizer<SharedResource> L)
{
    public async Task<string> LinkAsync(User user)
    {
        var token = await users.GenerateEmailConfirmationTokenAsync(user);
        return $"/account/verify?user={user.Id}&token={Uri.EscapeDataString(token)}";
    }

    /// <summary>The user the link is for, when the link is still good.</summary>
    public async Task<User?> FindAsync(Guid userId, string? token)
    {
        if (string.IsNullOrEmpty(token)) return null;
        var user = await users.FindByIdAsync(userId.ToString());
        if (user is null) return null;
        var valid = await users.VerifyUserTokenAsync(user, users.Options.Tokens.EmailConfirmationTokenProvider,
            UserManager<User>.ConfirmEmailTokenPurpose, token);
        return valid ? user : null;
    }

    /// <summary>Confirms the address, sets the first password (when there is none yet) and signs in.</summary>
    public async Task<IdentityResult> CompleteAsync(User user, string token, string? password, CancellationToken ct)
    {
        // Confirm first: it leaves the security stamp alone, so the link still works if the
        // password below is refused and the person tries another one.
        var confirmed = await users.ConfirmEmailAsync(user, token);
        if (!confirmed.Succeeded) return confirmed;
        return await OpenAccountAsync(user, password, ct);
    }

    /// <summary>
    /// What follows the proof of an address, whichever link brought it (this class's, or the link of a
    /// guest's request, Portal/GuestRequests): the address is confirmed, the first password set (when
    /// there is none yet), pending invitations accepted, the organization of the address's domain
    /// joined, and the person signed in.
    /// </summary>
    public async Task<IdentityResult> OpenAccountAsync(User user, string? password, CancellationToken ct)
    {
        if (user.IsDeactivated) return IdentityResult.Failed(new IdentityError { Code = "Deactivated", Description = L["This account is deactivated."] });
        if (user.PasswordHash is null)
        {
            if (string.IsNullOrEmpty(password)) return IdentityResult.Failed(users.ErrorDescriber.PasswordTooShort(users.Options.Password.RequiredLength));
            var added = await users.AddPasswordAsync(user, password);
            if (!added.Succeeded) return added;
        }

        user.EmailConfirmed = true;
        var now = time.GetUtcNow();
        foreach (var invitation in await db.Invitations.Where(i => i.UserId == user.Id && i.AcceptedAt == null).ToListAsync(ct))
            invitation.Accept(now);
        await domains.JoinAsync(user, ct);
        await db.SaveChangesAsync(ct);
        await signIn.SignInAsync(user, isPersistent: false);
        return IdentityResult.Success;
    }
}
