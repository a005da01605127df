namespace Guichet.Web.Attachments;

/// <summary>
/// A file received with a form that could not be sent yet (a field was missing, another file was
/// refused): kept for its owner, who sees it as already attached, so that nothing is chosen twice.
/// It becomes an <see cref="Attachment"/> when the message is sent, or is forgotten after a day.
/// </summary>
public sealed class PendingUpload
{
    public Guid Id { get; private init; }

    /// <summary>The sender: a user's id, or the random id a guest's form carries (so no foreign key to users).</summary>
    public Guid OwnerId { get; private set; }
    public string FileName { get; private init; } = "";
    public string ContentType { get; private init; } = "";
    public long Length { get; private init; }
    public string BlobKey { get; private init; } = "";
    public DateTimeOffset CreatedAt { get; private init; }

    /// <summary>
    /// Set while the file waits with a guest's request for its sender to confirm the address
    /// (Portal/HeldRequest): it then lives as long as that request, not a day.
    /// </summary>
    public Guid? HeldRequestId { get; private set; }

    private PendingUpload() { }

    /// <summary>The file of a guest goes with their held request, as the file of the person behind the address they typed.</summary>
    public void HoldFor(Guid heldRequestId, Guid userId)
    {
        HeldRequestId = heldRequestId;
        OwnerId = userId;
    }

    public static PendingUpload Create(Guid ownerId, string fileName, string contentType, long length, string blobKey, DateTimeOffset now) => new()
    {
        Id = Guid.CreateVersion7(now), OwnerId = ownerId, FileName = fileName, ContentType = contentType, Length = length,
        BlobKey = blobKey, CreatedAt = now,
    };

    /// <summary>The file as the message's text may show it: it becomes an attachment with this same id (<see cref="Attachment.From"/>).</summary>
    public Text.AttachedFile ToAttachedFile() => new(FileName, AttachmentLink.UrlOf(Id, FileName), FileTypes.IsInlineImage(ContentType));
}
