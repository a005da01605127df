using Guichet.Web.Tickets;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace Guichet.Web.Api;

public sealed record RelatedTicketView(long Number, string Subject, StatusView Status);

/// <summary>
/// /api/v1/tickets/{number}/related: related requests, as on the agent's ticket page (<see cref="TicketRelations"/>, the
/// same code): for agents and admins, each link an internal event on both requests; only those the caller may see are listed.
/// </summary>
public static class RelationEndpoints
{
    public static void Map(RouteGroupBuilder api)
    {
        var related = api.MapGroup("/tickets/{number:long}/related").WithTags("Tickets");
        related.MapGet("/", ListAsync).WithName("ListRelatedTickets")
            .WithSummary("Agents and admins: the requests related to this one that you may see")
            .ProducesProblem(StatusCodes.Status403Forbidden).ProducesProblem(StatusCodes.Status404NotFound);
        related.MapPut("/{other:long}", LinkAsync).WithName("LinkTickets")
            .WithSummary("Agents and admins: relate this request and another one (both ways); answers the related requests")
            .ProducesProblem(StatusCodes.Status403Forbidden).ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status409Conflict);
        related.MapDelete("/{other:long}", UnlinkAsync).WithName("UnlinkTickets")
            .WithSummary("Agents and admins: the two requests are no longer related")
            .Produces(StatusCodes.Status204NoContent)
            .ProducesProblem(StatusCodes.Status403Forbidden).ProducesProblem(StatusCodes.Status404NotFound);
    }

    private static async Task<Results<Ok<List<RelatedTicketView>>, ProblemHttpResult>> ListAsync(long number, ApiCaller caller,
        TicketConversation conversation, TicketRelations relations, TicketCatalog catalog, ApiProblems problems, CancellationToken ct)
    {
        var viewer = await caller.ViewerAsync(ct);
        if (!viewer.IsStaff) return problems.StaffOnly();
        if (await conversation.ReadAsync(number, viewer, ct) is not { } ticket) return problems.NotFound();
        return TypedResults.Ok(await ViewsAsync(ticket, viewer, relations, catalog, ct));
    }

    private static async Task<Results<Ok<List<RelatedTicketView>>, ProblemHttpResult>> LinkAsync(long number, long other, ApiCaller caller,
        TicketConversation conversation, TicketRelations relations, TicketCatalog catalog, ApiProblems problems, CancellationToken ct)
    {
        var viewer = await caller.ViewerAsync(ct);
        if (!viewer.IsStaff) return problems.StaffOnly();
        if (await conversation.FindAsync(number, viewer, ct) is not { } ticket) return problems.NotFound();
        try
        {
            // The other request missing, unseen or the same one: the rule's own sentence, as on the page.
            if (await relations.LinkAsync(ticket, other, viewer, ct) is { } refusal) return problems.Refused(refusal);
        }
        catch (DbUpdateConcurrencyException)
        {
            return problems.ChangedMeanwhile();
        }
        return TypedResults.Ok(await ViewsAsync(ticket, viewer, relations, catalog, ct));
    }

    private static async Task<Results<NoContent, ProblemHttpResult>> UnlinkAsync(long number, long other, ApiCaller caller,
        TicketConversation conversation, TicketRelations relations, ApiProblems problems, CancellationToken ct)
    {
        var viewer = await caller.ViewerAsync(ct);
        if (!viewer.IsStaff) return problems.StaffOnly();
        if (await conversation.FindAsync(number, viewer, ct) is not { } ticket) return problems.NotFound();
        try
        {
            // Not related (any more): nothing to do, as a repeated DELETE expects.
            await relations.UnlinkAsync(ticket, other, viewer, ct);
        }
        catch (DbUpdateConcurrencyException)
        {
            return problems.ChangedMeanwhile();
        }
        return TypedResults.NoContent();
    }

    private static async Task<List<RelatedTicketView>> ViewsAsync(Ticket ticket, Viewer viewer, TicketRelations relations, TicketCatalog catalog,
        CancellationToken ct)
    {
        var statuses = (await catalog.GetAsync(ct)).Statuses.ToDictionary(s => s.Id);
        return (await relations.OfAsync(ticket.Id, viewer, ct))
            .Select(r => new RelatedTicketView(r.Number, r.Subject, new StatusView(r.StatusId, statuses[r.StatusId].Category, statuses[r.StatusId].Names.ToString())))
            .ToList();
    }
}
