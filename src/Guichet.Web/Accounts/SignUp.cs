using Guichet.Web.Data;
using Guichet.Web.Organizations;
using Guichet.Web.Portal;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;

namespace Guichet.Web.Accounts;

/// <summary>
/// A sign-up request. Whatever the address, the visitor sees the same answer ("check your
/// inbox"); what differs is the mail: a verification link, a reminder that an account
/// exists, or a polite refusal. So the page never tells whether an address is known.
/// </summary>
public sealed class SignUp(GuichetDbContext db, UserManager<User> users, AccountMail mail, EmailVerification verification,
    DomainMembership domains, TimeProvider time, ILogger<SignUp> log)
{
    public async Task<SignUpPolicy> PolicyAsync(CancellationToken ct) =>
        (await db.PortalSettings.AsNoTracking().SingleAsync(ct)).SignUpPolicy;

    /// <returns>False only when sign-up is by invitation, which the page says before anyone types.</returns>
    public async Task<bool> RequestAsync(string email, string firstName, string lastName, string culture, CancellationToken ct)
    {
        var policy = await PolicyAsync(ct);
        if (policy == SignUpPolicy.InvitationOnly) return false;

        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        var user = await users.FindByEmailAsync(email);
        if (user is { PasswordHash: not null })
        {
            mail.AlreadyRegistered(user);
            log.LogInformation("Sign-up for an existing account {UserId}: reminder sent", user.Id);
        }
        else if (user is not null)
        {
            // A contact support already knows (created by an agent, an invitation, a mail).
            if (string.IsNullOrWhiteSpace(user.FirstName)) user.FirstName = firstName.Trim();
            if (string.IsNullOrWhiteSpace(user.LastName)) user.LastName = lastName.Trim();
            user.Culture ??= culture;
            await users.UpdateAsync(user);
            mail.Verification(user, await verification.LinkAsync(user));
            log.LogInformation("Sign-up of known contact {UserId}: verification sent", user.Id);
        }
        else if (policy == SignUpPolicy.Open || await domains.OrganizationForAsync(email, ct) is not null)
        {
            user = User.NewContact(email, firstName, lastName, time.GetUtcNow());
            user.Culture = culture;
            var created = await users.CreateAsync(user);
            if (!created.Succeeded)
            {
                // Only a malformed address gets here: the form has validated it already.
                log.LogWarning("Sign-up refused by Identity: {Errors}", string.Join(", ", created.Errors.Select(e => e.Code)));
                return true;
            }
            mail.Verification(user, await verification.LinkAsync(user));
            log.LogInformation("Sign-up of new contact {UserId}: verification sent", user.Id);
        }
        else
        {
            mail.SignUpRefused(email.Trim(), culture);
            log.LogInformation("Sign-up refused by policy {Policy}", policy);
        }
        await db.SaveChangesAsync(ct);
        await transaction.CommitAsync(ct);
        return true;
    }
}
