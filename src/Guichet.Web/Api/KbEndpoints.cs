using System.Globalization;
using Guichet.Web.Attachments;
using Guichet.Web.Data;
using Guichet.Web.KnowledgeBase;
using Guichet.Web.Localization;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Http.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using Microsoft.Extensions.Options;

namespace Guichet.Web.Api;

/// <summary>A category or a section, named in the language asked for.</summary>
public sealed record KbPlace(int Id, string Name);

/// <summary>A section of a category: <c>articles</c> counts those you may read (sections without any are not listed).</summary>
public sealed record KbSectionItem(int Id, string Name, string Description, int Articles);

public sealed record KbCategoryItem(int Id, string Name, string Description, IReadOnlyList<KbSectionItem> Sections);

/// <summary>
/// An article in a list: <c>title</c> in <c>language</c> (the one asked for, else the article's source language);
/// <c>url</c> its page on the portal.
/// </summary>
public sealed record KbArticleItem(int Id, string Title, string Language, int SectionId, DateTimeOffset UpdatedAt, string Url);

/// <summary>A section with its articles, in their order.</summary>
public sealed record KbSectionDetail(int Id, string Name, string Description, KbPlace Category, IReadOnlyList<KbArticleItem> Articles);

/// <summary>Articles by id, 50 a page by default; <c>nextCursor</c> null on the last page.</summary>
public sealed record KbArticlePage(IReadOnlyList<KbArticleItem> Items, string? NextCursor);

/// <summary>
/// A file of an article: <c>downloadUrl</c> its address in the API (with your token); <c>url</c> its address on the portal,
/// where a browser's session decides (the address the images in <c>bodyHtml</c> use).
/// </summary>
public sealed record KbFileView(Guid Id, string FileName, string ContentType, long Length, string Url, string DownloadUrl);

/// <summary>
/// An article: <c>bodyHtml</c> sanitized HTML in <c>language</c>; <c>isFallback</c> true when it is shown in its
/// <c>sourceLanguage</c> because the language asked for has no ready translation; <c>languages</c> those it can be read in.
/// </summary>
public sealed record KbArticleDetail(int Id, string Title, string BodyHtml, string Language, bool IsFallback, string SourceLanguage,
    IReadOnlyList<string> Languages, DateTimeOffset PublishedAt, DateTimeOffset UpdatedAt, KbPlace Section, KbPlace? Category,
    IReadOnlyList<KbFileView> Files, IReadOnlyList<KbArticleItem> Related, string Url);

/// <summary>An article found: <c>excerptHtml</c> a few lines around the words found, HTML-encoded, the words in &lt;mark&gt;.</summary>
public sealed record KbHitView(int Id, string Title, string Language, string ExcerptHtml, int SectionId, string Url);

/// <summary>"Was this article helpful?": <c>helpful</c> is required; <c>comment</c>, what was missing, is kept only with a no.</summary>
public sealed record KbVoteInput([property: NonNull] bool? Helpful, string? Comment = null);

/// <summary>Your answer on an article, as kept.</summary>
public sealed record KbVoteView(int ArticleId, bool Helpful, string? Comment, string Language, DateTimeOffset At);

/// <summary>
/// /api/v1/kb: the knowledge base as the caller reads it on the portal, through the same code (<see cref="KbLibrary"/>,
/// <see cref="KbSearch"/>, <see cref="KbVotes"/>) and so the same rule (<see cref="KbAccess"/>): an article the caller may
/// not read is a 404, as one that does not exist. Texts in <c>lang</c>, else the caller's language.
/// </summary>
public static class KbEndpoints
{
    public const int DefaultLimit = 50;
    public const int MaxLimit = 200;
    public const int DefaultSearchLimit = 20;

    private static readonly Dictionary<string, string> Parameters = new()
    {
        ["lang"] = "The language to read in: en, fr, de, es or it; by default your profile's, else the Accept-Language header's. " +
            "An article without a ready translation in it comes in its source language.",
        ["section"] = "Only the articles of this section.",
        ["cursor"] = "The nextCursor of the previous page, with the same filters.",
        ["limit"] = "How many, 1 to 200 (50 by default); for a search 1 to 50 (20 by default).",
        ["q"] = "The words to look for; every word must be found (accents and case do not matter).",
    };

