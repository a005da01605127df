using System.Net;
using System.Security.Cryptography;
using Guichet.IntegrationTests.Api;
using Guichet.IntegrationTests.Infrastructure;
using Guichet.Web.Attachments;
using Microsoft.EntityFrameworkCore;

namespace Guichet.IntegrationTests.Attachments;

public sealed class PortalAttachmentTests
{
    [Theory, Databases]
    public async Task A_customer_attaches_files_to_a_new_request_and_downloads_them_back_unchanged(Db db)
    {
        await using var app = await GuichetApp.StartAsync(db);
        await app.CreateUserAsync("lea@example.org");
        using var lea = await app.SignInAsync("lea@example.org");

        var page = await lea.OpenRequestWithFilesAsync("Screen goes blank",
            Files.File("screen.png", Files.Png, "image/png"), Files.File("Résumé été.pdf", Files.Pdf, "application/pdf"));

        var links = page.DownloadLinks();
        Assert.Equal(["Résumé été.pdf", "screen.png"], links.Keys.Order());
        Assert.NotNull(page.QuerySelector($".conversation img[src='{links["screen.png"].Replace("?download=true", "")}'][loading='lazy']"));
        Assert.Contains($"{Files.Png.Length} B", page.QuerySelector(".conversation .attachments")!.TextContent);

        var pdf = await lea.Http.GetAsync(links["Résumé été.pdf"]);
        Assert.Equal(HttpStatusCode.OK, pdf.StatusCode);
        Assert.Equal(Files.Pdf, await pdf.Content.ReadAsByteArrayAsync());
        Assert.Equal("application/pdf", pdf.Content.Headers.ContentType?.MediaType);
        Assert.Equal("attachment", pdf.Content.Headers.ContentDisposition?.DispositionType);
        // Non-ASCII names travel as RFC 5987 filename*, with an ASCII fallback for old clients.
        Assert.Equal("Résumé été.pdf", pdf.Content.Headers.ContentDisposition?.FileNameStar);
        var png = await lea.Http.GetAsync(links["screen.png"]);
        Assert.Equal(Files.Png, await png.Content.ReadAsByteArrayAsync());
    }

    [Theory, Databases]
    public async Task A_form_that_comes_back_with_an_error_keeps_the_chosen_files(Db db)
    {
        await using var app = await GuichetApp.StartAsync(db);
        await app.CreateUserAsync("hasty@example.org");
        using var client = await app.SignInAsync("hasty@example.org");

        var again = await PageClient.ParseAsync(await client.SendNewRequestAsync("",
            Files.File("screen.png", Files.Png, "image/png"), Files.File("notes.txt", "first try"u8.ToArray(), "text/plain"), Files.File("log.pdf", Files.Pdf)));

        Assert.Equal("Enter a subject.", again.FieldError("Input.Subject"));
        Assert.Equal(0, await app.WithDbAsync(d => d.Tickets.CountAsync()));
        var kept = again.QuerySelectorAll(".attachments--kept li");
        Assert.Equal(["log.pdf", "notes.txt", "screen.png"], kept.Select(li => li.QuerySelector("span")!.FirstChild!.TextContent.Trim()).Order());

        // The second try sends no file again, and drops one of the three.
        var notes = kept.Single(li => li.TextContent.Contains("notes.txt")).QuerySelector("input[type=hidden]")!.GetAttribute("value")!;
        var sent = await client.SubmitMultipartAsync(again, "main form", new Dictionary<string, string>
        {
            ["Input.Subject"] = "Now with a subject",
            ["Attachments.Remove"] = notes,
        });
        Assert.Equal(HttpStatusCode.Redirect, sent.StatusCode);
        var page = await client.FollowAsync(sent);
        Assert.Equal(["log.pdf", "screen.png"], page.DownloadLinks().Keys.Order());
        Assert.Equal(0, await app.WithDbAsync(d => d.Set<PendingUpload>().CountAsync(p => p.FileName != "notes.txt")));
    }

