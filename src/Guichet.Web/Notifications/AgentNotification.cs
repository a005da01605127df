using Guichet.Web.Accounts;
using Guichet.Web.Tickets;
using Microsoft.EntityFrameworkCore;

namespace Guichet.Web.Notifications;

/// <summary>What an agent may be told about; each is on or off per channel in their profile.</summary>
[Flags]
public enum AgentNotice
{
    None = 0,
    /// <summary>A request arrived in one of my groups (a request without a group: admins, who alone see it).</summary>
    NewInMyGroups = 1,
    /// <summary>The customer (or someone on their side) replied to a request assigned to me.</summary>
    CustomerReplied = 2,
    /// <summary>Someone else assigned a request to me.</summary>
    AssignedToMe = 4,
    /// <summary>A colleague wrote @me in an internal note.</summary>
    Mentioned = 8,

    All = NewInMyGroups | CustomerReplied | AssignedToMe | Mentioned,
}

/// <summary>
/// One line of an agent's bell: a ticket event that concerns them, and whether they have read it. Written by
/// <see cref="AgentNotifier"/> from the ticket events, in the same unit of work as the dispatch that claims them.
/// </summary>
public sealed class AgentNotification
{
    public long Id { get; init; }
    public Guid UserId { get; init; }
    public Guid TicketId { get; init; }
    public long EventId { get; init; }
    public AgentNotice Kind { get; init; }

    /// <summary>Who did it (null: the system).</summary>
    public Guid? ActorId { get; init; }

    public DateTimeOffset At { get; init; }
    public DateTimeOffset? ReadAt { get; set; }

    internal static void Build(ModelBuilder builder) => builder.Entity<AgentNotification>(n =>
    {
        n.ToTable("AgentNotifications");
        n.HasOne<User>().WithMany().HasForeignKey(x => x.UserId).OnDelete(DeleteBehavior.Cascade);
        n.HasOne<Ticket>().WithMany().HasForeignKey(x => x.TicketId).OnDelete(DeleteBehavior.Cascade);
        n.HasOne<User>().WithMany().HasForeignKey(x => x.ActorId).OnDelete(DeleteBehavior.SetNull);
        // The bell: a person's lines, newest first; the unread count among them.
        n.HasIndex(x => new { x.UserId, x.Id });
        n.HasIndex(x => new { x.UserId, x.ReadAt });
        // The hourly sweep of old lines (see AgentInbox.SweepAsync).
        n.HasIndex(x => x.ReadAt);
        n.HasIndex(x => x.At);
        // A dispatch round that is worked out twice never says the same thing twice.
        n.HasIndex(x => new { x.EventId, x.UserId }).IsUnique();
    });
}
