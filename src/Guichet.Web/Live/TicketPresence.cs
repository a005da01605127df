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
