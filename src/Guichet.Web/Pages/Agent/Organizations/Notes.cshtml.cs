using Guichet.Web.Data;
using Guichet.Web.Organizations;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace Guichet.Web.Pages.Agent.Organizations;

/// <summary>The history of the team's notes on an organization, newest first: who saved which text, when.</summary>
public sealed class NotesModel(OrganizationNotes notes, GuichetDbContext db) : PageModel
{
    public string Name { get; private set; } = "";
    public IReadOnlyList<OrganizationNotes.Revision> Revisions { get; private set; } = [];

    /// <summary>The revision before which the next (older) page starts, when there is one.</summary>
    public int? Older { get; private set; }

    public async Task<IActionResult> OnGetAsync(Guid id, [FromQuery] int? before, CancellationToken ct)
    {
        var name = await db.Organizations.Where(o => o.Id == id).Select(o => o.Name).SingleOrDefaultAsync(ct);
        if (name is null) return NotFound();
        Name = name;
        Revisions = await notes.HistoryAsync(id, before, ct);
        Older = Revisions.Count == OrganizationNotes.PageSize && Revisions[^1].Number > 1 ? Revisions[^1].Number : null;
        return Page();
    }
}
