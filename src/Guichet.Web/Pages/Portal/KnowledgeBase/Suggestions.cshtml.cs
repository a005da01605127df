using System.Globalization;
using Guichet.Web.KnowledgeBase;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Guichet.Web.Pages.Portal.KnowledgeBase;

/// <summary>
/// The articles that may answer what is being typed in the request form's subject (<see cref="KbSuggestions"/>): a fragment
/// of HTML fetched by requests.js at each pause in the typing, for whoever fills in the form, guests included.
/// </summary>
public sealed class SuggestionsModel(KbSuggestions suggestions, CurrentKbReader reader) : PageModel
{
    public SuggestionList List { get; private set; } = SuggestionList.None;

    public async Task OnGetAsync(string? q, Guid form, CancellationToken ct)
    {
        var language = CultureInfo.CurrentUICulture.TwoLetterISOLanguageName;
        List = new SuggestionList(await suggestions.ForAsync(await reader.GetAsync(ct), language, q, ct), form, q?.Trim() ?? "");
    }
}

/// <summary>The suggested articles (_SuggestionList.cshtml), whose links carry the form's key, and the search for more.</summary>
public sealed record SuggestionList(IReadOnlyList<KbHit> Hits, Guid FormKey, string Query)
{
    public static readonly SuggestionList None = new([], Guid.Empty, "");
}
