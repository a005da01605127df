using Guichet.Web.Hosting;

namespace Guichet.Web.Notifications;

/// <summary>Empties the agents' bells of old lines every hour (see <see cref="AgentInbox.SweepAsync"/>).</summary>
public sealed class NotificationSweep(IServiceScopeFactory scopes, ILogger<NotificationSweep> log) : PeriodicJob(log)
{
    protected override TimeSpan Interval => TimeSpan.FromHours(1);

    protected override void LogDone(int count) => log.LogInformation("Deleted {Count} old notification lines", count);

    public override async Task<int> RunOnceAsync(CancellationToken ct)
    {
        await using var scope = scopes.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<AgentInbox>().SweepAsync(ct);
    }
}
