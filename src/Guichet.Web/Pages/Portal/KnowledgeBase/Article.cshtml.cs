using System.ComponentModel.DataAnnotations;
using System.Globalization;
using Guichet.Web.Accounts;
using Guichet.Web.Data;
using Guichet.Web.KnowledgeBase;
using Guichet.Web.Localization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace Guichet.Web.Pages.Portal.KnowledgeBase;

/// <summary>
/// One article, in the reader's language (else its source language, with a note), or in the ready translation
/// <c>?lang=</c> asks for. The address is <c>/kb/articles/{id}-{slug}</c>: the id decides, a missing or outdated slug
/// is sent to the right one. An article the reader may not read is the same "not found" as one that does not exist.
/// Editors preview drafts with <c>?preview=1</c>. "Was this article helpful?" posts back here and comes back (PRG).
/// </summary>
public sealed class ArticleModel(KbLibrary library, KbVotes votes, CurrentKbReader readers, CurrentUser me, GuichetDbContext db,
    TimeProvider time, IStringLocalizer<SharedResource> L) : PageModel
{
    /// <summary>The anonymous reader's key for their votes: random, long-lived, HttpOnly.</summary>
    public const string VoterCookie = "guichet.kbvoter";

    private const string Thanks = "KbVoteThanks";

    /// <summary>"{id}-{slug}" or "{id}".</summary>
    [BindProperty(SupportsGet = true)] public string Key { get; set; } = "";

    [BindProperty] public VoteInput Vote { get; set; } = new();

    public KbArticlePage Article { get; private set; } = null!;
    public KbReader Reader { get; private set; } = KbReader.Anonymous;
    public IReadOnlyList<KbCrumb> Crumbs { get; private set; } = [];
    public string? Author { get; private set; }

    /// <summary>The language the reader asked for with ?lang=, when it is one the article is ready in.</summary>
    public string? AskedLanguage { get; private set; }

    public bool Preview { get; private set; }

    /// <summary>The reader's own answer to "was this helpful?", null before they answer.</summary>
    public KbVote? Mine { get; private set; }

    /// <summary>Said once after a vote (post-redirect-get).</summary>
    public string? ThankYou { get; private set; }

    public string Path => KbAddresses.Article(Article.Article.Id, Article.Translation.Slug);

    /// <summary>This article's address in one of its languages, keeping the preview.</summary>
    public string LinkIn(string language)
    {
        var slug = Article.Article.Translations.FirstOrDefault(t => t.Language == language)?.Slug ?? Article.Translation.Slug;
        var query = QueryString.Create(new Dictionary<string, string?> { ["lang"] = language, ["preview"] = Preview ? "1" : null }
            .Where(p => p.Value is not null));
        return KbAddresses.Article(Article.Article.Id, slug) + query;
    }

    /// <summary>Where the vote form posts and comes back to: this page as it is shown (language, no preview).</summary>
    public string Self => AskedLanguage is { } lang ? $"{Path}?lang={lang}" : Path;

    public string VoteAction => Self + (AskedLanguage is null ? "?" : "&") + "handler=Vote#feedback";

    public bool IsDraft => !Article.Article.IsPublishedAt(time.GetUtcNow()) || Article.Translation.IsDraft;

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        if (await LoadAsync(ct) is { } failed) return failed;
        // An outdated or missing slug goes to the right one; any of the article's own slugs is right (a link in another
        // language's words), so that a browser's remembered redirect can never send a reader round in circles.
        var slug = Key.Contains('-') ? Key[(Key.IndexOf('-') + 1)..] : null;
        if (slug is null || !Article.Article.Translations.Any(t => t.Slug == slug && (Preview || !t.IsDraft)))
            return RedirectPermanent(Path + Request.QueryString);
        if (!Preview) await library.CountViewAsync(Reader, Article.Article.Id, ct);
        ThankYou = TempData[Thanks] as string;
        Vote.Comment = Mine?.Comment;
        return Page();
    }

    public async Task<IActionResult> OnPostVoteAsync(CancellationToken ct)
    {
        if (await LoadAsync(ct) is { } failed) return failed;
        var voter = VoterKey(create: true)!;
        switch (await votes.VoteAsync(Reader, voter, Article.Article.Id, Vote.Helpful, Vote.Comment, Article.Translation.Language, ct))
        {
            case KbProblem.NoSuchArticle:
                return NotFound();
            case KbProblem.BodyTooLong:
                // The page again with what was typed and why it was refused, next to the box.
                ModelState.AddModelError($"{nameof(Vote)}.{nameof(Vote.Comment)}", L["Use at most {0} characters.", KbVote.MaxCommentLength]);
                return Page();
        }
        TempData[Thanks] = Vote.Helpful ? L["Thank you for your answer."].Value
            : string.IsNullOrWhiteSpace(Vote.Comment) ? L["Thank you. Tell us what was missing: we read every comment."].Value
            : L["Thank you: your comment goes to the people who write our articles."].Value;
        return Redirect(Self + "#feedback");
    }

    /// <summary>The article as this reader may see it, its breadcrumbs, author and the reader's vote; a result when it cannot be shown.</summary>
    private async Task<IActionResult?> LoadAsync(CancellationToken ct)
    {
        var dash = Key.IndexOf('-');
        if (!int.TryParse(dash < 0 ? Key : Key[..dash], NumberStyles.None, CultureInfo.InvariantCulture, out var id)) return NotFound();
        Reader = await readers.GetAsync(ct);
        // Only what readers read is voted on: a vote never previews.
        Preview = HttpMethods.IsGet(Request.Method) && Request.Query["preview"] == "1" && Reader.IsEditor;
        AskedLanguage = Cultures.Match(Request.Query["lang"]);
        var page = await library.ArticleAsync(Reader, AskedLanguage ?? KbPages.Language, id, Preview, ct);
        if (page is null) return NotFound();
        Article = page;
        if (AskedLanguage is not null && page.Translation.Language != AskedLanguage)
        {
            // A language the article is not (or no longer) ready in: the page as the reader's language shows it.
            AskedLanguage = null;
            return Redirect(Path + (Preview ? "?preview=1" : ""));
        }
        var structure = await library.StructureAsync(ct);
        Crumbs = KbPages.Crumbs(L["Help center"], structure, null, page.Article.SectionId, linkSection: true);
        Author = await db.Users.Where(u => u.Id == page.Article.CreatedById).Select(u => u.FirstName + " " + u.LastName).SingleOrDefaultAsync(ct);
        Author = string.IsNullOrWhiteSpace(Author) ? null : Author.Trim();
        if (VoterKey(create: false) is { } voter) Mine = await votes.MineAsync(voter, page.Article.Id, ct);
        return null;
    }

    /// <summary>A signed-in reader's key; an anonymous reader's from their cookie, which a vote creates when it is missing.</summary>
    private string? VoterKey(bool create)
    {
        if (me.Id is { } userId) return KbVotes.UserKey(userId);
        if (Guid.TryParse(Request.Cookies[VoterCookie], out var key) && key != Guid.Empty) return KbVotes.AnonymousKey(key);
        if (!create) return null;
        key = Guid.NewGuid();
        Response.Cookies.Append(VoterCookie, key.ToString("N"), new CookieOptions
        {
            Expires = time.GetUtcNow().AddYears(2), HttpOnly = true, SameSite = SameSiteMode.Lax, IsEssential = true, Secure = Request.IsHttps,
        });
        return KbVotes.AnonymousKey(key);
    }
}

public sealed class VoteInput
{
    public bool Helpful { get; set; }

    // Its length is checked by KbVotes (the rule for every door), which says so here in the reader's words.
    [Display(Name = "What was missing?")]
    public string? Comment { get; set; }
}
