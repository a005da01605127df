using Guichet.Web.Data;
using Guichet.Web.Tickets;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Http.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Guichet.Web.Api;

/// <summary><c>subject</c>: the new request's subject.</summary>
public sealed record SplitInput([property: NonNull] string? Subject);

/// <summary>
/// POST /api/v1/tickets/{number}/messages/{messageId}/split: a customer's message made into a request of its own, as on
/// the agent's ticket page (<see cref="TicketSplit"/>, the same code).
/// </summary>
public static class SplitEndpoints
{
    public static void Map(RouteGroupBuilder api) =>
        api.MapPost("/tickets/{number:long}/messages/{messageId:guid}/split", SplitAsync).WithName("SplitMessage").WithTags("Tickets")
            .WithSummary("Agents and admins: make a customer's message (not the first) a request of its own; answers the new request")
            .Accepts<SplitInput>("application/json")
            .Produces<TicketDetails>(StatusCodes.Status201Created)
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status403Forbidden).ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status409Conflict).ProducesProblem(StatusCodes.Status415UnsupportedMediaType);

    private static async Task<Results<Created<TicketDetails>, ValidationProblem, ProblemHttpResult>> SplitAsync(long number, Guid messageId,
        HttpRequest request, ApiCaller caller, TicketConversation conversation, TicketSplit split, GuichetDbContext db, CustomFieldValues fieldValues,
        ApiProblems problems, IOptions<JsonOptions> json, CancellationToken ct)
    {
        var viewer = await caller.ViewerAsync(ct);
        if (!viewer.IsStaff) return problems.StaffOnly();
        if (await conversation.FindAsync(number, viewer, ct) is not { } ticket) return problems.NotFound();
        if (await ApiJson.ReadAsync<SplitInput>(request, json.Value, ct) is not { } input) return problems.MalformedJson();
        TicketSplit.Outcome outcome;
        try
        {
            outcome = await split.SplitAsync(ticket, messageId, input.Subject, viewer, ct);
        }
        catch (DbUpdateConcurrencyException)
        {
            return problems.ChangedMeanwhile();
        }
        if (outcome.Refusal is { } refusal)
            return outcome.About == "subject" ? problems.Invalid("subject", refusal) : problems.Refused(refusal);
        var details = await TicketViews.DetailsAsync(db, fieldValues, viewer, outcome.Created!.Number, ct);
        if (details is null) return problems.NotFound();
        TicketETag.Set(request.HttpContext.Response, details.Version);
        return TypedResults.Created($"{ApiSetup.Prefix}/tickets/{details.Number}", details);
    }
}
