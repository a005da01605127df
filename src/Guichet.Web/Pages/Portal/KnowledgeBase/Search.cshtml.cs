using Guichet.Web.Accounts;
using Guichet.Web.KnowledgeBase;
using Guichet.Web.Portal;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Guichet.Web.Pages.Portal.KnowledgeBase;

/// <summary>The help center's search: the best articles the reader may read, their matched words marked in an excerpt.</summary>
public sealed class SearchModel(KbSearch search, KbLibrary library, CurrentKbReader readers, CurrentUser me, GuestRequests guests) : PageModel
{
    public const int MaxResults = 20;

    [BindProperty(SupportsGet = true, Name = "q")] public string? Q { get; set; }

    public IReadOnlyList<KbHit> Hits { get; private set; } = [];
    public KbStructure Structure { get; private set; } = null!;
    public bool OfferRequests => me.IsSignedIn && !me.IsStaff;

    /// <summary>Where "open a request" leads this reader: the form, or signing in first when the portal takes no guests.</summary>
    public string NewRequestUrl { get; private set; } = "/requests/new";

    public async Task OnGetAsync(CancellationToken ct)
    {
        Q = Q?.Trim();
        Structure = await library.StructureAsync(ct);
        if (!string.IsNullOrEmpty(Q))
            Hits = await search.SearchAsync(await readers.GetAsync(ct), KbPages.Language, Q, MaxResults, asYouType: false, ct);
        if (!me.IsSignedIn && !await guests.AcceptsGuestsAsync(ct))
            NewRequestUrl = "/account/signin?returnUrl=" + Uri.EscapeDataString("/requests/new");
    }

    /// <summary>Category › Section of a hit, for the eye to place it.</summary>
    public string PlaceOf(KbHit hit) =>
        Structure.Section(hit.SectionId) is { } section
            ? (Structure.Category(section.CategoryId) is { } category ? $"{category.Names} › {section.Names}" : section.Names.ToString())
            : "";
}
