using Guichet.Web.Accounts;
using Guichet.Web.Attachments;
using Guichet.Web.Data;
using Guichet.Web.Organizations;
using Guichet.Web.Text;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;

namespace Guichet.Web.Tickets;

/// <summary>Opening a request, whichever door it comes through: the portal, an agent, mail, the API.</summary>
public sealed class TicketIntake(GuichetDbContext db, TicketNumbers numbers, StatusWorkflow workflow, TicketCatalog catalog, NodeCache cache,
    RichText richText, CustomFieldValues fieldValues, UserManager<User> users, TimeProvider time, ILogger<TicketIntake> log)
{
    public sealed record Request(
        Guid RequesterId, int RequestTypeId, string Subject, string DescriptionMarkdown, TicketPriority Priority,
        int? ProductId, TicketEnvironment? Environment, IReadOnlyList<string> CcAddresses, MessageSource Source,
        Guid? OrganizationId = null, Guid? FollowUpOfId = null, IReadOnlyList<PendingUpload>? Attachments = null)
    {
        /// <summary>Custom field values by field key, as <see cref="CustomFieldValues.Read"/> made them (checked by the caller, who shows the errors).</summary>
        public IReadOnlyDictionary<string, string> Fields { get; init; } = new Dictionary<string, string>();

        /// <summary>
        /// The description already made safe (a mail's HTML, sanitized), in place of <see cref="DescriptionMarkdown"/>; its
        /// references to the attachments use <see cref="AttachmentIds"/>, chosen by the caller.
        /// </summary>
        public RichText.Result? Body { get; init; }
        public IReadOnlyDictionary<Guid, Guid>? AttachmentIds { get; init; }

        /// <summary>The group it starts in when not its type's (a mailbox's group).</summary>
        public int? GroupId { get; init; }
    }

    /// <summary>The request types a person may choose: active, and not restricted to other organizations.</summary>
    public async Task<List<RequestType>> TypesForAsync(Guid userId, CancellationToken ct) =>
        (await catalog.GetAsync(ct)).TypesFor(await MembershipsAsync(userId, ct));

    /// <summary>
    /// The type a request asked for, or the default type when it asked for none (an API client, a mail);
    /// null when that type is not open to this person, or no default type is.
    /// </summary>
    public async Task<RequestType?> TypeForAsync(Guid userId, int? typeId, CancellationToken ct) =>
        (await TypesForAsync(userId, ct)).FirstOrDefault(t => typeId is { } id ? t.Id == id : t.IsDefault);

    private async Task<List<Guid>> MembershipsAsync(Guid userId, CancellationToken ct) =>
        [.. (await db.MembershipsOfAsync(cache, userId, ct)).Select(m => m.Id)];

    public async Task<Ticket> OpenAsync(Request request, CancellationToken ct)
    {
        var requester = await db.Users.SingleAsync(u => u.Id == request.RequesterId, ct);
        var type = (await TypesForAsync(requester.Id, ct)).SingleOrDefault(t => t.Id == request.RequestTypeId)
            ?? throw new InvalidOperationException($"Request type {request.RequestTypeId} is not open to {requester.Id}.");
        var organizations = await MembershipsAsync(requester.Id, ct);
        var organizationId = request.OrganizationId is { } chosen && organizations.Contains(chosen) ? chosen : organizations.Order().Cast<Guid?>().FirstOrDefault();
        var status = await workflow.DefaultAsync(StatusCategory.New, ct);
        var now = time.GetUtcNow();
        var ids = request.AttachmentIds ?? PendingUpload.AttachmentIds(request.Attachments ?? [], now);
        var body = request.Body ?? richText.FromMarkdown(request.DescriptionMarkdown, [.. (request.Attachments ?? []).Select(a => a.ToAttachedFile(ids[a.Id]))]);
        var fields = request.Fields.Count == 0 ? [] : await FieldsAsync(type.Id, request.Fields, ct);

        // Everything read before: on SQLite the transaction holds the one write lock. A caller's transaction (an
        // inbound mail recording what it became) is joined rather than nested.
        await using var transaction = db.Database.CurrentTransaction is null ? await db.Database.BeginTransactionAsync(ct) : null;
        var ticket = Ticket.Open(new Ticket.NewTicket(
                await numbers.NextAsync(ct), request.Subject, type, status, request.Priority,
                request.ProductId, request.Environment, requester, organizationId, request.FollowUpOfId) { Fields = fields, GroupId = request.GroupId },
            body.Html, body.Text, request.Source, now);
        if (request.Attachments is { Count: > 0 } files)
        {
            ticket.Messages[0].Attach(files, now, ids);
            db.Set<PendingUpload>().RemoveRange(files);
        }
        foreach (var address in request.CcAddresses.Distinct(StringComparer.OrdinalIgnoreCase))
            ticket.AddParticipant(await ContactAsync(address, now), ParticipantRole.Cc, requester.Id, now);
        db.Tickets.Add(ticket);
        await db.SaveChangesAsync(ct);
        if (transaction is not null) await transaction.CommitAsync(ct);
        log.LogInformation("Ticket {Number} opened by {UserId} through {Source}", ticket.Number, requester.Id, request.Source);
        return ticket;
    }

    /// <summary>
    /// The checked values as fields of the type. A field that left the type (or was retired) since the form
    /// was filled in is dropped, not refused: a held request may wait days for its verification.
    /// </summary>
    private async Task<List<CustomFieldValues.FieldValue>> FieldsAsync(int typeId, IReadOnlyDictionary<string, string> values, CancellationToken ct)
    {
        var shown = await fieldValues.OfTypeAsync(typeId, ct);
        var known = new List<CustomFieldValues.FieldValue>();
        foreach (var (key, value) in values)
        {
            if (shown.FirstOrDefault(f => f.CustomField.Key == key) is { } field) known.Add(CustomFieldValues.Stored(field.CustomField, value));
            else log.LogWarning("Field {Key} is no longer on request type {TypeId}: its value was dropped", key, typeId);
        }
        return known;
    }

    /// <summary>The person behind an address, made a contact (no password yet) if support did not know them.</summary>
    public async Task<User> ContactAsync(string address, DateTimeOffset now)
    {
        var user = await users.FindByEmailAsync(address);
        if (user is not null) return user;
        user = User.NewContact(address, "", "", now);
        var created = await users.CreateAsync(user);
        if (!created.Succeeded) throw new InvalidOperationException($"Contact not created: {string.Join(", ", created.Errors.Select(e => e.Code))}");
        return user;
    }
}
