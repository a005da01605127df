using Guichet.Web.Attachments;

namespace Guichet.Web.KnowledgeBase;

/// <summary>
/// An article's files (<see cref="KbFile.Url"/>): served to whoever may read the article (<see cref="KbLibrary.FileAsync"/>), its
/// drafts to editors (who preview them with their images); anything else is the same 404 as a file that does not exist.
/// Headers as for attachments (<see cref="AttachmentDownloads.SendAsync(string, string, string, HttpResponse, bool, CancellationToken)"/>):
/// raster images inline, everything else a download, nosniff.
/// </summary>
public static class KbFileEndpoints
{
    public static WebApplication MapGuichetKnowledgeBase(this WebApplication app)
    {
        // Anonymous readers too (public articles); the name is for people and "save as", the id alone finds the file.
        app.MapGet("/kb/files/{id:guid}/{name}", DownloadAsync);
        return app;
    }

    private static async Task<IResult> DownloadAsync(Guid id, bool? download, HttpContext context, CurrentKbReader readers, KbLibrary library,
        AttachmentDownloads downloads, CancellationToken ct)
    {
        var file = await library.FileAsync(await readers.GetAsync(ct), id, articleId: null, withDrafts: true, ct);
        return file is null
            ? Results.NotFound()
            : await downloads.SendAsync(file.BlobKey, file.FileName, file.ContentType, context.Response, download == true, ct);
    }
}
