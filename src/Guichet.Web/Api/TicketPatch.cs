using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using Guichet.Web.Accounts;
using Guichet.Web.Data;
using Guichet.Web.Tickets;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using Microsoft.AspNetCore.OpenApi;
using Microsoft.OpenApi;

namespace Guichet.Web.Api;

/// <summary>
/// The body of PATCH /api/v1/tickets/{number}, for the OpenAPI document: only the fields sent change.
/// status: a status id (agents), or a word of <see cref="StatusWords"/> ("resolved"; customers within the workflow's rules).
/// </summary>
public sealed record TicketChange([property: NonNull] JsonElement? Status = null, [property: NonNull] TicketPriority? Priority = null,
    int? ProductId = null, TicketEnvironment? Environment = null, Guid? AssigneeId = null, [property: NonNull] Dictionary<string, JsonElement>? Fields = null,
    [property: NonNull] string[]? Tags = null, [property: NonNull] int? TypeId = null, int? GroupId = null);

/// <summary>
/// PATCH /api/v1/tickets/{number}. Customers may resolve, cancel or reopen, as on the portal, and set
/// the custom fields they may edit; agents may set any active status, the priority, the kind of request, product,
/// environment, group, assignee, tags (the whole list) and every custom field. A field the
/// caller may not set is a 422 that names it; nothing is changed unless everything may be.
/// </summary>
public static class TicketPatch
{
    private static readonly string[] CustomerFields = ["status", "fields"];
    private static readonly string[] AgentFields = ["status", "priority", "productId", "environment", "assigneeId", "fields", "tags", "typeId", "groupId"];

    /// <summary>For the OpenAPI document: "status" is a status id or one of the words, never null.</summary>
    public static Task DescribeStatus(OpenApiSchema schema, OpenApiSchemaTransformerContext context, CancellationToken ct)
    {
        // TicketBulkChange is met as the "change" member of the bulk body, so with that member's information.
        if (((context.JsonTypeInfo.Type == typeof(TicketChange) && context.JsonPropertyInfo is null) || context.JsonTypeInfo.Type == typeof(TicketBulkChange))
            && schema.Properties is { } properties && properties.ContainsKey("status"))
            properties["status"] = new OpenApiSchema
            {
                Description = "A status id (agents), or one of these words, in any case (customers: only those of resolving, cancelling, reopening); a word leads to the default status of its category.",
                OneOf =
                [
                    new OpenApiSchema { Type = JsonSchemaType.Integer, Format = "int32" },
                    new OpenApiSchema { Type = JsonSchemaType.String, Enum = [.. StatusWords.All(isStaff: true).Select(w => (JsonNode)w)] },
                ],
            };
        return Task.CompletedTask;
    }

    public static async Task<IResult> ApplyAsync(long number, HttpRequest request, ApiCaller caller, GuichetDbContext db,
        TicketConversation conversation, StatusWorkflow workflow, CustomFieldValues fieldValues, TicketTags tags, TimeProvider time, ApiProblems problems,
        IStringLocalizer<SharedResource> L, CancellationToken ct)
    {
        Dictionary<string, JsonElement>? fields;
        try { fields = await JsonSerializer.DeserializeAsync<Dictionary<string, JsonElement>>(request.Body, cancellationToken: ct); }
        catch (JsonException) { fields = null; }
        if (fields is null) return problems.MalformedJson();

        var viewer = await caller.ViewerAsync(ct);
        var ticket = await conversation.FindAsync(number, viewer, ct);
        if (ticket is null) return problems.NotFound();
        if (TicketETag.Refuses(request, ticket.Version)) return problems.ChangedSinceRead();

        var unknown = fields.Keys.Where(k => !AgentFields.Contains(k)).ToList();
        if (unknown.Count > 0) return problems.Invalid(unknown.ToDictionary(k => k, _ => new[] { L["This field does not exist."].Value }));
        var forbidden = fields.Keys.Where(k => !(viewer.IsStaff ? AgentFields : CustomerFields).Contains(k)).ToList();
        if (forbidden.Count > 0) return problems.NotAllowed(forbidden);

        try
        {
            // Custom fields first: checked and changed in memory, saved with the rest or not at all.
            var refused = await FieldsChangeAsync(ticket, fields, viewer.IsStaff, caller, fieldValues, time, problems, L, ct)
                ?? (viewer.IsStaff
                    ? await AgentChangeAsync(ticket, fields, caller, db, workflow, tags, time, problems, L, ct)
                    : await CustomerChangeAsync(ticket, fields, caller, conversation, problems, L, ct));
            if (refused is not null) return refused;
            await db.SaveChangesAsync(ct);
            // Handed to a group the caller is not in, or to someone else: done, and no longer theirs to read (as the page says).
            if (await TicketViews.DetailsAsync(db, fieldValues, viewer, number, ct) is not { } details) return TypedResults.NoContent();
            TicketETag.Set(request.HttpContext.Response, details.Version);
            return TypedResults.Ok(details);
        }
        catch (DbUpdateConcurrencyException)
        {
            return problems.ChangedMeanwhile();
        }
    }

