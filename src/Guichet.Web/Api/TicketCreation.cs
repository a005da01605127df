using System.Globalization;
using System.ComponentModel.DataAnnotations;
using Guichet.Web.Attachments;
using Guichet.Web.Data;
using Guichet.Web.Tickets;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace Guichet.Web.Api;

/// <summary>POST /api/v1/tickets once the body is read: the input checked field by field, then <see cref="TicketIntake"/>.</summary>
public sealed class TicketCreation(GuichetDbContext db, TicketIntake intake, CustomFieldValues fieldValues, AttachmentUploads uploads, ApiProblems problems,
    IStringLocalizer<SharedResource> L)
{
    public const int SubjectMaxLength = 250;

    /// <summary>The answer, and the ticket's view when one was opened.</summary>
    public async Task<(IResult Result, TicketDetails? Details)> OpenAsync(NewTicketInput input, IReadOnlyList<IFormFile> files, ApiCaller caller, CancellationToken ct)
    {
        var viewer = await caller.ViewerAsync(ct);
        var errors = new Dictionary<string, string[]>();
        var type = await intake.TypeForAsync(caller.Id, input.TypeId, ct);
        if (type is null)
            errors["typeId"] = [input.TypeId is null ? L["Choose a request type: there is no default type."] : L["Choose a request type from the list."]];
        var subject = input.Subject?.Trim() ?? "";
        if (subject.Length == 0) errors["subject"] = [L["Enter a subject."]];
        else if (subject.Length > SubjectMaxLength) errors["subject"] = [L["Use at most {0} characters.", SubjectMaxLength]];
        if (string.IsNullOrWhiteSpace(input.Description)) errors["description"] = [L["Describe the request."]];
        if (input.ProductId is { } productId && !await db.Products.AnyAsync(p => p.Id == productId && p.IsActive, ct))
            errors["productId"] = [L["Choose a product from the list."]];
        var cc = (input.Cc ?? []).Select(a => a.Trim()).Where(a => a.Length > 0).ToList();
        if (cc.Any(a => !new EmailAddressAttribute().IsValid(a))) errors["cc"] = [L["Enter a valid email address."]];
        Guid? followUpOfId = null;
        if (input.FollowUpOf is { } original)
        {
            followUpOfId = await db.Tickets.VisibleTo(viewer).Where(t => t.Number == original).Select(t => (Guid?)t.Id).SingleOrDefaultAsync(ct);
            if (followUpOfId is null) errors["followUpOf"] = [L["This does not exist, or you may not see it."]];
        }
        IReadOnlyDictionary<string, string> fields = new Dictionary<string, string>();
        if (type is not null)
        {
            var ofType = await fieldValues.OfTypeAsync(type.Id, ct);
            var sent = ApiFieldValues.Read(input.Fields ?? [], ofType, viewer.IsStaff, L);
            foreach (var (key, messages) in sent.Errors) errors[key] = messages;
            foreach (var key in sent.NotAllowed) errors[key] = [L["You may not set this field."]];
            var reading = fieldValues.Read(ofType, sent.Sent, viewer.IsStaff, partial: false, CultureInfo.InvariantCulture);
            foreach (var (key, messages) in ApiFieldValues.Named(reading.Errors)) errors.TryAdd(key, messages);
            fields = reading.ToStore();
        }
        if (errors.Count > 0) return (problems.Invalid(errors), null);
        // Stored only once the fields are right; a refused file refuses the request, the others wait a day as pending uploads.
        var received = await uploads.ReceiveAsync(caller.Id, [], files, ct);
        if (received.Errors.Count > 0) return (problems.Invalid(new Dictionary<string, string[]> { ["files"] = [.. received.Errors] }), null);

        var ticket = await intake.OpenAsync(new TicketIntake.Request(
            caller.Id, type!.Id, subject, input.Description!, input.Priority ?? TicketPriority.Normal, input.ProductId,
            input.Environment, cc, MessageSource.Api, input.OrganizationId, followUpOfId, received.Files) { Fields = fields }, ct);
        var details = await TicketViews.DetailsAsync(db, fieldValues, viewer, ticket.Number, ct)
            ?? throw new InvalidOperationException($"Ticket {ticket.Number} is not visible to its requester {caller.Id}.");
        return (TypedResults.Created($"/api/v1/tickets/{ticket.Number}", details), details);
    }
}
