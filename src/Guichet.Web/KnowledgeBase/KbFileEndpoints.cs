using Guichet.Web.Attachments;
using Guichet.Web.Data;
using Microsoft.EntityFrameworkCore;

namespace Guichet.Web.KnowledgeBase;

/// <summary>
/// An article's files (<see cref="KbFile.Url"/>): served to whoever may read the article (<see cref="KbAccess"/>), its
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

    private static async Task<IResult> DownloadAsync(Guid id, bool? download, HttpContext context, CurrentKbReader readers, GuichetDbContext db,
        AttachmentDownloads downloads, TimeProvider time, CancellationToken ct)
    {
        var reader = await readers.GetAsync(ct);
        var readable = db.KbArticles.ReadableBy(reader, time.GetUtcNow(), withDrafts: true);
        var file = await db.KbFiles.AsNoTracking().Where(f => f.Id == id && readable.Any(a => a.Id == f.ArticleId)).SingleOrDefaultAsync(ct);
        return file is null
            ? Results.NotFound()
            : await downloads.SendAsync(file.BlobKey, file.FileName, file.ContentType, context.Response, download == true, ct);
    }
}
