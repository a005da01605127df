using System.ComponentModel.DataAnnotations;

namespace Guichet.Web.Email.Inbound;

/// <summary>Configuration section Guichet:InboundMail.</summary>
public sealed class InboundMailOptions
{
    public const string Section = "Guichet:InboundMail";

    /// <summary>
    /// The secret a mail server sends (<c>Authorization: Bearer …</c>) to post raw messages to
    /// <c>/api/v1/mail/inbound</c>. Unset (the default), the endpoint answers 404.
    /// </summary>
    public string? Token { get; set; }

    /// <summary>A bigger message is refused by the endpoint (413) and quarantined by the other doors.</summary>
    [Range(1024, long.MaxValue)]
    public long MaxMessageBytes { get; set; } = 50 * 1024 * 1024;

    /// <summary>
    /// A message whose headers are longer is quarantined unread (a real mail's are a few kilobytes; a long thread's
    /// References some tens): reading a head folded into tens of thousands of lines takes seconds.
    /// </summary>
    [Range(16 * 1024, 16 * 1024 * 1024)]
    public int MaxHeaderBytes { get; set; } = 256 * 1024;

    /// <summary>New requests one sender may open by mail in an hour; more are dropped (and shown as such), not answered.</summary>
    [Range(1, 100_000)]
    public int NewRequestsPerSenderPerHour { get; set; } = 20;

    /// <summary>How long a message may stay "received" (a crash before processing) before the sweep processes it.</summary>
    public TimeSpan StaleAfter { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>Whether this node fetches the IMAP mailboxes (one node is enough; several take turns).</summary>
    public bool FetchEnabled { get; set; } = true;

    /// <summary>
    /// SHA-256 fingerprints (hexadecimal, colons allowed) of IMAP server certificates accepted besides those the system
    /// trusts: a self-signed or internal server's (see <see cref="ServerCertificates"/>). The connection test names the
    /// fingerprint of a certificate it refused.
    /// </summary>
    public List<string> TrustedCertificates { get; set; } = [];
}
