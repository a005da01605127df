using Guichet.Web.Attachments;
using Guichet.Web.Data;
using Guichet.Web.Localization;
using Guichet.Web.Text;
using Microsoft.EntityFrameworkCore;

namespace Guichet.Web.KnowledgeBase;

/// <summary>
/// Every change to the knowledge base's structure and articles, from any door (the editor pages, the API, demo data).
/// A change to an article writes its history line (<see cref="KbRevision"/>) and its search documents in the same
/// transaction. Returns what was refused as a <see cref="KbProblem"/>; the caller says it in the editor's words.
/// </summary>
public sealed class KbAuthoring(GuichetDbContext db, TimeProvider time, RichText richText)
{
    public async Task<(KbCategory? Category, KbProblem? Problem)> SaveCategoryAsync(int? id, LocalizedText names, LocalizedText descriptions,
        int position, CancellationToken ct)
    {
        if (names.All.Count == 0) return (null, KbProblem.NameRequired);
        var category = id is null ? db.KbCategories.Add(new KbCategory()).Entity : await db.KbCategories.FindAsync([id], ct);
        if (category is null) return (null, KbProblem.NoSuchSection);
        (category.Names, category.Descriptions, category.Position) = (names, descriptions, position);
        await db.SaveChangesAsync(ct);
        return (category, null);
    }

    public async Task<KbProblem?> DeleteCategoryAsync(int id, CancellationToken ct)
    {
        if (await db.KbSections.AnyAsync(s => s.CategoryId == id, ct)) return KbProblem.NotEmpty;
        // Tracked, not ExecuteDelete: the save tells every node's cache (NodeCache) that the structure changed.
        if (await db.KbCategories.FindAsync([id], ct) is { } category)
        {
            db.KbCategories.Remove(category);
            await db.SaveChangesAsync(ct);
        }
        return null;
    }

    public async Task<(KbSection? Section, KbProblem? Problem)> SaveSectionAsync(int? id, int categoryId, LocalizedText names,
        LocalizedText descriptions, int position, CancellationToken ct)
    {
        if (names.All.Count == 0) return (null, KbProblem.NameRequired);
        if (!await db.KbCategories.AnyAsync(c => c.Id == categoryId, ct)) return (null, KbProblem.NoSuchSection);
        var section = id is null ? db.KbSections.Add(new KbSection()).Entity : await db.KbSections.FindAsync([id], ct);
        if (section is null) return (null, KbProblem.NoSuchSection);
        (section.CategoryId, section.Names, section.Descriptions, section.Position) = (categoryId, names, descriptions, position);
        await db.SaveChangesAsync(ct);
        return (section, null);
    }

    public async Task<KbProblem?> DeleteSectionAsync(int id, CancellationToken ct)
    {
        if (await db.KbArticles.AnyAsync(a => a.SectionId == id, ct)) return KbProblem.NotEmpty;
        if (await db.KbSections.FindAsync([id], ct) is { } section)
        {
            db.KbSections.Remove(section);
            await db.SaveChangesAsync(ct);
        }
        return null;
    }

    /// <summary>A new article, a draft in <paramref name="language"/> (its source language) until published.</summary>
    public Task<(KbArticle? Article, KbProblem? Problem)> CreateAsync(Guid by, int sectionId, string language, KbText text,
        KbVisibility visibility, IReadOnlyList<Guid> organizations, CancellationToken ct) =>
        CreateAsync(by, sectionId, language, text, visibility, organizations, [], ct);

    /// <summary>
    /// A new article with files uploaded by the editor (pending uploads) kept as its files, in the same transaction:
    /// <c>![name](attachment:name)</c> in its text already shows them, as when files come with a later save of the text.
    /// </summary>
    public async Task<(KbArticle? Article, KbProblem? Problem)> CreateAsync(Guid by, int sectionId, string language, KbText text,
        KbVisibility visibility, IReadOnlyList<Guid> organizations, IReadOnlyList<PendingUpload> uploads, CancellationToken ct)
    {
        if (Check(language, text) is { } problem) return (null, problem);
        if (!await db.KbSections.AnyAsync(s => s.Id == sectionId, ct)) return (null, KbProblem.NoSuchSection);
        if (visibility == KbVisibility.Organizations && organizations.Count == 0) return (null, KbProblem.NoOrganizations);
        var now = time.GetUtcNow();
        var position = await db.KbArticles.Where(a => a.SectionId == sectionId).MaxAsync(a => (int?)a.Position, ct) ?? 0;
        var article = new KbArticle
        {
            SectionId = sectionId, Position = position + 1, SourceLanguage = language, Visibility = visibility,
            CreatedAt = now, CreatedById = by, UpdatedAt = now, UpdatedById = by,
        };
        article.Organizations.AddRange(OrganizationsOf(visibility, organizations));
        // The files' ids are chosen before the article has one, so that its text is written with their addresses.
        var files = WithIds(uploads, now);
        article.Translations.Add(Translation(language, text, by, now, files.ConvertAll(f => KbFile.Attached(f.Id, f.Upload.FileName, f.Upload.ContentType))));
        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        db.KbArticles.Add(article);
        await db.SaveChangesAsync(ct);
        db.KbRevisions.Add(Revision(article.Id, KbChange.Created, language, by, now, text));
        await db.SaveChangesAsync(ct);
        if (files.Count > 0)
        {
            // Saved after the "created" line, so that the history reads in the order things happened.
            Keep(article.Id, by, now, files);
            await db.SaveChangesAsync(ct);
        }
        await KbSearchIndex.UpdateAsync(db, article.Id, [], ct);
        await transaction.CommitAsync(ct);
        return (article, null);
    }

