using Guichet.Web.Data;
using Microsoft.EntityFrameworkCore;

namespace Guichet.Web.KnowledgeBase;

/// <summary>An article as a list shows it, in the language the reader reads it in.</summary>
public sealed record KbArticleSummary(int Id, string Title, string Slug, string Language, int SectionId, int Position, DateTimeOffset UpdatedAt, long Views)
{
    public string Url => KbAddresses.Article(Id, Slug);
}

/// <summary>An article as its page shows it.</summary>
/// <param name="IsFallback">Shown in its source language because the reader's has no ready translation: the page says so.</param>
/// <param name="Languages">The languages it can be read in (ready translations), for the language switch.</param>
public sealed record KbArticlePage(KbArticle Article, KbTranslation Translation, bool IsFallback, IReadOnlyList<string> Languages,
    IReadOnlyList<KbFile> Files, IReadOnlyList<KbArticleSummary> Related);

/// <summary>A category with its sections and how many articles the reader may read in each: empty ones are not shown.</summary>
public sealed record KbCategoryView(KbCategory Category, IReadOnlyList<(KbSection Section, int Articles)> Sections)
{
    public int Articles => Sections.Sum(s => s.Articles);
}

/// <summary>
/// Reading the knowledge base, for the reader pages, the portal's home and the API: always through
/// <see cref="KbAccess.ReadableBy"/>, always in the reader's language, else the source language.
/// </summary>
public sealed class KbLibrary(GuichetDbContext db, NodeCache cache, TimeProvider time)
{
    public const int RelatedCount = 5;

    public Task<KbStructure> StructureAsync(CancellationToken ct) => KbStructure.GetAsync(db, cache, ct);

    /// <summary>The categories and sections holding at least one article the reader may read, in order.</summary>
    public async Task<IReadOnlyList<KbCategoryView>> CategoriesAsync(KbReader reader, CancellationToken ct)
    {
        var structure = await StructureAsync(ct);
        var counts = await db.KbArticles.ReadableBy(reader, time.GetUtcNow()).GroupBy(a => a.SectionId)
            .Select(g => new { SectionId = g.Key, Count = g.Count() }).ToDictionaryAsync(x => x.SectionId, x => x.Count, ct);
        return structure.Categories
            .Select(c => new KbCategoryView(c, structure.SectionsOf(c.Id).Where(s => counts.ContainsKey(s.Id)).Select(s => (s, counts[s.Id])).ToList()))
            .Where(c => c.Sections.Count > 0).ToList();
    }

    public async Task<IReadOnlyList<KbArticleSummary>> InSectionAsync(KbReader reader, string language, int sectionId, CancellationToken ct) =>
        (await SummariesAsync(db.KbArticles.ReadableBy(reader, time.GetUtcNow()).Where(a => a.SectionId == sectionId), language, ct))
            .OrderBy(a => a.Position).ThenBy(a => a.Id).ToList();

    /// <summary>The articles of several sections at once (a category's page), each section's in order.</summary>
    public async Task<ILookup<int, KbArticleSummary>> InSectionsAsync(KbReader reader, string language, IReadOnlyCollection<int> sectionIds,
        CancellationToken ct) =>
        (await SummariesAsync(db.KbArticles.ReadableBy(reader, time.GetUtcNow()).Where(a => sectionIds.Contains(a.SectionId)), language, ct))
            .OrderBy(a => a.Position).ThenBy(a => a.Id).ToLookup(a => a.SectionId);

    public async Task<IReadOnlyList<KbArticleSummary>> MostReadAsync(KbReader reader, string language, int take, CancellationToken ct) =>
        (await SummariesAsync(db.KbArticles.ReadableBy(reader, time.GetUtcNow()).OrderByDescending(a => a.Views).ThenByDescending(a => a.Id).Take(take), language, ct))
            .OrderByDescending(a => a.Views).ThenByDescending(a => a.Id).ToList();

    public async Task<IReadOnlyList<KbArticleSummary>> RecentAsync(KbReader reader, string language, int take, CancellationToken ct) =>
        (await SummariesAsync(db.KbArticles.ReadableBy(reader, time.GetUtcNow()).OrderByDescending(a => a.PublishAt).ThenByDescending(a => a.Id).Take(take), language, ct))
            .OrderByDescending(a => a.UpdatedAt).ToList();

