using Guichet.Web.Accounts;
using Guichet.Web.Attachments;

namespace Guichet.Web.Tickets;

/// <summary>Where a message came in; shown to agents, used by loop protection and statistics.</summary>
public enum MessageSource
{
    Portal = 0,
    Agent = 1,
    Mail = 2,
    Api = 3,
}

/// <summary>One message of a ticket's conversation: the original request, a reply, or an internal note.</summary>
public sealed class Message
{
    public Guid Id { get; init; }
    public Guid TicketId { get; init; }
    public Guid AuthorId { get; init; }
    public User Author { get; init; } = null!;

    /// <summary>Sanitized HTML: never rendered as anything else, never rendered unsanitized.</summary>
    public string BodyHtml { get; init; } = "";

    /// <summary>Plain text of the body, for search and for mail.</summary>
    public string BodyText { get; init; } = "";

    /// <summary>Internal notes are for agents only: never on the portal, in mail, exports or the customer API.</summary>
    public bool IsInternal { get; init; }

    public MessageSource Source { get; init; }
    public DateTimeOffset CreatedAt { get; init; }

    public List<Attachment> Attachments { get; } = [];

    /// <summary>The files sent with this message: each pending upload of its author becomes one of its attachments.</summary>
    /// <param name="ids">The attachment ids chosen beforehand (<see cref="PendingUpload.AttachmentIds"/>), when the text refers to the files.</param>
    public void Attach(IEnumerable<PendingUpload> uploads, DateTimeOffset now, IReadOnlyDictionary<Guid, Guid>? ids = null)
    {
        foreach (var upload in uploads)
        {
            if (upload.OwnerId != AuthorId) throw new InvalidOperationException($"Upload {upload.Id} is not {AuthorId}'s to attach.");
            Attachments.Add(Attachment.From(upload, TicketId, Id, now, ids?.GetValueOrDefault(upload.Id)));
        }
    }
}
