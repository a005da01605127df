using Guichet.Web.Data;
using Guichet.Web.Search;
using Microsoft.EntityFrameworkCore;

namespace Guichet.Web.KnowledgeBase;

/// <summary>
/// A contentless FTS5 table KbSearch(scope, title, keywords, body) whose rowid is the translation's id, with the
/// tokenizer of the tickets' index (case and accents folded, '_' kept inside the scope tokens). Ranked by bm25 with the
/// title ten times and the keywords five times the weight of the body.
/// </summary>
internal sealed class SqliteKbSearchEngine : IKbSearchEngine
{
    public static readonly SqliteKbSearchEngine Instance = new();

    public async Task<List<int>> SearchAsync(GuichetDbContext db, SearchQuery query, IReadOnlyList<string>? scope, string language,
        DateTimeOffset now, int take, CancellationToken ct)
    {
        var match = Match(query, scope, language);
        // PublishAt is stored as UTC ticks (SqliteGuichetDbContext).
        return await db.Database.SqlQuery<int>($"""
            SELECT KbSearch.rowid AS Value
            FROM KbSearch
            JOIN KbTranslations t ON t.Id = KbSearch.rowid
            JOIN KbArticles a ON a.Id = t.ArticleId
            WHERE KbSearch MATCH {match} AND a.PublishAt IS NOT NULL AND a.PublishAt <= {now.UtcTicks}
            ORDER BY bm25(KbSearch, 0.0, 10.0, 5.0, 1.0), a.Views DESC
            LIMIT {take}
            """).ToListAsync(ct);
    }

    /// <summary>The language token, one of the scope tokens, and every term (quoted: nothing typed is syntax) in the text columns.</summary>
    internal static string Match(SearchQuery query, IReadOnlyList<string>? scope, string language)
    {
        var words = query.Terms.Select(t => $"{{title keywords body}} : \"{string.Join(' ', t.Words)}\"{(t.IsPrefix ? " *" : "")}");
        var parts = new List<string> { $"scope : \"{KbAccess.LanguageToken(language)}\"" };
        if (scope is not null) parts.Add($"({string.Join(" OR ", scope.Select(s => $"scope : \"{s}\""))})");
        parts.AddRange(words);
        return string.Join(" AND ", parts);
    }

    public async Task WriteAsync(GuichetDbContext db, IReadOnlyList<KbDocument> documents, CancellationToken ct)
    {
        foreach (var d in documents)
        {
            await db.Database.ExecuteSqlAsync($"DELETE FROM KbSearch WHERE rowid = {d.TranslationId}", ct);
            await db.Database.ExecuteSqlAsync(
                $"INSERT INTO KbSearch (rowid, scope, title, keywords, body) VALUES ({d.TranslationId}, {string.Join(' ', d.Scope)}, {d.Title}, {d.Keywords}, {d.Body})", ct);
        }
    }

    public async Task DeleteAsync(GuichetDbContext db, IReadOnlyList<int> translationIds, CancellationToken ct)
    {
        foreach (var id in translationIds)
            await db.Database.ExecuteSqlAsync($"DELETE FROM KbSearch WHERE rowid = {id}", ct);
    }

    public Task ClearAsync(GuichetDbContext db, CancellationToken ct) =>
        db.Database.ExecuteSqlAsync($"INSERT INTO KbSearch (KbSearch) VALUES ('delete-all')", ct);

    public async Task<bool> IsEmptyAsync(GuichetDbContext db, CancellationToken ct) =>
        !await db.Database.SqlQuery<long>($"SELECT rowid AS Value FROM KbSearch LIMIT 1").AnyAsync(ct);
}
