using Guichet.Web.Data;
using Microsoft.EntityFrameworkCore;

namespace Guichet.Web.Search;

/// <summary>
/// A table TicketSearch(Number, Document tsvector) with a GIN index. One tsvector holds the scope
/// tokens (unweighted lexemes, never parsed), the public text (weight A) and the internal notes
/// (weight B): one index lookup narrows by scope and words together, and customers' words are
/// restricted to weight A. The text search configuration guichet_search is 'simple' (no stemming,
/// no stop words: the text is in any of five languages) after unaccent, so "resilie" finds "Résilié".
/// </summary>
internal sealed class PostgresSearchEngine : ISearchEngine
{
    public static readonly PostgresSearchEngine Instance = new();

    public IQueryable<long> Matching(GuichetDbContext db, SearchQuery query, IReadOnlyList<string>? scope, bool withNotes)
    {
        var words = Words(query, withNotes);
        return scope is null
            ? db.Database.SqlQuery<long>(
                $"""SELECT "Number" AS "Value" FROM "TicketSearch" WHERE "Document" @@ to_tsquery('guichet_search', {words})""")
            : db.Database.SqlQuery<long>(
                $"""SELECT "Number" AS "Value" FROM "TicketSearch" WHERE "Document" @@ (CAST({Scope(scope)} AS tsquery) && to_tsquery('guichet_search', {words}))""");
    }

    /// <summary>
    /// to_tsquery input: every word quoted (so nothing typed is syntax), phrases with &lt;-&gt;, the
    /// prefix with :*. Customers' words are restricted to weight A, the public text. Staff's are not
    /// restricted at all (a restriction makes PostgreSQL recheck every row): the only other lexemes
    /// are scope tokens, and no word can be one.
    /// </summary>
    internal static string Words(SearchQuery query, bool withNotes) => Words(query, withNotes ? "" : "A", anyTerm: false);

    /// <summary>The same with the weights a word must have ("" for any) and, with <paramref name="anyTerm"/>, any term instead of every one.</summary>
    internal static string Words(SearchQuery query, string weights, bool anyTerm) =>
        // <-> binds tighter than & and |: a phrase needs no parentheses.
        string.Join(anyTerm ? " | " : " & ", query.Terms.Select(t => string.Join(" <-> ",
            t.Words.Select((w, i) => Word(w, t.IsPrefix && i == t.Words.Count - 1, weights)))));

    private static string Word(string word, bool isPrefix, string weights)
    {
        var flags = (isPrefix ? "*" : "") + weights;
        return flags.Length == 0 ? $"'{word}'" : $"'{word}':{flags}";
    }

    /// <summary>A tsquery literal of the tokens: cast, not parsed, so they are matched exactly as written.</summary>
    internal static string Scope(IReadOnlyList<string> scope) => string.Join(" | ", scope.Select(s => $"'{s}'"));

    public Task WriteAsync(GuichetDbContext db, IReadOnlyList<TicketDocument> documents, CancellationToken ct)
    {
        if (documents.Count == 0) return Task.CompletedTask;
        var numbers = documents.Select(d => d.Number).ToArray();
        var scopes = documents.Select(d => string.Join(' ', d.Scope)).ToArray();
        var bodies = documents.Select(d => d.Body).ToArray();
        var notes = documents.Select(d => d.Notes).ToArray();
        // One statement for the whole batch: a rebuild of a million tickets is a few thousand round trips.
        return db.Database.ExecuteSqlAsync($"""
            INSERT INTO "TicketSearch" ("Number", "Document")
            SELECT d.number,
                   array_to_tsvector(string_to_array(d.scope, ' '))
                   || setweight(to_tsvector('guichet_search', d.body), 'A')
                   || setweight(to_tsvector('guichet_search', d.notes), 'B')
            FROM unnest({numbers}, {scopes}, {bodies}, {notes}) AS d(number, scope, body, notes)
            ON CONFLICT ("Number") DO UPDATE SET "Document" = excluded."Document"
            """, ct);
    }

    public Task DeleteAsync(GuichetDbContext db, IReadOnlyList<long> numbers, CancellationToken ct) =>
        db.Database.ExecuteSqlAsync($"""DELETE FROM "TicketSearch" WHERE "Number" = ANY({numbers.ToArray()})""", ct);

    public Task ClearAsync(GuichetDbContext db, CancellationToken ct) =>
        db.Database.ExecuteSqlAsync($"""DELETE FROM "TicketSearch" """, ct);

    public async Task<bool> IsEmptyAsync(GuichetDbContext db, CancellationToken ct) =>
        !await db.Database.SqlQuery<long>($"""SELECT "Number" AS "Value" FROM "TicketSearch" LIMIT 1""").AnyAsync(ct);
}
