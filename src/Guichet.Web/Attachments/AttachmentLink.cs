namespace Guichet.Web.Attachments;

/// <summary>An attachment as a conversation shows it: a link with the file's size, or the image itself.</summary>
public sealed record AttachmentLink(Guid Id, Guid MessageId, string FileName, string ContentType, long Length)
{
    /// <summary>The download address for people signed in on the site; the name is there for the browser's "save as" and for people reading the link.</summary>
    public string Url => UrlOf(Id, FileName);

    public static string UrlOf(Guid id, string fileName) => $"/attachments/{id}/{Uri.EscapeDataString(fileName)}";

    public bool IsImage => FileTypes.IsInlineImage(ContentType);

    /// <summary>The message's text shows this image already (pasted into it): no preview under the text then.</summary>
    public bool ShownInText { get; init; }

    public string Size => FileSizes.Format(Length);
}