    [Theory, Databases]
    public async Task Files_too_big_too_many_or_of_a_blocked_type_are_refused_next_to_the_file_field(Db db)
    {
        await using var app = await GuichetApp.StartAsync(db, new Dictionary<string, string?>
        {
            ["Guichet:Attachments:MaxFileBytes"] = "1000",
            ["Guichet:Attachments:MaxFilesPerMessage"] = "2",
            ["Guichet:Attachments:MaxTotalBytesPerMessage"] = "5000",
        });
        await app.CreateUserAsync("sender@example.org");
        using var client = await app.SignInAsync("sender@example.org");

        var again = await PageClient.ParseAsync(await client.SendNewRequestAsync("Several files",
            Files.File("setup.exe", [0x4D, 0x5A, 0x90, 0x00]),
            Files.File("dump.bin", new byte[1001]),
            Files.File("one.png", Files.Png), Files.File("two.pdf", Files.Pdf), Files.File("three.txt", "3"u8.ToArray())));

        var errors = again.QuerySelectorAll("[data-valmsg-for='Attachments.Files'] .field-error__line").Select(e => e.TextContent.Trim()).ToList();
        Assert.Equal([
            "setup.exe: this type of file is not accepted.",
            "dump.bin is too big: at most 1000 B per file.",
            "three.txt was not attached: at most 2 files per message.",
        ], errors);
        Assert.Equal("true", again.QuerySelector("#attachments-files")?.GetAttribute("aria-invalid"));
        Assert.Equal(0, await app.WithDbAsync(d => d.Tickets.CountAsync()));
        Assert.Equal(2, again.QuerySelectorAll(".attachments--kept li").Length);

        // What was accepted goes with the request once the person sends it as it is.
        var page = await client.FollowAsync(await client.SubmitMultipartAsync(again, "main form"));
        Assert.Equal(["one.png", "two.pdf"], page.DownloadLinks().Keys.Order());
    }

