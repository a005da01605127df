using Guichet.Web.Data;
using Guichet.Web.Search;
using Microsoft.EntityFrameworkCore;

namespace Guichet.Web.KnowledgeBase;

/// <summary>
/// A table KbSearch(Id, Document tsvector) with a GIN index, in the tickets' text search configuration (guichet_search:
/// no stemming, accents folded). The scope tokens are lexemes of weight D, never parsed; the title is weight A, the
/// keywords B, the body C, and ts_rank weighs them 1, 0.6 and 0.2 (the tokens 0).
/// </summary>
internal sealed class PostgresKbSearchEngine : IKbSearchEngine
{
    public static readonly PostgresKbSearchEngine Instance = new();

    public async Task<List<int>> SearchAsync(GuichetDbContext db, SearchQuery query, IReadOnlyList<string>? scope, string language,
        DateTimeOffset now, int take, KbOrder order, CancellationToken ct, bool anyTerm = false)
    {
        var tokens = $"'{KbAccess.LanguageToken(language)}'" + (scope is null ? "" : $" & ({PostgresSearchEngine.Scope(scope)})");
        // One step here, not SQLite's two (SqliteKbSearchEngine.SearchAsync): words restricted to weights make PostgreSQL
        // recheck every document the GIN index found, which cost more than the ranking it saved (docs/benchmarks.md).
        var words = PostgresSearchEngine.Words(query, "", anyTerm);
        return order == KbOrder.Relevance
            ? await RankAsync(db, words, tokens, now, take, ct)
            : await NewestAsync(db, words, PostgresSearchEngine.Words(query, "AB", anyTerm), tokens, now, take, ct);
    }

    private static async Task<List<int>> RankAsync(GuichetDbContext db, string words, string tokens, DateTimeOffset now, int take,
        CancellationToken ct)
    {
        // As on SQLite (SqliteKbSearchEngine): the best by the index alone, then whether their article is published;
        // joining every match first cost 55 ms for a word in 4,000 documents (two index look-ups each), ranking alone 20.
        var best = await db.Database.SqlQuery<Ranked>($"""
            WITH best AS MATERIALIZED (
                SELECT s."Id", ts_rank(ARRAY[0, 0.2, 0.6, 1.0]::real[], s."Document", q) AS "Score"
                FROM "KbSearch" s
                CROSS JOIN to_tsquery('guichet_search', {words}) AS q
                WHERE s."Document" @@ (CAST({tokens} AS tsquery) && q)
                ORDER BY "Score" DESC
                LIMIT {take + SqliteKbSearchEngine.Margin})
            SELECT best."Id", (SELECT COUNT(*)::int FROM best) AS "Considered"
            FROM best
            JOIN "KbTranslations" t ON t."Id" = best."Id"
            JOIN "KbArticles" a ON a."Id" = t."ArticleId"
            WHERE a."PublishAt" IS NOT NULL AND a."PublishAt" <= {now}
            ORDER BY best."Score" DESC, a."Views" DESC
            LIMIT {take}
            """).ToListAsync(ct);
        if (best.Count == take || best.Count > 0 && best[0].Considered < take + SqliteKbSearchEngine.Margin) return best.ConvertAll(b => b.Id);
        return await db.Database.SqlQuery<int>($"""
            SELECT s."Id" AS "Value"
            FROM "KbSearch" s
            CROSS JOIN to_tsquery('guichet_search', {words}) AS q
            JOIN "KbTranslations" t ON t."Id" = s."Id"
            JOIN "KbArticles" a ON a."Id" = t."ArticleId"
            WHERE s."Document" @@ (CAST({tokens} AS tsquery) && q) AND a."PublishAt" IS NOT NULL AND a."PublishAt" <= {now}
            ORDER BY ts_rank(ARRAY[0, 0.2, 0.6, 1.0]::real[], s."Document", q) DESC, a."Views" DESC
            LIMIT {take}
            """).ToListAsync(ct);
    }

