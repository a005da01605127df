using System.Globalization;
using Guichet.Web.Attachments;
using Guichet.Web.Data;
using Guichet.Web.Localization;
using Guichet.Web.Tickets;
using Microsoft.EntityFrameworkCore;

namespace Guichet.Web.Api;

public sealed record StatusView(int Id, StatusCategory Category, string Name);
public sealed record RequestTypeView(int Id, string Name);
public sealed record OrganizationView(Guid Id, string Name);
public sealed record PersonView(string Name);
public sealed record ParticipantView(string Name, ParticipantRole Role);

public sealed record AttachmentView(Guid Id, string FileName, string ContentType, long Length, string Url);

public sealed record MessageView(Guid Id, PersonView Author, string BodyHtml, string BodyText, bool Internal, MessageSource Source, DateTimeOffset CreatedAt,
    IReadOnlyList<AttachmentView> Attachments);

public sealed record TicketSummary(
    long Number, string Subject, StatusView Status, TicketPriority Priority, RequestTypeView Type, PersonView Requester,
    OrganizationView? Organization, DateTimeOffset CreatedAt, DateTimeOffset LastActivityAt);

public sealed record TicketDetails(
    long Number, string Subject, StatusView Status, TicketPriority Priority, RequestTypeView Type, PersonView Requester,
    OrganizationView? Organization, int? ProductId, TicketEnvironment? Environment, DateTimeOffset CreatedAt, DateTimeOffset LastActivityAt,
    IReadOnlyList<MessageView> Messages, IReadOnlyList<ParticipantView> Participants, IReadOnlyList<FieldView> Fields)
{
    /// <summary>The ticket's version, sent as the ETag header rather than in the body (see <see cref="TicketETag"/>).</summary>
    [System.Text.Json.Serialization.JsonIgnore] public Guid Version { get; init; }

    /// <summary>Agents and admins: the team's tags, in order. Never written for a customer, not even empty.</summary>
    [System.Text.Json.Serialization.JsonIgnore(Condition = System.Text.Json.Serialization.JsonIgnoreCondition.WhenWritingNull)]
    public IReadOnlyList<string>? Tags { get; init; }
}

/// <summary>
/// A custom field of a ticket. <c>value</c> is typed by <c>kind</c>: a string (text, longText, date as
/// yyyy-MM-dd, dropdown option key), a number, a boolean (checkbox) or an array of option keys
/// (multiSelect); null when empty. <c>display</c> is the value as the caller reads it, in their language.
/// </summary>
public sealed record FieldView(string Key, string Label, CustomFieldKind Kind, object? Value, string Display, bool Editable);

public sealed record TicketPage(IReadOnlyList<TicketSummary> Items, string? NextCursor);

/// <summary>What the API shows of tickets, read with projections, names in the caller's language.</summary>
public static class TicketViews
{
    /// <summary>The columns a list row needs, straight from SQL; <see cref="ToSummary"/> makes the view.</summary>
    public sealed record Row(
        long Number, string Subject, int StatusId, StatusCategory Category, LocalizedText StatusNames, TicketPriority Priority,
        int TypeId, LocalizedText TypeNames, string RequesterName, string? RequesterEmail, Guid? OrganizationId, string? OrganizationName,
        DateTimeOffset CreatedAt, DateTimeOffset LastActivityAt);

    public static IQueryable<Row> Rows(this IQueryable<Ticket> tickets) => tickets.Select(t => new Row(
        t.Number, t.Subject, t.StatusId, t.Status.Category, t.Status.Names, t.Priority,
        t.RequestTypeId, t.RequestType.Names, t.Requester.FirstName + " " + t.Requester.LastName, t.Requester.Email,
        t.OrganizationId, t.Organization != null ? t.Organization.Name : null, t.CreatedAt, t.LastActivityAt));

    public static TicketSummary ToSummary(Row r) => new(
        r.Number, r.Subject, new StatusView(r.StatusId, r.Category, Localized(r.StatusNames)), r.Priority,
        new RequestTypeView(r.TypeId, Localized(r.TypeNames)), new PersonView(NameOrEmail(r.RequesterName, r.RequesterEmail)),
        r.OrganizationId is { } id ? new OrganizationView(id, r.OrganizationName ?? "") : null, r.CreatedAt, r.LastActivityAt);

