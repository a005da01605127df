using Guichet.Web.Data;
using Guichet.Web.Pages.Shared;
using Guichet.Web.Tickets;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace Guichet.Web.Pages.Admin.Fields;

/// <summary>The custom fields request forms may show, with the request types that show them.</summary>
public sealed class IndexModel(GuichetDbContext db) : PageModel
{
    public sealed record Row(int Id, string Label, string Key, CustomFieldKind Kind, CustomerAccess Access, bool IsActive, IReadOnlyList<string> Types);

    public IReadOnlyList<Row> Rows { get; private set; } = [];

    public async Task OnGetAsync(CancellationToken ct)
    {
        var types = await db.RequestTypes.AsNoTracking().Include(t => t.Fields).OrderBy(t => t.SortOrder).ToListAsync(ct);
        Rows = (await db.CustomFields.AsNoTracking().OrderByDescending(f => f.IsActive).ThenBy(f => f.Key).ToListAsync(ct))
            .Select(f => new Row(f.Id, f.Labels.ToString(), f.Key, f.Kind, f.CustomerAccess, f.IsActive,
                types.Where(t => t.Fields.Any(x => x.CustomFieldId == f.Id)).Select(t => t.Names.ToString()).ToList()))
            .OrderBy(r => !r.IsActive).ThenBy(r => r.Label, StringComparer.CurrentCultureIgnoreCase).ToList();
    }
}
