using System.Globalization;
using Guichet.Web.KnowledgeBase;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Guichet.Web.Pages.Portal.KnowledgeBase;

/// <summary>
/// A suggestion of the request form, opened: counts the open against the form (<see cref="KbSuggestions.OpenAsync"/>),
/// then goes on to the article's own address. An article the reader may not read is "not found", as everywhere.
/// </summary>
public sealed class SuggestedModel(KbSuggestions suggestions, CurrentKbReader reader) : PageModel
{
    public async Task<IActionResult> OnGetAsync(int id, Guid form, CancellationToken ct)
    {
        var language = CultureInfo.CurrentUICulture.TwoLetterISOLanguageName;
        var address = await suggestions.OpenAsync(await reader.GetAsync(ct), language, id, form, ct);
        return address is null ? NotFound() : Redirect(address);
    }
}
