namespace Guichet.Web.Attachments;

/// <summary>A file sent with a message. Its bytes are a blob of <see cref="IBlobStore"/>; this row says whose and what it is.</summary>
public sealed class Attachment
{
    public const int FileNameMaxLength = 200;

    public Guid Id { get; private init; }
    public Guid MessageId { get; private init; }

    /// <summary>Kept beside the message so that a download finds the ticket, and its visibility rule, in one join.</summary>
    public Guid TicketId { get; private init; }

    public string FileName { get; private init; } = "";

    /// <summary>What the bytes are, as <see cref="FileContent.TypeOf"/> decided; never the type the sender claimed.</summary>
    public string ContentType { get; private init; } = "";

    public long Length { get; private init; }
    public string BlobKey { get; private init; } = "";
    public DateTimeOffset CreatedAt { get; private init; }

    private Attachment() { }

    /// <summary>A file that waited as a pending upload, now part of the message it was sent with.</summary>
    /// <param name="id">Chosen beforehand when the message's text refers to the file (its address holds the id).</param>
    public static Attachment From(PendingUpload upload, Guid ticketId, Guid messageId, DateTimeOffset now, Guid? id = null) => new()
    {
        Id = id ?? Guid.CreateVersion7(now), MessageId = messageId, TicketId = ticketId, FileName = upload.FileName,
        ContentType = upload.ContentType, Length = upload.Length, BlobKey = upload.BlobKey, CreatedAt = now,
    };
}
