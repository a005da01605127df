using Guichet.Web.Accounts;
using Guichet.Web.KnowledgeBase;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Guichet.Web.Pages.Portal.KnowledgeBase;

/// <summary>The help center's front page: the search box, the categories with their sections, the most read articles.</summary>
public sealed class IndexModel(KbLibrary library, CurrentKbReader readers, CurrentUser me) : PageModel
{
    public const int MostReadCount = 10;

    public IReadOnlyList<KbCategoryView> Categories { get; private set; } = [];
    public IReadOnlyList<KbArticleSummary> MostRead { get; private set; } = [];
    public bool OfferRequests => me.IsSignedIn && !me.IsStaff;

    public async Task OnGetAsync(CancellationToken ct)
    {
        var reader = await readers.GetAsync(ct);
        Categories = await library.CategoriesAsync(reader, ct);
        MostRead = Categories.Count == 0 ? [] : await library.MostReadAsync(reader, KbPages.Language, MostReadCount, ct);
    }
}
