using Guichet.Web.Data;
using Guichet.Web.Search;
using Microsoft.EntityFrameworkCore;

namespace Guichet.Web.KnowledgeBase;

/// <summary>
/// The knowledge base's full-text index in the database's own engine (SQLite FTS5, PostgreSQL tsvector): raw SQL
/// outside the EF model, created by the migration KnowledgeBase, one document per ready translation.
/// </summary>
internal interface IKbSearchEngine
{
    /// <summary>
    /// The best <paramref name="take"/> translations, best first, that have every term, serve readers of
    /// <paramref name="language"/>, match one of the scope tokens (unless null) and belong to an article published by
    /// <paramref name="now"/>. With <paramref name="anyTerm"/>, documents with any of the terms, those with more of them
    /// (and rarer ones) first. <paramref name="order"/> says what "best" is.
    /// </summary>
    Task<List<int>> SearchAsync(GuichetDbContext db, SearchQuery query, IReadOnlyList<string>? scope, string language,
        DateTimeOffset now, int take, KbOrder order, CancellationToken ct, bool anyTerm = false);

    Task WriteAsync(GuichetDbContext db, IReadOnlyList<KbDocument> documents, CancellationToken ct);
    Task DeleteAsync(GuichetDbContext db, IReadOnlyList<int> translationIds, CancellationToken ct);
    Task ClearAsync(GuichetDbContext db, CancellationToken ct);
    Task<bool> IsEmptyAsync(GuichetDbContext db, CancellationToken ct);

    static IKbSearchEngine For(GuichetDbContext db) => db.Database.IsNpgsql() ? PostgresKbSearchEngine.Instance : SqliteKbSearchEngine.Instance;
}

/// <summary>What a search's best documents are.</summary>
internal enum KbOrder
{
    /// <summary>Those the words say most about (bm25, ts_rank), the most read first among equals.</summary>
    Relevance,

    /// <summary>
    /// The most read of the newest that hold the words, for a query of common words only ("the", "how to"): relevance
    /// says nothing of a word in every article, and ranking them all was most of such a search's time.
    /// </summary>
    Newest,
}
