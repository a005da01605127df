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
public sealed class SignUp(GuichetDbContext db, NodeCache cache, UserManager<User> users, AccountMail mail, EmailVerification verification,
    DomainMembership domains, TimeProvider time, ILogger<SignUp> log)
{
    /// <summary>What the sign-up policy says about an address (<see cref="AdmitAsync"/>).</summary>
    public enum Outcome
    {
        /// <summary>The policy does not let this address in; nothing was created.</summary>
        Refused,

        /// <summary>The address has an account with a password: the person signs in.</summary>
        HasAccount,

        /// <summary>A contact without a password (known before, or created now): the person proves the address and chooses one.</summary>
        MayVerify,

        /// <summary>Identity would not take the address (the form validates it first): no mail can go there.</summary>
        Unusable,
    }

    public sealed record Admission(Outcome Outcome, User? User);

    /// <summary>From the node's cache: every anonymous page asks (may a guest open a request?), an admin rarely changes it.</summary>
    public async Task<SignUpPolicy> PolicyAsync(CancellationToken ct) =>
        (await PortalSettings.CurrentAsync(db, cache, ct)).SignUpPolicy;

    /// <returns>False only when sign-up is by invitation, which the page says before anyone types.</returns>
    public async Task<bool> RequestAsync(string email, string firstName, string lastName, string culture, CancellationToken ct)
    {
        if (await PolicyAsync(ct) == SignUpPolicy.InvitationOnly) return false;

        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        var admission = await AdmitAsync(email, firstName, lastName, culture, ct);
        switch (admission)
        {
            case { Outcome: Outcome.HasAccount, User: { } user }:
                mail.AlreadyRegistered(user);
                log.LogInformation("Sign-up for an existing account {UserId}: reminder sent", user.Id);
                break;
            case { Outcome: Outcome.MayVerify, User: { } user }:
                mail.Verification(user, await verification.LinkAsync(user));
                log.LogInformation("Sign-up of contact {UserId}: verification sent", user.Id);
                break;
            case { Outcome: Outcome.Refused }:
                mail.SignUpRefused(email.Trim(), culture);
                break;
        }
        await db.SaveChangesAsync(ct);
        await transaction.CommitAsync(ct);
        return true;
    }

    /// <summary>
    /// The sign-up policy applied to an address: the one rule for the sign-up page and for a guest's
    /// request (<see cref="Portal.GuestRequests"/>). A contact support already knows gets the names
    /// typed when they had none; an unknown address the policy accepts becomes a contact without a
    /// password. The caller mails the person and saves, in its own transaction.
    /// </summary>
    public async Task<Admission> AdmitAsync(string email, string firstName, string lastName, string culture, CancellationToken ct)
    {
        var policy = await PolicyAsync(ct);
        if (policy == SignUpPolicy.InvitationOnly) return new(Outcome.Refused, null);

        var user = await users.FindByEmailAsync(email);
        if (user is { PasswordHash: not null }) return new(Outcome.HasAccount, user);
        if (user is not null)
        {
            // A contact support already knows (created by an agent, an invitation, a mail).
            if (string.IsNullOrWhiteSpace(user.FirstName)) user.FirstName = firstName.Trim();
            if (string.IsNullOrWhiteSpace(user.LastName)) user.LastName = lastName.Trim();
            user.Culture ??= culture;
            await users.UpdateAsync(user);
            return new(Outcome.MayVerify, user);
        }
        if (policy == SignUpPolicy.Open || await domains.OrganizationForAsync(email, ct) is not null)
        {
            user = User.NewContact(email, firstName, lastName, time.GetUtcNow());
            user.Culture = culture;
            var created = await users.CreateAsync(user);
            if (created.Succeeded) return new(Outcome.MayVerify, user);
            // Only a malformed address gets here: the form has validated it already.
            log.LogWarning("Sign-up refused by Identity: {Errors}", string.Join(", ", created.Errors.Select(e => e.Code)));
            return new(Outcome.Unusable, null);
        }
        log.LogInformation("Address refused by sign-up policy {Policy}", policy);
        return new(Outcome.Refused, null);
    }
}
