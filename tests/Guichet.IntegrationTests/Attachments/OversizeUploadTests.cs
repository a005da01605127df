using System.Diagnostics;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using AngleSharp.Dom;
using Guichet.IntegrationTests.Api;
using Guichet.IntegrationTests.Infrastructure;
using Guichet.Web.Accounts;
using Guichet.Web.Attachments;
using Guichet.Web.Portal;
using Microsoft.EntityFrameworkCore;
using Xunit.Abstractions;

namespace Guichet.IntegrationTests.Attachments;

/// <summary>
/// Uploads over the limits, at every door, on a real Kestrel (the in-memory TestServer has no request
/// body limit): the API answers 413 in words, the pages give the form back with what was typed. The
/// large bodies are made up as they are sent (<see cref="GeneratedContent"/>), with or without a length.
/// </summary>
public sealed class OversizeUploadTests(ITestOutputHelper output)
{
    // The request limit is then 5,000 B + 1 MB: 1.1 MB is just over it.
    private static readonly Dictionary<string, string?> SmallLimits = new()
    {
        ["Guichet:Attachments:MaxFileBytes"] = "1000",
        ["Guichet:Attachments:MaxTotalBytesPerMessage"] = "5000",
    };

    private const long JustOver = 1_100_000;
    private const long FarOver = 300L * 1024 * 1024;

    private const string FrenchTitle = "Envoi trop volumineux";
    private const string FrenchFilesDetail = "Les fichiers peuvent faire au plus 1000 B chacun et 5 KB en tout par message.";

    private static MultipartFormDataContent ApiMultipart(string part, object json, HttpContent file)
    {
        file.Headers.ContentType = new MediaTypeHeaderValue("application/octet-stream");
        return new MultipartFormDataContent { { JsonContent.Create(json), part }, { file, "files", "dump.bin" } };
    }

    private static async Task<HttpClient> FrenchApiClientAsync(GuichetApp app, string email)
    {
        var client = await app.ApiClientAsync(email);
        client.DefaultRequestHeaders.AcceptLanguage.Add(new StringWithQualityHeaderValue("fr"));
        return client;
    }

    private async Task<HttpResponseMessage> TimedAsync(string what, GeneratedContent? sent, Func<Task<HttpResponseMessage>> send)
    {
        var clock = Stopwatch.StartNew();
        var response = await send();
        output.WriteLine($"{what}: {(int)response.StatusCode} in {clock.ElapsedMilliseconds} ms, {sent?.Sent / (1024 * 1024)} MiB sent");
        return response;
    }

    /// <summary>Nothing of a refused upload stays on disk: no blob, nothing half-written.</summary>
    private static async Task AssertNothingStoredAsync(GuichetApp app, int tickets = 0)
    {
        Assert.Empty(app.Blobs());
        var incoming = Path.Combine(app.DataDirectory, "blobs", "incoming");
        Assert.True(!Directory.Exists(incoming) || Directory.GetFiles(incoming).Length == 0, "a half-written blob was left in blobs/incoming");
        Assert.Equal(tickets, await app.WithDbAsync(d => d.Tickets.CountAsync()));
        Assert.Equal(0, await app.WithDbAsync(d => d.Set<PendingUpload>().CountAsync()));
    }

    // ---- API ----

    [Theory, Databases]
    public async Task The_API_refuses_a_new_request_with_files_over_the_limit_with_413_in_the_callers_language(Db db)
    {
        await using var app = await GuichetApp.StartAsync(db, SmallLimits, onKestrel: true);
        await app.CreateWorldAsync();
        var type = await app.FirstTypeIdAsync();
        var alice = await FrenchApiClientAsync(app, "alice@acme.test");
        var ticket = new { typeId = type, subject = "Core dump", description = "Attached." };

        foreach (var (length, declared) in new[] { (JustOver, true), (FarOver, true), (FarOver, false) })
        {
            var file = new GeneratedContent(length, declared);
            using var form = ApiMultipart("ticket", ticket, file);
            var response = await TimedAsync($"create, {length} B, length declared: {declared}", file, () => alice.PostAsync("/api/v1/tickets", form));
            var problem = await response.ProblemAsync(HttpStatusCode.RequestEntityTooLarge);
            Assert.Equal(FrenchTitle, problem.GetProperty("title").GetString());
            Assert.Equal(FrenchFilesDetail, problem.GetProperty("detail").GetString());
        }

        // A client that waits for "100 Continue" (curl does, for large bodies) gets the same answer.
        var film = new GeneratedContent(FarOver);
        using var waiting = new HttpRequestMessage(HttpMethod.Post, "/api/v1/tickets") { Content = ApiMultipart("ticket", ticket, film) };
        waiting.Headers.ExpectContinue = true;
        await (await TimedAsync("create, Expect: 100-continue", film, () => alice.SendAsync(waiting))).ProblemAsync(HttpStatusCode.RequestEntityTooLarge);
        await AssertNothingStoredAsync(app);
        // The same client goes on working.
        Assert.Equal(HttpStatusCode.Created, (await alice.PostAsJsonAsync("/api/v1/tickets", ticket)).StatusCode);
    }