    /// <summary>An article's page for a reader, or null when it does not exist or they may not read it (the same "not found" either way).</summary>
    /// <param name="preview">An editor reading a draft, or a draft translation, before it is published.</param>
    public async Task<KbArticlePage?> ArticleAsync(KbReader reader, string language, int id, bool preview, CancellationToken ct)
    {
        var now = time.GetUtcNow();
        var article = await db.KbArticles.AsNoTracking().Include(a => a.Translations).Include(a => a.Organizations).AsSplitQuery()
            .SingleOrDefaultAsync(a => a.Id == id, ct);
        var withDrafts = preview && reader.IsEditor;
        if (article is null || !KbAccess.CanRead(article, reader, now, withDrafts)) return null;
        var translation = KbAccess.TranslationFor(article, language, withDrafts);
        if (translation is null) return null;
        var files = await db.KbFiles.AsNoTracking().Where(f => f.ArticleId == id).OrderBy(f => f.FileName).ToListAsync(ct);
        var languages = article.Translations.Where(t => withDrafts || !t.IsDraft).Select(t => t.Language).Order().ToList();
        return new KbArticlePage(article, translation, translation.Language != language, languages, files, await RelatedAsync(reader, language, article, ct));
    }

    /// <summary>
    /// A file of an article the reader may read, for the portal's download and the API's: null when the file does not
    /// exist, is not a file of <paramref name="articleId"/> (when given) or its article may not be read, the same "not found".
    /// </summary>
    /// <param name="withDrafts">An editor's drafts too (the portal, whose previews show their images; the API reads published articles only).</param>
    public Task<KbFile?> FileAsync(KbReader reader, Guid id, int? articleId, bool withDrafts, CancellationToken ct)
    {
        var readable = db.KbArticles.ReadableBy(reader, time.GetUtcNow(), withDrafts);
        return db.KbFiles.AsNoTracking()
            .Where(f => f.Id == id && (articleId == null || f.ArticleId == articleId) && readable.Any(a => a.Id == f.ArticleId))
            .SingleOrDefaultAsync(ct);
    }

    /// <summary>Counts a reader's visit (not the team's: editors checking their work would make everything "most read").</summary>
    public Task CountViewAsync(KbReader reader, int id, CancellationToken ct) =>
        reader.IsStaff ? Task.CompletedTask : db.KbArticles.Where(a => a.Id == id).ExecuteUpdateAsync(s => s.SetProperty(a => a.Views, a => a.Views + 1), ct);

    /// <summary>The other articles of its section, then of its category, in order.</summary>
    private async Task<IReadOnlyList<KbArticleSummary>> RelatedAsync(KbReader reader, string language, KbArticle article, CancellationToken ct)
    {
        var structure = await StructureAsync(ct);
        var sections = structure.Section(article.SectionId) is { } section ? structure.SectionsOf(section.CategoryId).Select(s => s.Id).ToList() : [article.SectionId];
        var candidates = db.KbArticles.ReadableBy(reader, time.GetUtcNow())
            .Where(a => a.Id != article.Id && sections.Contains(a.SectionId))
            .OrderBy(a => a.SectionId == article.SectionId ? 0 : 1).ThenByDescending(a => a.Views).ThenBy(a => a.Id).Take(RelatedCount);
        var found = await SummariesAsync(candidates, language, ct);
        return found.OrderBy(a => a.SectionId == article.SectionId ? 0 : 1).ThenByDescending(a => a.Views).ThenBy(a => a.Id).ToList();
    }

    /// <summary>The articles' titles in the reader's language, else their source language's.</summary>
    /// <remarks>
    /// Two queries rather than one projection with the translations nested: a nested collection filtered by a column of
    /// its article (the source language) under a Take needs an APPLY (a lateral join) that SQLite does not have.
    /// </remarks>
    internal async Task<List<KbArticleSummary>> SummariesAsync(IQueryable<KbArticle> articles, string language, CancellationToken ct)
    {
        var rows = await articles.Select(a => new { a.Id, a.SectionId, a.Position, a.UpdatedAt, a.Views, a.SourceLanguage }).ToListAsync(ct);
        if (rows.Count == 0) return [];
        var ids = rows.Select(r => r.Id).ToList();
        var translations = (await db.KbTranslations.AsNoTracking().Where(t => ids.Contains(t.ArticleId) && !t.IsDraft)
            .Select(t => new { t.ArticleId, t.Language, t.Title, t.Slug }).ToListAsync(ct)).ToLookup(t => t.ArticleId);
        return rows.Select(r =>
        {
            var ready = translations[r.Id];
            var t = ready.FirstOrDefault(t => t.Language == language) ?? ready.FirstOrDefault(t => t.Language == r.SourceLanguage);
            return t is null ? null : new KbArticleSummary(r.Id, t.Title, t.Slug, t.Language, r.SectionId, r.Position, r.UpdatedAt, r.Views);
        }).OfType<KbArticleSummary>().ToList();
    }
}
