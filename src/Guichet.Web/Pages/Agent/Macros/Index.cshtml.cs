using Guichet.Web.Data;
using Guichet.Web.Macros;
using Guichet.Web.Tickets;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace Guichet.Web.Pages.Agent.Macros;

/// <summary>The macros the agent may use, by whom they are shared with; those they may change link to their form.</summary>
public sealed class IndexModel(MacroLibrary library, CurrentViewer currentViewer, TicketCatalog catalog, GuichetDbContext db) : PageModel
{
    public IReadOnlyList<Macro> Macros { get; private set; } = [];
    public Viewer Viewer { get; private set; } = null!;
    public IReadOnlyDictionary<int, string> GroupNames { get; private set; } = new Dictionary<int, string>();
    public IReadOnlyList<Status> Statuses { get; private set; } = [];

    public async Task OnGetAsync(CancellationToken ct)
    {
        Viewer = await currentViewer.GetAsync(ct);
        Macros = await library.ListedFor(Viewer).OrderBy(m => m.Scope).ThenBy(m => m.Name).ToListAsync(ct);
        GroupNames = await db.Groups.AsNoTracking().ToDictionaryAsync(g => g.Id, g => g.Name, ct);
        Statuses = (await catalog.GetAsync(ct)).Statuses;
    }
}
