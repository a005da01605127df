using Guichet.Web.Accounts;
using Guichet.Web.Data;
using Microsoft.EntityFrameworkCore;

namespace Guichet.Web.Tickets;

/// <summary>
/// Who is looking, with what <see cref="TicketAccess"/> needs to know: their groups if an agent,
/// the organizations whose requests they see if a customer.
/// </summary>
public sealed record Viewer(Guid UserId, bool IsAdmin, bool IsAgent, IReadOnlyList<int> GroupIds, IReadOnlyList<Guid> OrganizationIds)
{
    public bool IsStaff => IsAdmin || IsAgent;

    /// <summary>Writes and publishes knowledge base articles: admins, and agents given the editor role.</summary>
    public bool IsEditor { get; init; }

    /// <summary>Every organization the viewer belongs to, manager or not: what decides which articles they read.</summary>
    public IReadOnlyList<Guid> MemberOf { get; init; } = [];

    /// <summary>The one organization whose requests the viewer sees, when there is exactly one (the usual case).</summary>
    public Guid? SingleOrganizationId => OrganizationIds.Count == 1 ? OrganizationIds[0] : null;

    /// <summary>The viewer as this node holds them (see <see cref="NodeCache"/>: a change of role or membership is seen within a second).</summary>
    public static Task<Viewer> ForAsync(GuichetDbContext db, NodeCache cache, Guid userId, CancellationToken ct) =>
        cache.GetAsync(db, CacheStamp.People, (nameof(Viewer), userId), token => LoadAsync(db, userId, token), ct);

    private static async Task<Viewer> LoadAsync(GuichetDbContext db, Guid userId, CancellationToken ct)
    {
        // A deactivated account keeps its roles for the day it comes back; until its session ends (within a minute), it
        // is nobody's agent and no organization's manager.
        if (await db.Users.AnyAsync(u => u.Id == userId && u.DeactivatedAt != null, ct)) return new Viewer(userId, false, false, [], []);
        var roles = await db.UserRoles.Where(ur => ur.UserId == userId)
            .Join(db.Roles, ur => ur.RoleId, r => r.Id, (_, r) => r.Name).ToListAsync(ct);
        var isAdmin = roles.Contains(Roles.Admin);
        var isAgent = roles.Contains(Roles.Agent);
        var isEditor = isAdmin || (isAgent && roles.Contains(Roles.Editor));
        var groups = isAgent || isAdmin
            ? await db.Set<GroupMember>().Where(m => m.UserId == userId).Select(m => m.GroupId).ToListAsync(ct)
            : [];
        // Managers see their organization's requests; members too when the organization says so.
        var memberships = await db.OrganizationMemberships.Where(m => m.UserId == userId)
            .Select(m => new { m.OrganizationId, SeesAll = m.IsManager || m.Organization.MembersSeeEachOthersRequests }).ToListAsync(ct);
        var organizations = memberships.Where(m => m.SeesAll).Select(m => m.OrganizationId).ToList();
        return new Viewer(userId, isAdmin, isAgent, groups, organizations)
        {
            IsEditor = isEditor, MemberOf = memberships.ConvertAll(m => m.OrganizationId),
        };
    }
}
