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

    /// <summary>The file as the message's text may show it, once it is the attachment <paramref name="attachmentId"/>.</summary>
    public Text.AttachedFile ToAttachedFile(Guid attachmentId) => new(FileName, AttachmentLink.UrlOf(attachmentId, FileName), FileTypes.IsInlineImage(ContentType));

    /// <summary>
    /// The ids the files will have as attachments, chosen before the message is written so that its text can
    /// show them. New ids, not the uploads' own: a form sent twice at once must fail on the upload already
    /// taken (a concurrency conflict the pages handle), not on a duplicate attachment id.
    /// </summary>
    public static IReadOnlyDictionary<Guid, Guid> AttachmentIds(IEnumerable<PendingUpload> uploads, DateTimeOffset now) =>
        uploads.ToDictionary(u => u.Id, _ => Guid.CreateVersion7(now));
}
