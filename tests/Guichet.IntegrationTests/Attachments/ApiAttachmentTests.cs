using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using Guichet.IntegrationTests.Api;
using Guichet.IntegrationTests.Infrastructure;
using Guichet.Web.Attachments;
using Microsoft.EntityFrameworkCore;

namespace Guichet.IntegrationTests.Attachments;

public sealed class ApiAttachmentTests
{
    private static MultipartFormDataContent Multipart(string part, object json, params (string Name, byte[] Content)[] files)
    {
        var content = new MultipartFormDataContent { { JsonContent.Create(json), part } };
        foreach (var (name, bytes) in files)
        {
            var file = new ByteArrayContent(bytes);
            file.Headers.ContentType = new MediaTypeHeaderValue("application/octet-stream");
            content.Add(file, "files", name);
        }
        return content;
    }

    private static IEnumerable<JsonElement> Attachments(JsonElement message) => message.GetProperty("attachments").EnumerateArray();

    [Theory, Databases]
    public async Task The_API_opens_a_request_with_files_lists_them_and_serves_them_back(Db db)
    {
        await using var app = await GuichetApp.StartAsync(db);
        await app.CreateWorldAsync();
        var type = await app.FirstTypeIdAsync();
        var alice = await app.ApiClientAsync("alice@acme.test");
        var bob = await app.ApiClientAsync("bob@globex.test");

        using var form = Multipart("ticket", new { typeId = type, subject = "Broken chart", description = "Screenshot attached." },
            ("chart.png", Files.Png), ("data.pdf", Files.Pdf));
        var created = await alice.PostAsync("/api/v1/tickets", form);
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var number = (await created.JsonAsync()).GetProperty("number").GetInt64();

        var ticket = await (await alice.GetAsync($"/api/v1/tickets/{number}")).JsonAsync();
        var files = Attachments(ticket.GetProperty("messages")[0]).ToList();
        Assert.Equal(["chart.png", "data.pdf"], files.Select(f => f.GetProperty("fileName").GetString()!).Order());
        var chart = files.Single(f => f.GetProperty("fileName").GetString() == "chart.png");
        Assert.Equal("image/png", chart.GetProperty("contentType").GetString());
        Assert.Equal(Files.Png.Length, chart.GetProperty("length").GetInt64());
        var url = chart.GetProperty("url").GetString()!;
        Assert.StartsWith($"/api/v1/tickets/{number}/attachments/", url);

        var download = await alice.GetAsync(url);
        Assert.Equal(HttpStatusCode.OK, download.StatusCode);
        Assert.Equal(Files.Png, await download.Content.ReadAsByteArrayAsync());
        Assert.Equal("attachment", download.Content.Headers.ContentDisposition?.DispositionType);
        await (await bob.GetAsync(url)).ProblemAsync(HttpStatusCode.NotFound);
        // The attachment must belong to the ticket the address names.
        var bobs = await bob.OpenTicketAsync(type, "Globex");
        await (await alice.GetAsync(url.Replace($"/tickets/{number}/", $"/tickets/{bobs}/"))).ProblemAsync(HttpStatusCode.NotFound);
    }

    [Theory, Databases]
    public async Task API_files_are_checked_and_an_internal_notes_files_stay_with_staff(Db db)
    {
        await using var app = await GuichetApp.StartAsync(db, new Dictionary<string, string?> { ["Guichet:Attachments:MaxFileBytes"] = "1000" });
        await app.CreateWorldAsync();
        var type = await app.FirstTypeIdAsync();
        var alice = await app.ApiClientAsync("alice@acme.test");
        var agent = await app.ApiClientAsync("agent@support.test");

        using var refused = Multipart("ticket", new { typeId = type, subject = "Tool", description = "Run this." }, ("tool.ps1", "Get-Secret"u8.ToArray()), ("big.bin", new byte[1001]));
        var problem = await (await alice.PostAsync("/api/v1/tickets", refused)).ProblemAsync(HttpStatusCode.BadRequest);
        Assert.Equal(2, problem.GetProperty("errors").GetProperty("files").GetArrayLength());
        Assert.Equal(0, await app.WithDbAsync(d => d.Tickets.CountAsync()));

        var number = await alice.OpenTicketAsync(type, "Invoice");
        using var note = Multipart("message", new { body = "Card details inside.", @internal = true }, ("card.pdf", Files.Pdf));
        var posted = await agent.PostAsync($"/api/v1/tickets/{number}/messages", note);
        Assert.Equal(HttpStatusCode.Created, posted.StatusCode);
        var url = Attachments(await posted.JsonAsync()).Single().GetProperty("url").GetString()!;

        Assert.Equal(HttpStatusCode.OK, (await agent.GetAsync(url)).StatusCode);
        await (await alice.GetAsync(url)).ProblemAsync(HttpStatusCode.NotFound);
        var seen = await (await alice.GetAsync($"/api/v1/tickets/{number}")).JsonAsync();
        Assert.DoesNotContain("card.pdf", seen.GetRawText());

        // A customer's reply with a file, as multipart too.
        using var reply = Multipart("message", new { body = "Here is the receipt." }, ("receipt.pdf", Files.Pdf));
        var replied = await alice.PostAsync($"/api/v1/tickets/{number}/messages", reply);
        Assert.Equal(HttpStatusCode.Created, replied.StatusCode);
        Assert.Equal("receipt.pdf", Attachments(await replied.JsonAsync()).Single().GetProperty("fileName").GetString());
        Assert.Equal(2, await app.WithDbAsync(d => d.Set<Attachment>().CountAsync()));
    }

    [Theory, Databases]
    public async Task A_multipart_retry_with_the_same_Idempotency_Key_opens_one_request(Db db)
    {
        await using var app = await GuichetApp.StartAsync(db);
        await app.CreateWorldAsync();
        var type = await app.FirstTypeIdAsync();
        var alice = await app.ApiClientAsync("alice@acme.test");

        HttpRequestMessage Post() => new(HttpMethod.Post, "/api/v1/tickets")
        {
            Headers = { { "Idempotency-Key", "upload-1" } },
            Content = Multipart("ticket", new { typeId = type, subject = "Once", description = "Only once." }, ("a.pdf", Files.Pdf)),
        };
        Assert.Equal(HttpStatusCode.Created, (await alice.SendAsync(Post())).StatusCode);
        var again = await alice.SendAsync(Post());
        Assert.Equal(HttpStatusCode.Created, again.StatusCode);
        Assert.Equal("true", again.Headers.GetValues("Idempotent-Replayed").Single());
        Assert.Equal(1, await app.WithDbAsync(d => d.Tickets.CountAsync()));
        Assert.Equal(1, await app.WithDbAsync(d => d.Set<Attachment>().CountAsync()));
    }
}
