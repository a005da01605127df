using Guichet.Web.Data;
using Guichet.Web.Hosting;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Guichet.Web.Email.Inbound;

/// <summary>
/// Processes messages left "received" (stored, and the process stopped before it processed them): nothing that came
/// in waits for an admin to notice it. Several nodes may find the same message; processing it twice is harmless only
/// because the first to finish marks it processed, so this is done rarely, well after it came in.
/// </summary>
public sealed class InboundSweep(IServiceScopeFactory scopes, IOptions<InboundMailOptions> options, TimeProvider time, ILogger<InboundSweep> log)
    : PeriodicJob(log)
{
    protected override TimeSpan Interval => TimeSpan.FromMinutes(1);

    protected override void LogDone(int count) => log.LogInformation("Inbound sweep processed {Count} messages left unprocessed", count);

    public override async Task<int> RunOnceAsync(CancellationToken ct)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<GuichetDbContext>();
        var before = time.GetUtcNow() - options.Value.StaleAfter;
        var stale = await db.InboundMessages.Where(m => m.State == InboundState.Received && m.ReceivedAt < before)
            .OrderBy(m => m.ReceivedAt).Select(m => m.Id).Take(100).ToListAsync(ct);
        foreach (var id in stale)
        {
            await using var each = scopes.CreateAsyncScope();
            await each.ServiceProvider.GetRequiredService<InboundMail>().RetryAsync(id, ct);
        }
        return stale.Count;
    }
}
