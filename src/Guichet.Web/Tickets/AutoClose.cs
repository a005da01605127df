using Guichet.Web.Hosting;

namespace Guichet.Web.Tickets;

/// <summary>Closes requests that stayed resolved for <see cref="TicketOptions.AutoCloseDays"/> days, every few minutes.</summary>
public sealed class AutoClose(IServiceScopeFactory scopes, ILogger<AutoClose> log) : PeriodicJob(log)
{
    protected override TimeSpan Interval => TimeSpan.FromMinutes(5);

    protected override void LogDone(int count) => log.LogInformation("Closed {Count} resolved requests", count);

    public override async Task<int> RunOnceAsync(CancellationToken ct)
    {
        await using var scope = scopes.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<StatusWorkflow>().CloseResolvedAsync(ct);
    }
}
