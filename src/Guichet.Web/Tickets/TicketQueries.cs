using Guichet.Web.Attachments;
using Guichet.Web.Data;
using Guichet.Web.Localization;
using Microsoft.EntityFrameworkCore;

namespace Guichet.Web.Tickets;

/// <summary>
/// The queries every ticket page runs, compiled once. Their shape is fixed, so EF need not do again what it does for
/// every LINQ query: build the expression, extract its parameters, find it in its query cache (bench: the request page
/// 1.19 → 0.89 ms of CPU). A compiled query serves one EF model, the model of this app's provider: hence a singleton
/// per app rather than static fields, which the tests' SQLite and PostgreSQL apps in one process would share.
/// </summary>
public sealed class TicketQueries
{
    public Func<GuichetDbContext, Guid, CancellationToken, Task<Header>> HeaderOf { get; } = EF.CompileAsyncQuery(
        (GuichetDbContext db, Guid ticketId, CancellationToken _) => db.Tickets.Where(t => t.Id == ticketId).Select(t => new Header(
            (t.Requester.FirstName + " " + t.Requester.LastName).Trim(),
            t.Requester.Email,
            t.Organization != null ? t.Organization.Name : null,
            t.RequestType.Names,
            t.Product != null ? t.Product.Name : null,
            t.Assignee != null ? (t.Assignee.FirstName + " " + t.Assignee.LastName).Trim() : null,
            t.Requester.Culture,
            t.Requester.MailFailingSince,
            t.Requester.MailFailure)).Single());

    public Func<GuichetDbContext, Guid, bool, IAsyncEnumerable<TicketView.Entry>> MessagesOf { get; } = EF.CompileAsyncQuery(
        (GuichetDbContext db, Guid ticketId, bool isStaff) => db.Messages.AsNoTracking()
            .Where(m => m.TicketId == ticketId && (isStaff || !m.IsInternal))
            // Two messages in the same instant keep the order they were written in: their events' ids. The ticket's
            // events only, through their index: TicketEvents has none on MessageId (bench, 1M: 60 ms a page, a scan).
            .OrderBy(m => m.CreatedAt).ThenBy(m => db.TicketEvents.Where(e => e.TicketId == ticketId && e.MessageId == m.Id).Min(e => (long?)e.Id))
            .Select(m => new TicketView.Entry(m.Id, m.AuthorId, (m.Author.FirstName + " " + m.Author.LastName).Trim() == "" ? m.Author.Email! : (m.Author.FirstName + " " + m.Author.LastName).Trim(),
                db.UserRoles.Select(r => r.UserId).Contains(m.AuthorId), m.CreatedAt, m.BodyHtml, m.IsInternal, null, null, null, null)));

    public Func<GuichetDbContext, Guid, IAsyncEnumerable<AttachmentLink>> AttachmentsOf { get; } = EF.CompileAsyncQuery(
        (GuichetDbContext db, Guid ticketId) => db.Set<Attachment>().AsNoTracking().Where(a => a.TicketId == ticketId)
            .OrderBy(a => a.CreatedAt).ThenBy(a => a.FileName)
            .Select(a => new AttachmentLink(a.Id, a.MessageId, a.FileName, a.ContentType, a.Length)));

    public Func<GuichetDbContext, Guid, bool, IAsyncEnumerable<Change>> HistoryOf { get; } = EF.CompileAsyncQuery(
        (GuichetDbContext db, Guid ticketId, bool isStaff) => db.TicketEvents.AsNoTracking()
            .Where(e => e.TicketId == ticketId && (isStaff || e.IsPublic))
            .OrderBy(e => e.Id)
            .Select(e => new Change(e.Id, e.ActorId, e.At, e.Kind, e.Field, e.Before, e.After, e.MessageId)));

    public sealed record Header(string Requester, string? RequesterEmail, string? Organization, LocalizedText Type, string? Product, string? Assignee,
        string? RequesterCulture, DateTimeOffset? RequesterMailFailingSince, string? RequesterMailFailure);

    public sealed record Change(long Id, Guid? ActorId, DateTimeOffset At, TicketEventKind Kind, string? Field, string? Before, string? After, Guid? MessageId);

    /// <summary>Tracked, with its status, whoever may see it: <c>TicketConversation.FindAsync</c> tests the rule once its participants are read.</summary>
    public Func<GuichetDbContext, long, CancellationToken, Task<Ticket?>> TicketNumbered { get; } = EF.CompileAsyncQuery(
        (GuichetDbContext db, long number, CancellationToken _) => db.Tickets.Include(t => t.Status).FirstOrDefault(t => t.Number == number));

    /// <summary>
    /// For a page that only shows it: not tracked, with its status. Its participants are read on their own
    /// (<see cref="ParticipantsToRead"/>): included here, they made a join SQLite answered by reading every participant.
    /// </summary>
    public Func<GuichetDbContext, long, CancellationToken, Task<Ticket?>> TicketToRead { get; } = EF.CompileAsyncQuery(
        (GuichetDbContext db, long number, CancellationToken _) => db.Tickets.AsNoTracking().Include(t => t.Status).FirstOrDefault(t => t.Number == number));

    public Func<GuichetDbContext, Guid, IAsyncEnumerable<TicketParticipant>> ParticipantsToRead { get; } = EF.CompileAsyncQuery(
        (GuichetDbContext db, Guid ticketId) => db.Set<TicketParticipant>().AsNoTracking().Where(p => p.TicketId == ticketId).Include(p => p.User));

    /// <summary>Tracked, so that the ticket's Participants fill in as they are read.</summary>
    public Func<GuichetDbContext, Guid, IAsyncEnumerable<TicketParticipant>> ParticipantsOf { get; } = EF.CompileAsyncQuery(
        (GuichetDbContext db, Guid ticketId) => db.Set<TicketParticipant>().Where(p => p.TicketId == ticketId).Include(p => p.User));

    public Func<GuichetDbContext, Guid, IAsyncEnumerable<TicketFieldValue>> FieldValuesOf { get; } = EF.CompileAsyncQuery(
        (GuichetDbContext db, Guid ticketId) => db.TicketFieldValues.AsNoTracking().Where(v => v.TicketId == ticketId));
}