    /// <summary>The "fields" object: every value checked, then changed on the ticket (not saved); null when done.</summary>
    private static async Task<IResult?> FieldsChangeAsync(Ticket ticket, Dictionary<string, JsonElement> fields, bool isStaff, ApiCaller caller,
        CustomFieldValues fieldValues, TimeProvider time, ApiProblems problems, IStringLocalizer<SharedResource> L, CancellationToken ct)
    {
        if (!fields.TryGetValue("fields", out var json)) return null;
        if (json.ValueKind != JsonValueKind.Object) return problems.Invalid("fields", L["Give the fields as an object: {0}.", "{\"key\": value}"]);
        if (!CustomFieldValues.MayChange(ticket.Status.Category, isStaff)) return problems.NotAllowed(["fields"]);
        var sent = ApiFieldValues.Read(json.EnumerateObject().ToDictionary(p => p.Name, p => p.Value),
            await fieldValues.OfTypeAsync(ticket.RequestTypeId, ct), isStaff, L);
        if (sent.Errors.Count > 0) return problems.Invalid(sent.Errors);
        if (sent.NotAllowed.Count > 0) return problems.NotAllowed(sent.NotAllowed);
        var reading = await fieldValues.ChangeAsync(ticket, sent.Sent, isStaff, caller.Id, time.GetUtcNow(), CultureInfo.InvariantCulture, ct);
        return reading.IsValid ? null : problems.Invalid(ApiFieldValues.Named(reading.Errors));
    }

    /// <summary>Null when the change was made.</summary>
    private static async Task<IResult?> CustomerChangeAsync(Ticket ticket, Dictionary<string, JsonElement> fields, ApiCaller caller,
        TicketConversation conversation, ApiProblems problems, IStringLocalizer<SharedResource> L, CancellationToken ct)
    {
        if (!fields.TryGetValue("status", out var status)) return null;
        if (status.ValueKind != JsonValueKind.String || StatusWords.Find(status.GetString(), isStaff: false) is not { } category)
            return problems.Invalid("status", L["Choose one of: {0}.", string.Join(", ", StatusWords.All(isStaff: false))]);
        if (ticket.Status.Category == category) return null;
        var action = category switch
        {
            StatusCategory.Solved => CustomerAction.Resolve,
            StatusCategory.Cancelled => CustomerAction.Cancel,
            _ => CustomerAction.Reopen,
        };
        return await conversation.CustomerActionAsync(ticket, caller.Id, action, comment: null, ct) ? null : problems.StatusChangeRefused();
    }