    public static void Map(RouteGroupBuilder api)
    {
        var kb = api.MapGroup("/kb").WithTags("Knowledge base").AddOpenApiOperationTransformer(ApiDocument.DescribeParameters(Parameters));
        kb.MapGet("/categories", CategoriesAsync).WithName("ListKbCategories")
            .WithSummary("The categories and their sections that hold articles you may read, in order").ProducesValidationProblem();
        kb.MapGet("/sections/{id:int}", SectionAsync).WithName("GetKbSection")
            .WithSummary("A section with the articles you may read in it, in order").ProducesValidationProblem().ProducesProblem(StatusCodes.Status404NotFound);
        kb.MapGet("/articles", ArticlesAsync).WithName("ListKbArticles")
            .WithSummary("The articles you may read, by id, a page at a time").ProducesValidationProblem();
        kb.MapGet("/articles/{id:int}", ArticleAsync).WithName("GetKbArticle")
            .WithSummary("An article you may read, in your language or its source language, with its files and related articles")
            .ProducesValidationProblem().ProducesProblem(StatusCodes.Status404NotFound);
        kb.MapGet("/articles/search", SearchAsync).WithName("SearchKbArticles")
            .WithSummary("Full-text search in the articles you may read, best first, with excerpts").ProducesValidationProblem();
        kb.MapGet("/suggestions", SuggestionsAsync).WithName("SuggestKbArticles")
            .WithSummary("The articles the request form suggests for a subject being typed: the last word may be a beginning; at most 5")
            .ProducesValidationProblem();
        kb.MapPut("/articles/{id:int}/vote", VoteAsync).WithName("VoteKbArticle")
            .WithSummary("Say whether an article was helpful (one answer per person and article; a new one replaces it)")
            .Accepts<KbVoteInput>("application/json")
            .Produces<KbVoteView>()
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status404NotFound).ProducesProblem(StatusCodes.Status415UnsupportedMediaType);
        kb.MapGet("/articles/{id:int}/files/{fileId:guid}", FileAsync).WithName("DownloadKbFile")
            .WithSummary("Download a file of an article you may read (the downloadUrl of the article's files)")
            .AddOpenApiOperationTransformer(ApiDocument.AnyFile).ProducesProblem(StatusCodes.Status404NotFound);
        kb.MapDelete("/articles/{id:int}/vote", WithdrawAsync).WithName("WithdrawKbVote")
            .WithSummary("Take back your answer on an article")
            .Produces(StatusCodes.Status204NoContent).ProducesProblem(StatusCodes.Status404NotFound);
    }

    private static async Task<Results<Ok<List<KbCategoryItem>>, ValidationProblem>> CategoriesAsync(string? lang, ApiCaller caller, KbLibrary library,
        ApiProblems problems, IStringLocalizer<SharedResource> L, CancellationToken ct)
    {
        if (Language(lang) is not { } language) return LanguageRefused(problems, L);
        var categories = await library.CategoriesAsync(await ReaderAsync(caller, ct), ct);
        return TypedResults.Ok(categories.Select(c => new KbCategoryItem(c.Category.Id, c.Category.Names.In(language), c.Category.Descriptions.In(language),
            c.Sections.Select(s => new KbSectionItem(s.Section.Id, s.Section.Names.In(language), s.Section.Descriptions.In(language), s.Articles)).ToList())).ToList());
    }

    private static async Task<Results<Ok<KbSectionDetail>, ValidationProblem, ProblemHttpResult>> SectionAsync(int id, string? lang, ApiCaller caller,
        KbLibrary library, ApiProblems problems, IStringLocalizer<SharedResource> L, CancellationToken ct)
    {
        if (Language(lang) is not { } language) return LanguageRefused(problems, L);
        var structure = await library.StructureAsync(ct);
        if (structure.Section(id) is not { } section || structure.Category(section.CategoryId) is not { } category) return problems.NotFound();
        // As on the portal: a section with nothing the caller may read is not shown to them.
        var articles = await library.InSectionAsync(await ReaderAsync(caller, ct), language, id, ct);
        if (articles.Count == 0) return problems.NotFound();
        return TypedResults.Ok(new KbSectionDetail(section.Id, section.Names.In(language), section.Descriptions.In(language),
            new KbPlace(category.Id, category.Names.In(language)), articles.Select(Item).ToList()));
    }

    private static async Task<Results<Ok<KbArticlePage>, ValidationProblem>> ArticlesAsync(int? section, string? cursor, int? limit, string? lang,
        ApiCaller caller, KbLibrary library, GuichetDbContext db, TimeProvider time, ApiProblems problems, IStringLocalizer<SharedResource> L,
        CancellationToken ct)
    {
        var errors = new Dictionary<string, string[]>();
        var language = Language(lang);
        if (language is null) errors["lang"] = [LanguageError(L)];
        var take = limit ?? DefaultLimit;
        if (take is < 1 or > MaxLimit) errors["limit"] = [L["Enter a number between {0} and {1}.", 1, MaxLimit]];
        var after = 0;
        if (cursor is { Length: > 0 } && !int.TryParse(cursor, NumberStyles.None, CultureInfo.InvariantCulture, out after))
            errors["cursor"] = [L["This cursor does not belong to this list. Start again without it."]];
        if (errors.Count > 0) return problems.Invalid(errors);

        var articles = db.KbArticles.ReadableBy(await ReaderAsync(caller, ct), time.GetUtcNow()).Where(a => a.Id > after);
        if (section is { } s) articles = articles.Where(a => a.SectionId == s);
        // One more than a page says whether there is a next one; the page's ids first, so that an article with nothing to
        // show in any language (none there) does not end the list early.
        var ids = await articles.OrderBy(a => a.Id).Select(a => a.Id).Take(take + 1).ToListAsync(ct);
        var page = ids.Take(take).ToList();
        var items = (await library.SummariesAsync(db.KbArticles.Where(a => page.Contains(a.Id)), language!, ct)).OrderBy(a => a.Id).Select(Item).ToList();
        return TypedResults.Ok(new KbArticlePage(items, ids.Count > take ? page[^1].ToString(CultureInfo.InvariantCulture) : null));
    }

    private static async Task<Results<Ok<KbArticleDetail>, ValidationProblem, ProblemHttpResult>> ArticleAsync(int id, string? lang, ApiCaller caller,
        KbLibrary library, ApiProblems problems, IStringLocalizer<SharedResource> L, CancellationToken ct)
    {
        if (Language(lang) is not { } language) return LanguageRefused(problems, L);
        // Read through the API is not counted as a view: scripts and synchronizations would make everything "most read".
        if (await library.ArticleAsync(await ReaderAsync(caller, ct), language, id, preview: false, ct) is not { } page) return problems.NotFound();
        var structure = await library.StructureAsync(ct);
        var section = structure.Section(page.Article.SectionId);
        var category = structure.CategoryOfSection(page.Article.SectionId);
        return TypedResults.Ok(new KbArticleDetail(page.Article.Id, page.Translation.Title, page.Translation.BodyHtml, page.Translation.Language,
            page.IsFallback, page.Article.SourceLanguage, page.Languages, page.Article.PublishAt!.Value, page.Article.UpdatedAt,
            new KbPlace(page.Article.SectionId, section?.Names.In(language) ?? ""), category is null ? null : new KbPlace(category.Id, category.Names.In(language)),
            page.Files.Select(f => new KbFileView(f.Id, f.FileName, f.ContentType, f.Length, f.Url, FileUrl(f.ArticleId, f.Id))).ToList(),
            page.Related.Select(Item).ToList(), KbAddresses.Article(page.Article.Id, page.Translation.Slug)));
    }

    /// <summary>
    /// The portal's file address answers to a browser's session, not to a token: this one reads as the token's owner
    /// (the same rule, published articles only, as the article itself here). Always sent as a download, as tickets' files.
    /// </summary>
    private static async Task<IResult> FileAsync(int id, Guid fileId, HttpContext context, ApiCaller caller, KbLibrary library,
        AttachmentDownloads downloads, ApiProblems problems, CancellationToken ct) =>
        await library.FileAsync(await ReaderAsync(caller, ct), fileId, id, withDrafts: false, ct) is { } file
            ? await downloads.SendAsync(file.BlobKey, file.FileName, file.ContentType, context.Response, forceDownload: true, ct)
            : problems.NotFound();

    public static string FileUrl(int articleId, Guid fileId) => $"{ApiSetup.Prefix}/kb/articles/{articleId}/files/{fileId}";

    private static async Task<Results<Ok<List<KbHitView>>, ValidationProblem>> SearchAsync(string? q, int? limit, string? lang, ApiCaller caller,
        KbSearch search, ApiProblems problems, IStringLocalizer<SharedResource> L, CancellationToken ct)
    {
        var errors = new Dictionary<string, string[]>();
        var language = Language(lang);
        if (language is null) errors["lang"] = [LanguageError(L)];
        if (string.IsNullOrWhiteSpace(q)) errors["q"] = [L["Enter the words to look for."]];
        var take = limit ?? DefaultSearchLimit;
        if (take is < 1 or > KbSearch.MaxResults) errors["limit"] = [L["Enter a number between {0} and {1}.", 1, KbSearch.MaxResults]];
        if (errors.Count > 0) return problems.Invalid(errors);
        var hits = await search.SearchAsync(await ReaderAsync(caller, ct), language!, q, take, asYouType: false, ct);
        return TypedResults.Ok(hits.Select(Hit).ToList());
    }

    private static async Task<Results<Ok<List<KbHitView>>, ValidationProblem>> SuggestionsAsync(string? q, string? lang, ApiCaller caller,
        KbSuggestions suggestions, ApiProblems problems, IStringLocalizer<SharedResource> L, CancellationToken ct)
    {
        if (Language(lang) is not { } language) return LanguageRefused(problems, L);
        var hits = await suggestions.ForAsync(await ReaderAsync(caller, ct), language, q, ct);
        return TypedResults.Ok(hits.Select(Hit).ToList());
    }

    private static async Task<Results<Ok<KbVoteView>, ValidationProblem, ProblemHttpResult>> VoteAsync(int id, HttpRequest request, ApiCaller caller,
        KbVotes votes, ApiProblems problems, IStringLocalizer<SharedResource> L, IOptions<JsonOptions> json, CancellationToken ct)
    {
        if (await ApiJson.ReadAsync<KbVoteInput>(request, json.Value, ct) is not { } input) return problems.MalformedJson();
        if (input.Helpful is not { } helpful) return problems.Invalid("helpful", L["Say whether the article was helpful: true or false."]);
        var key = KbVotes.UserKey(caller.Id);
        var language = CultureInfo.CurrentUICulture.TwoLetterISOLanguageName;
        switch (await votes.VoteAsync(await ReaderAsync(caller, ct), key, id, helpful, input.Comment, language, ct))
        {
            case KbProblem.NoSuchArticle: return problems.NotFound();
            case KbProblem.BodyTooLong: return problems.Invalid("comment", L["Use at most {0} characters.", KbVote.MaxCommentLength]);
        }
        var vote = (await votes.MineAsync(key, id, ct))!;
        return TypedResults.Ok(new KbVoteView(id, vote.IsHelpful, vote.Comment, vote.Language, vote.At));
    }

    private static async Task<Results<NoContent, ProblemHttpResult>> WithdrawAsync(int id, ApiCaller caller, KbVotes votes, ApiProblems problems,
        CancellationToken ct) =>
        await votes.WithdrawAsync(await ReaderAsync(caller, ct), KbVotes.UserKey(caller.Id), id, ct) ? TypedResults.NoContent() : problems.NotFound();

    private static async Task<KbReader> ReaderAsync(ApiCaller caller, CancellationToken ct) => KbReader.Of(await caller.ViewerAsync(ct));

    /// <summary>The language asked for, else the request's (the caller's profile, else Accept-Language); null when it is not one Guichet speaks.</summary>
    private static string? Language(string? lang) =>
        string.IsNullOrWhiteSpace(lang) ? CultureInfo.CurrentUICulture.TwoLetterISOLanguageName : Cultures.Match(lang);

    private static string LanguageError(IStringLocalizer<SharedResource> L) => L["Choose one of: {0}.", string.Join(", ", Cultures.Supported)];

    private static ValidationProblem LanguageRefused(ApiProblems problems, IStringLocalizer<SharedResource> L) => problems.Invalid("lang", LanguageError(L));

    private static KbArticleItem Item(KbArticleSummary a) => new(a.Id, a.Title, a.Language, a.SectionId, a.UpdatedAt, a.Url);

    private static KbHitView Hit(KbHit h) => new(h.ArticleId, h.Title, h.Language, h.ExcerptHtml, h.SectionId, h.Url);
}
