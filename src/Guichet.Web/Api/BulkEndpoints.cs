using System.Text.Json;
using Guichet.Web.Data;
using Guichet.Web.Queues;
using Guichet.Web.Tickets;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Http.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using Microsoft.Extensions.Options;

namespace Guichet.Web.Api;

/// <summary>A list of tickets as GET /api/v1/tickets describes it, with the same names and values (no sort, no page).</summary>
public sealed record TicketSelection(string? Q = null, string? Queue = null, int[]? Status = null, int[]? Type = null, string[]? Priority = null,
    string[]? Requester = null, int[]? Product = null, string[]? Environment = null, string[]? Tag = null, DateTimeOffset? CreatedFrom = null, DateTimeOffset? CreatedTo = null,
    DateTimeOffset? UpdatedFrom = null, DateTimeOffset? UpdatedTo = null, int[]? Group = null, string[]? Assignee = null, Guid[]? Organization = null,
    int? NoReplyHours = null);

/// <summary>
/// What to change; what is left out stays as it is. <c>assignee</c>: <c>me</c>, <c>nobody</c> or an agent's user id;
/// <c>status</c>: a status id or a word, as in PATCH /tickets/{number}; <c>addTags</c>, <c>removeTags</c>: tags put on or
/// taken off each ticket, the others staying.
/// </summary>
public sealed record TicketBulkChange(string? Assignee = null, int? GroupId = null, [property: NonNull] JsonElement? Status = null,
    TicketPriority? Priority = null, string[]? AddTags = null, string[]? RemoveTags = null);

/// <summary>
/// POST /api/v1/tickets/bulk. <c>numbers</c>: the tickets to change, taken among <c>matching</c> when it is sent, or null to
/// change every ticket of <c>matching</c> (then required); <c>upTo</c> leaves out tickets numbered above it (those created
/// since the list was read).
/// </summary>
public sealed record BulkChangeInput(long[]? Numbers, [property: NonNull] TicketBulkChange? Change, TicketSelection? Matching = null, long? UpTo = null);

public sealed record BulkRefusalView(long Number, string Reason);

/// <summary>What a bulk change did: how many tickets changed, how many were already so, which were not changed and why.</summary>
public sealed record BulkOutcomeView(int Changed, int Unchanged, IReadOnlyList<BulkRefusalView> Refused);

/// <summary>
/// POST /api/v1/tickets/bulk: one change to many tickets, as the form above the workspace's queues makes it
/// (<see cref="BulkChanges"/>): each ticket through the visibility rule and the status workflow, with its events.
/// </summary>
public static class BulkEndpoints
{
    /// <summary>Numbers in one request; more go as several, or as a list (<c>matching</c>).</summary>
    public const int MaxNumbers = 1000;