    /// <summary>
    /// <see cref="KbOrder.Newest"/>: the newest take + 100 documents the index finds (no ts_rank, which reads every
    /// document), then those with the words in the title or keywords, each part the most read first; all the documents
    /// when those are too few published ones. The titles are told apart among the newest only: asking the index for
    /// words of weights A and B alone makes PostgreSQL recheck every document it found (docs/benchmarks.md).
    /// </summary>
    private static async Task<List<int>> NewestAsync(GuichetDbContext db, string words, string titleWords, string tokens, DateTimeOffset now,
        int take, CancellationToken ct)
    {
        var best = await db.Database.SqlQuery<Ranked>($"""
            WITH best AS MATERIALIZED (
                SELECT s."Id", s."Document" FROM "KbSearch" s
                WHERE s."Document" @@ (CAST({tokens} AS tsquery) && to_tsquery('guichet_search', {words}))
                ORDER BY s."Id" DESC
                LIMIT {take + SqliteKbSearchEngine.Margin})
            SELECT best."Id", (SELECT COUNT(*)::int FROM best) AS "Considered"
            FROM best
            JOIN "KbTranslations" t ON t."Id" = best."Id"
            JOIN "KbArticles" a ON a."Id" = t."ArticleId"
            WHERE a."PublishAt" IS NOT NULL AND a."PublishAt" <= {now}
            ORDER BY best."Document" @@ to_tsquery('guichet_search', {titleWords}) DESC, a."Views" DESC, best."Id" DESC
            LIMIT {take}
            """).ToListAsync(ct);
        if (best.Count == take || best.Count > 0 && best[0].Considered < take + SqliteKbSearchEngine.Margin) return best.ConvertAll(b => b.Id);
        return await db.Database.SqlQuery<int>($"""
            SELECT s."Id" AS "Value"
            FROM "KbSearch" s
            JOIN "KbTranslations" t ON t."Id" = s."Id"
            JOIN "KbArticles" a ON a."Id" = t."ArticleId"
            WHERE s."Document" @@ (CAST({tokens} AS tsquery) && to_tsquery('guichet_search', {words}))
                AND a."PublishAt" IS NOT NULL AND a."PublishAt" <= {now}
            ORDER BY s."Document" @@ to_tsquery('guichet_search', {titleWords}) DESC, a."Views" DESC, s."Id" DESC
            LIMIT {take}
            """).ToListAsync(ct);
    }

    private sealed record Ranked(int Id, int Considered);

    public Task WriteAsync(GuichetDbContext db, IReadOnlyList<KbDocument> documents, CancellationToken ct)
    {
        if (documents.Count == 0) return Task.CompletedTask;
        var ids = documents.Select(d => d.TranslationId).ToArray();
        var scopes = documents.Select(d => string.Join(' ', d.Scope)).ToArray();
        var titles = documents.Select(d => d.Title).ToArray();
        var keywords = documents.Select(d => d.Keywords).ToArray();
        var bodies = documents.Select(d => d.Body).ToArray();
        return db.Database.ExecuteSqlAsync($"""
            INSERT INTO "KbSearch" ("Id", "Document")
            SELECT d.id,
                   setweight(array_to_tsvector(string_to_array(d.scope, ' ')), 'D')
                   || setweight(to_tsvector('guichet_search', d.title), 'A')
                   || setweight(to_tsvector('guichet_search', d.keywords), 'B')
                   || setweight(to_tsvector('guichet_search', d.body), 'C')
            FROM unnest({ids}, {scopes}, {titles}, {keywords}, {bodies}) AS d(id, scope, title, keywords, body)
            ON CONFLICT ("Id") DO UPDATE SET "Document" = excluded."Document"
            """, ct);
    }

    public Task DeleteAsync(GuichetDbContext db, IReadOnlyList<int> translationIds, CancellationToken ct) =>
        db.Database.ExecuteSqlAsync($"""DELETE FROM "KbSearch" WHERE "Id" = ANY({translationIds.ToArray()})""", ct);

    public Task ClearAsync(GuichetDbContext db, CancellationToken ct) =>
        db.Database.ExecuteSqlAsync($"""DELETE FROM "KbSearch" """, ct);

    public async Task<bool> IsEmptyAsync(GuichetDbContext db, CancellationToken ct) =>
        !await db.Database.SqlQuery<int>($"""SELECT "Id" AS "Value" FROM "KbSearch" LIMIT 1""").AnyAsync(ct);
}
