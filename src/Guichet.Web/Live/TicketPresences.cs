using Guichet.Web.Data;
using Microsoft.EntityFrameworkCore;

namespace Guichet.Web.Live;

/// <summary>
/// An agent who has a ticket's page open, and since when they are writing a reply on it. In the database, not in a
/// node's memory: two agents on two nodes see each other. A row that is not refreshed (a browser gone without a word)
/// stops counting after <see cref="TicketPresences.Lifetime"/>.
/// </summary>
public sealed class TicketPresence
{
    public Guid TicketId { get; init; }
    public Guid UserId { get; init; }
    public DateTimeOffset SeenAt { get; set; }
    public DateTimeOffset? ReplyingAt { get; set; }

    internal static void Build(ModelBuilder builder) => builder.Entity<TicketPresence>(p =>
    {
        p.ToTable("TicketPresences");
        p.HasKey(x => new { x.TicketId, x.UserId });
        p.HasIndex(x => x.SeenAt);
    });
}

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

    public async Task GoneAsync(Guid ticketId, Guid userId, CancellationToken ct)
    {
        await db.TicketPresences.Where(p => p.TicketId == ticketId && p.UserId == userId).ExecuteDeleteAsync(ct);
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
            // The same agent's other tab wrote the row meanwhile: it says the same.
            db.ChangeTracker.Clear();
        }
    }
}
