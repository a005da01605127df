using Guichet.Web.Data;
using Microsoft.EntityFrameworkCore;

namespace Guichet.Web.Search;

/// <summary>
/// The database's own full-text engine behind the search: SQLite FTS5 or PostgreSQL tsvector.
/// The index is raw SQL outside the EF model (created by migrations), keyed by ticket number.
/// </summary>
internal interface ISearchEngine
{
    /// <summary>
    /// The numbers of the tickets whose document has every term and, unless scope is null, one
    /// of the scope tokens. Composable: EF Core makes it a subquery of the caller's query.
    /// </summary>
    IQueryable<long> Matching(GuichetDbContext db, SearchQuery query, IReadOnlyList<string>? scope, bool withNotes);

    /// <summary>Replaces these tickets' documents, in the context's current transaction.</summary>
    Task WriteAsync(GuichetDbContext db, IReadOnlyList<TicketDocument> documents, CancellationToken ct);

    Task DeleteAsync(GuichetDbContext db, IReadOnlyList<long> numbers, CancellationToken ct);

    Task ClearAsync(GuichetDbContext db, CancellationToken ct);

    Task<bool> IsEmptyAsync(GuichetDbContext db, CancellationToken ct);

    static ISearchEngine For(GuichetDbContext db) => db.Database.IsNpgsql() ? PostgresSearchEngine.Instance : SqliteSearchEngine.Instance;
}
