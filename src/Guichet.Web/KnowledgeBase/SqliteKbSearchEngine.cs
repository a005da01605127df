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
        DateTimeOffset now, int take, KbOrder order, CancellationToken ct, bool anyTerm = false)
    {
        // Titles and keywords first: they are what an article is about, and their lists are short, where ranking every
        // body that holds a common word ("printer" in 6,000 articles) is most of a search's time (docs/benchmarks.md,
        // Knowledge base). The bodies are ranked only when the titles and keywords do not fill the page.
        var titled = await RankAsync(db, Match(query, scope, language, anyTerm, TitleColumns), now, take, order, ct);
        if (titled.Count == take) return titled;
        var all = await RankAsync(db, Match(query, scope, language, anyTerm), now, take, order, ct);
        return [.. titled, .. all.Except(titled).Take(take - titled.Count)];
    }

    private static async Task<List<int>> RankAsync(GuichetDbContext db, string match, DateTimeOffset now, int take, KbOrder order,
        CancellationToken ct)
    {
        // The best documents by the index alone first, then whether their article is published: joining every match to
        // its article before ranking doubled the time of a common word (10,000 matches, two look-ups each; see
        // docs/benchmarks.md, Knowledge base). Unpublished documents (drafts, scheduled) are few, so the best take + 100
        // nearly always hold take published ones; when they do not, the whole ranking is asked for.
        // PublishAt is stored as UTC ticks (SqliteGuichetDbContext).
        var best = order == KbOrder.Relevance
            ? await db.Database.SqlQuery<Ranked>($"""
                WITH best AS MATERIALIZED (
                    SELECT rowid AS Id, bm25(KbSearch, 0.0, 10.0, 5.0, 1.0) AS Score FROM KbSearch WHERE KbSearch MATCH {match}
                    ORDER BY Score LIMIT {take + Margin})
                SELECT best.Id AS Id, (SELECT COUNT(*) FROM best) AS Considered
                FROM best
                JOIN KbTranslations t ON t.Id = best.Id
                JOIN KbArticles a ON a.Id = t.ArticleId
                WHERE a.PublishAt IS NOT NULL AND a.PublishAt <= {now.UtcTicks}
                ORDER BY best.Score, a.Views DESC
                LIMIT {take}
                """).ToListAsync(ct)
            // FTS5 reads its matches newest first and stops at the limit: nothing is ranked.
            : await db.Database.SqlQuery<Ranked>($"""
                WITH best AS MATERIALIZED (
                    SELECT rowid AS Id FROM KbSearch WHERE KbSearch MATCH {match} ORDER BY rowid DESC LIMIT {take + Margin})
                SELECT best.Id AS Id, (SELECT COUNT(*) FROM best) AS Considered
                FROM best
                JOIN KbTranslations t ON t.Id = best.Id
                JOIN KbArticles a ON a.Id = t.ArticleId
                WHERE a.PublishAt IS NOT NULL AND a.PublishAt <= {now.UtcTicks}
                ORDER BY a.Views DESC, best.Id DESC
                LIMIT {take}
                """).ToListAsync(ct);
        // Enough found, or every match was ranked (fewer than the margin allows): the answer is complete. Nothing found
        // asks again too, which costs little when nothing matches.
        if (best.Count == take || best.Count > 0 && best[0].Considered < take + Margin) return best.ConvertAll(b => b.Id);
        return order == KbOrder.Relevance
            ? await db.Database.SqlQuery<int>($"""
                SELECT KbSearch.rowid AS Value
                FROM KbSearch
                JOIN KbTranslations t ON t.Id = KbSearch.rowid
                JOIN KbArticles a ON a.Id = t.ArticleId
                WHERE KbSearch MATCH {match} AND a.PublishAt IS NOT NULL AND a.PublishAt <= {now.UtcTicks}
                ORDER BY bm25(KbSearch, 0.0, 10.0, 5.0, 1.0), a.Views DESC
                LIMIT {take}
                """).ToListAsync(ct)
            : await db.Database.SqlQuery<int>($"""
                SELECT KbSearch.rowid AS Value
                FROM KbSearch
                JOIN KbTranslations t ON t.Id = KbSearch.rowid
                JOIN KbArticles a ON a.Id = t.ArticleId
                WHERE KbSearch MATCH {match} AND a.PublishAt IS NOT NULL AND a.PublishAt <= {now.UtcTicks}
                ORDER BY a.Views DESC, KbSearch.rowid DESC
                LIMIT {take}
                """).ToListAsync(ct);
    }

    private sealed record Ranked(int Id, int Considered);

    private const string AllColumns = "{title keywords body}";
    private const string TitleColumns = "{title keywords}";

    /// <summary>How many more of the best documents than asked for are ranked first, for the unpublished among them.</summary>
    internal const int Margin = 100;

    /// <summary>The language token, one of the scope tokens, and every term (quoted: nothing typed is syntax) in the text columns.</summary>
    internal static string Match(SearchQuery query, IReadOnlyList<string>? scope, string language, bool anyTerm = false,
        string columns = AllColumns)
    {
        var words = query.Terms.Select(t => $"{columns} : \"{string.Join(' ', t.Words)}\"{(t.IsPrefix ? " *" : "")}").ToList();
        var parts = new List<string> { $"scope : \"{KbAccess.LanguageToken(language)}\"" };
        if (scope is not null) parts.Add($"({string.Join(" OR ", scope.Select(s => $"scope : \"{s}\""))})");
        if (anyTerm) parts.Add($"({string.Join(" OR ", words)})");
        else parts.AddRange(words);
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
