using Guichet.Web.Accounts;
using Guichet.Web.Attachments;
using Guichet.Web.Data;
using Guichet.Web.Search;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace Guichet.Web.Tickets;

/// <summary>
/// Merging a request into another (a duplicate, the same problem reported twice): its messages with their attachments,
/// the events of its replies and notes, and its logged time move to the target; its requester and the people kept informed become the target's
/// participants; it is closed, says where it went (pages redirect there), and its requester is told by mail. What it
/// says of itself (its status, fields and who handled it) stays in its own history. One transaction.
/// </summary>
public sealed class TicketMerge(GuichetDbContext db, StatusWorkflow workflow, TimeProvider time, IStringLocalizer<SharedResource> L)
{
    /// <summary>Both requests as the agent sees them, or why they cannot be merged (a sentence for the agent).</summary>
    public sealed record Check(Ticket? Source, Ticket? Target, string? Refusal);

    public async Task<Check> CheckAsync(long sourceNumber, long targetNumber, Viewer viewer, CancellationToken ct)
    {
        if (!viewer.IsStaff) return new(null, null, L["Only the support team merges requests."]);
        var tickets = await db.Tickets.VisibleTo(viewer).Include(t => t.Status).Include(t => t.Participants)
            .Where(t => t.Number == sourceNumber || t.Number == targetNumber).ToListAsync(ct);
        var source = tickets.SingleOrDefault(t => t.Number == sourceNumber);
        var target = tickets.SingleOrDefault(t => t.Number == targetNumber);
        LocalizedString? refusal = (source, target) switch
        {
            (null, _) => L["There is no request #{0} that you may see.", sourceNumber],
            _ when sourceNumber == targetNumber => L["Choose another request than this one."],
            (_, null) => L["There is no request #{0} that you may see.", targetNumber],
            ({ MergedIntoId: not null }, _) => L["This request was already merged into another one."],
            (_, { MergedIntoId: not null }) => L["The request #{0} was merged into another one: merge into that one.", targetNumber],
            // The people of each would read the other's conversation: only within one organization (or one person's requests).
            _ when source.OrganizationId != target!.OrganizationId || (source.OrganizationId is null && source.RequesterId != target.RequesterId) =>
                L["The two requests are not from the same organization: each one's people would read the other's conversation."],
            (_, { Status.Category: StatusCategory.Closed or StatusCategory.Cancelled }) => L["The request #{0} is {1}: choose a request still in progress.", targetNumber, target.Status.Names.ToString()],
            _ => null,
        };
        return new(source, target, refusal?.Value);
    }

    /// <summary>Merges the checked source into the checked target; null when done, else why not.</summary>
    public async Task<string?> MergeAsync(long sourceNumber, long targetNumber, Viewer viewer, CancellationToken ct)
    {
        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        // Checked inside the transaction: two agents merging crosswise at once cannot both succeed.
        var (source, target, refusal) = await CheckAsync(sourceNumber, targetNumber, viewer, ct);
        if (refusal is not null) return refusal;
        var (from, into, now, actor) = (source!.Id, target!.Id, time.GetUtcNow(), viewer.UserId);

        var messages = db.Messages.Where(m => m.TicketId == from);
        // The events of the moved replies, notes and time; its opening stays in its own history. One not yet handed to the
        // notifications stays too, so that its news goes to the people of this request, not to the other's.
        await db.TicketEvents.Where(e => e.TicketId == from && e.DispatchedAt != null && (e.Kind == TicketEventKind.Replied || e.Kind == TicketEventKind.NoteAdded
                || e.Kind == TicketEventKind.TimeLogged || e.Kind == TicketEventKind.TimeRemoved || e.Kind == TicketEventKind.TimeChanged))
            .ExecuteUpdateAsync(s => s.SetProperty(e => e.TicketId, into), ct);
        await db.Set<Attachment>().Where(a => a.TicketId == from).ExecuteUpdateAsync(s => s.SetProperty(a => a.TicketId, into), ct);
        await db.TimeEntries.Where(e => e.TicketId == from).ExecuteUpdateAsync(s => s.SetProperty(e => e.TicketId, into), ct);
        await messages.ExecuteUpdateAsync(s => s.SetProperty(m => m.TicketId, into), ct);

        // The source's people follow the conversation to its new place (and may see it there, by the rule of who sees what).
        var people = source.Participants.Select(p => (UserId: p.UserId, Role: p.Role)).Prepend((UserId: source.RequesterId, Role: ParticipantRole.Cc)).ToList();
        var ids = people.Select(p => p.UserId).ToList();
        var users = await db.Users.Where(u => ids.Contains(u.Id)).ToDictionaryAsync(u => u.Id, ct);
        foreach (var (userId, role) in people)
            if (users.TryGetValue(userId, out var user)) target.AddParticipant(user, role, actor, now);

        source.MergeInto(target, actor, now);
        if (source.AnsweredAt is { } answered && (target.AnsweredAt is null || target.AnsweredAt < answered)) target.MarkAnswered(answered);
        if (source.Status.Category is not (StatusCategory.Closed or StatusCategory.Cancelled)) source.MoveTo(await workflow.DefaultAsync(StatusCategory.Closed, ct), actor, now);
        await db.SaveChangesAsync(ct);
        // The documents of both: the messages moved by statement, which the index's interceptor does not see.
        await SearchIndex.UpdateAsync(db, [from, into], [], [], ct);
        await transaction.CommitAsync(ct);
        return null;
    }

    /// <summary>Several requests merged into one, each in its own transaction: how many were, and why each other was not.</summary>
    public async Task<(int Merged, List<(long Number, string Reason)> Refused)> MergeEachAsync(IEnumerable<long> numbers, long targetNumber,
        Viewer viewer, CancellationToken ct)
    {
        var (merged, refused) = (0, new List<(long, string)>());
        foreach (var number in numbers.Distinct().Where(n => n != targetNumber).Order())
        {
            db.ChangeTracker.Clear();
            if (await MergeAsync(number, targetNumber, viewer, ct) is { } reason) refused.Add((number, reason));
            else merged++;
        }
        return (merged, refused);
    }

    /// <summary>Where a merged request went: the number to redirect to, following a chain, when the reader may see it.</summary>
    public async Task<long?> WentToAsync(Ticket ticket, Viewer viewer, CancellationToken ct)
    {
        var next = ticket.MergedIntoId;
        for (var hops = 0; next is { } id && hops < 10; hops++)
        {
            var target = await db.Tickets.AsNoTracking().VisibleTo(viewer).Where(t => t.Id == id).Select(t => new { t.Number, t.MergedIntoId }).SingleOrDefaultAsync(ct);
            if (target is null) return null;
            if (target.MergedIntoId is null) return target.Number;
            next = target.MergedIntoId;
        }
        return null;
    }
}
