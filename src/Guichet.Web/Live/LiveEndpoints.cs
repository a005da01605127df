using System.Diagnostics;
using Guichet.Web.Accounts;
using Guichet.Web.Data;
using Guichet.Web.Tickets;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.EntityFrameworkCore;

namespace Guichet.Web.Live;

/// <summary>
/// <c>GET /live</c>: the signed-in user's stream of server-sent events. <c>ticket</c> events name a ticket the reader
/// may see and what happened to it (never what was written: the page loads that through its own rules); <c>queues</c>
/// tells staff their counts may have changed; <c>presence</c> lists who else has the ticket open (agents' ticket
/// pages, <c>?ticket=</c>); <c>reset</c> asks the page to load everything again. <c>?since=</c> (or the browser's
/// Last-Event-ID when it reconnects) is the newest event the page knows of: what came after is sent first.
/// </summary>
public static class LiveEndpoints
{
    private static readonly TimeSpan Heartbeat = TimeSpan.FromSeconds(15);

    // A stream ends after a while and the browser opens the next at once, from where it was: the sign-in is checked
    // again then, so a deactivated account or an expired session stops receiving within this time.
    private static readonly TimeSpan StreamLife = TimeSpan.FromMinutes(5);

    internal static async Task StreamAsync(HttpContext context, long? ticket, long? since, LiveFeed feed, IServiceScopeFactory scopes,
        NodeCache cache, CurrentUser me, TimeProvider time, IHostApplicationLifetime lifetime)
    {
        using var stopping = CancellationTokenSource.CreateLinkedTokenSource(context.RequestAborted, lifetime.ApplicationStopping);
        var ct = stopping.Token;
        var userId = me.RequireId();
        // Its own short scopes, not the request's: a stream lasts minutes and must not hold a database connection.
        var watched = ticket is { } number ? await WatchAsync(scopes, cache, userId, number, ct) : null;
        var lastHere = time.GetUtcNow();

        var response = context.Response;
        response.ContentType = "text/event-stream";
        response.Headers.CacheControl = "no-cache, no-store";
        response.Headers["X-Accel-Buffering"] = "no";
        context.Features.Get<IHttpResponseBodyFeature>()?.DisableBuffering();

        var subscriber = feed.Subscribe(userId, watched);
        try
        {
            await WriteAsync(response, "retry: 3000\n\n", ct);
            // What was missed goes into the queue first; the feed may queue some of it again meanwhile: sent once.
            var missedThrough = 0L;
            var written = new HashSet<long>();
            if ((LastEventId(context.Request) ?? since) is { } from)
            {
                if (await feed.MissedAsync(subscriber, from, ct) is { } through) missedThrough = through;
                else subscriber.Send(new LiveMessage("reset", "{}"));
            }
            var end = Stopwatch.GetTimestamp() + (long)(StreamLife.TotalSeconds * Stopwatch.Frequency);
            var nextHere = Stopwatch.GetTimestamp() + (long)(TicketPresences.Refresh.TotalSeconds * Stopwatch.Frequency);
            while (Stopwatch.GetTimestamp() < end)
            {
                using var beat = CancellationTokenSource.CreateLinkedTokenSource(ct);
                beat.CancelAfter(Heartbeat);
                var any = false;
                try
                {
                    any = await subscriber.Messages.WaitToReadAsync(beat.Token);
                }
                catch (OperationCanceledException) when (!ct.IsCancellationRequested)
                {
                    // Quiet for a while: the heartbeat below.
                }
                if (subscriber.TakeOverflow()) await WriteAsync(response, "event: reset\ndata: {}\n\n", ct);
                if (any)
                {
                    while (subscriber.Messages.TryRead(out var message))
                        if (message.Id is not { } id || id > missedThrough || written.Add(id)) await WriteAsync(response, Format(message), ct);
                }
                else
                {
                    // A comment keeps proxies from closing a quiet stream; the id, that a reconnection starts from here.
                    await WriteAsync(response, $"id: {subscriber.Through}\n: still here\n\n", ct);
                }
                if (watched is { } here && Stopwatch.GetTimestamp() >= nextHere)
                {
                    nextHere = Stopwatch.GetTimestamp() + (long)(TicketPresences.Refresh.TotalSeconds * Stopwatch.Frequency);
                    await using var scope = scopes.CreateAsyncScope();
                    await scope.ServiceProvider.GetRequiredService<TicketPresences>().HereAsync(here, userId, ct);
                    lastHere = time.GetUtcNow();
                }
            }
        }
        catch (OperationCanceledException) when (ct.IsCancellationRequested)
        {
            // The page went away, or the node is stopping.
        }
        finally
        {
            feed.Unsubscribe(subscriber);
            // Gone from the ticket, unless the node is stopping (its rows lapse in a minute; many streams ending at once
            // must not hold the shutdown up).
            if (watched is { } left && !lifetime.ApplicationStopping.IsCancellationRequested)
            {
                await using var scope = scopes.CreateAsyncScope();
                await scope.ServiceProvider.GetRequiredService<TicketPresences>().GoneAsync(left, userId, lastHere, CancellationToken.None);
            }
        }
    }

    /// <summary>The ticket an agent's page shows, if they may see it; they are then present on it.</summary>
    private static async Task<Guid?> WatchAsync(IServiceScopeFactory scopes, NodeCache cache, Guid userId, long number, CancellationToken ct)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<GuichetDbContext>();
        var viewer = await Viewer.ForAsync(db, cache, userId, ct);
        if (!viewer.IsStaff) return null;
        var id = await db.Tickets.VisibleTo(viewer).Where(t => t.Number == number).Select(t => (Guid?)t.Id).FirstOrDefaultAsync(ct);
        // A page just opened is not writing yet, whatever the agent's previous page said.
        if (id is { } ticketId) await scope.ServiceProvider.GetRequiredService<TicketPresences>().ReplyingAsync(ticketId, userId, replying: false, ct);
        return id;
    }

    private static long? LastEventId(HttpRequest request) =>
        long.TryParse(request.Headers["Last-Event-ID"].ToString(), out var id) ? id : null;

    private static string Format(LiveMessage message) =>
        (message.Id is { } id ? $"id: {id}\n" : "") + $"event: {message.Name}\ndata: {message.Data}\n\n";

    private static async Task WriteAsync(HttpResponse response, string text, CancellationToken ct)
    {
        await response.WriteAsync(text, ct);
        await response.Body.FlushAsync(ct);
    }
}
