using Guichet.Web.Data;
using Microsoft.EntityFrameworkCore;

namespace Guichet.Web.Live;

/// <summary>Writes presence: the ticket page's stream says "here" on opening and every <see cref="Refresh"/>, the reply box says "writing".</summary>
public sealed class TicketPresences(GuichetDbContext db, TimeProvider time)
{
    /// <summary>How often an open page says it is still there.</summary>
    public static readonly TimeSpan Refresh = TimeSpan.FromSeconds(20);

    /// <summary>How long "here" lasts without being said again: three refreshes missed.</summary>
    public static readonly TimeSpan Lifetime = TimeSpan.FromSeconds(60);

    /// <summary>How long "writing a reply" lasts after the last keystroke reported (the page reports at most every 10 s).</summary>
    public static readonly TimeSpan ReplyingLifetime = TimeSpan.FromSeconds(30);

    public Task HereAsync(Guid ticketId, Guid userId, CancellationToken ct) => SetAsync(ticketId, userId, replying: null, ct);

    public Task ReplyingAsync(Guid ticketId, Guid userId, bool replying, CancellationToken ct) => SetAsync(ticketId, userId, replying, ct);

    /// <summary>
    /// A page of the ticket closed. The row stays if the agent said "here" since <paramref name="lastHere"/> (this page's
    /// last word): another tab, or the page that replaced this one, still has the ticket open.
    /// </summary>
    public async Task GoneAsync(Guid ticketId, Guid userId, DateTimeOffset lastHere, CancellationToken ct)
    {
        await db.TicketPresences.Where(p => p.TicketId == ticketId && p.UserId == userId && p.SeenAt <= lastHere).ExecuteDeleteAsync(ct);
        // Rows of browsers that never said goodbye, gone with the next departure.
        var stale = time.GetUtcNow() - TimeSpan.FromHours(1);
        await db.TicketPresences.Where(p => p.SeenAt < stale).ExecuteDeleteAsync(ct);
    }

    private async Task SetAsync(Guid ticketId, Guid userId, bool? replying, CancellationToken ct)
    {
        var now = time.GetUtcNow();
        DateTimeOffset? replyingAt = replying == true ? now : null;
        var rows = replying is null
            ? await db.TicketPresences.Where(p => p.TicketId == ticketId && p.UserId == userId)
                .ExecuteUpdateAsync(s => s.SetProperty(p => p.SeenAt, now), ct)
            : await db.TicketPresences.Where(p => p.TicketId == ticketId && p.UserId == userId)
                .ExecuteUpdateAsync(s => s.SetProperty(p => p.SeenAt, now).SetProperty(p => p.ReplyingAt, replyingAt), ct);
        if (rows > 0) return;
        db.TicketPresences.Add(new TicketPresence { TicketId = ticketId, UserId = userId, SeenAt = now, ReplyingAt = replyingAt });
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateException)
        {
            // The same agent's other tab wrote the row meanwhile: it says the same. Anything else is an error.
            db.ChangeTracker.Clear();
            if (!await db.TicketPresences.AsNoTracking().AnyAsync(p => p.TicketId == ticketId && p.UserId == userId, ct)) throw;
        }
    }
}
