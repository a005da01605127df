using Guichet.Web.Accounts;

namespace Guichet.Web.Tickets;

public enum ParticipantRole
{
    /// <summary>Added by the requester (or an agent) to be kept informed.</summary>
    Cc = 0,

    /// <summary>Someone who may see the ticket and chose to follow it.</summary>
    Follower = 1,
}

/// <summary>A person other than the requester who sees a ticket and may be notified about it.</summary>
public sealed class TicketParticipant
{
    public Guid TicketId { get; init; }
    public Guid UserId { get; init; }
    public User User { get; init; } = null!;
    public ParticipantRole Role { get; set; }

    /// <summary>The per-request "notify me" switch.</summary>
    public bool Notify { get; set; } = true;
}
