using Guichet.Web.Text;

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

    public string Url => UrlOf(Id, FileName);
    public bool IsImage => IsImageType(ContentType);

    public static string UrlOf(Guid id, string fileName) => $"/kb/files/{id}/{Uri.EscapeDataString(fileName)}";

    /// <summary>The file as an article's text names it (<c>attachment:name</c>), also before it is saved (a new article's files).</summary>
    public static AttachedFile Attached(Guid id, string fileName, string contentType) => new(fileName, UrlOf(id, fileName), IsImageType(contentType));

    private static bool IsImageType(string contentType) => contentType.StartsWith("image/", StringComparison.Ordinal);
}
