using Guichet.Web.Data;
using Guichet.Web.Tickets;
using Microsoft.EntityFrameworkCore;

namespace Guichet.Web.Search;

/// <summary>
/// Writing the search index. Day to day <see cref="SearchIndexInterceptor"/> keeps it in step with
/// every SaveChanges; <see cref="RebuildAsync"/> makes it again from the tickets, for an
/// installation upgraded with tickets already in it or after changing how documents are made.
/// </summary>
public sealed class SearchIndex(GuichetDbContext db, ILogger<SearchIndex> log)
{
    /// <summary>Tickets per transaction during a rebuild: bounded memory, short write locks.</summary>
    public const int BatchSize = 500;

    /// <summary>
    /// Rewrites these tickets' documents and drops those of deleted tickets, in the current transaction.
    /// Tickets created by this save are indexed from memory; the others are read back as saved.
    /// </summary>
    internal static async Task UpdateAsync(GuichetDbContext db, IReadOnlyCollection<Guid> ticketIds, IReadOnlyList<Ticket> created,
        IReadOnlyList<long> deletedNumbers, CancellationToken ct)
    {
        var engine = ISearchEngine.For(db);
        if (deletedNumbers.Count > 0) await engine.DeleteAsync(db, deletedNumbers, ct);
        if (ticketIds.Count == 0) return;
        var documents = created.Select(TicketDocument.OfNew).ToList();
        var ids = ticketIds.Except(created.Select(t => t.Id)).ToList();
        if (ids.Count > 0) documents.AddRange(await TicketDocument.LoadAsync(db.Tickets.Where(t => ids.Contains(t.Id)), ct));
        await engine.WriteAsync(db, documents, ct);
    }

    /// <summary>
    /// Empties the index and indexes every ticket, a batch per transaction. Searches made meanwhile
    /// see part of the tickets; changes made meanwhile are indexed by the interceptor as usual.
    /// </summary>
    public async Task<int> RebuildAsync(CancellationToken ct)
    {
        var engine = ISearchEngine.For(db);
        await engine.ClearAsync(db, ct);
        var count = 0;
        var after = long.MinValue;
        while (true)
        {
            await using var transaction = await db.Database.BeginTransactionAsync(ct);
            var numbers = await db.Tickets.Where(t => t.Number > after).OrderBy(t => t.Number).Select(t => t.Number).Take(BatchSize).ToListAsync(ct);
            if (numbers.Count == 0) break;
            var (first, last) = (numbers[0], numbers[^1]);
            var documents = await TicketDocument.LoadAsync(db.Tickets.Where(t => t.Number >= first && t.Number <= last), ct);
            await engine.WriteAsync(db, documents, ct);
            await transaction.CommitAsync(ct);
            count += documents.Count;
            after = last;
            if (count % (BatchSize * 100) == 0) log.LogInformation("Search index: {Count} tickets indexed so far", count);
        }
        log.LogInformation("Search index rebuilt: {Count} tickets", count);
        return count;
    }

    /// <summary>Rebuilds when there are tickets but no index: the first start after the search migration.</summary>
    public async Task RebuildIfEmptyAsync(CancellationToken ct)
    {
        if (!await ISearchEngine.For(db).IsEmptyAsync(db, ct) || !await db.Tickets.AnyAsync(ct)) return;
        log.LogInformation("Search index is empty but tickets exist: rebuilding it");
        await RebuildAsync(ct);
    }
}
