using System.ComponentModel.DataAnnotations;

namespace Guichet.Web.Email.Outbound;

/// <summary>Configuration section Guichet:Outbox: how the background sender works through the outbox.</summary>
public sealed class OutboxOptions
{
    public const string Section = "Guichet:Outbox";

    /// <summary>False stops this node from sending (another node, or a test, does it).</summary>
    public bool Enabled { get; set; } = true;

    /// <summary>
    /// How often the sender looks for due mail. Polling is what makes mail saved on another
    /// node (or retried later) go out; the in-process wake-up only shortens the wait on this node.
    /// </summary>
    public TimeSpan PollInterval { get; set; } = TimeSpan.FromSeconds(2);

    [Range(1, 1000)]
    public int BatchSize { get; set; } = 20;

    /// <summary>
    /// How long a claim keeps other nodes away from a mail. A round claims up to <see cref="BatchSize"/>
    /// mails at once and hands back those it has not reached when half of this has passed, so half of it
    /// must be longer than one send can take (several SMTP timeouts), or another node could send the same
    /// mail again; a node that dies while holding a claim delays that mail by this much.
    /// </summary>
    public TimeSpan ClaimDuration { get; set; } = TimeSpan.FromMinutes(10);

    /// <summary>After this long since the mail was queued, a temporary failure becomes a permanent one.</summary>
    public TimeSpan GiveUpAfter { get; set; } = TimeSpan.FromDays(2);

    /// <summary>A public reply's files go with its mail when together they weigh at most this; beyond, the mail lists them as links.</summary>
    [Range(0, 100L * 1024 * 1024)]
    public long MaxAttachmentBytes { get; set; } = 10 * 1024 * 1024;
}
