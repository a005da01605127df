using Guichet.Web.KnowledgeBase;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;

namespace Guichet.Web.Pages.Portal.KnowledgeBase;

/// <summary>A category: its sections, each with its articles in order. A category with nothing the reader may read is not found.</summary>
public sealed class CategoryModel(KbLibrary library, CurrentKbReader readers, IStringLocalizer<SharedResource> L) : PageModel
{
    public KbCategoryView View { get; private set; } = null!;
    public ILookup<int, KbArticleSummary> Articles { get; private set; } = Array.Empty<KbArticleSummary>().ToLookup(a => a.SectionId);
    public IReadOnlyList<KbCrumb> Crumbs { get; private set; } = [];

    public async Task<IActionResult> OnGetAsync(int id, CancellationToken ct)
    {
        var reader = await readers.GetAsync(ct);
        if ((await library.CategoriesAsync(reader, ct)).FirstOrDefault(c => c.Category.Id == id) is not { } view) return NotFound();
        View = view;
        Articles = await library.InSectionsAsync(reader, KbPages.Language, [.. view.Sections.Select(s => s.Section.Id)], ct);
        Crumbs = [new(L["Help center"], KbAddresses.Home), new(view.Category.Names.ToString(), null)];
        return Page();
    }
}
