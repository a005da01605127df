using Guichet.Web.Data;
using Microsoft.EntityFrameworkCore;

namespace Guichet.Web.KnowledgeBase;

/// <summary>
/// Writing the knowledge base's search index. Every change to an article rewrites its documents in the change's own
/// transaction (<see cref="KbAuthoring"/>), since its visibility or languages decide every translation's tokens;
/// <see cref="RebuildAsync"/> makes the index again from the articles.
/// </summary>
public sealed class KbSearchIndex(GuichetDbContext db, ILogger<KbSearchIndex> log)
{
    private const int BatchSize = 200;

    /// <summary>Rewrites the documents of an article as saved (drafts have none), in the current transaction.</summary>
    internal static async Task UpdateAsync(GuichetDbContext db, int articleId, IReadOnlyList<int> removedTranslationIds, CancellationToken ct)
    {
        var engine = IKbSearchEngine.For(db);
        if (removedTranslationIds.Count > 0) await engine.DeleteAsync(db, removedTranslationIds, ct);
        var article = await db.KbArticles.AsNoTracking().Include(a => a.Translations).Include(a => a.Organizations)
            .AsSplitQuery().SingleOrDefaultAsync(a => a.Id == articleId, ct);
        if (article is null) return;
        await engine.DeleteAsync(db, article.Translations.Where(t => t.IsDraft).Select(t => t.Id).ToList(), ct);
        await engine.WriteAsync(db, article.Translations.Where(t => !t.IsDraft).Select(t => KbDocument.Of(article, t)).ToList(), ct);
    }

    public async Task<int> RebuildAsync(CancellationToken ct)
    {
        var engine = IKbSearchEngine.For(db);
        await engine.ClearAsync(db, ct);
        var count = 0;
        var after = 0;
        while (true)
        {
            await using var transaction = await db.Database.BeginTransactionAsync(ct);
            var articles = await db.KbArticles.AsNoTracking().Include(a => a.Translations).Include(a => a.Organizations).AsSplitQuery()
                .Where(a => a.Id > after).OrderBy(a => a.Id).Take(BatchSize).ToListAsync(ct);
            if (articles.Count == 0) break;
            var documents = articles.SelectMany(a => a.Translations.Where(t => !t.IsDraft).Select(t => KbDocument.Of(a, t))).ToList();
            await engine.WriteAsync(db, documents, ct);
            await transaction.CommitAsync(ct);
            count += documents.Count;
            after = articles[^1].Id;
        }
        log.LogInformation("Knowledge base search index rebuilt: {Count} translations", count);
        return count;
    }

    public async Task RebuildIfEmptyAsync(CancellationToken ct)
    {
        if (!await IKbSearchEngine.For(db).IsEmptyAsync(db, ct) || !await db.KbTranslations.AnyAsync(t => !t.IsDraft, ct)) return;
        await RebuildAsync(ct);
    }
}
