using Guichet.Web.Data;
using Guichet.Web.Tickets;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Http.Json;
using Microsoft.Extensions.Localization;
using Microsoft.Extensions.Options;

namespace Guichet.Web.Api;

/// <summary><c>into</c>: the number of the request that goes on.</summary>
public sealed record MergeInput([property: NonNull] long? Into);

/// <summary>
/// POST /api/v1/tickets/{number}/merge: a duplicate merged into another request, as on the agent's ticket page
/// (<see cref="TicketMerge"/>, checked again inside its transaction).
/// </summary>
public static class MergeEndpoints
{
    public static void Map(RouteGroupBuilder api) =>
        api.MapPost("/tickets/{number:long}/merge", MergeAsync).WithName("MergeTicket").WithTags("Tickets")
            .WithSummary("Agents and admins: merge this request (a duplicate) into another; answers the other one")
            .Accepts<MergeInput>("application/json")
            .Produces<TicketDetails>()
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status403Forbidden).ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status409Conflict).ProducesProblem(StatusCodes.Status415UnsupportedMediaType);

    private static async Task<Results<Ok<TicketDetails>, ValidationProblem, ProblemHttpResult>> MergeAsync(long number, HttpRequest request,
        ApiCaller caller, TicketConversation conversation, TicketMerge merge, GuichetDbContext db, CustomFieldValues fieldValues, ApiProblems problems,
        IStringLocalizer<SharedResource> L, IOptions<JsonOptions> json, CancellationToken ct)
    {
        var viewer = await caller.ViewerAsync(ct);
        if (!viewer.IsStaff) return problems.StaffOnly();
        if (await conversation.ReadAsync(number, viewer, ct) is null) return problems.NotFound();
        if (await ApiJson.ReadAsync<MergeInput>(request, json.Value, ct) is not { } input) return problems.MalformedJson();
        if (input.Into is not { } into) return problems.Invalid("into", L["Type the number of the request to merge into."]);
        if (await merge.MergeAsync(number, into, viewer, ct) is { } refusal) return problems.Refused(refusal);
        var details = await TicketViews.DetailsAsync(db, fieldValues, viewer, into, ct);
        if (details is null) return problems.NotFound();
        TicketETag.Set(request.HttpContext.Response, details.Version);
        return TypedResults.Ok(details);
    }
}
