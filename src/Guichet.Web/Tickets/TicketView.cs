using Guichet.Web.Attachments;
using Guichet.Web.Data;
using Microsoft.EntityFrameworkCore;

namespace Guichet.Web.Tickets;

/// <summary>
/// One ticket as a page or an API response shows it: the conversation and history a viewer may
/// see (internal notes and internal events only for staff), with names resolved.
/// </summary>
public sealed class TicketView(GuichetDbContext db, TicketQueries queries, CustomFieldValues fieldValues)
{
    public sealed record Entry(Guid? MessageId, Guid? AuthorId, string AuthorName, bool AuthorIsStaff, DateTimeOffset At, string? BodyHtml,
        bool IsInternal, TicketEventKind? Kind, string? Field, string? Before, string? After)
    {
        public IReadOnlyList<AttachmentLink> Attachments { get; init; } = [];

        /// <summary>The event's id, for history entries (0 for messages): pages say which events they have shown.</summary>
        public long EventId { get; init; }
    }

    public sealed record Person(Guid Id, string Name, string Email)
    {
        public MailFailing? MailFailing { get; init; }
    }

    /// <summary>Mail to a person's address bounces or is refused (<see cref="Accounts.User.MailFailingSince"/>): shown to agents beside them.</summary>
    public sealed record MailFailing(DateTimeOffset Since, string Reason);

    /// <summary><see cref="RequesterCulture"/>: the language the requester chose, if any (what is written to them is in it).</summary>
    public sealed record Details(
        string RequesterName, string RequesterEmail, string? RequesterCulture, string? OrganizationName, string TypeName, string? ProductName, string? AssigneeName,
        IReadOnlyList<Entry> Messages, IReadOnlyList<Entry> History, IReadOnlyList<Person> Cc, IReadOnlyList<Person> Followers,
        IReadOnlyList<CustomFieldValues.TicketField> Fields)
    {
        public MailFailing? RequesterMailFailing { get; init; }
    }

    public async Task<Details> LoadAsync(Ticket ticket, Viewer viewer, CancellationToken ct)
    {
        var header = await queries.HeaderOf(db, ticket.Id, ct);
        var messages = await queries.MessagesOf(db, ticket.Id, viewer.IsStaff).ToListAsync(ct);
        var files = (await queries.AttachmentsOf(db, ticket.Id).ToListAsync(ct)).ToLookup(a => a.MessageId);
        // An image the text already shows gets no second preview under it.
        messages = messages.Select(m => m with
        {
            Attachments = files[m.MessageId!.Value].Select(f => f with { ShownInText = f.IsImage && (m.BodyHtml ?? "").Contains($"/attachments/{f.Id}/") }).ToList(),
        }).ToList();

        var history = await queries.HistoryOf(db, ticket.Id, viewer.IsStaff).ToListAsync(ct);
        // Most actors wrote one of the messages, whose names are read already; the others are read here.
        var actors = messages.Where(m => m.AuthorId != null).DistinctBy(m => m.AuthorId)
            .ToDictionary(m => m.AuthorId!.Value, m => (m.AuthorName, m.AuthorIsStaff));
        var others = history.Where(e => e.ActorId is { } a && !actors.ContainsKey(a)).Select(e => e.ActorId!.Value).Distinct().ToList();
        if (others.Count > 0)
        {
            foreach (var u in await db.Users.AsNoTracking().Where(u => others.Contains(u.Id))
                .Select(u => new { u.Id, Name = (u.FirstName + " " + u.LastName).Trim(), u.Email, IsStaff = db.UserRoles.Select(r => r.UserId).Contains(u.Id) }).ToListAsync(ct))
            {
                actors[u.Id] = (u.Name == "" ? u.Email ?? "" : u.Name, u.IsStaff);
            }
        }

        var fields = await fieldValues.OfTicketAsync(ticket.Id, ticket.RequestTypeId, viewer.IsStaff, ct);
        var people = ticket.Participants.Select(p => (p.Role, Person: new Person(p.UserId, p.User.FullName, p.User.Email ?? "")
        {
            MailFailing = Failing(p.User.MailFailingSince, p.User.MailFailure),
        })).ToList();
        return new Details(
            header.Requester == "" ? header.RequesterEmail ?? "" : header.Requester, header.RequesterEmail ?? "", header.RequesterCulture, header.Organization, header.Type.ToString(), header.Product, header.Assignee,
            messages,
            history.Select(e => new Entry(e.MessageId, e.ActorId,
                e.ActorId is { } a && actors.TryGetValue(a, out var actor) ? actor.AuthorName : "",
                e.ActorId is { } b && actors.TryGetValue(b, out var who) && who.AuthorIsStaff, e.At, null, false, e.Kind, e.Field, e.Before, e.After) { EventId = e.Id }).ToList(),
            people.Where(p => p.Role == ParticipantRole.Cc).Select(p => p.Person).ToList(),
            people.Where(p => p.Role == ParticipantRole.Follower).Select(p => p.Person).ToList(),
            fields)
        {
            RequesterMailFailing = Failing(header.RequesterMailFailingSince, header.RequesterMailFailure),
        };
    }

    private static MailFailing? Failing(DateTimeOffset? since, string? reason) => since is { } at ? new MailFailing(at, reason ?? "") : null;
}
