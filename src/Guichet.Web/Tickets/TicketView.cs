using Guichet.Web.Attachments;
using Guichet.Web.Data;
using Microsoft.EntityFrameworkCore;

namespace Guichet.Web.Tickets;

/// <summary>
/// One ticket as a page or an API response shows it: the conversation and history a viewer may
/// see (internal notes and internal events only for staff), with names resolved.
/// </summary>
public sealed class TicketView(GuichetDbContext db, CustomFieldValues fieldValues)
{
    public sealed record Entry(Guid? MessageId, Guid? AuthorId, string AuthorName, bool AuthorIsStaff, DateTimeOffset At, string? BodyHtml,
        bool IsInternal, TicketEventKind? Kind, string? Field, string? Before, string? After)
    {
        public IReadOnlyList<AttachmentLink> Attachments { get; init; } = [];
    }

    public sealed record Person(Guid Id, string Name, string Email);

    public sealed record Details(
        string RequesterName, string? OrganizationName, string TypeName, string? ProductName, string? AssigneeName,
        IReadOnlyList<Entry> Messages, IReadOnlyList<Entry> History, IReadOnlyList<Person> Cc, IReadOnlyList<Person> Followers,
        IReadOnlyList<CustomFieldValues.TicketField> Fields);

    public async Task<Details> LoadAsync(Ticket ticket, Viewer viewer, CancellationToken ct)
    {
        var header = await db.Tickets.AsNoTracking().Where(t => t.Id == ticket.Id).Select(t => new
        {
            Requester = (t.Requester.FirstName + " " + t.Requester.LastName).Trim(),
            RequesterEmail = t.Requester.Email,
            Organization = t.Organization != null ? t.Organization.Name : null,
            Type = t.RequestType.Names,
            Product = t.Product != null ? t.Product.Name : null,
            Assignee = t.Assignee != null ? (t.Assignee.FirstName + " " + t.Assignee.LastName).Trim() : null,
        }).SingleAsync(ct);

        var staffIds = db.UserRoles.Select(r => r.UserId);
        var messages = await db.Messages.AsNoTracking()
            .Where(m => m.TicketId == ticket.Id && (viewer.IsStaff || !m.IsInternal))
            // Two messages in the same instant keep the order they were written in: their events' ids. The ticket's
            // events only, through their index: TicketEvents has none on MessageId (bench, 1M: 60 ms a page, a scan).
            .OrderBy(m => m.CreatedAt).ThenBy(m => db.TicketEvents.Where(e => e.TicketId == ticket.Id && e.MessageId == m.Id).Min(e => (long?)e.Id))
            .Select(m => new Entry(m.Id, m.AuthorId, (m.Author.FirstName + " " + m.Author.LastName).Trim() == "" ? m.Author.Email! : (m.Author.FirstName + " " + m.Author.LastName).Trim(),
                staffIds.Contains(m.AuthorId), m.CreatedAt, m.BodyHtml, m.IsInternal, null, null, null, null))
            .ToListAsync(ct);
        var files = (await db.Set<Attachment>().AsNoTracking().Where(a => a.TicketId == ticket.Id)
            .OrderBy(a => a.CreatedAt).ThenBy(a => a.FileName)
            .Select(a => new AttachmentLink(a.Id, a.MessageId, a.FileName, a.ContentType, a.Length))
            .ToListAsync(ct)).ToLookup(a => a.MessageId);
        // An image the text already shows gets no second preview under it.
        messages = messages.Select(m => m with
        {
            Attachments = files[m.MessageId!.Value].Select(f => f with { ShownInText = f.IsImage && (m.BodyHtml ?? "").Contains($"/attachments/{f.Id}/") }).ToList(),
        }).ToList();

        var history = await db.TicketEvents.AsNoTracking()
            .Where(e => e.TicketId == ticket.Id && (viewer.IsStaff || e.IsPublic))
            .OrderBy(e => e.Id)
            .Select(e => new { e.ActorId, e.At, e.Kind, e.Field, e.Before, e.After, e.MessageId })
            .ToListAsync(ct);
        // Most actors wrote one of the messages, whose names are read already; the others are read here.
        var actors = messages.Where(m => m.AuthorId != null).DistinctBy(m => m.AuthorId)
            .ToDictionary(m => m.AuthorId!.Value, m => (m.AuthorName, m.AuthorIsStaff));
        var others = history.Where(e => e.ActorId is { } a && !actors.ContainsKey(a)).Select(e => e.ActorId!.Value).Distinct().ToList();
        if (others.Count > 0)
        {
            foreach (var u in await db.Users.AsNoTracking().Where(u => others.Contains(u.Id))
                .Select(u => new { u.Id, Name = (u.FirstName + " " + u.LastName).Trim(), u.Email, IsStaff = staffIds.Contains(u.Id) }).ToListAsync(ct))
            {
                actors[u.Id] = (u.Name == "" ? u.Email ?? "" : u.Name, u.IsStaff);
            }
        }

        var fields = await fieldValues.OfTicketAsync(ticket.Id, ticket.RequestTypeId, viewer.IsStaff, ct);
        var people = ticket.Participants.Select(p => (p.Role, Person: new Person(p.UserId, p.User.FullName, p.User.Email ?? ""))).ToList();
        return new Details(
            header.Requester == "" ? header.RequesterEmail ?? "" : header.Requester, header.Organization, header.Type.ToString(), header.Product, header.Assignee,
            messages,
            history.Select(e => new Entry(e.MessageId, e.ActorId,
                e.ActorId is { } a && actors.TryGetValue(a, out var actor) ? actor.AuthorName : "",
                e.ActorId is { } b && actors.TryGetValue(b, out var who) && who.AuthorIsStaff, e.At, null, false, e.Kind, e.Field, e.Before, e.After)).ToList(),
            people.Where(p => p.Role == ParticipantRole.Cc).Select(p => p.Person).ToList(),
            people.Where(p => p.Role == ParticipantRole.Follower).Select(p => p.Person).ToList(),
            fields);
    }
}
