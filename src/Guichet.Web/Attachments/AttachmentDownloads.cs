using Guichet.Web.Data;
using Guichet.Web.Tickets;
using Microsoft.EntityFrameworkCore;
using Microsoft.Net.Http.Headers;

namespace Guichet.Web.Attachments;

/// <summary>
/// Serving an attachment, from the site or the API: only from a ticket the viewer may see
/// (<see cref="TicketAccess.VisibleTo"/>), never from an internal note unless the viewer is staff;
/// anything else is a 404 that says nothing about whether the file exists.
/// </summary>
public sealed class AttachmentDownloads(GuichetDbContext db, IBlobStore blobs)
{
    /// <param name="number">When the address names a ticket (the API's), the attachment must belong to it.</param>
    public Task<Attachment?> FindAsync(Guid id, Viewer viewer, long? number, CancellationToken ct)
    {
        var tickets = db.Tickets.VisibleTo(viewer).Where(t => number == null || t.Number == number);
        return db.Set<Attachment>().AsNoTracking()
            .Where(a => a.Id == id && tickets.Any(t => t.Id == a.TicketId))
            .Where(a => viewer.IsStaff || db.Messages.Any(m => m.Id == a.MessageId && !m.IsInternal))
            .SingleOrDefaultAsync(ct);
    }

    /// <summary>
    /// The file as a response. Only raster images may show inline (for previews); everything else,
    /// HTML, SVG and XML first, is a download, and <c>nosniff</c> keeps browsers from guessing otherwise.
    /// </summary>
    public Task<IResult> SendAsync(Attachment attachment, HttpResponse response, bool forceDownload, CancellationToken ct) =>
        SendAsync(attachment.BlobKey, attachment.FileName, attachment.ContentType, response, forceDownload, ct);

    /// <summary>Any stored file the same way (a knowledge base article's files too), once the caller has checked who may have it.</summary>
    public async Task<IResult> SendAsync(string blobKey, string fileName, string contentType, HttpResponse response, bool forceDownload, CancellationToken ct)
    {
        var content = await blobs.OpenReadAsync(blobKey, ct)
            ?? throw new InvalidOperationException($"Blob {blobKey} of {fileName} is missing from the store.");
        var inline = !forceDownload && FileTypes.IsInlineImage(contentType);
        var disposition = new ContentDispositionHeaderValue(inline ? "inline" : "attachment");
        // filename= with an ASCII fallback and filename*= (RFC 5987) with the real name in UTF-8.
        disposition.SetHttpFileName(fileName);
        response.Headers.ContentDisposition = disposition.ToString();
        response.Headers.XContentTypeOptions = "nosniff";
        // The same bytes forever under this address (content-addressed, attachments never change).
        response.Headers.CacheControl = "private, max-age=31536000, immutable";
        return Results.Stream(content, FileTypes.ServedType(contentType));
    }
}
