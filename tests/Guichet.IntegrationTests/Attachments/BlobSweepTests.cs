using Guichet.IntegrationTests.Infrastructure;
using Guichet.Web.Attachments;
using Microsoft.Extensions.DependencyInjection;

namespace Guichet.IntegrationTests.Attachments;

public sealed class BlobSweepTests
{
    private static Task<string> PutAsync(GuichetApp app, byte[] bytes) =>
        app.Services.GetRequiredService<IBlobStore>().PutAsync(new MemoryStream(bytes), CancellationToken.None);

    private static Task<bool> ExistsAsync(GuichetApp app, string key) =>
        app.Services.GetRequiredService<IBlobStore>().ExistsAsync(key, CancellationToken.None);

    [Theory, Databases]
    public async Task Blobs_no_attachment_or_pending_upload_uses_are_deleted_once_older_than_a_day_and_no_other(Db db)
    {
        await using var app = await GuichetApp.StartAsync(db);
        await app.CreateUserAsync("lea@example.org");
        using var lea = await app.SignInAsync("lea@example.org");
        // Attached to a request; and kept by a form that came back with an error (a pending upload).
        await lea.OpenRequestWithFilesAsync("With a file", Files.File("kept.pdf", Files.Pdf));
        await lea.SendNewRequestAsync("", Files.File("pending.txt", "pending"u8.ToArray(), "text/plain"));
        var orphan = await PutAsync(app, "nobody uses me"u8.ToArray());
        var sweep = app.Services.GetRequiredService<BlobSweep>();

        // Young blobs stay, used or not: an upload may not have written its row yet.
        Assert.Equal(0, await sweep.RunOnceAsync(CancellationToken.None));
        Assert.Equal(3, app.Blobs().Length);

        app.Time.Advance(TimeSpan.FromHours(25));
        var young = await PutAsync(app, "just uploaded"u8.ToArray());
        Assert.Equal(1, await sweep.RunOnceAsync(CancellationToken.None));
        Assert.False(await ExistsAsync(app, orphan));
        Assert.True(await ExistsAsync(app, young));
        Assert.Equal(3, app.Blobs().Length);
        var page = await lea.GetAsync("/requests/1001");
        Assert.Equal(System.Net.HttpStatusCode.OK, (await lea.Http.GetAsync(page.DownloadLinks()["kept.pdf"])).StatusCode);

        // The same bytes uploaded again make an old blob young: its new row may be on its way.
        app.Time.Advance(TimeSpan.FromHours(25));
        Assert.Equal(young, await PutAsync(app, "just uploaded"u8.ToArray()));
        Assert.Equal(0, await sweep.RunOnceAsync(CancellationToken.None));
        Assert.True(await ExistsAsync(app, young));

        // A second node sweeping at the same moment changes nothing.
        app.Time.Advance(TimeSpan.FromHours(25));
        var counts = await Task.WhenAll(sweep.RunOnceAsync(CancellationToken.None), sweep.RunOnceAsync(CancellationToken.None));
        Assert.Equal(1, counts.Sum());
        Assert.False(await ExistsAsync(app, young));
        Assert.Equal(2, app.Blobs().Length);
    }
}
