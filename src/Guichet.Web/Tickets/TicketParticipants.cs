using Guichet.Web.Data;

namespace Guichet.Web.Tickets;

/// <summary>
/// The people kept informed of a request, managed by an agent: added by address (a contact is created for an address
/// nobody has yet, as for a customer's CC), or taken off. Each change is a ticket event; the person added is told.
/// </summary>
public sealed class TicketParticipants(GuichetDbContext db, TicketIntake intake, TimeProvider time)
{
    /// <summary>Adds the valid addresses of the text as CC; returns the parts that are not addresses (nothing added then).</summary>
    public async Task<IReadOnlyList<string>> AddAsync(Ticket ticket, string? addresses, Guid actorId, CancellationToken ct)
    {
        var parsed = CcList.Parse(addresses);
        if (parsed.Invalid.Count > 0 || parsed.Valid.Count == 0) return parsed.Invalid;
        var now = time.GetUtcNow();
        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        foreach (var address in parsed.Valid)
            ticket.AddParticipant(await intake.ContactAsync(address, now), ParticipantRole.Cc, actorId, now);
        await db.SaveChangesAsync(ct);
        await transaction.CommitAsync(ct);
        return [];
    }

    /// <summary>Takes the person off the people kept informed, in whatever role they were.</summary>
    public async Task RemoveAsync(Ticket ticket, Guid userId, Guid actorId, CancellationToken ct)
    {
        var now = time.GetUtcNow();
        foreach (var role in ticket.Participants.Where(p => p.UserId == userId).Select(p => p.Role).Distinct().ToList())
            ticket.RemoveParticipant(userId, role, actorId, now);
        await db.SaveChangesAsync(ct);
    }
}
