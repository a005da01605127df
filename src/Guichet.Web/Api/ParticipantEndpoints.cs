using Guichet.Web.Data;
using Guichet.Web.Tickets;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Http.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using Microsoft.Extensions.Options;

namespace Guichet.Web.Api;

/// <summary>One of the people kept informed of a request, for the team (with the id that takes them off).</summary>
public sealed record KeptInformedView(Guid Id, string Name, string Email, ParticipantRole Role);

/// <summary>Addresses to keep informed (as copies): a contact is made for an address nobody has yet.</summary>
public sealed record KeepInformedInput([property: NonNull] string[]? Emails);

/// <summary>
/// /api/v1/tickets/{number}/participants: the people kept informed, managed as on the agent's ticket page
/// (<see cref="TicketParticipants"/>, the same code): for agents and admins, each change an event, the person added told.
/// </summary>
public static class ParticipantEndpoints
{
    public static void Map(RouteGroupBuilder api)
    {
        var people = api.MapGroup("/tickets/{number:long}/participants").WithTags("Tickets");
        people.MapGet("/", ListAsync).WithName("ListParticipants")
            .WithSummary("Agents and admins: the people kept informed of the request")
            .ProducesProblem(StatusCodes.Status403Forbidden).ProducesProblem(StatusCodes.Status404NotFound);
        people.MapPost("/", AddAsync).WithName("AddParticipants")
            .WithSummary("Agents and admins: keep these addresses informed (as copies); answers the people kept informed")
            .Accepts<KeepInformedInput>("application/json")
            .Produces<List<KeptInformedView>>()
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status403Forbidden).ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status415UnsupportedMediaType);
        people.MapDelete("/{userId:guid}", RemoveAsync).WithName("RemoveParticipant")
            .WithSummary("Agents and admins: this person is no longer kept informed")
            .Produces(StatusCodes.Status204NoContent)
            .ProducesProblem(StatusCodes.Status403Forbidden).ProducesProblem(StatusCodes.Status404NotFound);
    }

    private static async Task<Results<Ok<List<KeptInformedView>>, ProblemHttpResult>> ListAsync(long number, ApiCaller caller,
        TicketConversation conversation, GuichetDbContext db, ApiProblems problems, CancellationToken ct)
    {
        var viewer = await caller.ViewerAsync(ct);
        if (!viewer.IsStaff) return problems.StaffOnly();
        if (await conversation.ReadAsync(number, viewer, ct) is not { } ticket) return problems.NotFound();
        return TypedResults.Ok(await ViewsAsync(db, ticket.Id, ct));
    }

    private static async Task<Results<Ok<List<KeptInformedView>>, ValidationProblem, ProblemHttpResult>> AddAsync(long number, HttpRequest request,
        ApiCaller caller, TicketConversation conversation, TicketParticipants participants, GuichetDbContext db, ApiProblems problems,
        IStringLocalizer<SharedResource> L, IOptions<JsonOptions> json, CancellationToken ct)
    {
        var viewer = await caller.ViewerAsync(ct);
        if (!viewer.IsStaff) return problems.StaffOnly();
        if (await ApiJson.ReadAsync<KeepInformedInput>(request, json.Value, ct) is not { } input) return problems.MalformedJson();
        if (await conversation.FindAsync(number, viewer, ct) is not { } ticket) return problems.NotFound();
        if (input.Emails is not { Length: > 0 } emails || emails.All(string.IsNullOrWhiteSpace))
            return problems.Invalid("emails", L["Type one or more email addresses."]);
        try
        {
            // One address per line: CcList reads them as it reads the page's box, commas and spaces included.
            var invalid = await participants.AddAsync(ticket, string.Join("\n", emails), caller.Id, ct);
            if (invalid.Count > 0) return problems.Invalid("emails", L["These are not email addresses: {0}", string.Join(", ", invalid)]);
        }
        catch (DbUpdateConcurrencyException)
        {
            return problems.ChangedMeanwhile();
        }
        return TypedResults.Ok(await ViewsAsync(db, ticket.Id, ct));
    }

    private static async Task<Results<NoContent, ProblemHttpResult>> RemoveAsync(long number, Guid userId, ApiCaller caller,
        TicketConversation conversation, TicketParticipants participants, ApiProblems problems, CancellationToken ct)
    {
        var viewer = await caller.ViewerAsync(ct);
        if (!viewer.IsStaff) return problems.StaffOnly();
        if (await conversation.FindAsync(number, viewer, ct) is not { } ticket) return problems.NotFound();
        try
        {
            // Not kept informed (any more): nothing to do, as a repeated DELETE expects.
            await participants.RemoveAsync(ticket, userId, caller.Id, ct);
        }
        catch (DbUpdateConcurrencyException)
        {
            return problems.ChangedMeanwhile();
        }
        return TypedResults.NoContent();
    }

    private static async Task<List<KeptInformedView>> ViewsAsync(GuichetDbContext db, Guid ticketId, CancellationToken ct) =>
        (await db.Set<TicketParticipant>().AsNoTracking().Where(p => p.TicketId == ticketId)
            .Select(p => new { p.UserId, p.User.FirstName, p.User.LastName, p.User.Email, p.Role }).ToListAsync(ct))
        .Select(p => new KeptInformedView(p.UserId, $"{p.FirstName} {p.LastName}".Trim() is { Length: > 0 } name ? name : p.Email ?? "", p.Email ?? "", p.Role))
        .OrderBy(p => p.Name, StringComparer.CurrentCultureIgnoreCase).ToList();
}
