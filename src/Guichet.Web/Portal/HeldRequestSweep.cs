using Guichet.Web.Hosting;

namespace Guichet.Web.Portal;

/// <summary>Deletes held guest requests whose link has expired, with their files, every hour on every node (the delete is idempotent).</summary>
public sealed class HeldRequestSweep(IServiceScopeFactory scopes, ILogger<HeldRequestSweep> log) : PeriodicJob(log)
{
    protected override TimeSpan Interval => TimeSpan.FromHours(1);

    protected override void LogDone(int count) => log.LogInformation("Deleted {Count} guest requests nobody confirmed", count);

    public override async Task<int> RunOnceAsync(CancellationToken ct)
    {
        await using var scope = scopes.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<GuestRequests>().SweepAsync(ct);
    }
}
