using System.Globalization;
using Guichet.Web.Accounts;
using Guichet.Web.Attachments;
using Guichet.Web.Data;
using Guichet.Web.KnowledgeBase;
using Guichet.Web.Localization;
using Guichet.Web.Pages.Shared;
using Guichet.Web.Text;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace Guichet.Web.Pages.Agent.KnowledgeBase;

/// <summary>
/// One article for its editors: its text in one language at a time (<c>?lang=fr</c>; a missing translation is written
/// with the source text beside it), its files, its publication (now, scheduled in the editor's time zone, or back to
/// draft), where it sits and who reads it, and its deletion. Every change goes through <see cref="KbAuthoring"/>.
/// </summary>
public sealed class ArticleModel(GuichetDbContext db, NodeCache cache, KbAuthoring authoring, AttachmentUploads uploads, RichText richText,
    CurrentUser me, TimeProvider time, IStringLocalizer<SharedResource> L) : PageModel
{
    /// <summary>The format of a datetime-local field's value, in the editor's time zone.</summary>
    public const string LocalFormat = "yyyy-MM-ddTHH:mm";

    [BindProperty(SupportsGet = true)] public int Id { get; set; }
    [BindProperty(SupportsGet = true)] public string? Lang { get; set; }
    [BindProperty] public ArticleTextInput Input { get; set; } = new();
    [BindProperty] public ArticleSettingsInput Settings { get; set; } = new();
    [BindProperty(Name = AttachmentsInput.Prefix)] public AttachmentsInput Attachments { get; set; } = new();
    [BindProperty] public List<Guid> RemoveFiles { get; set; } = [];
    [BindProperty] public string? PublishAt { get; set; }

    /// <summary>When the text of this language was last saved as the form was opened (UTC ticks; null: no text yet).</summary>
    [BindProperty] public long? Seen { get; set; }

    public KbArticle Article { get; private set; } = null!;
    public string Language { get; private set; } = Cultures.Default;
    public KbTranslation? Translation { get; private set; }
    public KbTranslation? Source { get; private set; }
    public KbState State { get; private set; }
    public IReadOnlyList<KbFile> Files { get; private set; } = [];
    public KbStructure Structure { get; private set; } = null!;
    public IReadOnlyList<(Guid Id, string Name)> Organizations { get; private set; } = [];
    public string? PreviewHtml { get; private set; }

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        if (!await LoadAsync(ct)) return NotFound();
        Input = ArticleTextInput.Of(Translation);
        Settings = ArticleSettingsInput.Of(Article);
        Seen = Translation?.UpdatedAt.UtcTicks;
        PublishAt = State == KbState.Scheduled ? me.ToLocal(Article.PublishAt!.Value).ToString(LocalFormat, CultureInfo.InvariantCulture) : null;
        return Page();
    }

    /// <summary>Saves the text of this language with the files chosen and without those ticked, so that the text's attachment: references find them.</summary>
    public async Task<IActionResult> OnPostSaveAsync(bool draft, bool publish, CancellationToken ct)
    {
        if (!await LoadAsync(ct)) return NotFound();
        var received = await Attachments.ReceiveAsync(uploads, me.RequireId(), ModelState, ct);
        if (!ModelState.IsValid) return Again();
        if (Translation is { } saved && saved.UpdatedAt.UtcTicks != Seen) return await ChangedMeanwhileAsync(saved, ct);
        var by = me.RequireId();
        if (received.Count > 0 && (await authoring.AddFilesAsync(by, Id, received, ct)).Problem is { } filesProblem) return Refused(filesProblem);
        foreach (var file in RemoveFiles)
            if (await authoring.RemoveFileAsync(by, Id, file, ct) is { } removeProblem) return Refused(removeProblem);
        if (await authoring.SaveTextAsync(by, Id, Language, Input.ToText(), draft, ct) is { } problem) return Refused(problem);
        if (publish && await authoring.PublishAsync(by, Id, null, ct) is { } publishProblem) return Refused(publishProblem);
        return Done(publish ? L["Saved and published."] : draft ? L["Saved as a draft."] : L["Saved."]);
    }

    public async Task<IActionResult> OnPostPreviewAsync(CancellationToken ct)
    {
        if (!await LoadAsync(ct)) return NotFound();
        ModelState.Clear();   // a preview of what was typed, not a verdict on it
        await Attachments.ReceiveAsync(uploads, me.RequireId(), ModelState, ct);
        PreviewHtml = richText.FromMarkdown(Input.Body ?? "", Files.Select(f => new AttachedFile(f.FileName, f.Url, f.IsImage)).ToList()).Html;
        return Page();
    }

    public async Task<IActionResult> OnPostPublishAsync(CancellationToken ct) =>
        await authoring.PublishAsync(me.RequireId(), Id, null, ct) is { } problem ? await RefusedAsync(problem, ct) : Done(L["The article is published."]);

    public async Task<IActionResult> OnPostScheduleAsync(CancellationToken ct)
    {
        var zone = me.TimeZone;
        if (!DateTime.TryParseExact(PublishAt, LocalFormat, CultureInfo.InvariantCulture, DateTimeStyles.None, out var local) || zone.IsInvalidTime(local))
            return await RefusedAsync("PublishAt", L["Enter a date and time."], ct);
        var at = new DateTimeOffset(TimeZoneInfo.ConvertTimeToUtc(DateTime.SpecifyKind(local, DateTimeKind.Unspecified), zone), TimeSpan.Zero);
        if (at <= time.GetUtcNow()) return await RefusedAsync("PublishAt", L["Choose a moment in the future, or publish now."], ct);
        return await authoring.PublishAsync(me.RequireId(), Id, at, ct) is { } problem
            ? await RefusedAsync(problem, ct)
            : Done(L["The publication is scheduled for {0}.", me.ToLocal(at).ToString("g")]);
    }

    public async Task<IActionResult> OnPostUnpublishAsync(CancellationToken ct) =>
        await authoring.UnpublishAsync(me.RequireId(), Id, ct) is { } problem ? await RefusedAsync(problem, ct) : Done(L["The article is a draft again: readers no longer see it."]);

    /// <summary>Where it sits and who reads it: each change that was made is a line of the history.</summary>
    public async Task<IActionResult> OnPostSettingsAsync(CancellationToken ct)
    {
        if (!await LoadAsync(ct)) return NotFound();
        var by = me.RequireId();
        if (Settings.SectionId != Article.SectionId)
        {
            var last = await db.KbArticles.Where(a => a.SectionId == Settings.SectionId).MaxAsync(a => (int?)a.Position, ct) ?? 0;
            if (await authoring.MoveAsync(by, Id, Settings.SectionId, last + 1, ct) is { } moveProblem) return Refused(moveProblem);
        }
        var organizations = Settings.Visibility == KbVisibility.Organizations ? Settings.OrganizationIds.Distinct().Order().ToList() : [];
        if (Settings.Visibility != Article.Visibility || !organizations.SequenceEqual(Article.Organizations.Select(o => o.OrganizationId).Order()))
            if (await authoring.SetVisibilityAsync(by, Id, Settings.Visibility, organizations, ct) is { } problem) return Refused(problem);
        return Done(L["Saved."]);
    }

    public async Task<IActionResult> OnPostDeleteTranslationAsync(CancellationToken ct)
    {
        if (!await LoadAsync(ct)) return NotFound();
        if (await authoring.DeleteTranslationAsync(me.RequireId(), Id, Language, ct) is { } problem) return Refused(problem);
        TempData["Flash"] = L["The translation ({0}) was deleted.", Cultures.NativeName(Language)].Value;
        return Redirect($"/agent/kb/articles/{Id}");
    }

    public async Task<IActionResult> OnPostDeleteAsync(bool confirm, CancellationToken ct)
    {
        if (!confirm) return await RefusedAsync("confirm", L["Tick the box to confirm."], ct);
        if (await authoring.DeleteAsync(Id, ct) is { } problem) return await RefusedAsync(problem, ct);
        TempData["Flash"] = L["The article was deleted."].Value;
        return Redirect("/agent/kb");
    }

    /// <summary>
    /// Someone saved this language's text after the form was opened: their text would be lost without a word. The
    /// editor's text comes back with who and when; a second save, knowing it, replaces theirs.
    /// </summary>
    private async Task<IActionResult> ChangedMeanwhileAsync(KbTranslation translation, CancellationToken ct)
    {
        var who = (await AgentAccounts.NamedAsync(db.Users.Where(u => u.Id == translation.UpdatedById), ct)).SingleOrDefault()?.Name;
        ModelState.AddModelError("", L["{0} saved this text on {1}, after you opened it. Your text is below, unsaved: compare it with theirs (History), then save again to replace it.",
            who ?? "?", me.ToLocal(translation.UpdatedAt).ToString("g")]);
        Seen = translation.UpdatedAt.UtcTicks;
        return Again();
    }

    /// <summary>The form field a refusal belongs next to.</summary>
    public static string FieldOf(KbProblem problem) => problem switch
    {
        KbProblem.TitleRequired or KbProblem.TitleTooLong => "Input.Title",
        KbProblem.BodyTooLong => "Input.Body",
        KbProblem.KeywordsTooLong => "Input.Keywords",
        KbProblem.NoSuchSection => "Settings.SectionId",
        KbProblem.NoOrganizations => "Settings.OrganizationIds",
        _ => "",
    };

    /// <summary>An article's title in its source language, for the pages about it; null when there is no such article.</summary>
    public static Task<string?> TitleAsync(GuichetDbContext db, int id, CancellationToken ct) =>
        db.KbTranslations.Where(t => t.ArticleId == id && db.KbArticles.Any(a => a.Id == id && a.SourceLanguage == t.Language))
            .Select(t => t.Title).SingleOrDefaultAsync(ct);

    /// <summary>The organizations to choose from, by name.</summary>
    public static async Task<IReadOnlyList<(Guid Id, string Name)>> OrganizationsAsync(GuichetDbContext db, CancellationToken ct) =>
        (await db.Organizations.AsNoTracking().OrderBy(o => o.Name).Select(o => new { o.Id, o.Name }).ToListAsync(ct)).ConvertAll(o => (o.Id, o.Name));

    private IActionResult Done(LocalizedString message)
    {
        TempData["Flash"] = message.Value;
        return Redirect($"/agent/kb/articles/{Id}{(Lang is null ? "" : $"?lang={Language}")}");
    }

    /// <summary>The page again, with what was typed and the refusal next to its field.</summary>
    private IActionResult Refused(KbProblem problem)
    {
        if (problem == KbProblem.NoSuchArticle) return NotFound();
        ModelState.AddModelError(FieldOf(problem), KbLabels.Problem(L, problem));
        return Again();
    }

    private async Task<IActionResult> RefusedAsync(KbProblem problem, CancellationToken ct) =>
        !await LoadAsync(ct) ? NotFound() : Refused(problem);

    private async Task<IActionResult> RefusedAsync(string field, LocalizedString message, CancellationToken ct)
    {
        if (!await LoadAsync(ct)) return NotFound();
        ModelState.AddModelError(field, message);
        return Again();
    }

    /// <summary>The page as posted: the forms not sent show the article as it is.</summary>
    private IActionResult Again()
    {
        if (Request.Form["Settings.SectionId"].Count == 0)
            Settings = ArticleSettingsInput.Of(Article);
        if (Request.Form["Input.Title"].Count == 0)
        {
            Input = ArticleTextInput.Of(Translation);
            // Bound from a form without the text, and found wanting: not what this refusal is about.
            foreach (var key in ModelState.Keys.Where(k => k.StartsWith("Input.", StringComparison.Ordinal)).ToList()) ModelState.Remove(key);
        }
        return Page();
    }

    private async Task<bool> LoadAsync(CancellationToken ct)
    {
        var article = await db.KbArticles.AsNoTracking().Include(a => a.Translations).Include(a => a.Organizations).AsSplitQuery()
            .SingleOrDefaultAsync(a => a.Id == Id, ct);
        if (article is null) return false;
        Article = article;
        Language = Cultures.Match(Lang) ?? article.SourceLanguage;
        Translation = article.Translations.FirstOrDefault(t => t.Language == Language);
        Source = article.Translations.FirstOrDefault(t => t.Language == article.SourceLanguage);
        State = KbLabels.StateOf(article.PublishAt, time.GetUtcNow());
        Files = await db.KbFiles.AsNoTracking().Where(f => f.ArticleId == Id).OrderBy(f => f.CreatedAt).ThenBy(f => f.FileName).ToListAsync(ct);
        Structure = await KbStructure.GetAsync(db, cache, ct);
        Organizations = await OrganizationsAsync(db, ct);
        return true;
    }
}
