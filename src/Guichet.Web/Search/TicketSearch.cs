using Guichet.Web.Data;
using Guichet.Web.Tickets;
using Microsoft.EntityFrameworkCore;

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
    /// An empty or blank query only applies the visibility rule. <paramref name="asYouType"/>: the
    /// last word is a prefix (suggestions while someone types; see <see cref="SearchQuery"/>).
    /// </summary>
    public IQueryable<Ticket> Filter(IQueryable<Ticket> tickets, string? query, Viewer viewer, bool asYouType = false)
    {
        var visible = tickets.VisibleTo(viewer);
        var parsed = SearchQuery.Parse(query, asYouType);
        if (parsed.IsEmpty) return visible;
        // The scope tokens make the engine do the narrowing; VisibleTo stays the rule that decides.
        var numbers = ISearchEngine.For(db).Matching(db, parsed, ScopeTokens.For(viewer), withNotes: viewer.IsStaff);
        return visible.Where(t => numbers.Contains(t.Number));
    }

    /// <summary>Beyond this many matches, a list's search runs in each of its statements (see <see cref="FilterForListAsync"/>).</summary>
    public const int MaxPrefetched = 2000;

    /// <summary>
    /// <see cref="Filter"/> narrowed to a list's scope (<see cref="TicketAccess.VisibleTo(IQueryable{Ticket}, Viewer, string?)"/>),
    /// for a list that shows a count and a page. When the matches are few, they are looked up once, here, and the
    /// statements that follow take their numbers instead of running the full-text search again each (bench, 1M
    /// tickets: the search is 2 ms of the 4 ms that each statement took); <see cref="ListMatches.Few"/> says so.
    /// </summary>
    public async Task<ListMatches> FilterForListAsync(IQueryable<Ticket> tickets, string? query, Viewer viewer, string? scope, CancellationToken ct)
    {
        var visible = tickets.VisibleTo(viewer, scope);
        var parsed = SearchQuery.Parse(query);
        if (parsed.IsEmpty) return new(visible, Few: false);
        var matching = ISearchEngine.For(db).Matching(db, parsed, ScopeTokens.For(viewer), withNotes: viewer.IsStaff);
        var numbers = await matching.Take(MaxPrefetched + 1).ToListAsync(ct);
        // One parameter (a JSON array on SQLite, an array on PostgreSQL) rather than one per number:
        // the same statement text whatever the count, less for EF to process and SQLite to prepare.
        return numbers.Count > MaxPrefetched
            ? new(visible.Where(t => matching.Contains(t.Number)), Few: false)
            : new(visible.Where(t => EF.Parameter(numbers).Contains(t.Number)), Few: true);
    }

    /// <summary>The tickets a list shows; <paramref name="Few"/>: at most <see cref="MaxPrefetched"/>, known by their numbers.</summary>
    public sealed record ListMatches(IQueryable<Ticket> Tickets, bool Few);
}