    /// <summary>One ticket the viewer may see, with the messages they may read; null means 404.</summary>
    public static async Task<TicketDetails?> DetailsAsync(GuichetDbContext db, CustomFieldValues fieldValues, Viewer viewer, long number, CancellationToken ct)
    {
        var visible = db.Tickets.AsNoTracking().VisibleTo(viewer).Where(t => t.Number == number);
        var row = await visible.Rows().SingleOrDefaultAsync(ct);
        if (row is null) return null;
        var ticket = await visible.Select(t => new { t.Id, t.ProductId, t.Environment, t.Status.Category, t.Version }).SingleAsync(ct);
        var fields = await fieldValues.OfTicketAsync(ticket.Id, row.TypeId, viewer.IsStaff, ct);
        var mayChange = CustomFieldValues.MayChange(ticket.Category, viewer.IsStaff);

        var participants = await db.Set<TicketParticipant>().AsNoTracking().Where(p => p.TicketId == ticket.Id)
            .OrderBy(p => p.Role).ThenBy(p => p.User.LastName)
            .Select(p => new { Name = p.User.FirstName + " " + p.User.LastName, p.User.Email, p.Role }).ToListAsync(ct);
        // Internal notes are for staff only: never in what a customer receives.
        var messages = await db.Messages.AsNoTracking()
            .Where(m => m.TicketId == ticket.Id && (viewer.IsStaff || !m.IsInternal))
            .OrderBy(m => m.CreatedAt).ThenBy(m => m.Id)
            .Select(m => new { m.Id, AuthorName = m.Author.FirstName + " " + m.Author.LastName, m.Author.Email, m.BodyHtml, m.BodyText, m.IsInternal, m.Source, m.CreatedAt })
            .ToListAsync(ct);
        // Tags are the team's words: a customer's answer has no such member at all.
        var tags = viewer.IsStaff
            ? await db.Set<TicketTag>().AsNoTracking().Where(t => t.TicketId == ticket.Id).OrderBy(t => t.Name).Select(t => t.Name).ToListAsync(ct)
            : null;
        var files = (await db.Set<Attachment>().AsNoTracking().Where(a => a.TicketId == ticket.Id)
            .OrderBy(a => a.CreatedAt).ThenBy(a => a.FileName)
            .Select(a => new { a.MessageId, View = new AttachmentView(a.Id, a.FileName, a.ContentType, a.Length, "") })
            .ToListAsync(ct)).ToLookup(a => a.MessageId, a => a.View with { Url = AttachmentUrl(number, a.View.Id) });

        var summary = ToSummary(row);
        return new TicketDetails(
            summary.Number, summary.Subject, summary.Status, summary.Priority, summary.Type, summary.Requester, summary.Organization,
            ticket.ProductId, ticket.Environment, summary.CreatedAt, summary.LastActivityAt,
            messages.Select(m => new MessageView(m.Id, new PersonView(NameOrEmail(m.AuthorName, m.Email)), m.BodyHtml, m.BodyText, m.IsInternal, m.Source, m.CreatedAt,
                files[m.Id].ToList())).ToList(),
            participants.Select(p => new ParticipantView(NameOrEmail(p.Name, p.Email), p.Role)).ToList(),
            fields.Select(f => new FieldView(f.Field.Key, f.Field.Labels.ToString(), f.Field.Kind, FieldValue(f.Field, f.Value),
                fieldValues.Display(f), mayChange && CustomFieldValues.MayEdit(f.Field, viewer.IsStaff))).ToList())
        { Version = ticket.Version, Tags = tags };
    }

    /// <summary>A stored field value as JSON would best say it.</summary>
    private static object? FieldValue(CustomField field, string? value) => field.Kind switch
    {
        CustomFieldKind.Checkbox => value == "true",
        _ when value is null => null,
        CustomFieldKind.Number => double.Parse(value, CultureInfo.InvariantCulture),
        CustomFieldKind.MultiSelect => value.Split('\n'),
        _ => value,
    };

    public static MessageView ToView(Message message, string authorName, long number) =>
        new(message.Id, new PersonView(authorName), message.BodyHtml, message.BodyText, message.IsInternal, message.Source, message.CreatedAt,
            message.Attachments.Select(a => new AttachmentView(a.Id, a.FileName, a.ContentType, a.Length, AttachmentUrl(number, a.Id))).ToList());

    public static string AttachmentUrl(long number, Guid id) => $"{ApiSetup.Prefix}/tickets/{number}/attachments/{id}";

    private static string Localized(LocalizedText text) => text.In(CultureInfo.CurrentUICulture.TwoLetterISOLanguageName);

    /// <summary>Contacts made from a CC address have no name yet.</summary>
    private static string NameOrEmail(string name, string? email) => string.IsNullOrWhiteSpace(name) ? email ?? "" : name.Trim();
}
