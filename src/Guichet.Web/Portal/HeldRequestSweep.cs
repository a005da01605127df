namespace Guichet.Web.Portal;

/// <summary>Deletes held guest requests whose link has expired, with their files, every hour on every node (the delete is idempotent).</summary>
public sealed class HeldRequestSweep(IServiceScopeFactory scopes, ILogger<HeldRequestSweep> log) : BackgroundService
{
    private static readonly TimeSpan Interval = TimeSpan.FromHours(1);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                var deleted = await RunOnceAsync(stoppingToken);
                if (deleted > 0) log.LogInformation("Deleted {Count} guest requests nobody confirmed", deleted);
            }
            catch (Exception ex) when (!stoppingToken.IsCancellationRequested)
            {
                log.LogError(ex, "Sweep of held guest requests failed; trying again later");
            }
            await Task.Delay(Interval, TimeProvider.System, stoppingToken).ContinueWith(_ => { }, TaskScheduler.Default);
        }
    }

    public async Task<int> RunOnceAsync(CancellationToken ct)
    {
        await using var scope = scopes.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<GuestRequests>().SweepAsync(ct);
    }
}
