using System.Collections.Concurrent;
using System.Diagnostics;
using System.Text.Json;
using System.Threading.Channels;
using Guichet.Web.Data;
using Guichet.Web.Tickets;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Npgsql;

namespace Guichet.Web.Live;

/// <summary>
/// Hands the ticket events to the open streams of this node. The events table is the feed: every node reads what
/// was committed after its cursor, whichever node wrote it, and gives each stream what its reader may see (the rule
/// of <see cref="TicketAccess"/>; internal events to staff only). A round runs when this node saved something, when
/// PostgreSQL notifies that another node did (a trigger on the events table), and at least once a second.
/// <para>
/// With no stream open a round only moves the cursor, so that the first page to open one starts from where the node
/// is (<see cref="Cursor"/>, written into live pages) and gets what it missed since then.
/// </para>
/// Presence (who else has a ticket open, who is replying) is read here too, for the tickets this node's streams show.
/// </summary>
public sealed class LiveFeed(IServiceScopeFactory scopes, NodeCache cache, TimeProvider time, IOptions<DatabaseOptions> database,
    ILogger<LiveFeed> log) : BackgroundService
{
    /// <summary>The PostgreSQL channel the events trigger notifies (migration "LiveUpdates").</summary>
    public const string NotifyChannel = "guichet_ticket_events";

    private const int BatchSize = 500;

    /// <summary>How many events a reconnecting stream is sent; beyond that, its page loads everything again.</summary>
    public const int MaxMissed = 500;
    // Plumbing, not business time: the machine's clock, as the other background loops.
    private static readonly TimeSpan PollInterval = TimeSpan.FromSeconds(1);
    private static readonly TimeSpan PresenceInterval = TimeSpan.FromSeconds(2);
    // On PostgreSQL an id is taken at insert and shows at commit: a transaction may commit after one with a higher
    // id (a bulk change's batch of 200 tickets beside a reply). A missing id is looked for again for a while; one that
    // never shows was rolled back, or belongs to a transaction longer than this, which the application does not make.
    private static readonly TimeSpan GapPatience = TimeSpan.FromMinutes(2);
    private const int MaxGaps = 20_000;

    private readonly ConcurrentDictionary<LiveSubscriber, byte> subscribers = new();
    private readonly Channel<bool> wake = Channel.CreateBounded<bool>(
        new BoundedChannelOptions(1) { FullMode = BoundedChannelFullMode.DropWrite });
    private readonly Dictionary<long, long> gaps = [];
    private long cursor = -1;
    private long nextPresence;

    /// <summary>The newest event this node has handed out (or seen, with no stream open); -1 before the first round.</summary>
    public long Cursor => Interlocked.Read(ref cursor);

    /// <summary>This node committed something: look for new events now rather than at the next tick.</summary>
    public void Nudge()
    {
        if (!subscribers.IsEmpty) wake.Writer.TryWrite(true);
    }

    public LiveSubscriber Subscribe(Guid userId, Guid? watchedTicketId)
    {
        var subscriber = new LiveSubscriber(userId, watchedTicketId);
        subscriber.Judged(Cursor);
        subscribers.TryAdd(subscriber, 0);
        // Someone just opened the ticket: the others see them at once rather than at the next presence tick.
        if (watchedTicketId is not null) Interlocked.Exchange(ref nextPresence, 0);
        return subscriber;
    }

    public void Unsubscribe(LiveSubscriber subscriber)
    {
        subscribers.TryRemove(subscriber, out _);
        if (subscriber.WatchedTicketId is not null) Interlocked.Exchange(ref nextPresence, 0);
        Nudge();
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var listening = database.Value.Provider == DatabaseOptions.Postgres ? ListenAsync(stoppingToken) : Task.CompletedTask;
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await RoundAsync(stoppingToken);
            }
            catch (Exception ex) when (!stoppingToken.IsCancellationRequested)
            {
                log.LogError(ex, "Live update round failed; trying again");
            }
            using var tick = CancellationTokenSource.CreateLinkedTokenSource(stoppingToken);
            tick.CancelAfter(PollInterval);
            try
            {
                await wake.Reader.ReadAsync(tick.Token);
            }
            catch (OperationCanceledException)
            {
                // The tick, or the node stopping (the loop's test).
            }
        }
        await listening;
    }

    /// <summary>One round (never two at once: the loop runs them): new events to the streams that may see them, and presence when due.</summary>
    private async Task RoundAsync(CancellationToken ct)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<GuichetDbContext>();
        if (subscribers.IsEmpty || Cursor < 0)
        {
            // Nobody to tell: only where the feed stands.
            Interlocked.Exchange(ref cursor, await db.TicketEvents.MaxAsync(e => (long?)e.Id, ct) ?? 0);
            gaps.Clear();
            if (subscribers.IsEmpty) return;
        }
        await DeliverEventsAsync(db, ct);
        if (Stopwatch.GetTimestamp() >= Interlocked.Read(ref nextPresence))
        {
            Interlocked.Exchange(ref nextPresence, Stopwatch.GetTimestamp() + (long)(PresenceInterval.TotalSeconds * Stopwatch.Frequency));
            await DeliverPresenceAsync(db, ct);
        }
    }

    private sealed record Row(long Id, Guid TicketId, TicketEventKind Kind, string? Field, bool IsPublic);

    private async Task DeliverEventsAsync(GuichetDbContext db, CancellationToken ct)
    {
        while (true)
        {
            var after = Cursor;
            ForgetOldGaps();
            var missing = gaps.Keys.ToList();
            var (rows, tickets) = await ReadAsync(db, db.TicketEvents.Where(e => e.Id > after || missing.Contains(e.Id)), BatchSize, ct);
            if (rows.Count == 0) return;
            var newest = Math.Max(after, rows[^1].Id);
            foreach (var streams in subscribers.Keys.GroupBy(s => s.UserId))
            {
                var viewer = await Viewer.ForAsync(db, cache, streams.Key, ct);
                foreach (var subscriber in streams)
                {
                    Deliver(subscriber, viewer, rows, tickets);
                    subscriber.Judged(newest);
                }
            }
            NoteGaps(after, rows);
            Interlocked.Exchange(ref cursor, newest);
            if (rows.Count < BatchSize) return;
        }
    }

    /// <summary>Up to <paramref name="take"/> events in id order, with their tickets (and participants, for the rule).</summary>
    private static async Task<(List<Row> Rows, Dictionary<Guid, Ticket> Tickets)> ReadAsync(GuichetDbContext db, IQueryable<TicketEvent> events,
        int take, CancellationToken ct)
    {
        var rows = await events.AsNoTracking().OrderBy(e => e.Id).Take(take)
            .Select(e => new Row(e.Id, e.TicketId, e.Kind, e.Field, e.IsPublic)).ToListAsync(ct);
        var ticketIds = rows.Select(r => r.TicketId).Distinct().ToList();
        var tickets = rows.Count == 0 ? [] : await db.Tickets.AsNoTracking().Include(t => t.Participants)
            .Where(t => ticketIds.Contains(t.Id)).ToDictionaryAsync(t => t.Id, ct);
        return (rows, tickets);
    }

    /// <summary>
    /// The events a reader may see, to their stream; for staff, one "queues" message when any event may have changed
    /// what their queues count (it says nothing of which ticket). The one place that decides what a stream carries,
    /// for the live feed and for what a reconnecting stream missed (<see cref="MissedAsync"/>).
    /// </summary>
    private static void Deliver(LiveSubscriber subscriber, Viewer viewer, List<Row> rows, Dictionary<Guid, Ticket> tickets)
    {
        var queuesChanged = false;
        foreach (var e in rows)
        {
            if (!tickets.TryGetValue(e.TicketId, out var ticket)) continue;
            if (viewer.IsStaff && ChangesQueues(e)) queuesChanged = true;
            if ((e.IsPublic || viewer.IsStaff) && viewer.Sees(ticket))
                subscriber.Send(new LiveMessage("ticket", JsonSerializer.Serialize(new { number = ticket.Number, kind = KindName(e), field = e.Field }), e.Id));
            // The agent's open page of a ticket just handed out of their sight: told that it changed (and nothing
            // more), it loads itself again and says the ticket is no longer theirs to see.
            else if (subscriber.WatchedTicketId == ticket.Id)
                subscriber.Send(new LiveMessage("ticket", JsonSerializer.Serialize(new { number = ticket.Number, kind = "changed" }), e.Id));
        }
        if (queuesChanged) subscriber.Send(new LiveMessage("queues", "{}"));
    }

    private static bool ChangesQueues(Row e) =>
        e.Kind is TicketEventKind.Created or TicketEventKind.StatusChanged or TicketEventKind.Replied
        || e.Field is "assignee" or "group";

    private static string KindName(Row e) => e.Kind switch
    {
        TicketEventKind.Created => "created",
        TicketEventKind.Replied => "replied",
        TicketEventKind.NoteAdded => "note",
        TicketEventKind.StatusChanged => "status",
        TicketEventKind.FieldChanged => "field",
        TicketEventKind.ParticipantAdded or TicketEventKind.ParticipantRemoved => "participants",
        TicketEventKind.FollowUpCreated => "follow-up",
        TicketEventKind.TimeLogged or TicketEventKind.TimeRemoved or TicketEventKind.TimeChanged => "time",
        TicketEventKind.MergedInto or TicketEventKind.MergedFrom => "merged",
        _ => "changed",
    };

    /// <summary>
    /// What a stream that reconnects (or a page that opens one) missed after <paramref name="since"/>, sent to it
    /// through the same rule as the live feed. Returns the newest event id looked at (the feed may queue those again),
    /// or null when there is too much to send: the page must then load everything again.
    /// </summary>
    public async Task<long?> MissedAsync(LiveSubscriber subscriber, long since, CancellationToken ct)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<GuichetDbContext>();
        var (rows, tickets) = await ReadAsync(db, db.TicketEvents.Where(e => e.Id > since), MaxMissed + 1, ct);
        if (rows.Count > MaxMissed) return null;
        Deliver(subscriber, await Viewer.ForAsync(db, cache, subscriber.UserId, ct), rows, tickets);
        return rows.Count == 0 ? since : rows[^1].Id;
    }

    private void NoteGaps(long after, List<Row> rows)
    {
        var last = after;
        var now = Stopwatch.GetTimestamp();
        foreach (var row in rows)
        {
            gaps.Remove(row.Id);
            if (row.Id <= last) continue;
            if (last > 0)
                for (var id = last + 1; id < row.Id && gaps.Count < MaxGaps; id++) gaps.TryAdd(id, now);
            last = row.Id;
        }
    }

    private void ForgetOldGaps()
    {
        var oldest = Stopwatch.GetTimestamp() - (long)(GapPatience.TotalSeconds * Stopwatch.Frequency);
        foreach (var (id, since) in gaps)
            if (since < oldest) gaps.Remove(id);
    }

    private sealed record Present(Guid TicketId, Guid UserId, string Name, bool Replying);

    private async Task DeliverPresenceAsync(GuichetDbContext db, CancellationToken ct)
    {
        var watching = subscribers.Keys.Where(s => s.WatchedTicketId is not null).ToList();
        if (watching.Count == 0) return;
        var ticketIds = watching.Select(s => s.WatchedTicketId!.Value).Distinct().ToList();
        var now = time.GetUtcNow();
        var seenSince = now - TicketPresences.Lifetime;
        var replyingSince = now - TicketPresences.ReplyingLifetime;
        var present = await db.TicketPresences.AsNoTracking()
            .Where(p => ticketIds.Contains(p.TicketId) && p.SeenAt > seenSince)
            .Join(db.Users, p => p.UserId, u => u.Id, (p, u) => new Present(p.TicketId, p.UserId,
                (u.FirstName + " " + u.LastName).Trim() == "" ? u.Email! : (u.FirstName + " " + u.LastName).Trim(),
                p.ReplyingAt != null && p.ReplyingAt > replyingSince))
            .ToListAsync(ct);
        foreach (var subscriber in watching)
        {
            var others = present.Where(p => p.TicketId == subscriber.WatchedTicketId && p.UserId != subscriber.UserId)
                .OrderBy(p => p.Name, StringComparer.CurrentCulture).Select(p => new { name = p.Name, replying = p.Replying }).ToList();
            var data = JsonSerializer.Serialize(new { people = others });
            if (data == subscriber.LastPresence) continue;
            subscriber.LastPresence = data;
            subscriber.Send(new LiveMessage("presence", data));
        }
    }

    /// <summary>PostgreSQL: wake a round whenever any node commits ticket events. Reconnects after a failure.</summary>
    private async Task ListenAsync(CancellationToken stoppingToken)
    {
        var connectionString = new NpgsqlConnectionStringBuilder(database.Value.ConnectionString)
        {
            // Notifications come on a connection of its own, kept out of the pool and its resets.
            Pooling = false,
            KeepAlive = 30,
        }.ConnectionString;
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await using var connection = new NpgsqlConnection(connectionString);
                await connection.OpenAsync(stoppingToken);
                connection.Notification += (_, _) => wake.Writer.TryWrite(true);
                await using (var listen = new NpgsqlCommand($"LISTEN {NotifyChannel}", connection))
                    await listen.ExecuteNonQueryAsync(stoppingToken);
                while (!stoppingToken.IsCancellationRequested)
                    await connection.WaitAsync(stoppingToken);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception ex)
            {
                // The rounds go on once a second meanwhile: updates are late, not lost.
                log.LogWarning(ex, "Listening for ticket events failed; listening again in 5 s");
                await Task.Delay(TimeSpan.FromSeconds(5), TimeProvider.System, stoppingToken).ContinueWith(_ => { }, TaskScheduler.Default);
            }
        }
    }
}
