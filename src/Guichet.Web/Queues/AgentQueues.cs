using Guichet.Web.Data;
using Guichet.Web.Search;
using Guichet.Web.Tickets;
using Microsoft.EntityFrameworkCore;

namespace Guichet.Web.Queues;

/// <summary>The workspace's built-in queues. "My groups" are the viewer's groups; "unsolved" is every status but <see cref="Status.IsFinished"/>.</summary>
public enum Queue
{
    /// <summary>Unsolved tickets of my groups that nobody has taken.</summary>
    Unassigned,
    /// <summary>Unsolved tickets assigned to me.</summary>
    Mine,
    /// <summary>Tickets of my groups or mine that wait for the customer (pending).</summary>
    Waiting,
    /// <summary>Every unsolved ticket of my groups.</summary>
    Open,
    /// <summary>Tickets of my groups or mine solved (or since closed) in the last <see cref="AgentQueues.RecentlySolved"/>.</summary>
    Solved,
    /// <summary>Every ticket of my groups or mine, whatever its status; for admins, every ticket.</summary>
    All,
}

/// <summary>
/// What each queue holds and how many: the lists filter tickets the viewer may already see; the counts come from the
/// kept counts (<see cref="QueueTicketCount"/>: a few rows, whatever the number of tickets) but for
/// <see cref="Queue.Solved"/>, which depends on the clock and reads one covering index.
/// </summary>
public sealed class AgentQueues(GuichetDbContext db, TicketCatalog catalog, TicketSearch search, TimeProvider time)
{
    public static readonly TimeSpan RecentlySolved = TimeSpan.FromDays(7);

    /// <summary>Every agent's queues, in the menu's order.</summary>
    public static IReadOnlyList<Queue> All { get; } = Enum.GetValues<Queue>();

    /// <summary>The queue named in an address, else the one the workspace opens on ("All tickets" for an admin in no group).</summary>
    public static Queue Named(string? queue, Viewer viewer) =>
        Enum.TryParse<Queue>(queue, ignoreCase: true, out var chosen) && All.Contains(chosen) ? chosen
            : viewer.IsAdmin && viewer.GroupIds.Count == 0 ? Queue.All : Queue.Open;

    /// <summary>
    /// The queue's tickets that the viewer sees and that <paramref name="searched"/> finds, not yet filtered or sorted
    /// (<see cref="TicketListQuery.Apply"/>): the queue's page and its tickets' "next ticket" start from the same list.
    /// </summary>
    public async Task<IQueryable<Ticket>> SearchAsync(Queue queue, string? searched, Viewer viewer, CancellationToken ct)
    {
        var found = await search.FilterForListAsync(db.Tickets.AsNoTracking(), searched, viewer, "all", ct);
        return await FilterAsync(found.Tickets, queue, viewer, ct);
    }

    /// <summary>
    /// A list of the workspace as its address describes it (<see cref="SavedViews.Read"/>): the queue's tickets the viewer
    /// sees, searched, filtered (custom fields included, hidden ones too: every field is the team's) and sorted.
    /// </summary>
    public async Task<IQueryable<Ticket>> ListAsync(Queue queue, TicketListQuery list, Viewer viewer, TimeZoneInfo zone, CancellationToken ct)
    {
        var fields = (await catalog.GetAsync(ct)).Fields;
        return list.At(time.GetUtcNow()).Apply(await SearchAsync(queue, list.Q, viewer, ct), zone, fields);
    }

    /// <summary>
    /// A page of such a list after the ticket <paramref name="after"/> (from the start when null), in its keyset order
    /// (<see cref="TicketListQuery.Keyed"/>): what an API client pages through with a cursor.
    /// </summary>
    public async Task<IQueryable<Ticket>> PageAfterAsync(Queue queue, TicketListQuery list, Viewer viewer, TimeZoneInfo zone, Ticket? after, CancellationToken ct)
    {
        var fields = (await catalog.GetAsync(ct)).Fields;
        var searched = await SearchAsync(queue, list.Q, viewer, ct);
        list.At(time.GetUtcNow());
        return after is null ? list.Keyed(searched, zone, fields) : list.Beyond(searched, zone, after, backwards: false, fields);
    }

    /// <summary>How many tickets such a list holds, counted up to <paramref name="bound"/> (then "more"): unsorted, and never a whole queue's worth of rows.</summary>
    public async Task<int> CountAsync(Queue queue, TicketListQuery list, Viewer viewer, TimeZoneInfo zone, int bound, CancellationToken ct)
    {
        var fields = (await catalog.GetAsync(ct)).Fields;
        return await list.At(time.GetUtcNow()).Matching(await SearchAsync(queue, list.Q, viewer, ct), zone, fields).Take(bound).CountAsync(ct);
    }

