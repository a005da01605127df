using Guichet.Web.Data;
using Guichet.Web.Email.Outbound;
using Guichet.Web.Notifications;
using Microsoft.EntityFrameworkCore;

namespace Guichet.Web.Tickets;

/// <summary>
/// Hands ticket events to their consumers (the customers' mails, the agents' notifications) after the change that made
/// them is committed. Each round claims a batch with a token, lets the consumers add their
/// effects (queued mails) to the same unit of work, and commits claim and effects together: a
/// crash rolls both back and the events are handled by a later round, so nothing is lost and
/// nothing is handled twice. Several nodes may run it; a claim is taken by one of them.
/// </summary>
public sealed class TicketEventDispatcher(IServiceScopeFactory scopes, ILogger<TicketEventDispatcher> log) : BackgroundService
{
    private const int BatchSize = 100;
    private static readonly TimeSpan PollInterval = TimeSpan.FromSeconds(1);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        while (!stoppingToken.IsCancellationRequested)
        {
            var handled = 0;
            try
            {
                handled = await RunOnceAsync(stoppingToken);
            }
            catch (Exception ex) when (!stoppingToken.IsCancellationRequested)
            {
                log.LogError(ex, "Ticket event round failed; trying again");
            }
            // Plumbing, not business time: the machine's clock (see OutboxSender).
            if (handled < BatchSize)
                await Task.Delay(PollInterval, TimeProvider.System, stoppingToken).ContinueWith(_ => { }, TaskScheduler.Default);
        }
    }

    /// <summary>One round; returns how many events it handled.</summary>
    public async Task<int> RunOnceAsync(CancellationToken ct)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<GuichetDbContext>();
        var time = scope.ServiceProvider.GetRequiredService<TimeProvider>();
        var notifications = scope.ServiceProvider.GetRequiredService<TicketNotifications>();
        var agents = scope.ServiceProvider.GetRequiredService<AgentNotifier>();
        var threads = scope.ServiceProvider.GetRequiredService<RequestMailThreads>();

        var candidates = await db.TicketEvents.AsNoTracking().Where(e => e.DispatchedAt == null).OrderBy(e => e.Id).Take(BatchSize).ToListAsync(ct);
        if (candidates.Count == 0) return 0;

        // The effects are worked out before the claim, outside the transaction: on SQLite it holds
        // the one write lock, which every request that writes waits for (bench: a round of 100
        // events made 300 reads). If another node claims some of them meanwhile, they are worked
        // out again for what this one did claim, inside the transaction as before.
        await HandleAsync(notifications, agents, threads, candidates, ct);
        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        var token = Guid.NewGuid();
        var now = time.GetUtcNow();
        var ids = candidates.ConvertAll(e => e.Id);
        var count = await db.TicketEvents.Where(e => ids.Contains(e.Id) && e.DispatchedAt == null)
            .ExecuteUpdateAsync(s => s.SetProperty(e => e.DispatchedAt, now).SetProperty(e => e.DispatchToken, token), ct);
        var claimed = candidates;
        if (count != candidates.Count)
        {
            db.ChangeTracker.Clear();
            claimed = await db.TicketEvents.AsNoTracking().Where(e => e.DispatchToken == token).OrderBy(e => e.Id).ToListAsync(ct);
            await HandleAsync(notifications, agents, threads, claimed, ct);
        }
        await db.SaveChangesAsync(ct);
        await transaction.CommitAsync(ct);
        if (claimed.Count > 0) log.LogInformation("Dispatched {Count} ticket events", claimed.Count);
        return claimed.Count;
    }

    private static async Task HandleAsync(TicketNotifications notifications, AgentNotifier agents, RequestMailThreads threads, List<TicketEvent> events,
        CancellationToken ct)
    {
        // The threading headers of the round's mails, for all its requests at once.
        await threads.LoadAsync(events.Select(e => e.TicketId), ct);
        foreach (var ticketEvents in events.GroupBy(e => e.TicketId))
        {
            await notifications.HandleAsync(ticketEvents.Key, ticketEvents.ToList(), ct);
            await agents.HandleAsync(ticketEvents.Key, ticketEvents.ToList(), ct);
        }
        agents.FlushAssignments();
    }
}
