using Guichet.Web.Data;
using Guichet.Web.Tickets;

namespace Guichet.Web.Search;

/// <summary>
/// Full-text search over tickets, for every list that has a search box:
/// <code>
/// var found = search.Filter(db.Tickets, q, viewer)          // visible to the viewer, matching q
///     .Where(t => t.StatusId == status)                    // any further filter, sort, page, count
///     .OrderByDescending(t => t.LastActivityAt).Skip(skip).Take(25);
/// </code>
/// Customers search the number, subject, description and public replies of the tickets they may
/// see; agents and admins search internal notes too.
/// </summary>
public sealed class TicketSearch(GuichetDbContext db)
{
    /// <summary>
    /// The tickets of <paramref name="tickets"/> (a query on this scope's DbContext) that
    /// <paramref name="viewer"/> may see and, when <paramref name="query"/> has words, that match
    /// it. The visibility rule is applied here, so callers need not (but may) apply it first.
    /// An empty or blank query only applies the visibility rule.
    /// </summary>
    public IQueryable<Ticket> Filter(IQueryable<Ticket> tickets, string? query, Viewer viewer)
    {
        var visible = tickets.VisibleTo(viewer);
        var parsed = SearchQuery.Parse(query);
        if (parsed.IsEmpty) return visible;
        // The scope tokens make the engine do the narrowing; VisibleTo stays the rule that decides.
        var numbers = ISearchEngine.For(db).Matching(db, parsed, ScopeTokens.For(viewer), withNotes: viewer.IsStaff);
        return visible.Where(t => numbers.Contains(t.Number));
    }
}
