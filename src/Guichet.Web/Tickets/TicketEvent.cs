namespace Guichet.Web.Tickets;

/// <summary>
/// One change to a ticket — who, when, what, before and after — written in the same transaction
/// as the change. History, notifications, SLA clocks, webhooks and live updates all read these.
/// </summary>
public sealed class TicketEvent
{
    public long Id { get; init; }
    public Guid TicketId { get; init; }

    /// <summary>Null for the system (auto-close, a job).</summary>
    public Guid? ActorId { get; init; }

    public DateTimeOffset At { get; init; }
    public TicketEventKind Kind { get; init; }

    /// <summary>The field that changed, for <see cref="TicketEventKind.FieldChanged"/> ("priority", "status").</summary>
    public string? Field { get; init; }

    /// <summary>Values as stored (a status id, a priority name), not as shown: the history page renders them in the reader's language.</summary>
    public string? Before { get; init; }
    public string? After { get; init; }

    /// <summary>The message this event is about, for replies and notes.</summary>
    public Guid? MessageId { get; init; }

    /// <summary>False for what customers must not see (internal notes, internal fields).</summary>
    public bool IsPublic { get; init; } = true;

    /// <summary>
    /// Set by <see cref="TicketEventDispatcher"/> in the same transaction as what the event caused
    /// (the mails it queued): an event is handed to its consumers once, and never lost.
    /// </summary>
    public DateTimeOffset? DispatchedAt { get; set; }

    /// <summary>The dispatcher round that claimed the event, so that two nodes never both handle it.</summary>
    public Guid? DispatchToken { get; set; }
}

public enum TicketEventKind
{
    Created = 0,
    Replied = 1,
    NoteAdded = 2,
    StatusChanged = 3,
    FieldChanged = 4,
    ParticipantAdded = 5,
    ParticipantRemoved = 6,
    FollowUpCreated = 7,

    /// <summary>Time logged on the ticket (<see cref="TicketEvent.After"/>: the minutes) or taken off (<see cref="TicketEvent.Before"/>).</summary>
    TimeLogged = 8,
    TimeRemoved = 9,

    /// <summary>On the request merged away: <see cref="TicketEvent.After"/> is the number of the one it went into.</summary>
    MergedInto = 10,

    /// <summary>On the request that received it: <see cref="TicketEvent.Before"/> is the number of the one merged into it.</summary>
    MergedFrom = 11,

    /// <summary>A time entry corrected: <see cref="TicketEvent.Before"/> and <see cref="TicketEvent.After"/> are its minutes.</summary>
    TimeChanged = 12,

    /// <summary>A mail about this request bounced (internal): <see cref="TicketEvent.After"/> is the address, <see cref="TicketEvent.Before"/> the server's reason.</summary>
    MailBounced = 13,

    /// <summary>A notification about this request could not be delivered (internal): <see cref="TicketEvent.After"/> is the address, <see cref="TicketEvent.Before"/> the error.</summary>
    MailUndelivered = 14,
}