    /// <summary>Writes an article's text in one language: an edit of an existing translation, or a new translation.</summary>
    public async Task<KbProblem?> SaveTextAsync(Guid by, int articleId, string language, KbText text, bool isDraft, CancellationToken ct)
    {
        if (Check(language, text) is { } problem) return problem;
        var article = await LoadAsync(articleId, ct);
        if (article is null) return KbProblem.NoSuchArticle;
        if (isDraft && language == article.SourceLanguage && article.PublishAt is not null) return KbProblem.SourceTranslationRequired;
        var now = time.GetUtcNow();
        var files = await FilesOfAsync(articleId, ct);
        var translation = article.Translations.FirstOrDefault(t => t.Language == language);
        var change = translation is null ? KbChange.Translated : KbChange.Edited;
        if (translation is null)
        {
            translation = Translation(language, text, by, now, files);
            article.Translations.Add(translation);
        }
        else Write(translation, text, by, now, files);
        translation.IsDraft = isDraft;
        article.UpdatedAt = now;
        article.UpdatedById = by;
        return await SaveAsync(article, Revision(articleId, change, language, by, now, text, isDraft ? "draft" : null), [], ct);
    }

    /// <summary>Publishes now, or at <paramref name="at"/> when it is later (a scheduled publication).</summary>
    public async Task<KbProblem?> PublishAsync(Guid by, int articleId, DateTimeOffset? at, CancellationToken ct)
    {
        var article = await LoadAsync(articleId, ct);
        if (article is null) return KbProblem.NoSuchArticle;
        var now = time.GetUtcNow();
        var when = at is { } later && later > now ? later : now;
        // What readers of other languages fall back to must be ready before anyone reads it.
        foreach (var t in article.Translations.Where(t => t.Language == article.SourceLanguage)) t.IsDraft = false;
        article.PublishAt = when;
        article.UpdatedAt = now;
        article.UpdatedById = by;
        var change = when > now ? KbChange.Scheduled : KbChange.Published;
        return await SaveAsync(article, Revision(articleId, change, null, by, now, detail: when.ToString("u")), [], ct);
    }

    /// <summary>Takes an article back to draft: readers no longer see it, its address says it is not found.</summary>
    public async Task<KbProblem?> UnpublishAsync(Guid by, int articleId, CancellationToken ct)
    {
        var article = await LoadAsync(articleId, ct);
        if (article is null) return KbProblem.NoSuchArticle;
        article.PublishAt = null;
        article.UpdatedAt = time.GetUtcNow();
        article.UpdatedById = by;
        return await SaveAsync(article, Revision(articleId, KbChange.Unpublished, null, by, article.UpdatedAt), [], ct);
    }

    public async Task<KbProblem?> SetVisibilityAsync(Guid by, int articleId, KbVisibility visibility, IReadOnlyList<Guid> organizations,
        CancellationToken ct)
    {
        if (visibility == KbVisibility.Organizations && organizations.Count == 0) return KbProblem.NoOrganizations;
        var article = await LoadAsync(articleId, ct);
        if (article is null) return KbProblem.NoSuchArticle;
        var before = Describe(article.Visibility, article.Organizations.Count);
        article.Visibility = visibility;
        article.Organizations.Clear();
        article.Organizations.AddRange(OrganizationsOf(visibility, organizations));
        article.UpdatedAt = time.GetUtcNow();
        article.UpdatedById = by;
        var detail = $"{before} → {Describe(visibility, article.Organizations.Count)}";
        return await SaveAsync(article, Revision(articleId, KbChange.VisibilityChanged, null, by, article.UpdatedAt, detail: detail), [], ct);
    }

