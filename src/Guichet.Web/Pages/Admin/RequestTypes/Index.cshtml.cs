using Guichet.Web.Data;
using Guichet.Web.Tickets;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace Guichet.Web.Pages.Admin.RequestTypes;

/// <summary>The request types customers choose from, in their order, with up/down buttons to reorder.</summary>
public sealed class IndexModel(GuichetDbContext db) : PageModel
{
    public sealed record Row(int Id, string Name, string Description, bool IsActive, bool IsDefault, int Organizations, string? Group);

    public IReadOnlyList<Row> Rows { get; private set; } = [];

    public async Task OnGetAsync(CancellationToken ct)
    {
        var groups = await db.Groups.AsNoTracking().ToDictionaryAsync(g => g.Id, g => g.Name, ct);
        Rows = (await db.RequestTypes.AsNoTracking().Include(t => t.Organizations).OrderBy(t => t.SortOrder).ThenBy(t => t.Id).ToListAsync(ct))
            .Select(t => new Row(t.Id, t.Names.ToString(), t.Descriptions.ToString(), t.IsActive, t.IsDefault, t.Organizations.Count,
                t.GroupId is { } g ? groups.GetValueOrDefault(g) : null)).ToList();
    }

    /// <summary>Swaps a type with its neighbour; the order is what customers see in the form.</summary>
    public async Task<IActionResult> OnPostMoveAsync(int id, bool up, CancellationToken ct)
    {
        var types = await db.RequestTypes.OrderBy(t => t.SortOrder).ThenBy(t => t.Id).ToListAsync(ct);
        var index = types.FindIndex(t => t.Id == id);
        if (index < 0) return NotFound();
        var other = up ? index - 1 : index + 1;
        if (other >= 0 && other < types.Count)
        {
            (types[index], types[other]) = (types[other], types[index]);
            for (var i = 0; i < types.Count; i++) types[i].SortOrder = (i + 1) * 10;
            await db.SaveChangesAsync(ct);
        }
        return RedirectToPage();
    }
}
