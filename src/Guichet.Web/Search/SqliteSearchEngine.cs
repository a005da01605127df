using Guichet.Web.Data;
using Microsoft.EntityFrameworkCore;

namespace Guichet.Web.Search;

/// <summary>
/// An FTS5 table, TicketSearch(scope, body, notes), whose rowid is the ticket number. The
/// tokenizer (unicode61 remove_diacritics 2) folds case and accents, so "resilie" finds "Résilié";
/// '_' is a token character only so that scope tokens stay whole. It is contentless: the text
/// lives in Messages already, the index keeps only what it needs to match.
/// </summary>
internal sealed class SqliteSearchEngine : ISearchEngine
{
    public static readonly SqliteSearchEngine Instance = new();

    public IQueryable<long> Matching(GuichetDbContext db, SearchQuery query, IReadOnlyList<string>? scope, bool withNotes)
    {
        var match = Match(query, scope, withNotes);
        return db.Database.SqlQuery<long>($"SELECT rowid AS Value FROM TicketSearch WHERE TicketSearch MATCH {match}");
    }

    /// <summary>
    /// An FTS5 expression: every word a quoted string (so nothing typed is syntax), each phrase
    /// limited to the columns the viewer may search, and one of the scope tokens in the scope column.
    /// </summary>
    internal static string Match(SearchQuery query, IReadOnlyList<string>? scope, bool withNotes)
    {
        var columns = withNotes ? "{body notes}" : "body";
        var words = query.Terms.Select(t => $"{columns} : \"{string.Join(' ', t.Words)}\"{(t.IsPrefix ? " *" : "")}");
        var match = string.Join(" AND ", words);
        return scope is null ? match : $"({string.Join(" OR ", scope.Select(s => $"scope : \"{s}\""))}) AND {match}";
    }

    public async Task WriteAsync(GuichetDbContext db, IReadOnlyList<TicketDocument> documents, CancellationToken ct)
    {
        foreach (var d in documents)
        {
            if (!d.IsNew) await db.Database.ExecuteSqlAsync($"DELETE FROM TicketSearch WHERE rowid = {d.Number}", ct);
            await db.Database.ExecuteSqlAsync(
                $"INSERT INTO TicketSearch (rowid, scope, body, notes) VALUES ({d.Number}, {string.Join(' ', d.Scope)}, {d.Body}, {d.Notes})", ct);
        }
    }

    public async Task DeleteAsync(GuichetDbContext db, IReadOnlyList<long> numbers, CancellationToken ct)
    {
        foreach (var number in numbers)
            await db.Database.ExecuteSqlAsync($"DELETE FROM TicketSearch WHERE rowid = {number}", ct);
    }

    public Task ClearAsync(GuichetDbContext db, CancellationToken ct) =>
        db.Database.ExecuteSqlAsync($"INSERT INTO TicketSearch (TicketSearch) VALUES ('delete-all')", ct);

    public async Task<bool> IsEmptyAsync(GuichetDbContext db, CancellationToken ct) =>
        !await db.Database.SqlQuery<long>($"SELECT rowid AS Value FROM TicketSearch LIMIT 1").AnyAsync(ct);
}
