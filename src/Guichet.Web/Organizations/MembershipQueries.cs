using Guichet.Web.Data;
using Microsoft.EntityFrameworkCore;

namespace Guichet.Web.Organizations;

public static class MembershipQueries
{
    /// <summary>The names of the organizations a user belongs to, as the header shows them.</summary>
    public static Task<List<string>> OrganizationNamesOfAsync(this GuichetDbContext db, NodeCache cache, Guid userId, CancellationToken ct) =>
        cache.GetAsync(db, CacheStamp.People, ("organization names", userId), token =>
            db.OrganizationMemberships.Where(m => m.UserId == userId).Select(m => m.Organization.Name).OrderBy(n => n).ToListAsync(token), ct);
}
