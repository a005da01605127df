using Guichet.Web.Attachments;
using Guichet.Web.Data;
using Guichet.Web.Text;
using Microsoft.EntityFrameworkCore;

namespace Guichet.Web.Tickets;

/// <summary>What people do to an existing request, from any door, each change with its event.</summary>
public sealed class TicketConversation(GuichetDbContext db, TicketQueries queries, StatusWorkflow workflow, RichText richText, TimeProvider time)
{
    /// <summary>A ticket the viewer may see, with what its page and rules need; null means 404.</summary>
    public async Task<Ticket?> FindAsync(long number, Viewer viewer, CancellationToken ct)
    {
        // Read by its number, then tested with the rule (TicketAccess.Sees), each statement compiled once: the rule as a
        // query filter made EF build and look up the statement on every request, its shape depending on the viewer
        // (bench: 12 % of the request page's CPU). A ticket the viewer may not see is read, and not returned.
        var ticket = await queries.TicketNumbered(db, number, ct);
        if (ticket is null) return null;
        await foreach (var _ in queries.ParticipantsOf(db, ticket.Id).WithCancellation(ct)) { }
        return viewer.Sees(ticket) ? ticket : null;
    }

    /// <summary><see cref="FindAsync"/> for a page that only shows the ticket: not tracked, so nothing of it can be saved.</summary>
    public async Task<Ticket?> ReadAsync(long number, Viewer viewer, CancellationToken ct)
    {
        var ticket = await queries.TicketToRead(db, number, ct);
        if (ticket is null) return null;
        await foreach (var participant in queries.ParticipantsToRead(db, ticket.Id).WithCancellation(ct)) ticket.Participants.Add(participant);
        return viewer.Sees(ticket) ? ticket : null;
    }

    /// <summary>A customer's public reply. Callers first ask <see cref="StatusWorkflow.NeedsFollowUp"/>: such a request gets a follow-up, not a reply.</summary>
    public Task<Message> CustomerReplyAsync(Ticket ticket, Guid authorId, string markdown, MessageSource source, CancellationToken ct) =>
        CustomerReplyAsync(ticket, authorId, markdown, source, [], ct);

    public Task<Message> CustomerReplyAsync(Ticket ticket, Guid authorId, string markdown, MessageSource source,
        IReadOnlyList<PendingUpload> attachments, CancellationToken ct)
    {
        var ids = PendingUpload.AttachmentIds(attachments, time.GetUtcNow());
        return CustomerReplyAsync(ticket, authorId, richText.FromMarkdown(markdown, [.. attachments.Select(a => a.ToAttachedFile(ids[a.Id]))]),
            source, attachments, ids, ct);
    }

    /// <summary>A reply whose body is already safe (a mail's), its references to the files made with <paramref name="ids"/>.</summary>
    public async Task<Message> CustomerReplyAsync(Ticket ticket, Guid authorId, RichText.Result body, MessageSource source,
        IReadOnlyList<PendingUpload> attachments, IReadOnlyDictionary<Guid, Guid> ids, CancellationToken ct)
    {
        var now = time.GetUtcNow();
        var message = ticket.Reply(authorId, body.Html, body.Text, isInternal: false, source, now);
        Attach(message, attachments, ids);
        await workflow.AfterCustomerReplyAsync(ticket, authorId, ct);
        await db.SaveChangesAsync(ct);
        return message;
    }

    public Task<Message> AgentReplyAsync(Ticket ticket, Guid agentId, string markdown, bool isInternal, CancellationToken ct) =>
        AgentReplyAsync(ticket, agentId, markdown, isInternal, [], ct);

    public Task<Message> AgentReplyAsync(Ticket ticket, Guid agentId, string markdown, bool isInternal,
        IReadOnlyList<PendingUpload> attachments, CancellationToken ct)
    {
        var ids = PendingUpload.AttachmentIds(attachments, time.GetUtcNow());
        return AgentReplyAsync(ticket, agentId, richText.FromMarkdown(markdown, [.. attachments.Select(a => a.ToAttachedFile(ids[a.Id]))]),
            isInternal, MessageSource.Agent, attachments, ids, ct);
    }

    /// <summary>A reply of the team whose body is already safe (a mail's), its references to the files made with <paramref name="ids"/>.</summary>
    public async Task<Message> AgentReplyAsync(Ticket ticket, Guid agentId, RichText.Result body, bool isInternal, MessageSource source,
        IReadOnlyList<PendingUpload> attachments, IReadOnlyDictionary<Guid, Guid> ids, CancellationToken ct)
    {
        var now = time.GetUtcNow();
        var message = ticket.Reply(agentId, body.Html, body.Text, isInternal, source, now);
        Attach(message, attachments, ids);
        if (!isInternal)
        {
            ticket.MarkAnswered(now);
            await workflow.AfterAgentReplyAsync(ticket, agentId, ct);
        }
        await db.SaveChangesAsync(ct);
        return message;
    }

    /// <summary>Pending uploads of the author become the message's attachments, in the same save.</summary>
    private void Attach(Message message, IReadOnlyList<PendingUpload> attachments, IReadOnlyDictionary<Guid, Guid> ids)
    {
        if (attachments.Count == 0) return;
        message.Attach(attachments, message.CreatedAt, ids);
        db.Set<PendingUpload>().RemoveRange(attachments);
    }

    /// <summary>Resolve, cancel or reopen, with an optional comment that becomes a public reply.</summary>
    public async Task<bool> CustomerActionAsync(Ticket ticket, Guid userId, CustomerAction action, string? comment, CancellationToken ct)
    {
        var allowed = action switch
        {
            CustomerAction.Resolve => StatusWorkflow.CustomerMayResolve(ticket),
            CustomerAction.Cancel => StatusWorkflow.CustomerMayCancel(ticket),
            CustomerAction.Reopen => workflow.CustomerMayReopen(ticket),
            _ => false,
        };
        if (!allowed) return false;
        if (!string.IsNullOrWhiteSpace(comment))
        {
            var body = richText.FromMarkdown(comment);
            ticket.Reply(userId, body.Html, body.Text, isInternal: false, MessageSource.Portal, time.GetUtcNow());
        }
        switch (action)
        {
            case CustomerAction.Resolve: await workflow.ResolveAsync(ticket, userId, ct); break;
            case CustomerAction.Cancel: await workflow.CancelAsync(ticket, userId, ct); break;
            case CustomerAction.Reopen: await workflow.ReopenAsync(ticket, userId, ct); break;
        }
        await db.SaveChangesAsync(ct);
        return true;
    }
}

public enum CustomerAction
{
    Resolve,
    Cancel,
    Reopen,
}