    public async Task<KbProblem?> MoveAsync(Guid by, int articleId, int sectionId, int position, CancellationToken ct)
    {
        if (!await db.KbSections.AnyAsync(s => s.Id == sectionId, ct)) return KbProblem.NoSuchSection;
        var article = await LoadAsync(articleId, ct);
        if (article is null) return KbProblem.NoSuchArticle;
        var detail = $"{article.SectionId}#{article.Position} → {sectionId}#{position}";
        (article.SectionId, article.Position) = (sectionId, position);
        article.UpdatedAt = time.GetUtcNow();
        article.UpdatedById = by;
        return await SaveAsync(article, Revision(articleId, KbChange.Moved, null, by, article.UpdatedAt, detail: detail), [], ct);
    }

    /// <summary>
    /// Moves an article up (negative <paramref name="steps"/>) or down in its section's order, the order readers see
    /// (position, then id), drafts included. The section's positions are numbered again 1, 2, 3…: the gaps and ties that
    /// moves between sections leave would otherwise make a step change nothing, or more than one place.
    /// </summary>
    public async Task<KbProblem?> ReorderAsync(Guid by, int sectionId, int articleId, int steps, CancellationToken ct)
    {
        var articles = await db.KbArticles.Where(a => a.SectionId == sectionId).OrderBy(a => a.Position).ThenBy(a => a.Id).ToListAsync(ct);
        var from = articles.FindIndex(a => a.Id == articleId);
        if (from < 0) return await db.KbArticles.AnyAsync(a => a.Id == articleId, ct) ? KbProblem.NotInSection : KbProblem.NoSuchArticle;
        var to = Math.Clamp(from + steps, 0, articles.Count - 1);
        if (to == from) return null;
        var article = articles[from];
        articles.RemoveAt(from);
        articles.Insert(to, article);
        for (var i = 0; i < articles.Count; i++) articles[i].Position = i + 1;
        article.UpdatedAt = time.GetUtcNow();
        article.UpdatedById = by;
        // The places, not the positions: what the editor saw in the list ("2 → 1").
        db.KbRevisions.Add(Revision(articleId, KbChange.Reordered, null, by, article.UpdatedAt, detail: $"{from + 1} → {to + 1}"));
        // One save, no search document: the order is not in the index, and the structure's cache (NodeCache) holds
        // categories and sections, never articles.
        await db.SaveChangesAsync(ct);
        return null;
    }

    public async Task<KbProblem?> DeleteTranslationAsync(Guid by, int articleId, string language, CancellationToken ct)
    {
        var article = await LoadAsync(articleId, ct);
        if (article is null) return KbProblem.NoSuchArticle;
        if (language == article.SourceLanguage) return KbProblem.SourceTranslationRequired;
        if (article.Translations.FirstOrDefault(t => t.Language == language) is not { } translation) return null;
        article.Translations.Remove(translation);
        db.KbTranslations.Remove(translation);
        article.UpdatedAt = time.GetUtcNow();
        article.UpdatedById = by;
        return await SaveAsync(article, Revision(articleId, KbChange.TranslationDeleted, language, by, article.UpdatedAt), [translation.Id], ct);
    }

    /// <summary>Keeps files uploaded by the editor (pending uploads) as files of the article.</summary>
    public async Task<(IReadOnlyList<KbFile> Files, KbProblem? Problem)> AddFilesAsync(Guid by, int articleId,
        IReadOnlyList<PendingUpload> uploads, CancellationToken ct)
    {
        var article = await LoadAsync(articleId, ct);
        if (article is null) return ([], KbProblem.NoSuchArticle);
        var now = time.GetUtcNow();
        var files = Keep(articleId, by, now, WithIds(uploads, now));
        article.UpdatedAt = now;
        article.UpdatedById = by;
        await db.SaveChangesAsync(ct);
        return (files, null);
    }

    public async Task<KbProblem?> RemoveFileAsync(Guid by, int articleId, Guid fileId, CancellationToken ct)
    {
        var file = await db.KbFiles.SingleOrDefaultAsync(f => f.Id == fileId && f.ArticleId == articleId, ct);
        if (file is null) return KbProblem.NoSuchArticle;
        db.KbFiles.Remove(file);
        db.KbRevisions.Add(Revision(articleId, KbChange.FileRemoved, null, by, time.GetUtcNow(), detail: file.FileName));
        await db.SaveChangesAsync(ct);
        return null;
    }

    /// <summary>Deletes an article with its translations, history, files, votes (the files' bytes go with the blob sweep).</summary>
    public async Task<KbProblem?> DeleteAsync(int articleId, CancellationToken ct)
    {
        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        var translations = await db.KbTranslations.Where(t => t.ArticleId == articleId).Select(t => t.Id).ToListAsync(ct);
        if (await db.KbArticles.Where(a => a.Id == articleId).ExecuteDeleteAsync(ct) == 0) return KbProblem.NoSuchArticle;
        await IKbSearchEngine.For(db).DeleteAsync(db, translations, ct);
        await transaction.CommitAsync(ct);
        return null;
    }

