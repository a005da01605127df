using Guichet.Web.Tickets;

namespace Guichet.Web.Attachments;

/// <summary>Downloads for people signed in on the site (portal and agent pages); the API has its own address under /api/v1.</summary>
public static class AttachmentEndpoints
{
    public static WebApplication MapGuichetAttachments(this WebApplication app)
    {
        // The name in the address is for people and for "save as"; the id alone finds the file.
        app.MapGet("/attachments/{id:guid}/{fileName}", DownloadAsync).RequireAuthorization();
        return app;
    }

    private static async Task<IResult> DownloadAsync(Guid id, bool? download, HttpContext context, CurrentViewer viewer,
        AttachmentDownloads downloads, CancellationToken ct) =>
        await downloads.FindAsync(id, await viewer.GetAsync(ct), number: null, ct) is { } attachment
            ? await downloads.SendAsync(attachment, context.Response, download == true, ct)
            : Results.NotFound();
}
