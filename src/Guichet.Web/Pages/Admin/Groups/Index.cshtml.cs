using System.ComponentModel.DataAnnotations;
using Guichet.Web.Accounts;
using Guichet.Web.Data;
using Guichet.Web.Tickets;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace Guichet.Web.Pages.Admin.Groups;

/// <summary>The teams tickets go to: their members, their tickets to handle, the request types that send them tickets.</summary>
public sealed class IndexModel(GuichetDbContext db, Tickets.Groups groups, TicketCatalog catalog) : PageModel
{
    public sealed record Row(int Id, string Name, int Members, int OwnedTickets, IReadOnlyList<string> RequestTypes);

    public IReadOnlyList<Row> Rows { get; private set; } = [];

    [BindProperty, Required(ErrorMessage = "Enter the group's name."), StringLength(Tickets.Groups.NameMaxLength, ErrorMessage = "Use at most {1} characters.")]
    [Display(Name = "Name")]
    public string? Name { get; set; }

    public async Task OnGetAsync(CancellationToken ct) => await LoadAsync(ct);

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        if (ModelState.IsValid)
        {
            var outcome = await groups.CreateAsync(Name!, ct);
            if (outcome.Succeeded) return RedirectToPage("Edit", new { id = outcome.Id });
            ModelState.AddModelError(nameof(Name), outcome.Error!);
        }
        await LoadAsync(ct);
        return Page();
    }

    private async Task LoadAsync(CancellationToken ct)
    {
        var described = await catalog.GetAsync(ct);
        var owned = described.StatusesNeedingAnOwner;
        var counts = await db.Tickets.Where(t => t.GroupId != null && owned.Contains(t.StatusId))
            .GroupBy(t => t.GroupId!.Value).Select(g => new { g.Key, Count = g.Count() }).ToDictionaryAsync(x => x.Key, x => x.Count, ct);
        var staff = AgentAccounts.Staff(db);
        var rows = await db.Groups.AsNoTracking().OrderBy(g => g.Name)
            .Select(g => new { g.Id, g.Name, Members = g.Members.Count(m => staff.Any(u => u.Id == m.UserId && u.DeactivatedAt == null)) })
            .ToListAsync(ct);
        Rows = rows.Select(g => new Row(g.Id, g.Name, g.Members, counts.GetValueOrDefault(g.Id),
            described.RequestTypes.Where(t => t.GroupId == g.Id).Select(t => t.Names.ToString()).ToList())).ToList();
    }
}
