using Guichet.Web.KnowledgeBase;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;

namespace Guichet.Web.Pages.Portal.KnowledgeBase;

/// <summary>A section: its articles in order. A section with nothing the reader may read is not found.</summary>
public sealed class SectionModel(KbLibrary library, CurrentKbReader readers, IStringLocalizer<SharedResource> L) : PageModel
{
    public KbSection Section { get; private set; } = null!;
    public IReadOnlyList<KbArticleSummary> Articles { get; private set; } = [];
    public IReadOnlyList<KbCrumb> Crumbs { get; private set; } = [];

    public async Task<IActionResult> OnGetAsync(int id, CancellationToken ct)
    {
        var structure = await library.StructureAsync(ct);
        if (structure.Section(id) is not { } section) return NotFound();
        Articles = await library.InSectionAsync(await readers.GetAsync(ct), KbPages.Language, id, ct);
        if (Articles.Count == 0) return NotFound();
        Section = section;
        Crumbs = KbPages.Crumbs(L["Help center"], structure, null, id, linkSection: false);
        return Page();
    }
}
