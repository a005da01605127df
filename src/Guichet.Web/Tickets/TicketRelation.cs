using Microsoft.EntityFrameworkCore;

namespace Guichet.Web.Tickets;

/// <summary>
/// Two requests an agent marked as related (the same outage reported by two clients, a follow-up of a problem): one row
/// per pair, the lower id first, read from both ends. Internal: customers never see the other request through it.
/// </summary>
public sealed class TicketRelation
{
    public Guid FirstId { get; init; }
    public Guid SecondId { get; init; }

    public static TicketRelation Of(Guid a, Guid b) => a.CompareTo(b) < 0 ? new() { FirstId = a, SecondId = b } : new() { FirstId = b, SecondId = a };

    internal static void Build(ModelBuilder builder) => builder.Entity<TicketRelation>(r =>
    {
        r.ToTable("TicketRelations");
        r.HasKey(x => new { x.FirstId, x.SecondId });
        r.HasOne<Ticket>().WithMany().HasForeignKey(x => x.FirstId).OnDelete(DeleteBehavior.Cascade);
        r.HasOne<Ticket>().WithMany().HasForeignKey(x => x.SecondId).OnDelete(DeleteBehavior.Cascade);
        r.HasIndex(x => x.SecondId);
    });
}
