using System.Runtime.CompilerServices;
using Guichet.Web.Data;
using Guichet.Web.Tickets;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.EntityFrameworkCore.Storage;

namespace Guichet.Web.Search;

/// <summary>
/// Keeps the search index in step with the tickets, in the same transaction as the change, so
/// that a crash never leaves a ticket unfindable or a removed CC still finding it.
/// <para>
/// Before saving, it notes which tickets the change touches (a new or edited ticket, a message,
/// a participant). After EF has written them, it rebuilds those tickets' documents from the
/// database, which now shows the saved state (a ticket created by this save, from memory: all of
/// it is there), and writes them. To be in the same transaction:
/// when the caller has one, it is used; otherwise EF would open and commit its own inside
/// SaveChanges, before we could write, so this opens one first (EF then uses it) and commits it
/// after the index is written. If writing the index fails, that transaction is rolled back and
/// SaveChanges throws, as for any other failure of the save.
/// </para>
/// </summary>
internal sealed class SearchIndexInterceptor : SaveChangesInterceptor
{
    // A ticket's document does not depend on its other properties (status, priority, dates...).
    private static readonly string[] IndexedProperties =
        [nameof(Ticket.Subject), nameof(Ticket.RequesterId), nameof(Ticket.OrganizationId), nameof(Ticket.GroupId), nameof(Ticket.AssigneeId)];

    private sealed class Pending
    {
        public HashSet<Guid> Tickets { get; } = [];
        public List<Ticket> Created { get; } = [];
        public List<long> Deleted { get; } = [];
        public IDbContextTransaction? OwnTransaction { get; set; }
        public bool IsEmpty => Tickets.Count == 0 && Deleted.Count == 0;
    }

    // One interceptor serves every DbContext; what a save collected is kept with its context.
    private readonly ConditionalWeakTable<DbContext, Pending> pending = new();

    public override async ValueTask<InterceptionResult<int>> SavingChangesAsync(
        DbContextEventData eventData, InterceptionResult<int> result, CancellationToken cancellationToken = default)
    {
        if (eventData.Context is not GuichetDbContext db) return result;
        var changes = Collect(db);
        if (changes.IsEmpty) return result;
        if (db.Database.CurrentTransaction is null)
            changes.OwnTransaction = await db.Database.BeginTransactionAsync(cancellationToken);
        pending.AddOrUpdate(db, changes);
        return result;
    }

    public override async ValueTask<int> SavedChangesAsync(SaveChangesCompletedEventData eventData, int result, CancellationToken cancellationToken = default)
    {
        if (eventData.Context is not GuichetDbContext db || !pending.TryGetValue(db, out var changes)) return result;
        pending.Remove(db);
        await using var transaction = changes.OwnTransaction;
        await SearchIndex.UpdateAsync(db, changes.Tickets, changes.Created, changes.Deleted, cancellationToken);
        if (transaction is not null) await transaction.CommitAsync(cancellationToken);
        return result;
    }

    public override async Task SaveChangesFailedAsync(DbContextErrorEventData eventData, CancellationToken cancellationToken = default) =>
        await AbandonAsync(eventData.Context);

    public override async Task SaveChangesCanceledAsync(DbContextEventData eventData, CancellationToken cancellationToken = default) =>
        await AbandonAsync(eventData.Context);

    // Guichet saves asynchronously; a synchronous save of ticket changes would leave the index behind.
    public override InterceptionResult<int> SavingChanges(DbContextEventData eventData, InterceptionResult<int> result)
    {
        if (eventData.Context is GuichetDbContext db && !Collect(db).IsEmpty)
            throw new InvalidOperationException("Ticket changes must be saved with SaveChangesAsync, which keeps the search index up to date.");
        return result;
    }

    private async Task AbandonAsync(DbContext? context)
    {
        if (context is null || !pending.TryGetValue(context, out var changes)) return;
        pending.Remove(context);
        // Disposing without commit rolls back what this save wrote.
        if (changes.OwnTransaction is not null) await changes.OwnTransaction.DisposeAsync();
    }

    private static Pending Collect(GuichetDbContext db)
    {
        var changes = new Pending();
        foreach (var entry in SaveEntries.Of(db))
        {
            switch (entry.Entity)
            {
                case Ticket t when entry.State == EntityState.Deleted:
                    changes.Deleted.Add(t.Number);
                    break;
                case Ticket t when entry.State == EntityState.Added:
                    changes.Tickets.Add(t.Id);
                    changes.Created.Add(t);
                    break;
                case Ticket t when entry.State == EntityState.Modified && IndexedProperties.Any(p => entry.Property(p).IsModified):
                    changes.Tickets.Add(t.Id);
                    break;
                case Message m when entry.State is EntityState.Added or EntityState.Modified or EntityState.Deleted:
                    changes.Tickets.Add(m.TicketId);
                    break;
                case TicketParticipant p when entry.State is EntityState.Added or EntityState.Deleted:
                    changes.Tickets.Add(p.TicketId);
                    break;
            }
        }
        return changes;
    }
}
