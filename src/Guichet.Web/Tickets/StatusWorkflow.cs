using Guichet.Web.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Guichet.Web.Tickets;

/// <summary>
/// Every rule about statuses, in one place: what a customer may do, where a reply leads, when a
/// resolved request reopens, closes, or calls for a follow-up. Pages and endpoints ask here;
/// they never pick a status themselves.
/// </summary>
public sealed class StatusWorkflow(GuichetDbContext db, IOptions<TicketOptions> options, TimeProvider time)
{
    private List<Status>? statuses;

    public async Task<IReadOnlyList<Status>> StatusesAsync(CancellationToken ct) =>
        statuses ??= await db.Set<Status>().OrderBy(s => s.SortOrder).ToListAsync(ct);

    /// <summary>The status the workflow uses for a category (<see cref="DefaultOf"/>).</summary>
    public async Task<Status> DefaultAsync(StatusCategory category, CancellationToken ct) =>
        DefaultOf(await StatusesAsync(ct), category) ?? throw new InvalidOperationException($"No active status in category {category}.");

    /// <summary>The status a ticket moved into a category gets: the active one marked default, else the first active one.</summary>
    public static Status? DefaultOf(IEnumerable<Status> statuses, StatusCategory category) =>
        statuses.Where(s => s.Category == category && s.IsActive).OrderByDescending(s => s.IsDefaultForCategory).ThenBy(s => s.SortOrder).FirstOrDefault();

    public static bool CustomerMayResolve(Ticket ticket) => !ticket.Status.IsFinished;

    public static bool CustomerMayCancel(Ticket ticket) =>
        ticket.Status.Category is StatusCategory.New or StatusCategory.Open or StatusCategory.Pending;

    public bool CustomerMayReopen(Ticket ticket) =>
        ticket.Status.Category == StatusCategory.Solved && WithinReopenWindow(ticket);

    /// <summary>A customer's reply would not reopen this request: it calls for a follow-up instead.</summary>
    public bool NeedsFollowUp(Ticket ticket) =>
        ticket.Status.Category is StatusCategory.Closed or StatusCategory.Cancelled
        || (ticket.Status.Category == StatusCategory.Solved && !WithinReopenWindow(ticket));

    public async Task ResolveAsync(Ticket ticket, Guid actorId, CancellationToken ct) =>
        ticket.MoveTo(await DefaultAsync(StatusCategory.Solved, ct), actorId, time.GetUtcNow());

    public async Task CancelAsync(Ticket ticket, Guid actorId, CancellationToken ct) =>
        ticket.MoveTo(await DefaultAsync(StatusCategory.Cancelled, ct), actorId, time.GetUtcNow());

    public async Task ReopenAsync(Ticket ticket, Guid actorId, CancellationToken ct) =>
        ticket.MoveTo(await DefaultAsync(StatusCategory.Open, ct), actorId, time.GetUtcNow());

    /// <summary>After a customer's public reply: waiting or (recently) resolved requests go back in progress.</summary>
    public async Task AfterCustomerReplyAsync(Ticket ticket, Guid actorId, CancellationToken ct)
    {
        if (ticket.Status.Category == StatusCategory.Pending || (ticket.Status.Category == StatusCategory.Solved && WithinReopenWindow(ticket)))
            ticket.MoveTo(await DefaultAsync(StatusCategory.Open, ct), actorId, time.GetUtcNow());
    }

    /// <summary>After an agent's public reply: a new request is now being worked on.</summary>
    public async Task AfterAgentReplyAsync(Ticket ticket, Guid actorId, CancellationToken ct)
    {
        if (ticket.Status.Category == StatusCategory.New)
            ticket.MoveTo(await DefaultAsync(StatusCategory.Open, ct), actorId, time.GetUtcNow());
    }

    /// <summary>An agent sets any active status.</summary>
    public async Task<bool> SetAsync(Ticket ticket, int statusId, Guid actorId, CancellationToken ct)
    {
        var status = (await StatusesAsync(ct)).FirstOrDefault(s => s.Id == statusId && s.IsActive);
        if (status is null) return false;
        ticket.MoveTo(status, actorId, time.GetUtcNow());
        return true;
    }

    /// <summary>Closes requests resolved more than AutoCloseDays ago; returns how many. Run by a background job.</summary>
    public async Task<int> CloseResolvedAsync(CancellationToken ct)
    {
        var closed = await DefaultAsync(StatusCategory.Closed, ct);
        var limit = time.GetUtcNow().AddDays(-options.Value.AutoCloseDays);
        var due = await db.Set<Ticket>().Include(t => t.Status)
            .Where(t => t.Status.Category == StatusCategory.Solved && t.SolvedAt != null && t.SolvedAt < limit)
            .OrderBy(t => t.SolvedAt).Take(500).ToListAsync(ct);
        foreach (var ticket in due) ticket.MoveTo(closed, null, time.GetUtcNow());
        await db.SaveChangesAsync(ct);
        return due.Count;
    }

    private bool WithinReopenWindow(Ticket ticket) =>
        ticket.SolvedAt is { } solved && time.GetUtcNow() <= solved.AddDays(options.Value.ReopenDays);
}
