using Guichet.Web.Data;
using Guichet.Web.Tickets;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace Guichet.Web.Pages.Agent.Tickets;

/// <summary>The agent's queue: requests of their groups still needing work, newest activity first.</summary>
public sealed class IndexModel(GuichetDbContext db, CurrentViewer currentViewer, TicketCatalog catalog) : PageModel
{
    public const int PageSize = 50;

    public sealed record Row(long Number, string Subject, string Requester, string? Organization, Status Status, TicketPriority Priority,
        DateTimeOffset LastActivityAt, string? Assignee);

    [BindProperty(SupportsGet = true)] public string View { get; set; } = "open";
    [BindProperty(SupportsGet = true, Name = "page")] public int PageNumber { get; set; } = 1;
    public IReadOnlyList<Row> Rows { get; private set; } = [];
    public int Total { get; private set; }
    public int PageCount => Math.Max(1, (Total + PageSize - 1) / PageSize);

    public async Task OnGetAsync(CancellationToken ct)
    {
        var viewer = await currentViewer.GetAsync(ct);
        var statuses = (await catalog.GetAsync(ct)).Statuses;
        PageNumber = Math.Max(1, PageNumber);
        var tickets = db.Tickets.AsNoTracking().VisibleTo(viewer);
        tickets = View switch
        {
            "new" => tickets.Where(t => t.Status.Category == StatusCategory.New),
            "mine" => tickets.Where(t => t.AssigneeId == viewer.UserId && t.Status.Category != StatusCategory.Closed && t.Status.Category != StatusCategory.Cancelled && t.Status.Category != StatusCategory.Solved),
            "all" => tickets,
            _ => tickets.Where(t => t.Status.Category == StatusCategory.New || t.Status.Category == StatusCategory.Open || t.Status.Category == StatusCategory.Pending),
        };
        Total = await tickets.CountAsync(ct);
        var rows = await tickets.OrderByDescending(t => t.Priority).ThenByDescending(t => t.LastActivityAt)
            .Skip((PageNumber - 1) * PageSize).Take(PageSize)
            .Select(t => new
            {
                t.Number, t.Subject, Requester = (t.Requester.FirstName + " " + t.Requester.LastName).Trim(), RequesterEmail = t.Requester.Email,
                Organization = t.Organization != null ? t.Organization.Name : null, t.StatusId, t.Priority, t.LastActivityAt,
                Assignee = t.Assignee != null ? (t.Assignee.FirstName + " " + t.Assignee.LastName).Trim() : null,
            }).ToListAsync(ct);
        Rows = rows.Select(r => new Row(r.Number, r.Subject, r.Requester == "" ? r.RequesterEmail ?? "" : r.Requester, r.Organization,
            statuses.Single(s => s.Id == r.StatusId), r.Priority, r.LastActivityAt, r.Assignee)).ToList();
    }
}
