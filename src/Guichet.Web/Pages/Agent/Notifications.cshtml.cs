using Guichet.Web.Accounts;
using Guichet.Web.Notifications;
using Guichet.Web.Tickets;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Guichet.Web.Pages.Agent;

/// <summary>
/// The agent's notifications, newest first. A line opens its request and is marked read (with the request's other unread
/// lines); "mark all as read" empties the bell. <c>?handler=Count</c> is the bell's number for the live page.
/// </summary>
public sealed class NotificationsModel(AgentInbox inbox, CurrentViewer currentViewer, CurrentUser me) : PageModel
{
    public const int PageSize = 50;

    public IReadOnlyList<AgentInbox.Line> Lines { get; private set; } = [];
    public long? Older { get; private set; }

    [FromQuery(Name = "unread")] public bool UnreadOnly { get; set; }
    [FromQuery(Name = "before")] public long? Before { get; set; }

    public async Task<IActionResult> OnGetAsync(long? id, CancellationToken ct)
    {
        if (id is { } line)
            return await inbox.OpenAsync(me.RequireId(), line, ct) is { } number ? Redirect($"/agent/tickets/{number}") : NotFound();
        var lines = await inbox.PageAsync(await currentViewer.GetAsync(ct), Before, UnreadOnly, PageSize + 1, ct);
        Older = lines.Count > PageSize ? lines[PageSize - 1].Id : null;
        Lines = lines.Take(PageSize).ToList();
        return Page();
    }

    public async Task<IActionResult> OnGetCountAsync(CancellationToken ct) =>
        new JsonResult(new { unread = await inbox.UnreadAsync(me.RequireId(), ct) });

    public async Task<IActionResult> OnPostReadAllAsync(CancellationToken ct)
    {
        await inbox.MarkReadAsync(me.RequireId(), null, ct);
        return Redirect("/agent/notifications");
    }
}
