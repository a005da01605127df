using Guichet.Web.Data;
using Microsoft.EntityFrameworkCore;

namespace Guichet.Web.Organizations;

public static class MembershipQueries
{
    /// <summary>The organizations a user belongs to, by name, as this node holds them (<see cref="NodeCache"/>).</summary>
    public static Task<List<(Guid Id, string Name)>> MembershipsOfAsync(this GuichetDbContext db, NodeCache cache, Guid userId, CancellationToken ct) =>
        cache.GetAsync(db, CacheStamp.People, ("memberships", userId), async token =>
            (await db.OrganizationMemberships.AsNoTracking().Where(m => m.UserId == userId)
                .Select(m => new { m.OrganizationId, m.Organization.Name }).ToListAsync(token))
            .Select(m => (m.OrganizationId, m.Name)).OrderBy(m => m.Name, StringComparer.Ordinal).ToList(), ct);

    /// <summary>The names of the organizations a user belongs to, as the header shows them.</summary>
    public static async Task<List<string>> OrganizationNamesOfAsync(this GuichetDbContext db, NodeCache cache, Guid userId, CancellationToken ct) =>
        [.. (await db.MembershipsOfAsync(cache, userId, ct)).Select(m => m.Name)];
}