    public static void Map(RouteGroupBuilder api) =>
        api.MapPost("/tickets/bulk", ApplyAsync).WithName("ChangeTickets").WithTags("Tickets")
            .WithSummary("Agents and admins: change the assignee, group, status, priority or tags of many tickets at once, by number or every ticket of a list")
            .Accepts<BulkChangeInput>("application/json")
            .Produces<BulkOutcomeView>()
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status403Forbidden).ProducesProblem(StatusCodes.Status415UnsupportedMediaType);

    private static async Task<Results<Ok<BulkOutcomeView>, ValidationProblem, ProblemHttpResult>> ApplyAsync(HttpRequest request, ApiCaller caller,
        GuichetDbContext db, TicketList list, BulkChanges bulk, StatusWorkflow workflow, TicketTags tagReader, ApiProblems problems, IStringLocalizer<SharedResource> L,
        IOptions<JsonOptions> json, CancellationToken ct)
    {
        var viewer = await caller.ViewerAsync(ct);
        if (!viewer.IsStaff) return problems.StaffOnly();
        using var document = await ApiJson.ReadAsync<JsonDocument>(request, json.Value, ct);
        if (document?.RootElement is not { ValueKind: JsonValueKind.Object } body) return problems.MalformedJson();
        BulkChangeInput? input;
        try { input = body.Deserialize<BulkChangeInput>(json.Value.SerializerOptions); }
        catch (JsonException) { input = null; }
        if (input is null) return problems.MalformedJson();

        var errors = new Dictionary<string, string[]>();
        // "Every ticket of the list" is said, never implied by a number list left out.
        if (!body.TryGetProperty("numbers", out _)) errors["numbers"] = [L["Send the tickets' numbers, or null to change every ticket of matching."]];
        else if (input.Numbers is null && input.Matching is null) errors["matching"] = [L["With numbers null, send matching: the list whose tickets all change."]];
        else if (input.Numbers?.Length > MaxNumbers) errors["numbers"] = [L["Send at most {0} numbers at once, or null with matching.", MaxNumbers]];
        if (input.Change is null) errors["change"] = [L["Choose what to change."]];

        var tickets = db.Tickets.AsNoTracking().VisibleTo(viewer);
        if (input.Matching is { } matching)
        {
            var (filter, wrong) = list.Parse(new TicketListParameters
            {
                Q = matching.Q, Queue = matching.Queue, Status = matching.Status, Type = matching.Type, Priority = matching.Priority,
                Requester = matching.Requester, Product = matching.Product, Environment = matching.Environment, Tag = matching.Tag,
                Group = matching.Group, Assignee = matching.Assignee, Organization = matching.Organization, NoReplyHours = matching.NoReplyHours,
                CreatedFrom = matching.CreatedFrom, CreatedTo = matching.CreatedTo, UpdatedFrom = matching.UpdatedFrom, UpdatedTo = matching.UpdatedTo,
            });
            foreach (var (name, messages) in wrong) errors[$"matching.{name}"] = messages;
            if (filter is not null) tickets = await list.MatchingAsync(viewer, filter, ct);
        }
        // A status sent as null reads as none sent: told apart here, where the JSON still says it.
        if (body.TryGetProperty("change", out var sent) && sent.ValueKind == JsonValueKind.Object
            && sent.TryGetProperty("status", out var status) && status.ValueKind == JsonValueKind.Null)
            errors["change.status"] = [L["Choose a status from the list."]];
        var change = input.Change is { } asked ? await ChangeAsync(asked, viewer, workflow, tagReader, errors, L, ct) : null;
        if (errors.Count > 0 || change is null) return problems.Invalid(errors);

        if (input.UpTo is { } newest) tickets = tickets.Where(t => t.Number <= newest);
        var outcome = await bulk.ApplyAsync(tickets, input.Numbers?.Distinct().ToList(), change, viewer.UserId, ct);
        if (outcome.Error is { } error)
            return problems.Invalid(outcome.About switch
            {
                "assignee" => "change.assignee",
                "group" => "change.groupId",
                "status" => "change.status",
                _ => "change",
            }, error);
        return TypedResults.Ok(new BulkOutcomeView(outcome.Changed, outcome.Unchanged,
            outcome.Refused.Select(r => new BulkRefusalView(r.Number, r.Reason)).ToList()));
    }

    /// <summary>The change in <see cref="BulkChanges"/>' terms, its mistakes of form added to <paramref name="errors"/>.</summary>
    private static async Task<BulkChanges.Change?> ChangeAsync(TicketBulkChange asked, Viewer viewer, StatusWorkflow workflow, TicketTags tagReader,
        Dictionary<string, string[]> errors, IStringLocalizer<SharedResource> L, CancellationToken ct)
    {
        Guid? assignTo = null;
        var unassign = false;
        switch (asked.Assignee?.Trim().ToLowerInvariant())
        {
            case null: break;
            case "me": assignTo = viewer.UserId; break;
            case "nobody": unassign = true; break;
            case var text when Guid.TryParse(text, out var id): assignTo = id; break;
            default: errors["change.assignee"] = [L["Choose an agent from the list."]]; break;
        }
        int? statusId = null;
        if (asked.Status is { ValueKind: not JsonValueKind.Null } status)
        {
            if (status.ValueKind == JsonValueKind.Number && status.TryGetInt32(out var id)) statusId = id;
            else if (status.ValueKind == JsonValueKind.String && StatusWords.Find(status.GetString(), isStaff: true) is { } category)
                statusId = (await workflow.DefaultAsync(category, ct)).Id;
            else errors["change.status"] = [L["Choose a status from the list."]];
        }
        var addTags = TagsOf(asked.AddTags, "change.addTags", errors, tagReader);
        var removeTags = TagsOf(asked.RemoveTags, "change.removeTags", errors, tagReader);
        return new BulkChanges.Change(assignTo, unassign, asked.GroupId, statusId, asked.Priority, addTags, removeTags);
    }

    /// <summary>Tags as <see cref="TicketTags.Read"/> reads them; one that is not a tag is a mistake, not dropped in silence.</summary>
    private static IReadOnlyList<string>? TagsOf(string[]? sent, string field, Dictionary<string, string[]> errors, TicketTags tagReader)
    {
        if (sent is null) return null;
        var (tags, refusal) = tagReader.Read(string.Join("\n", sent));
        if (refusal is not null) errors[field] = [refusal];
        return tags;
    }
}
