namespace Guichet.Web.Hosting;

/// <summary>
/// A round of work repeated on every node (sweeps, auto-close): a failed round is logged and tried again
/// at the next one. Rounds are spaced in real time, not by the injected clock: a test's fake clock must
/// not start rounds behind its back; tests call <see cref="RunOnceAsync"/> themselves.
/// </summary>
public abstract class PeriodicJob(ILogger log) : BackgroundService
{
    protected abstract TimeSpan Interval { get; }

    /// <summary>One round; returns how many things it did (for the log).</summary>
    public abstract Task<int> RunOnceAsync(CancellationToken ct);

    /// <summary>Logs a round that did something, in the job's own words.</summary>
    protected abstract void LogDone(int count);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                var done = await RunOnceAsync(stoppingToken);
                if (done > 0) LogDone(done);
            }
            catch (Exception ex) when (!stoppingToken.IsCancellationRequested)
            {
                log.LogError(ex, "{Job} round failed; trying again later", GetType().Name);
            }
            await Task.Delay(Interval, TimeProvider.System, stoppingToken).ContinueWith(_ => { }, TaskScheduler.Default);
        }
    }
}