    [Theory, Databases]
    public async Task The_API_refuses_a_JSON_body_over_1_MB_with_413(Db db)
    {
        await using var app = await GuichetApp.StartAsync(db, onKestrel: true);
        await app.CreateWorldAsync();
        var type = await app.FirstTypeIdAsync();
        var alice = await FrenchApiClientAsync(app, "alice@acme.test");

        var justOver = new StringContent(System.Text.Json.JsonSerializer.Serialize(new { typeId = type, subject = "Long", description = new string('x', 1024 * 1024) }),
            Encoding.UTF8, "application/json");
        var problem = await (await alice.PostAsync("/api/v1/tickets", justOver)).ProblemAsync(HttpStatusCode.RequestEntityTooLarge);
        Assert.Equal(FrenchTitle, problem.GetProperty("title").GetString());
        Assert.Equal("Le JSON d'une requête peut faire au plus 1 MB. Les fichiers s'envoient en multipart/form-data.", problem.GetProperty("detail").GetString());

        var farOver = new GeneratedContent(FarOver, declareLength: false);
        farOver.Headers.ContentType = new MediaTypeHeaderValue("application/json");
        var response = await TimedAsync("create, JSON, chunked", farOver, () => alice.PostAsync("/api/v1/tickets", farOver));
        Assert.Equal(FrenchTitle, (await response.ProblemAsync(HttpStatusCode.RequestEntityTooLarge)).GetProperty("title").GetString());
        await AssertNothingStoredAsync(app);
    }

    [Theory, Databases]
    public async Task The_API_refuses_a_reply_with_files_over_the_limit_with_413(Db db)
    {
        await using var app = await GuichetApp.StartAsync(db, SmallLimits, onKestrel: true);
        await app.CreateWorldAsync();
        var type = await app.FirstTypeIdAsync();
        var agent = await FrenchApiClientAsync(app, "agent@support.test");
        var number = await (await app.ApiClientAsync("alice@acme.test")).OpenTicketAsync(type, "Slow VPN");

        foreach (var (length, declared) in new[] { (JustOver, false), (FarOver, true), (FarOver, false) })
        {
            var file = new GeneratedContent(length, declared);
            using var form = ApiMultipart("message", new { body = "The capture." }, file);
            var response = await TimedAsync($"reply, {length} B, length declared: {declared}", file, () => agent.PostAsync($"/api/v1/tickets/{number}/messages", form));
            var problem = await response.ProblemAsync(HttpStatusCode.RequestEntityTooLarge);
            Assert.Equal(FrenchFilesDetail, problem.GetProperty("detail").GetString());
        }
        await AssertNothingStoredAsync(app, tickets: 1);
        Assert.Equal(1, await app.WithDbAsync(d => d.Messages.CountAsync()));
    }

    // ---- Pages ----

    private const string ReplyForm = "form[action*='handler=Reply']";

    private static void AssertFileRefused(IDocument page, string textField, string typed, string error)
    {
        Assert.Equal(error, page.FieldError("Attachments.Files"));
        Assert.Equal(typed, page.QuerySelector($"[name='{textField}']")?.TextContent.Trim() is { Length: > 0 } text
            ? text : page.QuerySelector($"[name='{textField}']")?.GetAttribute("value"));
    }