    /// <summary>The statuses each queue is about, from the catalog.</summary>
    private sealed record StatusSets(List<int> Unsolved, List<int> Pending, List<int> SolvedOrClosed);

    private async Task<StatusSets> StatusesAsync(CancellationToken ct)
    {
        var statuses = (await catalog.GetAsync(ct)).Statuses;
        return new(
            [.. statuses.Where(s => !s.IsFinished).Select(s => s.Id)],
            [.. statuses.Where(s => s.Category == StatusCategory.Pending).Select(s => s.Id)],
            [.. statuses.Where(s => s.Category is StatusCategory.Solved or StatusCategory.Closed).Select(s => s.Id)]);
    }

    /// <summary>The queue's tickets among <paramref name="visible"/>, which the caller has narrowed to what the viewer sees.</summary>
    public async Task<IQueryable<Ticket>> FilterAsync(IQueryable<Ticket> visible, Queue queue, Viewer viewer, CancellationToken ct)
    {
        var sets = await StatusesAsync(ct);
        var (unsolved, pending, solved) = (sets.Unsolved, sets.Pending, sets.SolvedOrClosed);
        var groups = viewer.GroupIds;
        var me = viewer.UserId;
        var since = time.GetUtcNow() - RecentlySolved;
        // Successive Wheres are one condition for the database: "of my groups" and "of my groups or mine" written once.
        var ofMyGroups = visible.Where(t => t.GroupId != null && groups.Contains(t.GroupId.Value));
        var ofMyGroupsOrMine = visible.Where(t => (t.GroupId != null && groups.Contains(t.GroupId.Value)) || t.AssigneeId == me);
        return queue switch
        {
            Queue.Unassigned => ofMyGroups.Where(t => t.AssigneeId == null && unsolved.Contains(t.StatusId)),
            Queue.Mine => visible.Where(t => t.AssigneeId == me && unsolved.Contains(t.StatusId)),
            Queue.Waiting => ofMyGroupsOrMine.Where(t => pending.Contains(t.StatusId)),
            Queue.Open => ofMyGroups.Where(t => unsolved.Contains(t.StatusId)),
            Queue.Solved => ofMyGroupsOrMine.Where(t => solved.Contains(t.StatusId) && t.SolvedAt >= since),
            _ when viewer.IsAdmin => visible,
            _ => ofMyGroupsOrMine,
        };
    }

    /// <summary>How many tickets each of the viewer's queues holds.</summary>
    public async Task<IReadOnlyDictionary<Queue, int>> CountAsync(Viewer viewer, CancellationToken ct)
    {
        var sets = await StatusesAsync(ct);
        var groups = viewer.GroupIds;
        var me = viewer.UserId;
        var kept = db.Set<QueueTicketCount>().AsNoTracking().Where(c => c.Count != 0);
        if (!viewer.IsAdmin) kept = kept.Where(c => groups.Contains(c.GroupId) || c.AssigneeId == me);
        var rows = await kept.Select(c => new { c.GroupId, c.AssigneeId, c.StatusId, c.Count }).ToListAsync(ct);

        int Sum(Func<int, Guid, bool> holds, List<int> statuses) =>
            rows.Where(r => statuses.Contains(r.StatusId) && holds(r.GroupId, r.AssigneeId)).Sum(r => r.Count);
        bool MyGroup(int group) => groups.Contains(group);

        // The clock decides what is recent: counted from its covering index, by the queue's own condition. Every ticket
        // of the viewer's groups or assigned to them is one they see, so the visibility rule adds nothing here.
        var recentlySolved = await (await FilterAsync(db.Tickets, Queue.Solved, viewer, ct)).CountAsync(ct);

        var counts = new Dictionary<Queue, int>
        {
            [Queue.Unassigned] = Sum((g, a) => MyGroup(g) && a == QueueTicketCount.Nobody, sets.Unsolved),
            [Queue.Mine] = Sum((_, a) => a == me, sets.Unsolved),
            [Queue.Waiting] = Sum((g, a) => MyGroup(g) || a == me, sets.Pending),
            [Queue.Open] = Sum((g, _) => MyGroup(g), sets.Unsolved),
            [Queue.Solved] = recentlySolved,
            // The rows read are the viewer's groups' and theirs already (every row for an admin).
            [Queue.All] = rows.Sum(r => r.Count),
        };
        return counts;
    }
}
