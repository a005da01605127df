namespace Guichet.Web.Tickets;

/// <summary>Closes requests that stayed resolved for <see cref="TicketOptions.AutoCloseDays"/> days, every few minutes.</summary>
public sealed class AutoClose(IServiceScopeFactory scopes, ILogger<AutoClose> log) : BackgroundService
{
    private static readonly TimeSpan Interval = TimeSpan.FromMinutes(5);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                var closed = await RunOnceAsync(stoppingToken);
                if (closed > 0) log.LogInformation("Closed {Count} resolved requests", closed);
            }
            catch (Exception ex) when (!stoppingToken.IsCancellationRequested)
            {
                log.LogError(ex, "Auto-close round failed; trying again later");
            }
            await Task.Delay(Interval, TimeProvider.System, stoppingToken).ContinueWith(_ => { }, TaskScheduler.Default);
        }
    }

    public async Task<int> RunOnceAsync(CancellationToken ct)
    {
        await using var scope = scopes.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<StatusWorkflow>().CloseResolvedAsync(ct);
    }
}