    /// <summary>Pending uploads with the ids their files will have.</summary>
    private static List<(Guid Id, PendingUpload Upload)> WithIds(IReadOnlyList<PendingUpload> uploads, DateTimeOffset now) =>
        uploads.Select(u => (Guid.CreateVersion7(now), u)).ToList();

    /// <summary>Makes pending uploads files of the article, each a line of its history; saved by the caller.</summary>
    private List<KbFile> Keep(int articleId, Guid by, DateTimeOffset now, IReadOnlyList<(Guid Id, PendingUpload Upload)> uploads)
    {
        var files = uploads.Select(f => new KbFile
        {
            Id = f.Id, ArticleId = articleId, FileName = f.Upload.FileName, ContentType = f.Upload.ContentType, Length = f.Upload.Length,
            BlobKey = f.Upload.BlobKey, CreatedAt = now, CreatedById = by,
        }).ToList();
        db.KbFiles.AddRange(files);
        db.RemoveRange(uploads.Select(f => f.Upload));
        foreach (var file in files)
            db.KbRevisions.Add(Revision(articleId, KbChange.FileAdded, null, by, now, detail: file.FileName));
        return files;
    }

    private Task<KbArticle?> LoadAsync(int articleId, CancellationToken ct) =>
        db.KbArticles.Include(a => a.Translations).Include(a => a.Organizations).AsSplitQuery().SingleOrDefaultAsync(a => a.Id == articleId, ct);

    private async Task<List<AttachedFile>> FilesOfAsync(int articleId, CancellationToken ct) =>
        (await db.KbFiles.Where(f => f.ArticleId == articleId).ToListAsync(ct)).ConvertAll(f => KbFile.Attached(f.Id, f.FileName, f.ContentType));

    private async Task<KbProblem?> SaveAsync(KbArticle article, KbRevision revision, IReadOnlyList<int> removedTranslations, CancellationToken ct)
    {
        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        db.KbRevisions.Add(revision);
        await db.SaveChangesAsync(ct);
        await KbSearchIndex.UpdateAsync(db, article.Id, removedTranslations, ct);
        await transaction.CommitAsync(ct);
        return null;
    }

    private static KbProblem? Check(string language, KbText text) =>
        !Cultures.Supported.Contains(language) ? KbProblem.UnknownLanguage
        : string.IsNullOrWhiteSpace(text.Title) ? KbProblem.TitleRequired
        : text.Title.Trim().Length > KbTranslation.MaxTitleLength ? KbProblem.TitleTooLong
        : (text.BodyMarkdown ?? "").Length > KbTranslation.MaxBodyLength ? KbProblem.BodyTooLong
        : (text.Keywords ?? "").Trim().Length > KbTranslation.MaxKeywordsLength ? KbProblem.KeywordsTooLong
        : null;

    private KbTranslation Translation(string language, KbText text, Guid by, DateTimeOffset now, IReadOnlyList<AttachedFile> files)
    {
        var translation = new KbTranslation { Language = language, CreatedAt = now };
        Write(translation, text, by, now, files);
        return translation;
    }

    private void Write(KbTranslation translation, KbText text, Guid by, DateTimeOffset now, IReadOnlyList<AttachedFile> files)
    {
        var body = richText.FromMarkdown(text.BodyMarkdown ?? "", files);
        translation.Title = text.Title.Trim();
        translation.Slug = KbSlug.Of(translation.Title);
        translation.BodyMarkdown = text.BodyMarkdown ?? "";
        translation.BodyHtml = body.Html;
        translation.BodyText = body.Text;
        translation.Keywords = (text.Keywords ?? "").Trim();
        translation.UpdatedAt = now;
        translation.UpdatedById = by;
    }

    private static IEnumerable<KbArticleOrganization> OrganizationsOf(KbVisibility visibility, IReadOnlyList<Guid> organizations) =>
        visibility == KbVisibility.Organizations ? organizations.Distinct().Select(o => new KbArticleOrganization { OrganizationId = o }) : [];

    private static string Describe(KbVisibility visibility, int organizations) =>
        visibility == KbVisibility.Organizations ? $"{visibility} ({organizations})" : visibility.ToString();

    private static KbRevision Revision(int articleId, KbChange change, string? language, Guid by, DateTimeOffset at, KbText? text = null,
        string? detail = null) => new()
    {
        ArticleId = articleId, Change = change, Language = language, ById = by, At = at,
        Title = text?.Title.Trim(), BodyMarkdown = text?.BodyMarkdown, Keywords = text?.Keywords?.Trim(), Detail = detail,
    };
}
