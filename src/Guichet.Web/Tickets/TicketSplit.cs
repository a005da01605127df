using Guichet.Web.Accounts;
using Guichet.Web.Attachments;
using Guichet.Web.Data;
using Guichet.Web.Organizations;
using Guichet.Web.Search;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace Guichet.Web.Tickets;

/// <summary>
/// One message of a request made into a request of its own (a customer who asks a second, unrelated question in the
/// same conversation): the new request is opened by the message's author, with its text and attachments, as if they
/// had written it so (they get the usual acknowledgement); the message leaves the first request, which says where it
/// went; the two are related. One transaction.
/// </summary>
public sealed class TicketSplit(GuichetDbContext db, TicketNumbers numbers, StatusWorkflow workflow, TicketCatalog catalog, NodeCache cache,
    TimeProvider time, IStringLocalizer<SharedResource> L)
{
    /// <summary>The new request, or why not (a sentence for the agent); <see cref="About"/> "subject" when the subject was refused.</summary>
    public sealed record Outcome(Ticket? Created, string? Refusal, string? About = null);

    public async Task<Outcome> SplitAsync(Ticket ticket, Guid messageId, string? subject, Viewer viewer, CancellationToken ct)
    {
        subject = subject?.Trim() ?? "";
        if (subject.Length == 0) return new(null, L["Give the new request a subject."], "subject");
        if (subject.Length > 200) return new(null, L["Use at most {0} characters.", 200], "subject");
        var message = await db.Messages.AsNoTracking().Where(m => m.TicketId == ticket.Id && m.Id == messageId)
            .Select(m => new { m.Id, m.AuthorId, m.IsInternal, m.BodyHtml, m.BodyText, m.Source }).SingleOrDefaultAsync(ct);
        if (message is null || message.IsInternal) return new(null, L["Choose a message of the conversation."]);
        if (await FirstMessageIdAsync(ticket.Id, ct) == messageId) return new(null, L["The request's first message cannot leave it: split a later one."]);
        if (await AgentAccounts.Staff(db).AnyAsync(u => u.Id == message.AuthorId, ct))
            return new(null, L["Only a customer's message becomes a request of its own."]);

        var author = await db.Users.SingleAsync(u => u.Id == message.AuthorId, ct);
        var memberships = (await db.MembershipsOfAsync(cache, author.Id, ct)).Select(m => m.Id).ToList();
        // The first request's organization when the author belongs to it (the usual case), else the author's own.
        var organization = ticket.OrganizationId is { } o && memberships.Contains(o) ? o : memberships.Order().Cast<Guid?>().FirstOrDefault();
        var type = (await catalog.GetAsync(ct)).RequestTypes.Single(t => t.Id == ticket.RequestTypeId);
        var now = time.GetUtcNow();

        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        var created = Ticket.Open(new Ticket.NewTicket(await numbers.NextAsync(ct), subject, type, await workflow.DefaultAsync(StatusCategory.New, ct),
            ticket.Priority, ticket.ProductId, ticket.Environment, author, organization, null) { GroupId = ticket.GroupId }, message.BodyHtml, message.BodyText, message.Source, now);
        db.Tickets.Add(created);
        ticket.RecordSplit(created.Number, viewer.UserId, now);
        db.Set<TicketRelation>().Add(TicketRelation.Of(ticket.Id, created.Id));
        ticket.RecordRelation(created.Number, linked: true, viewer.UserId, now);
        created.RecordRelation(ticket.Number, linked: true, viewer.UserId, now);
        await db.SaveChangesAsync(ct);

        // The message's files go with its text; then it leaves the first request (its "replied" event stays, as history).
        var copy = created.Messages[0].Id;
        await db.Set<Attachment>().Where(a => a.MessageId == messageId)
            .ExecuteUpdateAsync(s => s.SetProperty(a => a.MessageId, copy).SetProperty(a => a.TicketId, created.Id), ct);
        await db.TicketEvents.Where(e => e.MessageId == messageId).ExecuteUpdateAsync(s => s.SetProperty(e => e.MessageId, (Guid?)null), ct);
        await db.Messages.Where(m => m.Id == messageId).ExecuteDeleteAsync(ct);
        await SearchIndex.UpdateAsync(db, [ticket.Id], [], [], ct);
        await transaction.CommitAsync(ct);
        return new(created, null);
    }

    /// <summary>The message the request was opened with: the one its opening event names.</summary>
    public Task<Guid?> FirstMessageIdAsync(Guid ticketId, CancellationToken ct) =>
        db.TicketEvents.Where(e => e.TicketId == ticketId && e.Kind == TicketEventKind.Created).Select(e => e.MessageId).FirstOrDefaultAsync(ct);
}
