using Guichet.Web.Data;
using Microsoft.EntityFrameworkCore;

namespace Guichet.Web.Tickets;

/// <summary>For the operations that change tickets by the hundred (bulk changes, a hand-over, a group's deletion).</summary>
public static class TicketBatches
{
    /// <summary>
    /// Lets go of the tickets and events the context tracks (saved, or to be read again), so that batches do not pile up
    /// in it; what else it holds (the statuses the workflow's moves point at, the person acting) stays.
    /// </summary>
    public static void ForgetTickets(this GuichetDbContext db)
    {
        foreach (var entry in db.ChangeTracker.Entries().Where(e => e.Entity is Ticket or TicketEvent).ToList())
            entry.State = EntityState.Detached;
    }
}
