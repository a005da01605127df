using System.Net;
using Guichet.IntegrationTests.Api;
using Guichet.IntegrationTests.Infrastructure;
using Guichet.Web.Attachments;
using Microsoft.EntityFrameworkCore;

namespace Guichet.IntegrationTests.Attachments;

public sealed class OversizeFormTests
{
    // The request limit is then 5,000 B + 1 MB: a 1.1 MB file passes it.
    private static readonly Dictionary<string, string?> SmallLimits = new()
    {
        ["Guichet:Attachments:MaxFileBytes"] = "1000",
        ["Guichet:Attachments:MaxTotalBytesPerMessage"] = "5000",
    };

    [Theory, Databases]
    public async Task A_form_over_the_request_limit_comes_back_with_what_was_typed_and_says_which_files_were_not_attached(Db db)
    {
        await using var app = await GuichetApp.StartAsync(db, SmallLimits);
        await app.CreateUserAsync("big@example.org");
        using var client = await app.SignInAsync("big@example.org");

        var form = await client.GetAsync("/requests/new");
        var response = await client.SubmitMultipartAsync(form, "main form", new Dictionary<string, string>
        {
            ["Input.Subject"] = "Crash dump attached",
            ["Input.Description"] = "The service crashed at 3 a.m.\nÉté, naïve: accents stay.",
            ["Input.Cc"] = "boss@example.org",
        }, [Files.File("core.dump", new byte[1_100_000]), Files.File("note.txt", "small"u8.ToArray(), "text/plain")]);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var again = await PageClient.ParseAsync(response);
        var errors = again.QuerySelectorAll("[data-valmsg-for='Attachments.Files'] .field-error__line").Select(e => e.TextContent.Trim()).ToList();
        Assert.Equal(["core.dump is too big: at most 1000 B per file.", "note.txt was not attached: at most 5 KB in all per message."], errors);
        Assert.Equal("alert", again.QuerySelector("[data-valmsg-for='Attachments.Files']")?.GetAttribute("role"));
        Assert.Equal("Crash dump attached", again.QuerySelector("input[name='Input.Subject']")?.GetAttribute("value"));
        Assert.Equal("The service crashed at 3 a.m.\nÉté, naïve: accents stay.", again.QuerySelector("textarea[name='Input.Description']")?.TextContent.TrimStart('\n').ReplaceLineEndings("\n"));
        Assert.Equal("boss@example.org", again.QuerySelector("input[name='Input.Cc']")?.GetAttribute("value"));
        Assert.Equal(0, await app.WithDbAsync(d => d.Tickets.CountAsync()));
        Assert.Equal(0, await app.WithDbAsync(d => d.Set<PendingUpload>().CountAsync()));
        Assert.Empty(app.Blobs());

        // Sent again without the dump, it goes through.
        var sent = await client.SubmitMultipartAsync(again, "main form", files: [Files.File("note.txt", "small"u8.ToArray(), "text/plain")]);
        Assert.Equal(HttpStatusCode.Redirect, sent.StatusCode);
        Assert.Equal(["note.txt"], (await client.FollowAsync(sent)).DownloadLinks().Keys);
    }

    [Theory, Databases]
    public async Task A_reply_over_the_request_limit_keeps_its_text_and_files_already_attached(Db db)
    {
        await using var app = await GuichetApp.StartAsync(db, SmallLimits);
        await app.CreateWorldAsync();
        using var alice = await app.SignInAsync("alice@acme.test");
        var page = await alice.OpenRequestWithFilesAsync("Slow VPN");

        // A first try with a missing text keeps its small file as already attached.
        var first = await PageClient.ParseAsync(await alice.SubmitMultipartAsync(page, "form[action*='handler=Reply']",
            new Dictionary<string, string> { ["Reply.Body"] = "" }, [Files.File("trace.txt", "trace"u8.ToArray(), "text/plain")]));
        Assert.Single(first.QuerySelectorAll(".attachments--kept li"));

        var second = await PageClient.ParseAsync(await alice.SubmitMultipartAsync(first, "form[action*='handler=Reply']",
            new Dictionary<string, string> { ["Reply.Body"] = "Here is the capture." }, [Files.File("capture.pcap", new byte[1_100_000])]));
        Assert.Equal("capture.pcap is too big: at most 1000 B per file.", second.FieldError(AttachmentsInputErrorKey));
        Assert.Equal("Here is the capture.", second.QuerySelector("textarea[name='Reply.Body']")?.TextContent.Trim());
        Assert.Contains("trace.txt", second.QuerySelector(".attachments--kept")?.TextContent);

        var sent = await alice.FollowAsync(await alice.SubmitMultipartAsync(second, "form[action*='handler=Reply']"));
        Assert.Contains("trace.txt", sent.DownloadLinks().Keys);
    }

    private const string AttachmentsInputErrorKey = "Attachments.Files";
}
