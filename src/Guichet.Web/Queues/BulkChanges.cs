using Guichet.Web.Accounts;
using Guichet.Web.Data;
using Guichet.Web.Tickets;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace Guichet.Web.Queues;

/// <summary>
/// One change (assignee, group, status, priority) made to many tickets at once, chosen one by one or "all that match"
/// a list. Each ticket changes as it would on its own page, with its events; a ticket that cannot change is left as
/// it is and said so, and the others go on.
/// </summary>
public sealed class BulkChanges(GuichetDbContext db, StatusWorkflow workflow, TicketTags tags, TimeProvider time, IStringLocalizer<SharedResource> L,
    ILogger<BulkChanges> log)
{
    /// <summary>Tickets loaded, changed and saved together.</summary>
    private const int BatchSize = 200;

    /// <summary>What to change; null leaves it as it is. <see cref="Unassign"/>: give it back to nobody.</summary>
    public sealed record Change(Guid? AssignTo = null, bool Unassign = false, int? GroupId = null, int? StatusId = null, TicketPriority? Priority = null,
        IReadOnlyList<string>? AddTags = null, IReadOnlyList<string>? RemoveTags = null)
    {
        public bool ChangesTags => AddTags is { Count: > 0 } || RemoveTags is { Count: > 0 };
        public bool IsEmpty => AssignTo is null && !Unassign && GroupId is null && StatusId is null && Priority is null && !ChangesTags;
    }

    public sealed record Refusal(long Number, string Reason);

    /// <summary>
    /// <see cref="Error"/>: the change as a whole was refused, nothing was done; <see cref="About"/> says which part of it
    /// (<c>change</c> when nothing was chosen, <c>assignee</c>, <c>group</c>, <c>status</c>).
    /// </summary>
    public sealed record Outcome(int Changed, int Unchanged, IReadOnlyList<Refusal> Refused, string? Error = null, string? About = null);

    /// <summary>
    /// Applies <paramref name="change"/> to the tickets of <paramref name="list"/> (already narrowed to what the actor may
    /// see): those of <paramref name="numbers"/>, or every one when it is null.
    /// </summary>
    public async Task<Outcome> ApplyAsync(IQueryable<Ticket> list, IReadOnlyCollection<long>? numbers, Change change, Guid actorId, CancellationToken ct)
    {
        if (change.IsEmpty) return new(0, 0, [], L["Choose what to change."], "change");
        if (change.AssignTo is { } to && !await AgentAccounts.MayBeGivenTicketsAsync(db, to, actorId, time.GetUtcNow(), ct))
            return new(0, 0, [], L["Choose an active member of the team, not out of office, to assign the tickets to."], "assignee");
        if (change.GroupId is { } g && !await db.Groups.AnyAsync(x => x.Id == g, ct))
            return new(0, 0, [], L["This group does not exist any more."], "group");
        if (change.StatusId is { } s && !(await workflow.StatusesAsync(ct)).Any(x => x.Id == s && x.IsActive))
            return new(0, 0, [], L["Choose a status from the list."], "status");

        var refused = new List<Refusal>();
        if (numbers is not null)
        {
            // Asked for by number but not in the list: gone, or not the actor's to see (said the same way).
            var found = await list.Where(t => numbers.Contains(t.Number)).Select(t => t.Number).ToListAsync(ct);
            refused.AddRange(numbers.Except(found).Order().Select(n => new Refusal(n, L["Not found among the tickets you may see."])));
            list = list.Where(t => found.Contains(t.Number));
        }

        var (changed, unchanged) = (0, 0);
        var after = long.MinValue;
        while (true)
        {
            // By number, after the last batch: a ticket the change takes out of the list is not met twice or skipped.
            var last = after;
            var batch = await list.Where(t => t.Number > last).OrderBy(t => t.Number).Select(t => t.Number).Take(BatchSize).ToListAsync(ct);
            if (batch.Count == 0) break;
            after = batch[^1];
            var (done, same, notDone) = await ApplyToBatchAsync(list, batch, change, actorId, ct);
            changed += done;
            unchanged += same;
            refused.AddRange(notDone);
        }
        log.LogInformation("{ActorId} changed {Changed} tickets at once ({Unchanged} already so, {Refused} refused)", actorId, changed, unchanged, refused.Count);
        return new(changed, unchanged, refused);
    }

    /// <summary>
    /// One batch in one transaction. If another writer changed one of its tickets meanwhile (the ticket's version), the
    /// batch is read again and done once more: the change applies to what the tickets are now, and overwrites nothing.
    /// What conflicts a second time is left as it is.
    /// </summary>
    private async Task<(int Changed, int Unchanged, IReadOnlyList<Refusal> Refused)> ApplyToBatchAsync(IQueryable<Ticket> list, List<long> numbers,
        Change change, Guid actorId, CancellationToken ct)
    {
        for (var attempt = 1; ; attempt++)
        {
            db.ForgetTickets();
            // Through the list again, tracked: a ticket that left it meanwhile (someone took it, moved it out of the
            // agent's groups) is not changed; the retry after a conflict reads what the tickets are now.
            var tickets = await list.AsTracking().Where(t => numbers.Contains(t.Number)).ToListAsync(ct);
            var now = time.GetUtcNow();
            // Every ticket's tags in one statement, not one each.
            var tagRows = change.ChangesTags ? await tags.RowsOfAsync([.. tickets.Select(t => t.Id)], ct) : null;
            var changed = 0;
            foreach (var ticket in tickets)
            {
                if (change.Unassign) ticket.Assign(null, actorId, now);
                else if (change.AssignTo is { } to) ticket.Assign(to, actorId, now);
                if (change.GroupId is { } group) ticket.ChangeGroup(group, actorId, now);
                if (change.Priority is { } priority) ticket.ChangePriority(priority, actorId, now);
                if (change.StatusId is { } status) await workflow.SetAsync(ticket, status, actorId, ct);
                if (tagRows is not null) tags.Change(ticket, [.. tagRows[ticket.Id]], change.AddTags ?? [], change.RemoveTags ?? [], actorId);
                if (ticket.Events.Count > 0) changed++;
            }
            try
            {
                await using var transaction = await db.Database.BeginTransactionAsync(ct);
                await db.SaveChangesAsync(ct);
                await transaction.CommitAsync(ct);
                db.ForgetTickets();
                var gone = numbers.Except(tickets.Select(t => t.Number)).Select(n => new Refusal(n, L["No longer in the list: someone changed it meanwhile."]));
                return (changed, tickets.Count - changed, [.. gone]);
            }
            catch (DbUpdateConcurrencyException) when (attempt == 1)
            {
                log.LogInformation("A batch of {Count} tickets met a concurrent change; reading it again", numbers.Count);
            }
            catch (DbUpdateConcurrencyException e)
            {
                var conflicts = e.Entries.Select(x => x.Entity).OfType<Ticket>().Select(t => t.Number).ToList();
                if (conflicts.Count == 0) throw;
                db.ForgetTickets();
                // Save the others: the batch without its conflicting tickets.
                var refused = conflicts.Select(n => new Refusal(n, L["Changed by someone else at the same moment: try again."])).ToList();
                var rest = numbers.Except(conflicts).ToList();
                if (rest.Count == 0) return (0, 0, refused);
                var (done, same, more) = await ApplyToBatchAsync(list, rest, change, actorId, ct);
                return (done, same, [.. refused, .. more]);
            }
        }
    }
}