    /// <summary>Every field checked first, then every change made and saved together; null when done.</summary>
    private static async Task<IResult?> AgentChangeAsync(Ticket ticket, Dictionary<string, JsonElement> fields, ApiCaller caller,
        GuichetDbContext db, StatusWorkflow workflow, TicketTags tags, TimeProvider time, ApiProblems problems,
        IStringLocalizer<SharedResource> L, CancellationToken ct)
    {
        var errors = new Dictionary<string, string[]>();
        var changes = new List<Func<Task>>();
        var (actor, now) = (caller.Id, time.GetUtcNow());

        if (fields.TryGetValue("status", out var status))
        {
            if (status.ValueKind == JsonValueKind.Number && status.TryGetInt32(out var statusId)
                && (await workflow.StatusesAsync(ct)).Any(s => s.Id == statusId && s.IsActive))
                changes.Add(() => workflow.SetAsync(ticket, statusId, actor, ct));
            else if (status.ValueKind == JsonValueKind.String && StatusWords.Find(status.GetString(), isStaff: true) is { } category)
                changes.Add(async () => await workflow.SetAsync(ticket, (await workflow.DefaultAsync(category, ct)).Id, actor, ct));
            else
                errors["status"] = [L["Choose a status from the list."]];
        }
        if (fields.TryGetValue("priority", out var priorityValue))
        {
            if (priorityValue.ValueKind == JsonValueKind.String && Enum.TryParse<TicketPriority>(priorityValue.GetString(), ignoreCase: true, out var priority) && Enum.IsDefined(priority))
                changes.Add(() => { ticket.ChangePriority(priority, actor, now); return Task.CompletedTask; });
            else
                errors["priority"] = [L["Choose one of: {0}.", Names<TicketPriority>()]];
        }
        if (fields.TryGetValue("typeId", out var typeValue))
        {
            // As the ticket page's "Change the kind of request": the same types, the same event; the fields' values stay stored.
            var type = typeValue.ValueKind == JsonValueKind.Number && typeValue.TryGetInt32(out var typeId)
                ? await db.RequestTypes.AsNoTracking().FirstOrDefaultAsync(t => t.Id == typeId, ct) : null;
            if (type is not null && ticket.MayBecome(type))
                changes.Add(() => { ticket.ChangeType(type, actor, now); return Task.CompletedTask; });
            else
                errors["typeId"] = [L["Choose a request type from the list."]];
        }
        if (fields.TryGetValue("productId", out var productValue))
        {
            int? productId = productValue.ValueKind == JsonValueKind.Number && productValue.TryGetInt32(out var id) ? id : null;
            if (productValue.ValueKind == JsonValueKind.Null || (productId is { } p && await db.Products.AnyAsync(x => x.Id == p && x.IsActive, ct)))
                changes.Add(() => { ticket.ChangeProduct(productId, actor, now); return Task.CompletedTask; });
            else
                errors["productId"] = [L["Choose a product from the list."]];
        }
        if (fields.TryGetValue("environment", out var environmentValue))
        {
            if (environmentValue.ValueKind == JsonValueKind.Null)
                changes.Add(() => { ticket.ChangeEnvironment(null, actor, now); return Task.CompletedTask; });
            else if (environmentValue.ValueKind == JsonValueKind.String && Enum.TryParse<TicketEnvironment>(environmentValue.GetString(), ignoreCase: true, out var environment) && Enum.IsDefined(environment))
                changes.Add(() => { ticket.ChangeEnvironment(environment, actor, now); return Task.CompletedTask; });
            else
                errors["environment"] = [L["Choose one of: {0}.", Names<TicketEnvironment>()]];
        }
        if (fields.TryGetValue("groupId", out var groupValue))
        {
            int? groupId = groupValue.ValueKind == JsonValueKind.Number && groupValue.TryGetInt32(out var g) ? g : null;
            if (groupValue.ValueKind == JsonValueKind.Null || (groupId is { } gid && await db.Groups.AnyAsync(x => x.Id == gid, ct)))
                changes.Add(() => { ticket.ChangeGroup(groupId, actor, now); return Task.CompletedTask; });
            else
                errors["groupId"] = [L["Choose a group from the list."]];
        }
        if (fields.TryGetValue("assigneeId", out var assigneeValue))
        {
            if (assigneeValue.ValueKind == JsonValueKind.Null)
                changes.Add(() => { ticket.Assign(null, actor, now); return Task.CompletedTask; });
            else if (assigneeValue.ValueKind == JsonValueKind.String && Guid.TryParse(assigneeValue.GetString(), out var assigneeId) && await AgentAccounts.MayBeGivenTicketsAsync(db, assigneeId, actor, now, ct))
                changes.Add(() => { ticket.Assign(assigneeId, actor, now); return Task.CompletedTask; });
            else
                errors["assigneeId"] = [L["Choose an agent from the list."]];
        }
        string[]? tagList = null;
        if (fields.TryGetValue("tags", out var tagsValue))
        {
            if (tagsValue.ValueKind == JsonValueKind.Array && tagsValue.EnumerateArray().All(t => t.ValueKind == JsonValueKind.String))
                tagList = [.. tagsValue.EnumerateArray().Select(t => t.GetString()!)];
            else
                errors["tags"] = [L["Give the tags as a list of words: {0}.", "[\"vip\", \"printer\"]"]];
        }
        if (errors.Count > 0) return problems.Invalid(errors);
        // TicketTags checks the whole list before it changes anything (and saves nothing): first, so a refusal leaves all as it was.
        if (tagList is not null && await tags.SetAsync(ticket, string.Join("\n", tagList), actor, ct) is { } refusal)
            return problems.Invalid("tags", refusal);

        foreach (var change in changes) await change();
        await db.SaveChangesAsync(ct);
        return null;
    }

    private static string Names<T>() where T : struct, Enum => string.Join(", ", Enum.GetNames<T>().Select(n => n.ToLowerInvariant()));
}
