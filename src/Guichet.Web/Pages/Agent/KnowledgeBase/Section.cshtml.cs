using System.Globalization;
using Guichet.Web.Accounts;
using Guichet.Web.Data;
using Guichet.Web.KnowledgeBase;
using Guichet.Web.Localization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace Guichet.Web.Pages.Agent.KnowledgeBase;

/// <summary>
/// A section's articles in the order readers see them, drafts included, each moved up or down by a button (a form of
/// its own: no script needed); the page comes back to the article moved (<c>#article-{id}</c>). KbAuthoring decides.
/// </summary>
public sealed class SectionModel(GuichetDbContext db, NodeCache cache, KbAuthoring authoring, CurrentUser me, TimeProvider time,
    IStringLocalizer<SharedResource> L) : PageModel
{
    /// <summary>An article of the list: its title in the editor's language, else its source language's.</summary>
    public sealed record Row(int Id, string Title, string Language, KbState State);

    [BindProperty(SupportsGet = true)] public int Id { get; set; }

    public KbSection Section { get; private set; } = null!;
    public KbCategory? Category { get; private set; }
    public IReadOnlyList<Row> Rows { get; private set; } = [];

    public async Task<IActionResult> OnGetAsync(CancellationToken ct) => await LoadAsync(ct) ? Page() : NotFound();

    /// <param name="direction">"up" (towards the first) or "down".</param>
    public async Task<IActionResult> OnPostMoveAsync(int article, string? direction, CancellationToken ct)
    {
        var steps = direction switch { "up" => -1, "down" => 1, _ => 0 };
        if (steps == 0) return BadRequest();
        if (!await LoadAsync(ct)) return NotFound();
        var problem = await authoring.ReorderAsync(me.RequireId(), Id, article, steps, ct);
        if (problem is not null)
        {
            ModelState.AddModelError("", KbLabels.Problem(L, problem.Value));
            return Page();
        }
        await LoadAsync(ct);
        var place = Rows.Select((r, i) => (r, i)).FirstOrDefault(x => x.r.Id == article);
        // Said where the page comes back (a status message), so that a screen reader hears where the article went.
        if (place.r is { } moved) TempData["Flash"] = L["“{0}” is now number {1} of {2}.", moved.Title, place.i + 1, Rows.Count].Value;
        return Redirect($"/agent/kb/sections/{Id}#article-{article}");
    }

    private async Task<bool> LoadAsync(CancellationToken ct)
    {
        var structure = await KbStructure.GetAsync(db, cache, ct);
        if (structure.Section(Id) is not { } section) return false;
        Section = section;
        Category = structure.Category(section.CategoryId);
        var language = Cultures.Match(CultureInfo.CurrentUICulture.TwoLetterISOLanguageName) ?? Cultures.Default;
        var articles = await db.KbArticles.AsNoTracking().Where(a => a.SectionId == Id).OrderBy(a => a.Position).ThenBy(a => a.Id)
            .Select(a => new { a.Id, a.SourceLanguage, a.PublishAt }).ToListAsync(ct);
        // Drafts too: editors order what is not published yet.
        var titles = (await db.KbTranslations.AsNoTracking().Where(t => db.KbArticles.Any(a => a.Id == t.ArticleId && a.SectionId == Id))
            .Select(t => new { t.ArticleId, t.Language, t.Title }).ToListAsync(ct)).ToLookup(t => t.ArticleId);
        var now = time.GetUtcNow();
        Rows = articles.ConvertAll(a =>
        {
            var t = titles[a.Id].FirstOrDefault(t => t.Language == language) ?? titles[a.Id].FirstOrDefault(t => t.Language == a.SourceLanguage);
            return new Row(a.Id, t?.Title ?? "", t?.Language ?? a.SourceLanguage, KbLabels.StateOf(a.PublishAt, now));
        });
        return true;
    }
}
