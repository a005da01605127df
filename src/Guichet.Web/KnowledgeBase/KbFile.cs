namespace Guichet.Web.KnowledgeBase;

/// <summary>
/// A file of an article (a PDF to download, an image shown in its text). Its bytes are a blob of the attachment store;
/// it is served at <c>/kb/files/{id}/{name}</c> to whoever may read the article.
/// </summary>
public sealed class KbFile
{
    public Guid Id { get; init; }
    public int ArticleId { get; init; }
    public string FileName { get; init; } = "";
    public string ContentType { get; init; } = "";
    public long Length { get; init; }
    public string BlobKey { get; init; } = "";
    public DateTimeOffset CreatedAt { get; init; }
    public Guid CreatedById { get; init; }

    public string Url => $"/kb/files/{Id}/{Uri.EscapeDataString(FileName)}";
    public bool IsImage => ContentType.StartsWith("image/", StringComparison.Ordinal);
}
