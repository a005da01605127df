using Guichet.Web.Data;
using Guichet.Web.Tickets;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace Guichet.Web.Accounts;

/// <summary>
/// The support team's accounts as admins manage them: invited with a role and groups, changed, deactivated (their
/// tickets handed over in the same step) and reactivated. A refusal comes back as a sentence for the admin.
/// </summary>
public sealed class AgentAccounts(GuichetDbContext db, UserManager<User> users, AdminAccounts admins, AccountMail mail,
    EmailVerification verification, TicketCatalog catalog, TimeProvider time, IStringLocalizer<SharedResource> L, ILogger<AgentAccounts> log)
{
    public enum Role { Agent, Admin }

    /// <param name="IsEditor">Also writes and publishes knowledge base articles (<see cref="Roles.Editor"/>; admins always may).</param>
    public sealed record Invite(string Email, string FirstName, string LastName, Role Role, IReadOnlyList<int> GroupIds, string Culture,
        bool IsEditor = false);

    /// <summary>
    /// What an operation did: <see cref="Error"/> says why it did nothing (<see cref="About"/> names what was chosen wrong, when
    /// it is one choice: <c>handOverTo</c>); <see cref="Tickets"/>, how many tickets it moved; <see cref="UserId"/>, whom it invited.
    /// </summary>
    public sealed record Outcome(string? Error, int Tickets = 0, string? About = null, Guid? UserId = null)
    {
        public bool Succeeded => Error is null;
    }

    /// <summary>
    /// Makes the address an agent or admin and mails them a link to choose their password. Someone who already has an
    /// account (a customer who joins the team) keeps it and is told to sign in.
    /// </summary>
    public async Task<Outcome> InviteAsync(Invite request, User inviter, CancellationToken ct)
    {
        await admins.EnsureRolesAsync();
        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        var now = time.GetUtcNow();
        var (user, created) = await Invitations.FindOrCreateContactAsync(users, request.Email, request.FirstName, request.LastName, request.Culture, now);
        if (user is null) return Failed(created)!;
        if (user.IsDeactivated) return new(L["{0} belongs to a deactivated account: reactivate it from its page.", request.Email]);
        if (await IsStaffAsync(user)) return new(L["{0} is already in the support team.", request.Email]);

        if (Failed(await users.AddToRoleAsync(user, request.Role == Role.Admin ? Roles.Admin : Roles.Agent)) is { } failed) return failed;
        if (request.IsEditor && Failed(await users.AddToRoleAsync(user, Roles.Editor)) is { } editor) return editor;
        await SetGroupsAsync(user.Id, request.GroupIds, ct);
        db.Invitations.Add(new Invitation { Id = Guid.CreateVersion7(now), UserId = user.Id, InvitedById = inviter.Id, CreatedAt = now });
        mail.AgentInvitation(user, inviter.FullName, user.PasswordHash is null ? await verification.LinkAsync(user) : "/account/signin");
        await db.SaveChangesAsync(ct);
        await transaction.CommitAsync(ct);
        log.LogInformation("{InviterId} invited {UserId} into the support team as {Role}", inviter.Id, user.Id, request.Role);
        return new(null, UserId: user.Id);
    }

    /// <summary>A new link for someone who has not chosen their password yet (the first one lasts 3 days).</summary>
    public async Task<Outcome> ResendInvitationAsync(Guid userId, User inviter, CancellationToken ct)
    {
        var user = await FindStaffAsync(userId);
        if (user is null) return new(L["This person is not in the support team."]);
        if (user.IsDeactivated) return new(L["The account is deactivated: reactivate it first."]);
        if (user.PasswordHash is not null) return new(L["{0} has already opened their account.", user.Email!]);
        mail.AgentInvitation(user, inviter.FullName, await verification.LinkAsync(user));
        await db.SaveChangesAsync(ct);
        return new(null);
    }

    /// <summary>
    /// Sets the role, the groups and, unless <paramref name="isEditor"/> is null, whether they write knowledge base
    /// articles; the person's pages follow within a minute (their next session check).
    /// </summary>
    public async Task<Outcome> ChangeAsync(Guid userId, Role role, IReadOnlyList<int> groupIds, bool? isEditor, User actor, CancellationToken ct)
    {
        var user = await FindStaffAsync(userId);
        if (user is null) return new(L["This person is not in the support team."]);
        var isAdmin = await users.IsInRoleAsync(user, Roles.Admin);
        if (isAdmin && role == Role.Agent)
        {
            if (user.Id == actor.Id) return new(L["You cannot take away your own administration rights."]);
            if (!user.IsDeactivated && !await AnotherActiveAdminAsync(user.Id, ct)) return new(L["Guichet needs at least one active administrator."]);
        }
        if (isEditor == true) await admins.EnsureRolesAsync();   // a database older than the role
        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        var (keep, drop) = role == Role.Admin ? (Roles.Admin, Roles.Agent) : (Roles.Agent, Roles.Admin);
        if (await users.IsInRoleAsync(user, drop) && Failed(await users.RemoveFromRoleAsync(user, drop)) is { } removal) return removal;
        if (!await users.IsInRoleAsync(user, keep) && Failed(await users.AddToRoleAsync(user, keep)) is { } addition) return addition;
        if (isEditor is { } editor && editor != await users.IsInRoleAsync(user, Roles.Editor)
            && Failed(editor ? await users.AddToRoleAsync(user, Roles.Editor) : await users.RemoveFromRoleAsync(user, Roles.Editor)) is { } editing)
            return editing;
        await SetGroupsAsync(user.Id, groupIds, ct);
        await db.SaveChangesAsync(ct);
        await transaction.CommitAsync(ct);
        return new(null);
    }

    /// <summary>
    /// Ends the account's sign-ins, sessions (at their next check, within a minute) and access tokens, and in the same
    /// step hands the tickets it still had to work (all but closed and cancelled ones) to another agent or back to
    /// their group's queue, each with its event. Nothing the person wrote or did is removed.
    /// </summary>
    public async Task<Outcome> DeactivateAsync(Guid userId, Guid? handOverTo, User actor, CancellationToken ct)
    {
        var user = await FindStaffAsync(userId);
        if (user is null) return new(L["This person is not in the support team."]);
        if (user.IsDeactivated) return new(null);
        if (user.Id == actor.Id) return new(L["You cannot deactivate your own account."]);
        if (await users.IsInRoleAsync(user, Roles.Admin) && !await AnotherActiveAdminAsync(user.Id, ct))
            return new(L["Guichet needs at least one active administrator."]);
        if (handOverTo is { } to && (to == user.Id || !await MayBeGivenTicketsAsync(db, to, actor.Id, time.GetUtcNow(), ct)))
            return new(L["Choose an active member of the team, not out of office, to hand the tickets to."], About: "handOverTo");

        var owned = (await catalog.GetAsync(ct)).StatusesNeedingAnOwner;
        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        var now = time.GetUtcNow();
        user.DeactivatedAt = now;
        // Saves the user (or says that someone changed it meanwhile); ends the sessions at their next check.
        if (Failed(await users.UpdateSecurityStampAsync(user)) is { } failed) return failed;
        // Revoked, not only refused while deactivated: coming back does not bring old tokens back to life.
        foreach (var token in await db.PersonalAccessTokens.Where(t => t.UserId == user.Id && t.RevokedAt == null).ToListAsync(ct)) token.Revoke(now);
        await db.SaveChangesAsync(ct);
        var moved = await db.ChangeEachAsync(db.Tickets.Where(t => t.AssigneeId == user.Id && owned.Contains(t.StatusId)),
            ticket => ticket.Assign(handOverTo, actor.Id, now), ct);
        await transaction.CommitAsync(ct);
        log.LogInformation("{ActorId} deactivated {UserId}; {Count} tickets handed to {To}", actor.Id, user.Id, moved, handOverTo);
        return new(null, moved);
    }

    public async Task<Outcome> ReactivateAsync(Guid userId, User actor, CancellationToken ct)
    {
        var user = await FindStaffAsync(userId);
        if (user is null) return new(L["This person is not in the support team."]);
        user.DeactivatedAt = null;
        if (Failed(await users.UpdateAsync(user)) is { } failed) return failed;
        log.LogInformation("{ActorId} reactivated {UserId}", actor.Id, user.Id);
        return new(null);
    }

    /// <summary>Identity's refusal (someone changed the account at the same moment, mostly) as this class says it.</summary>
    private Outcome? Failed(IdentityResult result) =>
        result.Succeeded ? null : new(string.Join(" ", result.Errors.Select(e => e.Description)));

    /// <summary>How many tickets each member of the team still has to handle (<see cref="Status.NeedsAnOwner"/>).</summary>
    public async Task<Dictionary<Guid, int>> OwnedCountsAsync(CancellationToken ct)
    {
        var owned = (await catalog.GetAsync(ct)).StatusesNeedingAnOwner;
        return await db.Tickets.Where(t => t.AssigneeId != null && owned.Contains(t.StatusId))
            .GroupBy(t => t.AssigneeId!.Value).Select(g => new { g.Key, Count = g.Count() })
            .ToDictionaryAsync(x => x.Key, x => x.Count, ct);
    }

    /// <summary>The people who may be given tickets: agents and admins whose account is active.</summary>
    public static IQueryable<User> ActiveStaff(GuichetDbContext db) => Staff(db).Where(u => u.DeactivatedAt == null);

    /// <summary>
    /// Whether <paramref name="by"/> may give this person tickets: on a page, in bulk, through the API, in a hand-over. They
    /// must be in the active team (<see cref="ActiveStaff"/>) and, unless they take it themselves, not out of office.
    /// </summary>
    public static Task<bool> MayBeGivenTicketsAsync(GuichetDbContext db, Guid userId, Guid by, DateTimeOffset now, CancellationToken ct) =>
        Assignable(db, by, now).AnyAsync(u => u.Id == userId, ct);

    /// <summary>Those <paramref name="by"/> may give tickets to (<see cref="MayBeGivenTicketsAsync"/>): the menus of assignees offer them.</summary>
    public static IQueryable<User> Assignable(GuichetDbContext db, Guid by, DateTimeOffset now) =>
        ActiveStaff(db).Where(u => u.Id == by || !AgentProfile.AwayAt(db, now).Contains(u.Id));

    /// <summary>A member of the team as the lists and menus of agents name them.</summary>
    public sealed record Person(Guid Id, string Name);

    /// <summary>These people by name (else their address), in alphabetical order: the agents' lists and menus.</summary>
    public static async Task<List<Person>> NamedAsync(IQueryable<User> people, CancellationToken ct) =>
        (await people.AsNoTracking().Select(u => new { u.Id, u.FirstName, u.LastName, u.Email }).ToListAsync(ct))
            .Select(u => new Person(u.Id, PersonName.Of(u.FirstName, u.LastName, u.Email)))
            .OrderBy(p => p.Name, StringComparer.CurrentCultureIgnoreCase).ToList();

    /// <summary>
    /// Agents and admins, active or not: found from their roles' rows, a few, rather than by testing every account
    /// (bench, 20,000 accounts: 4.4 ms for each queue page).
    /// </summary>
    public static IQueryable<User> Staff(GuichetDbContext db) => InRoles(db, Roles.Agent, Roles.Admin);

    /// <summary>Admins, active or not.</summary>
    public static IQueryable<User> Admins(GuichetDbContext db) => InRoles(db, Roles.Admin);

    private static IQueryable<User> InRoles(GuichetDbContext db, params string[] roles)
    {
        var members = db.UserRoles.Where(ur => db.Roles.Any(r => r.Id == ur.RoleId && roles.Contains(r.Name))).Select(ur => ur.UserId);
        return db.Users.Where(u => members.Contains(u.Id));
    }

    private Task<User?> FindStaffAsync(Guid userId) => Staff(db).SingleOrDefaultAsync(u => u.Id == userId);

    private Task<bool> IsStaffAsync(User user) => Staff(db).AnyAsync(u => u.Id == user.Id);

    private Task<bool> AnotherActiveAdminAsync(Guid userId, CancellationToken ct) =>
        Admins(db).AnyAsync(u => u.Id != userId && u.DeactivatedAt == null, ct);

    /// <summary>The person's groups become exactly these (ids that name no group are ignored).</summary>
    private async Task SetGroupsAsync(Guid userId, IReadOnlyList<int> groupIds, CancellationToken ct)
    {
        var wanted = await db.Groups.Where(g => groupIds.Contains(g.Id)).Select(g => g.Id).ToListAsync(ct);
        var members = db.Set<GroupMember>();
        var current = await members.Where(m => m.UserId == userId).ToListAsync(ct);
        members.RemoveRange(current.Where(m => !wanted.Contains(m.GroupId)));
        members.AddRange(wanted.Where(id => current.All(m => m.GroupId != id)).Select(id => new GroupMember { GroupId = id, UserId = userId }));
    }
}
