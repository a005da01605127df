using Guichet.Web.Queues;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Guichet.Web.Api;

/// <summary>One queue of the workspace and how many tickets it holds; its tickets are GET /api/v1/tickets?queue={queue}.</summary>
public sealed record QueueView(string Queue, int Count);

/// <summary>GET /api/v1/queues: the agent's queues and their counts, as the workspace's menu shows them.</summary>
public static class QueueEndpoints
{
    public static void Map(RouteGroupBuilder api) =>
        api.MapGet("/queues", ListAsync).WithName("ListQueues").WithTags("Queues")
            .WithSummary("Agents and admins: the workspace's queues with their counts; a queue's tickets are GET /tickets?queue=…")
            .ProducesProblem(StatusCodes.Status403Forbidden);

    private static async Task<Results<Ok<List<QueueView>>, ProblemHttpResult>> ListAsync(ApiCaller caller, AgentQueues queues, ApiProblems problems,
        CancellationToken ct)
    {
        var viewer = await caller.ViewerAsync(ct);
        if (!viewer.IsStaff) return problems.StaffOnly();
        var counts = await queues.CountAsync(viewer, ct);
        return TypedResults.Ok(AgentQueues.All.Select(q => new QueueView(q.ToString().ToLowerInvariant(), counts.GetValueOrDefault(q))).ToList());
    }
}
