using Guichet.Web.Data;
using Guichet.Web.Search;
using Microsoft.EntityFrameworkCore;

namespace Guichet.Web.Tickets;

/// <summary>
/// How many tickets an organization has in one status, kept by the database itself: triggers on
/// <c>Tickets</c> change it in the same transaction as each insert, delete, and change of organization
/// or status (migration <c>OrganizationTicketCounts</c>, one per provider), so no code path, bulk
/// update or other node can leave it behind. Only the database writes it.
/// </summary>
public sealed class OrganizationTicketCount
{
    public Guid OrganizationId { get; private init; }
    public int StatusId { get; private init; }
    public int Count { get; private init; }

    /// <summary>
    /// The number of tickets in a list that is exactly "these organizations' tickets, in these statuses or all",
    /// read from the kept counts; <c>null</c> for any other list, which counts its rows. An organization's list
    /// counted its 10,000 requests on every page: a third of the page's CPU (bench).
    /// </summary>
    public static async Task<int?> TryCountAsync(GuichetDbContext db, Viewer viewer, TicketListQuery query, CancellationToken ct)
    {
        if (TicketAccess.OrganizationsOfScope(viewer, query.Scope) is not { } organizations
            || !query.FiltersOnlyByStatus || !SearchQuery.Parse(query.Q).IsEmpty) return null;
        var statuses = query.Status;
        var counts = db.Set<OrganizationTicketCount>().AsNoTracking();
        // One organization as an equality, as TicketAccess does: one statement text for every viewer. Captured as a
        // local of the column's type: a Guid? against this Guid column made EF compile a delegate on every execution.
        if (organizations.Count == 1)
        {
            var organization = organizations[0];
            counts = counts.Where(c => c.OrganizationId == organization);
        }
        else counts = counts.Where(c => organizations.Contains(c.OrganizationId));
        if (statuses.Count > 0) counts = counts.Where(c => statuses.Contains(c.StatusId));
        return await counts.SumAsync(c => c.Count, ct);
    }
}
