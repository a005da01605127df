using Guichet.Web.Accounts;
using Guichet.Web.Data;
using Guichet.Web.Queues;
using Guichet.Web.Tickets;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace Guichet.Web.Pages.Agent;

/// <summary>The agent's views in their order: moved up or down, deleted (those they may change).</summary>
public sealed class ViewsModel(SavedViews savedViews, ViewCounts viewCounts, CurrentViewer currentViewer, CurrentUser me, GuichetDbContext db,
    IStringLocalizer<SharedResource> L) : PageModel
{
    public IReadOnlyList<SavedView> Views { get; private set; } = [];
    public Viewer Viewer { get; private set; } = null!;
    public IReadOnlyDictionary<int, string> GroupNames { get; private set; } = new Dictionary<int, string>();

    public async Task OnGetAsync(CancellationToken ct)
    {
        Viewer = await currentViewer.GetAsync(ct);
        Views = await savedViews.ListAsync(Viewer, ct);
        GroupNames = await db.Groups.AsNoTracking().ToDictionaryAsync(g => g.Id, g => g.Name, ct);
    }

    /// <summary>
    /// <c>?handler=Counts</c>: each view's count for the workspace's menu, loaded by the page after it is shown
    /// (<c>view-counts.js</c>); <c>text</c> is the count as the agent reads it ("1,000+").
    /// </summary>
    public async Task<IActionResult> OnGetCountsAsync(CancellationToken ct)
    {
        var counts = await viewCounts.OfAsync(await currentViewer.GetAsync(ct), me.TimeZone, ct);
        return new JsonResult(counts.Select(c => new
        {
            id = c.ViewId, count = c.Tickets, more = c.More,
            text = c.Tickets.ToString("N0", System.Globalization.CultureInfo.CurrentCulture) + (c.More ? "+" : ""),
        }));
    }

    public async Task<IActionResult> OnPostMoveAsync(int id, bool up, CancellationToken ct)
    {
        await savedViews.MoveAsync(id, up, await currentViewer.GetAsync(ct), ct);
        return Redirect("/agent/views");
    }

    public async Task<IActionResult> OnPostDeleteAsync(int id, CancellationToken ct)
    {
        if (!await savedViews.DeleteAsync(id, await currentViewer.GetAsync(ct), ct)) return NotFound();
        TempData["Flash"] = L["The view was deleted."].Value;
        return Redirect("/agent/views");
    }
}