    [Theory, Databases]
    public async Task Another_organizations_customer_gets_404_on_a_download_and_the_manager_gets_the_file(Db db)
    {
        await using var app = await GuichetApp.StartAsync(db);
        await app.CreateWorldAsync();
        using var alice = await app.SignInAsync("alice@acme.test");
        using var bob = await app.SignInAsync("bob@globex.test");
        using var manager = await app.SignInAsync("manager@acme.test");
        var url = (await alice.OpenRequestWithFilesAsync("Acme only", Files.File("contract.pdf", Files.Pdf))).DownloadLinks()["contract.pdf"];

        Assert.Equal(HttpStatusCode.NotFound, (await bob.Http.GetAsync(url)).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await manager.Http.GetAsync(url)).StatusCode);
        var anonymous = await app.NewClient().GetAsync(url);
        Assert.Equal(HttpStatusCode.Redirect, anonymous.StatusCode);
        Assert.StartsWith("/account/signin", anonymous.Headers.Location?.OriginalString, StringComparison.OrdinalIgnoreCase);
    }

    [Theory, Databases]
    public async Task A_customer_gets_404_on_an_internal_notes_attachment_while_the_agent_gets_it(Db db)
    {
        await using var app = await GuichetApp.StartAsync(db);
        await app.CreateWorldAsync();
        using var alice = await app.SignInAsync("alice@acme.test");
        using var agent = await app.SignInAsync("agent@support.test");
        await alice.OpenRequestWithFilesAsync("Invoice wrong");

        var ticket = await agent.GetAsync("/agent/tickets/1001");
        var noted = await agent.SubmitMultipartAsync(ticket, "form[action*='handler=Reply']", new Dictionary<string, string>
        {
            ["Reply.Body"] = "Customer's credit card details, see the file.",
            ["Reply.Internal"] = "true",
        }, [Files.File("internal.pdf", Files.Pdf)]);
        var agentPage = await agent.FollowAsync(noted);
        var url = agentPage.DownloadLinks()["internal.pdf"];
        Assert.Equal(HttpStatusCode.OK, (await agent.Http.GetAsync(url)).StatusCode);

        Assert.Equal(HttpStatusCode.NotFound, (await alice.Http.GetAsync(url)).StatusCode);
        var customerPage = await alice.GetAsync("/requests/1001");
        Assert.DoesNotContain("internal.pdf", customerPage.MainText());

        // A public reply's file reaches the customer.
        var replied = await agent.SubmitMultipartAsync(agentPage, "form[action*='handler=Reply']",
            new Dictionary<string, string> { ["Reply.Body"] = "Here is the corrected invoice." }, [Files.File("invoice.pdf", Files.Pdf)]);
        Assert.Equal(HttpStatusCode.Redirect, replied.StatusCode);
        var seen = (await alice.GetAsync("/requests/1001")).DownloadLinks();
        Assert.Equal(["invoice.pdf"], seen.Keys);
        Assert.Equal(HttpStatusCode.OK, (await alice.Http.GetAsync(seen["invoice.pdf"])).StatusCode);
    }

    [Theory, Databases]
    public async Task A_customer_reply_carries_files(Db db)
    {
        await using var app = await GuichetApp.StartAsync(db);
        await app.CreateUserAsync("lea@example.org");
        using var lea = await app.SignInAsync("lea@example.org");
        var page = await lea.OpenRequestWithFilesAsync("Export fails");

        var replied = await lea.FollowAsync(await lea.SubmitMultipartAsync(page, "form[action*='handler=Reply']",
            new Dictionary<string, string> { ["Reply.Body"] = "Here is the log." }, [Files.File("export.log", "ERROR 42"u8.ToArray(), "text/plain")]));

        var message = replied.QuerySelectorAll(".conversation > li").Last();
        Assert.Contains("Here is the log.", message.TextContent);
        Assert.Equal("export.log", message.QuerySelector(".attachments a[download]")?.TextContent.Trim());
    }

    [Theory, Databases]
    public async Task SVG_and_HTML_are_downloaded_never_shown_while_a_PNG_shows_inline(Db db)
    {
        await using var app = await GuichetApp.StartAsync(db);
        await app.CreateUserAsync("lea@example.org");
        using var lea = await app.SignInAsync("lea@example.org");
        var page = await lea.OpenRequestWithFilesAsync("Odd files",
            Files.File("logo.svg", Files.Svg, "image/svg+xml"), Files.File("page.html", Files.Html, "text/html"),
            Files.File("fake.png", Files.Html, "image/png"), Files.File("real.png", Files.Png, "image/png"));
        var links = page.DownloadLinks().ToDictionary(l => l.Key, l => l.Value.Replace("?download=true", ""));

        foreach (var name in new[] { "logo.svg", "page.html", "fake.png" })
        {
            var response = await lea.Http.GetAsync(links[name]);
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            Assert.Equal("attachment", response.Content.Headers.ContentDisposition?.DispositionType);
            Assert.Equal("application/octet-stream", response.Content.Headers.ContentType?.MediaType);
            Assert.Equal("nosniff", response.Headers.GetValues("X-Content-Type-Options").Single());
        }
        // A file that only claims to be an image gets no preview.
        Assert.Single(page.QuerySelectorAll(".conversation img"));

        var png = await lea.Http.GetAsync(links["real.png"]);
        Assert.Equal("inline", png.Content.Headers.ContentDisposition?.DispositionType);
        Assert.Equal("image/png", png.Content.Headers.ContentType?.MediaType);
        Assert.Equal("nosniff", png.Headers.GetValues("X-Content-Type-Options").Single());
        var asDownload = await lea.Http.GetAsync(links["real.png"] + "?download=true");
        Assert.Equal("attachment", asDownload.Content.Headers.ContentDisposition?.DispositionType);
    }

    [Theory, Databases]
    public async Task The_same_file_sent_twice_is_stored_once(Db db)
    {
        await using var app = await GuichetApp.StartAsync(db);
        await app.CreateWorldAsync();
        using var alice = await app.SignInAsync("alice@acme.test");
        using var bob = await app.SignInAsync("bob@globex.test");

        await alice.OpenRequestWithFilesAsync("First", Files.File("a.pdf", Files.Pdf));
        await bob.OpenRequestWithFilesAsync("Second", Files.File("b.pdf", Files.Pdf), Files.File("c.png", Files.Png));

        Assert.Equal(3, await app.WithDbAsync(d => d.Set<Attachment>().CountAsync()));
        Assert.Equal(2, app.Blobs().Length);
        // Named by their SHA-256 under two levels of folders: blobs/ab/cd/abcd…
        var key = Convert.ToHexStringLower(SHA256.HashData(Files.Pdf));
        var pdf = Path.Combine(app.DataDirectory, "blobs", key[..2], key[2..4], key);
        Assert.Contains(pdf, app.Blobs());
        Assert.Equal(Files.Pdf, await File.ReadAllBytesAsync(pdf));
    }
}
