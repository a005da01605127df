using Guichet.Web.Accounts;
using Guichet.Web.Data;
using Guichet.Web.Tickets;
using Microsoft.EntityFrameworkCore;

namespace Guichet.Web.Notifications;

/// <summary>An agent's bell: the unread count on every page, the list, and marking lines read.</summary>
public sealed class AgentInbox(GuichetDbContext db, TimeProvider time)
{
    /// <summary>Past this, the bell says "99+": counting further would cost every page of someone who never reads it.</summary>
    public const int CountedUpTo = 100;

    public sealed record Line(long Id, AgentNotice Kind, long Number, string Subject, string Actor, DateTimeOffset At, bool IsRead);

    /// <summary>Unread lines, counted up to <see cref="CountedUpTo"/>.</summary>
    public Task<int> UnreadAsync(Guid userId, CancellationToken ct) =>
        db.AgentNotifications.Where(n => n.UserId == userId && n.ReadAt == null).Take(CountedUpTo).CountAsync(ct);

    /// <summary>A page of lines, newest first, older than <paramref name="before"/> when given.</summary>
    /// <remarks>Lines about a request the agent no longer sees (handed to another group) are left out.</remarks>
    public async Task<List<Line>> PageAsync(Viewer viewer, long? before, bool unreadOnly, int size, CancellationToken ct)
    {
        var userId = viewer.UserId;
        var query = db.AgentNotifications.AsNoTracking().Where(n => n.UserId == userId);
        if (before is { } id) query = query.Where(n => n.Id < id);
        if (unreadOnly) query = query.Where(n => n.ReadAt == null);
        var rows = await query.OrderByDescending(n => n.Id).Take(size)
            .Join(db.Tickets.VisibleTo(viewer), n => n.TicketId, t => t.Id, (n, t) => new { n.Id, n.Kind, t.Number, t.Subject, n.ActorId, n.At, n.ReadAt })
            .ToListAsync(ct);
        var actorIds = rows.Select(r => r.ActorId).OfType<Guid>().Distinct().ToList();
        var actors = await db.Users.AsNoTracking().Where(u => actorIds.Contains(u.Id))
            .Select(u => new { u.Id, u.FirstName, u.LastName, u.Email }).ToDictionaryAsync(u => u.Id, ct);
        return rows.OrderByDescending(r => r.Id).Select(r => new Line(r.Id, r.Kind, r.Number, r.Subject,
            r.ActorId is { } a && actors.TryGetValue(a, out var u) ? PersonName.Of(u.FirstName, u.LastName, u.Email) : "",
            r.At, r.ReadAt is not null)).ToList();
    }

    /// <summary>Marks a line read and says which request it is about (null: not this agent's line).</summary>
    public async Task<long?> OpenAsync(Guid userId, long id, CancellationToken ct)
    {
        var line = await db.AgentNotifications.Where(n => n.Id == id && n.UserId == userId)
            .Join(db.Tickets, n => n.TicketId, t => t.Id, (n, t) => new { n.ReadAt, t.Number, TicketId = t.Id }).SingleOrDefaultAsync(ct);
        if (line is null) return null;
        // Every unread line of that request: reading it answers them all.
        if (line.ReadAt is null) await MarkReadAsync(userId, line.TicketId, ct);
        return line.Number;
    }

    /// <summary>How long the bell keeps a line: read ones a month, unread ones half a year (the bell is news, not an archive).</summary>
    public static readonly TimeSpan KeptRead = TimeSpan.FromDays(30);
    public static readonly TimeSpan KeptUnread = TimeSpan.FromDays(183);

    /// <summary>Deletes lines past their keeping, a thousand at a time (short write locks); returns how many.</summary>
    public async Task<int> SweepAsync(CancellationToken ct)
    {
        var now = time.GetUtcNow();
        var (read, any) = (now - KeptRead, now - KeptUnread);
        // Two passes, each read from its own index (an OR of the two would read the whole table every hour).
        return await DeleteAsync(db.AgentNotifications.Where(n => n.ReadAt != null && n.ReadAt < read), ct)
            + await DeleteAsync(db.AgentNotifications.Where(n => n.At < any), ct);
    }

    private async Task<int> DeleteAsync(IQueryable<AgentNotification> old, CancellationToken ct)
    {
        var deleted = 0;
        while (true)
        {
            var ids = await old.Select(n => n.Id).Take(1000).ToListAsync(ct);
            if (ids.Count == 0) return deleted;
            deleted += await db.AgentNotifications.Where(n => ids.Contains(n.Id)).ExecuteDeleteAsync(ct);
        }
    }

    /// <summary>Marks read the agent's unread lines, all of them or one request's.</summary>
    public Task<int> MarkReadAsync(Guid userId, Guid? ticketId, CancellationToken ct)
    {
        var now = time.GetUtcNow();
        var unread = db.AgentNotifications.Where(n => n.UserId == userId && n.ReadAt == null);
        if (ticketId is { } id) unread = unread.Where(n => n.TicketId == id);
        return unread.ExecuteUpdateAsync(s => s.SetProperty(n => n.ReadAt, now), ct);
    }
}
