using Guichet.Web.Data;
using Guichet.Web.KnowledgeBase;
using Guichet.Web.Localization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace Guichet.Web.Pages.Agent.KnowledgeBase;

/// <summary>
/// The categories and their sections: names and descriptions per language, order by position, added, changed, and
/// deleted when empty (KbAuthoring refuses the rest). One form at a time, on the same page as the list.
/// </summary>
public sealed class StructureModel(GuichetDbContext db, NodeCache cache, KbAuthoring authoring, IStringLocalizer<SharedResource> L) : PageModel
{
    /// <summary>What the form changes: "c" a new category, "c12" category 12, "s" a new section, "s5" section 5; null: no form.</summary>
    [BindProperty(SupportsGet = true)] public string? Edit { get; set; }
    [BindProperty] public PlaceInput Input { get; set; } = new();

    public KbStructure Structure { get; private set; } = null!;
    public IReadOnlyDictionary<int, int> ArticleCounts { get; private set; } = new Dictionary<int, int>();
    public bool IsSection => Edit?.StartsWith('s') == true;
    public int? EditedId => Edit is { Length: > 1 } e && int.TryParse(e[1..], out var id) ? id : null;

    public async Task<IActionResult> OnGetAsync(int? category, CancellationToken ct)
    {
        await LoadAsync(ct);
        if (Edit is null) return Page();
        if (EditedId is { } id)
        {
            (LocalizedText Names, LocalizedText Descriptions, int Position, int CategoryId)? place = IsSection
                ? Structure.Section(id) is { } s ? (s.Names, s.Descriptions, s.Position, s.CategoryId) : null
                : Structure.Category(id) is { } c ? (c.Names, c.Descriptions, c.Position, 0) : null;
            if (place is not { } p) return NotFound();
            Input = new PlaceInput
            {
                Names = Cultures.Supported.ToDictionary(l => l, l => (string?)p.Names[l]),
                Descriptions = Cultures.Supported.ToDictionary(l => l, l => (string?)p.Descriptions[l]),
                Position = p.Position, CategoryId = p.CategoryId,
            };
        }
        else
        {
            // A new one goes last.
            Input.Position = 1 + (IsSection
                ? Structure.SectionsOf(category ?? 0).Select(s => s.Position).DefaultIfEmpty().Max()
                : Structure.Categories.Select(c => c.Position).DefaultIfEmpty().Max());
            Input.CategoryId = category ?? Structure.Categories.FirstOrDefault()?.Id ?? 0;
        }
        return Page();
    }

    public async Task<IActionResult> OnPostSaveAsync(CancellationToken ct)
    {
        if (Edit is null) return BadRequest();
        foreach (var (language, name) in Input.Names)
            if (name?.Trim().Length > KbCategory.MaxNameLength)
                ModelState.AddModelError($"Input.Names[{language}]", L["Use at most {0} characters.", KbCategory.MaxNameLength]);
        foreach (var (language, description) in Input.Descriptions)
            if (description?.Trim().Length > KbCategory.MaxDescriptionLength)
                ModelState.AddModelError($"Input.Descriptions[{language}]", L["Use at most {0} characters.", KbCategory.MaxDescriptionLength]);
        if (ModelState.IsValid)
        {
            var names = Texts(Input.Names);
            var descriptions = Texts(Input.Descriptions);
            var problem = IsSection
                ? (await authoring.SaveSectionAsync(EditedId, Input.CategoryId, names, descriptions, Input.Position, ct)).Problem
                : (await authoring.SaveCategoryAsync(EditedId, names, descriptions, Input.Position, ct)).Problem;
            if (problem is null)
            {
                TempData["Flash"] = (IsSection ? L["The section was saved."] : L["The category was saved."]).Value;
                return Redirect("/agent/kb/structure");
            }
            ModelState.AddModelError(problem == KbProblem.NameRequired ? "Input.Names[en]" : "Input.CategoryId", KbLabels.Problem(L, problem.Value));
        }
        await LoadAsync(ct);
        return Page();
    }

    public async Task<IActionResult> OnPostDeleteAsync(string what, CancellationToken ct)
    {
        if (what is not { Length: > 1 } || !int.TryParse(what[1..], out var id)) return BadRequest();
        var problem = what[0] == 's' ? await authoring.DeleteSectionAsync(id, ct) : await authoring.DeleteCategoryAsync(id, ct);
        if (problem is null)
        {
            TempData["Flash"] = L["Deleted."].Value;
            return Redirect("/agent/kb/structure");
        }
        Edit = null;
        await LoadAsync(ct);
        ModelState.AddModelError("", what[0] == 's'
            ? L["This section still holds articles: move or delete them first."]
            : L["This category still has sections: delete them first."]);
        return Page();
    }

    private static LocalizedText Texts(Dictionary<string, string?> texts) =>
        new(texts.Where(t => t.Value is not null).ToDictionary(t => t.Key, t => t.Value!));

    private async Task LoadAsync(CancellationToken ct)
    {
        Structure = await KbStructure.GetAsync(db, cache, ct);
        ArticleCounts = await db.KbArticles.GroupBy(a => a.SectionId).Select(g => new { g.Key, Count = g.Count() })
            .ToDictionaryAsync(g => g.Key, g => g.Count, ct);
    }
}

public sealed class PlaceInput
{
    public Dictionary<string, string?> Names { get; set; } = Cultures.Supported.ToDictionary(c => c, _ => (string?)null);
    public Dictionary<string, string?> Descriptions { get; set; } = Cultures.Supported.ToDictionary(c => c, _ => (string?)null);
    public int Position { get; set; }
    public int CategoryId { get; set; }
}
