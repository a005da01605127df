using Guichet.Web.Data;
using Guichet.Web.Organizations;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;

namespace Guichet.Web.Accounts;

/// <summary>An agent or admin invites a contact, into an organization or not.</summary>
public sealed class Invitations(GuichetDbContext db, UserManager<User> users, AccountMail mail, EmailVerification verification,
    TimeProvider time, ILogger<Invitations> log)
{
    public sealed record Request(string Email, string FirstName, string LastName, Guid? OrganizationId, bool AsManager, string Culture);

    public async Task<IdentityResult> InviteAsync(Request request, User inviter, CancellationToken ct)
    {
        var organization = request.OrganizationId is { } orgId
            ? await db.Organizations.SingleOrDefaultAsync(o => o.Id == orgId, ct)
            : null;

        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        var now = time.GetUtcNow();
        var (user, created) = await FindOrCreateContactAsync(users, request.Email, request.FirstName, request.LastName, request.Culture, now);
        if (user is null) return created;
        if (organization is not null)
        {
            var membership = await db.OrganizationMemberships.SingleOrDefaultAsync(m => m.OrganizationId == organization.Id && m.UserId == user.Id, ct);
            if (membership is null)
                db.OrganizationMemberships.Add(new OrganizationMembership { OrganizationId = organization.Id, UserId = user.Id, IsManager = request.AsManager });
            else
                membership.IsManager |= request.AsManager;
        }
        db.Invitations.Add(new Invitation
        {
            Id = Guid.CreateVersion7(now),
            UserId = user.Id,
            OrganizationId = organization?.Id,
            InvitedById = inviter.Id,
            CreatedAt = now,
        });

        // Someone who already has a password only needs to sign in to see the organization.
        var link = user.PasswordHash is null ? await verification.LinkAsync(user) : "/account/signin";
        mail.Invitation(user, inviter.FullName, organization?.Name, link);
        await db.SaveChangesAsync(ct);
        await transaction.CommitAsync(ct);
        log.LogInformation("{InviterId} invited {UserId} into {OrganizationId}", inviter.Id, user.Id, organization?.Id);
        return IdentityResult.Success;
    }

    /// <summary>
    /// The account of an invited address: the one it has, or a new contact in the invitation's language, without a
    /// password until the person opens it. Null with Identity's reasons when it cannot be made.
    /// </summary>
    internal static async Task<(User? User, IdentityResult Result)> FindOrCreateContactAsync(UserManager<User> users, string email,
        string firstName, string lastName, string culture, DateTimeOffset now)
    {
        if (await users.FindByEmailAsync(email) is { } existing) return (existing, IdentityResult.Success);
        var user = User.NewContact(email, firstName, lastName, now);
        user.Culture = culture;
        var created = await users.CreateAsync(user);
        return (created.Succeeded ? user : null, created);
    }
}
