namespace Guichet.Web.Email.Inbound;

/// <summary>Where a message came in.</summary>
public enum InboundChannel
{
    Imap = 0,

    /// <summary>Posted to the raw-MIME endpoint by a mail server (Postfix's pipe, a relay).</summary>
    Http = 1,

    /// <summary>The <c>mail import</c> command.</summary>
    Import = 2,
}

public enum InboundState
{
    /// <summary>Stored, not yet processed (a crash in between leaves it here; it is processed again).</summary>
    Received = 0,

    /// <summary>Became a request, a reply or a follow-up.</summary>
    Processed = 1,

    /// <summary>Deliberately not turned into anything (<see cref="InboundMessage.DropReason"/> says why).</summary>
    Dropped = 2,

    /// <summary>Could not be processed: waits for an admin to retry or discard it, with its source and error.</summary>
    Quarantined = 3,

    /// <summary>An admin discarded it from the quarantine; its source stays readable.</summary>
    Discarded = 4,
}

public enum InboundOutcome
{
    NewRequest = 0,
    Reply = 1,

    /// <summary>A reply to a closed request: a new request that follows it up.</summary>
    FollowUp = 2,

    /// <summary>A reply from someone of the team.</summary>
    AgentReply = 3,

    /// <summary>An internal note from someone of the team: their answer to one of our mails about a note.</summary>
    AgentNote = 4,
}

public enum DropReason
{
    /// <summary>Auto-Submitted, X-Autoreply, X-Autorespond, X-Auto-Response-Suppress: a robot's answer.</summary>
    AutoReply = 0,

    /// <summary>Precedence bulk, junk or list; a mailing list.</summary>
    Bulk = 1,

    /// <summary>A delivery-status report: recorded on its request, the address marked as failing.</summary>
    Bounce = 2,

    /// <summary>X-Loop says it went through us already.</summary>
    Loop = 3,

    /// <summary>One of our own mails, come back.</summary>
    OwnMail = 4,

    /// <summary>No sender to answer (null sender, MAILER-DAEMON, postmaster).</summary>
    NoSender = 5,

    /// <summary>The sender opened too many requests in the last hour.</summary>
    RateLimit = 6,
}

/// <summary>
/// A message as it came in, stored before anything else is done with it, and what became of it: nothing
/// that came in is invisible, and a message that cannot be processed is kept with its source and error.
/// </summary>
public sealed class InboundMessage
{
    public const int SubjectMaxLength = 300;
    public const int MessageIdMaxLength = 250;

    public Guid Id { get; init; }
    public InboundChannel Channel { get; init; }

    /// <summary>Which mailbox or door (<see cref="Mailbox.SourceKey"/>, "http", "import"): the same message twice from one source is processed once.</summary>
    public string Source { get; init; } = "";

    public int? MailboxId { get; init; }
    public DateTimeOffset ReceivedAt { get; init; }

    /// <summary>The raw message in the blob store, as it came (its SHA-256: same key, same bytes).</summary>
    public string RawBlobKey { get; init; } = "";
    public long Length { get; init; }

    /// <summary>Its Message-ID header without angle brackets; empty when it had none.</summary>
    public string MessageIdHeader { get; set; } = "";

    public string? FromAddress { get; set; }
    public string? Subject { get; set; }

    public InboundState State { get; set; }
    public InboundOutcome? Outcome { get; set; }
    public DropReason? DropReason { get; set; }
    public Guid? TicketId { get; set; }
    public long? TicketNumber { get; set; }

    /// <summary>The message of the conversation it became (a reply's, or the request's first).</summary>
    public Guid? ConversationMessageId { get; set; }

    /// <summary>What was done, step by step, for the admin's trace (technical, in English like a log).</summary>
    public string Trace { get; set; } = "";

    public string? Error { get; set; }
    public int Attempts { get; set; }

    /// <summary>One line of <see cref="Trace"/>: when (UTC, to the millisecond), then what.</summary>
    public static string TraceLine(DateTimeOffset at, string what) =>
        string.Create(System.Globalization.CultureInfo.InvariantCulture, $"{at.UtcDateTime:yyyy-MM-dd HH:mm:ss.fff}Z {what}\n");
    public DateTimeOffset? ProcessedAt { get; set; }
}
