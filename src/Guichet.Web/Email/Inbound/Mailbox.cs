namespace Guichet.Web.Email.Inbound;

/// <summary>
/// A support address whose IMAP folder Guichet fetches: each message becomes a request or a reply.
/// Fetched on its own (one slow or broken mailbox never holds up another), with IDLE when the server offers it.
/// </summary>
public sealed class Mailbox
{
    public int Id { get; init; }

    /// <summary>The address customers write to (support@example.com): never taken as a CC, never a requester.</summary>
    public string Address { get; set; } = "";

    public string ImapHost { get; set; } = "";
    public int ImapPort { get; set; } = 993;
    public ImapSecurity Security { get; set; } = ImapSecurity.Tls;
    public string UserName { get; set; } = "";

    /// <summary>The password as Data Protection protected it (<see cref="MailboxPasswords"/>): never shown, never logged.</summary>
    public string ProtectedPassword { get; set; } = "";

    public string Folder { get; set; } = "INBOX";

    /// <summary>Where a fetched message goes once its ticket is saved; null leaves it in <see cref="Folder"/>, marked.</summary>
    public string? MoveToFolder { get; set; }

    /// <summary>How often the folder is read when the server cannot tell us of new mail (no IDLE).</summary>
    public int PollSeconds { get; set; } = 60;

    /// <summary>The request type of a new request by mail; null: the default type.</summary>
    public int? RequestTypeId { get; set; }

    /// <summary>The group a new request by mail starts in; null: its type's.</summary>
    public int? GroupId { get; set; }

    public bool IsActive { get; set; } = true;
    public DateTimeOffset CreatedAt { get; init; }

    // What the fetcher last saw, for the admin page.
    public DateTimeOffset? LastFetchAt { get; set; }
    public DateTimeOffset? LastSuccessAt { get; set; }
    public string? LastError { get; set; }
    public int Waiting { get; set; }

    /// <summary>The node fetching this mailbox, until when: one node at a time holds its connection (and its IDLE).</summary>
    public string? FetchLockedBy { get; set; }
    public DateTimeOffset? FetchLockedUntil { get; set; }

    /// <summary>The key of <see cref="InboundMessage.Source"/> for this mailbox's messages.</summary>
    public string SourceKey => SourceKeyOf(Id);

    public static string SourceKeyOf(int mailboxId) => $"mailbox:{mailboxId}";
}
