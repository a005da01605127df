using Guichet.Web.Notifications;
using Guichet.Web.Tickets;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Http.Json;
using FromQueryAttribute = Microsoft.AspNetCore.Mvc.FromQueryAttribute;
using Microsoft.Extensions.Localization;
using Microsoft.Extensions.Options;

namespace Guichet.Web.Api;

/// <summary>A line of the bell: what happened (<c>kind</c>), on which request, by whom (<c>actor</c>, empty when nobody), when, read or not.</summary>
public sealed record NotificationView(long Id, AgentNotice Kind, long Number, string Subject, string Actor, DateTimeOffset At, bool Read);

/// <summary><c>nextBefore</c>: the <c>before</c> of the next (older) page, null on the last one.</summary>
public sealed record NotificationPage(IReadOnlyList<NotificationView> Items, long? NextBefore);

/// <summary><c>ticket</c>: the number of the request whose lines are read; null or left out: every line.</summary>
public sealed record MarkReadInput(long? Ticket = null);

public sealed record MarkedReadView(int Marked);

/// <summary>
/// /api/v1/me/notifications: the agent's bell (<see cref="AgentInbox"/>, the same code as the workspace's), newest first,
/// and marking its lines read. Customers have no bell: a 403.
/// </summary>
public static class NotificationEndpoints
{
    public const int PageSize = 50;

    public static void Map(RouteGroupBuilder api)
    {
        var notifications = api.MapGroup("/me/notifications").WithTags("Notifications");
        notifications.MapGet("/", ListAsync).WithName("ListNotifications")
            .WithSummary("Agents and admins: your notifications, newest first, 50 a page (unread=true: the unread ones; before: the nextBefore of the previous page)")
            .ProducesProblem(StatusCodes.Status403Forbidden);
        notifications.MapPost("/read", MarkReadAsync).WithName("MarkNotificationsRead")
            .WithSummary("Agents and admins: mark read your notifications, all of them or one request's")
            .Accepts<MarkReadInput>("application/json")
            .Produces<MarkedReadView>()
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status403Forbidden).ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status415UnsupportedMediaType);
    }

    private static async Task<Results<Ok<NotificationPage>, ProblemHttpResult>> ListAsync([FromQuery] bool? unread, [FromQuery] long? before,
        ApiCaller caller, AgentInbox inbox, ApiProblems problems, CancellationToken ct)
    {
        var viewer = await caller.ViewerAsync(ct);
        if (!viewer.IsStaff) return problems.StaffOnly();
        var lines = await inbox.PageAsync(viewer, before, unread == true, PageSize + 1, ct);
        var items = lines.Take(PageSize).Select(l => new NotificationView(l.Id, l.Kind, l.Number, l.Subject, l.Actor, l.At, l.IsRead)).ToList();
        return TypedResults.Ok(new NotificationPage(items, lines.Count > PageSize ? items[^1].Id : null));
    }

    private static async Task<Results<Ok<MarkedReadView>, ValidationProblem, ProblemHttpResult>> MarkReadAsync(HttpRequest request, ApiCaller caller,
        AgentInbox inbox, TicketConversation conversation, ApiProblems problems, IOptions<JsonOptions> json, CancellationToken ct)
    {
        var viewer = await caller.ViewerAsync(ct);
        if (!viewer.IsStaff) return problems.StaffOnly();
        if (await ApiJson.ReadAsync<MarkReadInput>(request, json.Value, ct) is not { } input) return problems.MalformedJson();
        Guid? ticketId = null;
        if (input.Ticket is { } number)
        {
            if (await conversation.ReadAsync(number, viewer, ct) is not { } ticket) return problems.NotFound();
            ticketId = ticket.Id;
        }
        return TypedResults.Ok(new MarkedReadView(await inbox.MarkReadAsync(caller.Id, ticketId, ct)));
    }
}
