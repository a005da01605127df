using Guichet.Web.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace Guichet.Web.Tickets;

/// <summary>Related requests: listed (those the agent may see), linked by number and unlinked, each an internal event on both.</summary>
public sealed class TicketRelations(GuichetDbContext db, TimeProvider time, IStringLocalizer<SharedResource> L)
{
    public sealed record Related(long Number, string Subject, int StatusId);

    public async Task<IReadOnlyList<Related>> OfAsync(Guid ticketId, Viewer viewer, CancellationToken ct)
    {
        var others = db.Set<TicketRelation>().Where(r => r.FirstId == ticketId).Select(r => r.SecondId)
            .Concat(db.Set<TicketRelation>().Where(r => r.SecondId == ticketId).Select(r => r.FirstId));
        return await db.Tickets.AsNoTracking().VisibleTo(viewer).Where(t => others.Contains(t.Id)).OrderBy(t => t.Number)
            .Select(t => new Related(t.Number, t.Subject, t.StatusId)).ToListAsync(ct);
    }

    /// <summary>Links the request to the one numbered <paramref name="otherNumber"/>; null when done, else why not.</summary>
    public async Task<string?> LinkAsync(Ticket ticket, long otherNumber, Viewer viewer, CancellationToken ct)
    {
        if (otherNumber == ticket.Number) return L["Choose another request than this one."];
        var other = await db.Tickets.VisibleTo(viewer).SingleOrDefaultAsync(t => t.Number == otherNumber, ct);
        if (other is null || !viewer.IsStaff) return L["There is no request #{0} that you may see.", otherNumber];
        var pair = TicketRelation.Of(ticket.Id, other.Id);
        if (await db.Set<TicketRelation>().AnyAsync(r => r.FirstId == pair.FirstId && r.SecondId == pair.SecondId, ct)) return null;
        db.Set<TicketRelation>().Add(pair);
        var now = time.GetUtcNow();
        ticket.RecordRelation(other.Number, linked: true, viewer.UserId, now);
        other.RecordRelation(ticket.Number, linked: true, viewer.UserId, now);
        await db.SaveChangesAsync(ct);
        return null;
    }

    public async Task UnlinkAsync(Ticket ticket, long otherNumber, Viewer viewer, CancellationToken ct)
    {
        var other = await db.Tickets.VisibleTo(viewer).SingleOrDefaultAsync(t => t.Number == otherNumber, ct);
        if (other is null) return;
        var pair = TicketRelation.Of(ticket.Id, other.Id);
        var row = await db.Set<TicketRelation>().SingleOrDefaultAsync(r => r.FirstId == pair.FirstId && r.SecondId == pair.SecondId, ct);
        if (row is null) return;
        db.Set<TicketRelation>().Remove(row);
        var now = time.GetUtcNow();
        ticket.RecordRelation(other.Number, linked: false, viewer.UserId, now);
        other.RecordRelation(ticket.Number, linked: false, viewer.UserId, now);
        await db.SaveChangesAsync(ct);
    }
}
