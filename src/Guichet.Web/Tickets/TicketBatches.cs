using Guichet.Web.Data;
using Microsoft.EntityFrameworkCore;

namespace Guichet.Web.Tickets;

/// <summary>For the operations that change tickets by the hundred (bulk changes, a hand-over, a group's deletion).</summary>
public static class TicketBatches
{
    private const int BatchSize = 500;

    /// <summary>
    /// Changes each ticket of <paramref name="tickets"/>, 500 to a save, in number order (a ticket the change takes out of
    /// the query is not met again); returns how many. In the caller's transaction if it has one.
    /// </summary>
    public static async Task<int> ChangeEachAsync(this GuichetDbContext db, IQueryable<Ticket> tickets, Action<Ticket> change, CancellationToken ct)
    {
        var (changed, after) = (0, long.MinValue);
        while (true)
        {
            var last = after;
            var batch = await tickets.Where(t => t.Number > last).OrderBy(t => t.Number).Take(BatchSize).ToListAsync(ct);
            if (batch.Count == 0) return changed;
            foreach (var ticket in batch) change(ticket);
            await db.SaveChangesAsync(ct);
            db.ForgetTickets();
            (changed, after) = (changed + batch.Count, batch[^1].Number);
        }
    }

    /// <summary>
    /// Lets go of the tickets, events and tags the context tracks (saved, or to be read again), so that batches do not pile up
    /// in it; what else it holds (the statuses the workflow's moves point at, the person acting) stays.
    /// </summary>
    public static void ForgetTickets(this GuichetDbContext db)
    {
        foreach (var entry in db.ChangeTracker.Entries().Where(e => e.Entity is Ticket or TicketEvent or TicketTag).ToList())
            entry.State = EntityState.Detached;
    }
}