    [Theory, Databases]
    public async Task Each_form_over_the_limit_comes_back_with_what_was_typed_and_words_next_to_the_file_field(Db db)
    {
        await using var app = await GuichetApp.StartAsync(db, SmallLimits, onKestrel: true);
        await app.CreateWorldAsync();
        await app.SetSignUpPolicyAsync(SignUpPolicy.Open);
        using var alice = await app.SignInAsync("alice@acme.test");
        using var agent = await app.SignInAsync("agent@support.test");
        using var guest = new PageClient(app.NewClient());
        Assert.Equal(HttpStatusCode.Redirect, (await alice.SendNewRequestAsync("Slow VPN")).StatusCode);

        foreach (var length in new[] { JustOver, FarOver })
        {
            var file = Files.Generated("capture.pcap", length);
            var tooBig = "capture.pcap is too big: at most 1000 B per file.";

            var form = await alice.GetAsync("/requests/new");
            var sent = await TimedAsync($"new request, {length} B", file.Generated, () => alice.SubmitMultipartAsync(form, "main form",
                new Dictionary<string, string> { ["Input.Subject"] = "Crash", ["Input.Description"] = "It crashed." }, [file]));
            Assert.Equal(HttpStatusCode.OK, sent.StatusCode);
            AssertFileRefused(await PageClient.ParseAsync(sent), "Input.Subject", "Crash", tooBig);

            file = Files.Generated("capture.pcap", length);
            var guestForm = await guest.GetAsync("/requests/new");
            sent = await TimedAsync($"guest request, {length} B", file.Generated, () => guest.SubmitMultipartAsync(guestForm, "main form", new Dictionary<string, string>
            {
                ["Guest.FirstName"] = "Camille", ["Guest.LastName"] = "Durand", ["Guest.Email"] = "camille@example.org",
                ["Input.Subject"] = "Printer on fire", ["Input.Description"] = "Smoke.",
            }, [file]));
            Assert.Equal(HttpStatusCode.OK, sent.StatusCode);
            var guestPage = await PageClient.ParseAsync(sent);
            AssertFileRefused(guestPage, "Input.Subject", "Printer on fire", tooBig);
            Assert.Equal("camille@example.org", guestPage.QuerySelector("input[name='Guest.Email']")?.GetAttribute("value"));

            file = Files.Generated("capture.pcap", length);
            var request = await alice.GetAsync("/requests/1001");
            sent = await TimedAsync($"customer reply, {length} B", file.Generated, () => alice.SubmitMultipartAsync(request, ReplyForm,
                new Dictionary<string, string> { ["Reply.Body"] = "Here is the capture." }, [file]));
            Assert.Equal(HttpStatusCode.OK, sent.StatusCode);
            AssertFileRefused(await PageClient.ParseAsync(sent), "Reply.Body", "Here is the capture.", tooBig);

            file = Files.Generated("capture.pcap", length);
            var ticket = await agent.GetAsync("/agent/tickets/1001");
            sent = await TimedAsync($"agent reply, {length} B", file.Generated, () => agent.SubmitMultipartAsync(ticket, ReplyForm,
                new Dictionary<string, string> { ["Reply.Body"] = "Please send a smaller one." }, [file]));
            Assert.Equal(HttpStatusCode.OK, sent.StatusCode);
            AssertFileRefused(await PageClient.ParseAsync(sent), "Reply.Body", "Please send a smaller one.", tooBig);
        }
        Assert.Equal(0, await app.WithDbAsync(d => d.Set<HeldRequest>().CountAsync()));
        await AssertNothingStoredAsync(app, tickets: 1);
    }

    [Theory, Databases]
    public async Task A_form_beyond_what_is_read_through_gets_an_error_page_in_the_persons_language(Db db)
    {
        await using var app = await GuichetApp.StartAsync(db, new Dictionary<string, string?>(SmallLimits)
        {
            ["Guichet:Attachments:MaxOversizeRequestBytes"] = "4000000",
        }, onKestrel: true);
        await app.CreateUserAsync("lea@example.org");
        using var lea = await app.SignInAsync("lea@example.org");
        lea.Http.DefaultRequestHeaders.AcceptLanguage.Add(new StringWithQualityHeaderValue("fr"));

        // A browser always says how long a form is: that is enough to answer without reading it.
        var file = Files.Generated("film.mkv", FarOver);
        var form = await lea.GetAsync("/requests/new");
        var sent = await TimedAsync("new request beyond the read-through limit", file.Generated, () =>
            lea.SubmitMultipartAsync(form, "main form", new Dictionary<string, string> { ["Input.Subject"] = "Film" }, [file]));
        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, sent.StatusCode);
        var page = await PageClient.ParseAsync(sent);
        Assert.Equal(FrenchTitle, page.QuerySelector("h1")?.TextContent.Trim());
        Assert.Contains("5 KB", page.MainText());
        await AssertNothingStoredAsync(app);
    }
}
