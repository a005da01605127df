using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Guichet.IntegrationTests.Attachments;
using Guichet.IntegrationTests.Infrastructure;
using Guichet.IntegrationTests.KnowledgeBase;
using Guichet.Web.KnowledgeBase;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Guichet.IntegrationTests.Api;

/// <summary>/api/v1/kb: the knowledge base through the API, under the portal's reading rule (docs/api.md, "Knowledge base").</summary>
public sealed class KbApiTests
{
    private sealed record Library(GuichetApp App, HttpClient Alice, HttpClient Bob, HttpClient Agent, int Section, int Open, int AcmeOnly, int Internal, int Draft);

    /// <summary>Alice (Acme), Bob (Globex) and an agent; one section with a public article, one for Acme, one internal and a draft.</summary>
    private static async Task<Library> StartAsync(Db db)
    {
        var app = await GuichetApp.StartAsync(db);
        await app.CreateWorldAsync();
        var acme = await app.WithDbAsync(d => d.Organizations.Where(o => o.Name == "Acme").Select(o => o.Id).SingleAsync());
        var editor = await app.EditorAsync();
        var section = await app.SectionAsync("Network", "VPN");
        var open = await app.ArticleAsync(editor, section, "Connect to the VPN", "Open the **VPN client** and sign in.");
        var acmeOnly = await app.ArticleAsync(editor, section, "The VPN at Acme", "Acme's VPN gateway.", visibility: KbVisibility.Organizations, organizations: [acme]);
        var internalOnly = await app.ArticleAsync(editor, section, "VPN known issues", "The gateway restarts at night.", visibility: KbVisibility.Internal);
        var draft = await app.ArticleAsync(editor, section, "VPN draft", "Not yet.", publish: false);
        return new Library(app, await app.ApiClientAsync("alice@acme.test"), await app.ApiClientAsync("bob@globex.test"),
            await app.ApiClientAsync("agent@support.test"), section, open, acmeOnly, internalOnly, draft);
    }

    [Theory, Databases]
    public async Task Each_caller_reads_what_the_portal_shows_them_and_nothing_else(Db db)
    {
        var kb = await StartAsync(db);
        await using var app = kb.App;

        var categories = await (await kb.Bob.GetAsync("/api/v1/kb/categories")).JsonAsync();
        Assert.Equal("Network", categories[0].GetProperty("name").GetString());
        Assert.Equal(("VPN", 1), (categories[0].GetProperty("sections")[0].GetProperty("name").GetString(), categories[0].GetProperty("sections")[0].GetProperty("articles").GetInt32()));
        Assert.Equal(2, (await (await kb.Alice.GetAsync("/api/v1/kb/categories")).JsonAsync())[0].GetProperty("sections")[0].GetProperty("articles").GetInt32());
        Assert.Equal(3, (await (await kb.Agent.GetAsync("/api/v1/kb/categories")).JsonAsync())[0].GetProperty("sections")[0].GetProperty("articles").GetInt32());

        var section = await (await kb.Alice.GetAsync($"/api/v1/kb/sections/{kb.Section}")).JsonAsync();
        Assert.Equal("Network", section.GetProperty("category").GetProperty("name").GetString());
        Assert.Equal([kb.Open, kb.AcmeOnly], Ids(section.GetProperty("articles")));
        Assert.Equal([kb.Open], Ids((await (await kb.Bob.GetAsync($"/api/v1/kb/articles?section={kb.Section}")).JsonAsync()).GetProperty("items")));
        Assert.Equal([kb.Open, kb.AcmeOnly, kb.Internal], Ids((await (await kb.Agent.GetAsync("/api/v1/kb/articles")).JsonAsync()).GetProperty("items")));

        var article = await (await kb.Alice.GetAsync($"/api/v1/kb/articles/{kb.AcmeOnly}")).JsonAsync();
        Assert.Equal("The VPN at Acme", article.GetProperty("title").GetString());
        Assert.Equal("VPN", article.GetProperty("section").GetProperty("name").GetString());
        Assert.Equal($"/kb/articles/{kb.AcmeOnly}-the-vpn-at-acme", article.GetProperty("url").GetString());
        Assert.Equal([kb.Open], Ids(article.GetProperty("related")));
        Assert.Contains("<strong>VPN client</strong>", (await (await kb.Bob.GetAsync($"/api/v1/kb/articles/{kb.Open}")).JsonAsync()).GetProperty("bodyHtml").GetString());
        await (await kb.Bob.GetAsync($"/api/v1/kb/articles/{kb.AcmeOnly}")).ProblemAsync(HttpStatusCode.NotFound);
        await (await kb.Alice.GetAsync($"/api/v1/kb/articles/{kb.Internal}")).ProblemAsync(HttpStatusCode.NotFound);
        await (await kb.Agent.GetAsync($"/api/v1/kb/articles/{kb.Draft}")).ProblemAsync(HttpStatusCode.NotFound);
        Assert.Equal(HttpStatusCode.OK, (await kb.Agent.GetAsync($"/api/v1/kb/articles/{kb.Internal}")).StatusCode);

        Assert.Equal([kb.Open], Ids(await (await kb.Bob.GetAsync("/api/v1/kb/articles/search?q=vpn")).JsonAsync()).Order());
        Assert.Equal([kb.Open, kb.AcmeOnly], Ids(await (await kb.Alice.GetAsync("/api/v1/kb/articles/search?q=vpn")).JsonAsync()).Order());
        var hit = (await (await kb.Agent.GetAsync("/api/v1/kb/articles/search?q=gateway")).JsonAsync()).EnumerateArray().ToList();
        Assert.Equal([kb.AcmeOnly, kb.Internal], hit.Select(h => h.GetProperty("id").GetInt32()).Order());
        Assert.Contains("<mark>gateway</mark>", hit[0].GetProperty("excerptHtml").GetString());
        Assert.Equal([kb.Open], Ids(await (await kb.Bob.GetAsync("/api/v1/kb/suggestions?q=connect+to+the+vp")).JsonAsync()));
        Assert.Empty(Ids(await (await kb.Bob.GetAsync("/api/v1/kb/suggestions?q=acme")).JsonAsync()));

        // A section with nothing the caller may read is not found either.
        var other = await app.SectionAsync("Secrets", "Internal only");
        await app.ArticleAsync(await app.EditorAsync("editor2@example.org"), other, "Escalations", "Call the boss.", visibility: KbVisibility.Internal);
        await (await kb.Alice.GetAsync($"/api/v1/kb/sections/{other}")).ProblemAsync(HttpStatusCode.NotFound);
        Assert.Equal(HttpStatusCode.OK, (await kb.Agent.GetAsync($"/api/v1/kb/sections/{other}")).StatusCode);
        await (await kb.Agent.GetAsync("/api/v1/kb/sections/424242")).ProblemAsync(HttpStatusCode.NotFound);

        Assert.Equal(HttpStatusCode.Unauthorized, (await app.NewClient().GetAsync("/api/v1/kb/articles")).StatusCode);
    }

    [Theory, Databases]
    public async Task Articles_come_in_the_language_asked_for_else_the_callers_else_their_source_language(Db db)
    {
        var kb = await StartAsync(db);
        await using var app = kb.App;
        var editor = await app.EditorAsync("translator@example.org");
        await app.TranslateAsync(editor, kb.Open, "fr", "Se connecter au VPN", "Ouvrez le **client VPN**.");

        var french = await (await kb.Bob.GetAsync($"/api/v1/kb/articles/{kb.Open}?lang=fr")).JsonAsync();
        Assert.Equal(("Se connecter au VPN", "fr", false), (french.GetProperty("title").GetString(), french.GetProperty("language").GetString(), french.GetProperty("isFallback").GetBoolean()));
        Assert.Equal("en fr", string.Join(" ", french.GetProperty("languages").EnumerateArray().Select(l => l.GetString())));
        var german = await (await kb.Bob.GetAsync($"/api/v1/kb/articles/{kb.Open}?lang=de")).JsonAsync();
        Assert.Equal(("Connect to the VPN", "en", true), (german.GetProperty("title").GetString(), german.GetProperty("language").GetString(), german.GetProperty("isFallback").GetBoolean()));

        // Without lang: the caller's browser (no language chosen in their profile).
        var request = new HttpRequestMessage(HttpMethod.Get, "/api/v1/kb/articles/search?q=connecter") { Headers = { { "Accept-Language", "fr-FR" } } };
        var hits = await (await kb.Bob.SendAsync(request)).JsonAsync();
        Assert.Equal(("Se connecter au VPN", "fr"), (hits[0].GetProperty("title").GetString(), hits[0].GetProperty("language").GetString()));
        Assert.Equal("Se connecter au VPN", (await (await kb.Bob.GetAsync($"/api/v1/kb/sections/{kb.Section}?lang=fr")).JsonAsync()).GetProperty("articles")[0].GetProperty("title").GetString());

        var refused = await (await kb.Bob.GetAsync($"/api/v1/kb/articles/{kb.Open}?lang=nl")).ProblemAsync(HttpStatusCode.BadRequest);
        Assert.True(refused.GetProperty("errors").TryGetProperty("lang", out _));
    }

    [Theory, Databases]
    public async Task The_list_comes_a_page_at_a_time_and_a_search_needs_words(Db db)
    {
        var kb = await StartAsync(db);
        await using var app = kb.App;

        var first = await (await kb.Agent.GetAsync("/api/v1/kb/articles?limit=2")).JsonAsync();
        Assert.Equal([kb.Open, kb.AcmeOnly], Ids(first.GetProperty("items")));
        var next = first.GetProperty("nextCursor").GetString();
        var second = await (await kb.Agent.GetAsync($"/api/v1/kb/articles?limit=2&cursor={next}")).JsonAsync();
        Assert.Equal([kb.Internal], Ids(second.GetProperty("items")));
        Assert.Equal(JsonValueKind.Null, second.GetProperty("nextCursor").ValueKind);

        var errors = (await (await kb.Agent.GetAsync("/api/v1/kb/articles?limit=0&cursor=abc")).ProblemAsync(HttpStatusCode.BadRequest)).GetProperty("errors");
        Assert.True(errors.TryGetProperty("limit", out _) && errors.TryGetProperty("cursor", out _));
        Assert.True((await (await kb.Agent.GetAsync("/api/v1/kb/articles/search?q=+")).ProblemAsync(HttpStatusCode.BadRequest)).GetProperty("errors").TryGetProperty("q", out _));
        Assert.Empty((await (await kb.Agent.GetAsync("/api/v1/kb/suggestions?q=")).JsonAsync()).EnumerateArray());
    }

    [Theory, Databases]
    public async Task A_vote_is_one_per_person_changeable_and_withdrawn_only_on_what_they_may_read(Db db)
    {
        var kb = await StartAsync(db);
        await using var app = kb.App;
        var url = $"/api/v1/kb/articles/{kb.AcmeOnly}/vote";

        var no = await (await kb.Alice.PutAsJsonAsync(url, new { helpful = false, comment = "  Which port?  " })).JsonAsync();
        Assert.Equal((false, "Which port?"), (no.GetProperty("helpful").GetBoolean(), no.GetProperty("comment").GetString()));
        Assert.Equal((0, 1), await VotesAsync(app, kb.AcmeOnly));
        // Changed: still one answer; a yes keeps no comment.
        var yes = await (await kb.Alice.PutAsJsonAsync(url, new { helpful = true, comment = "Ignored" })).JsonAsync();
        Assert.Equal(JsonValueKind.Null, yes.GetProperty("comment").ValueKind);
        Assert.Equal((1, 0), await VotesAsync(app, kb.AcmeOnly));

        await (await kb.Bob.PutAsJsonAsync(url, new { helpful = false })).ProblemAsync(HttpStatusCode.NotFound);
        await (await kb.Bob.DeleteAsync(url)).ProblemAsync(HttpStatusCode.NotFound);
        Assert.True((await (await kb.Alice.PutAsJsonAsync(url, new { comment = "?" })).ProblemAsync(HttpStatusCode.BadRequest)).GetProperty("errors").TryGetProperty("helpful", out _));
        Assert.True((await (await kb.Alice.PutAsJsonAsync(url, new { helpful = false, comment = new string('x', KbVote.MaxCommentLength + 1) })).ProblemAsync(HttpStatusCode.BadRequest))
            .GetProperty("errors").TryGetProperty("comment", out _));
        Assert.Equal((1, 0), await VotesAsync(app, kb.AcmeOnly));

        Assert.Equal(HttpStatusCode.NoContent, (await kb.Alice.DeleteAsync(url)).StatusCode);
        Assert.Equal((0, 0), await VotesAsync(app, kb.AcmeOnly));
        Assert.Equal(HttpStatusCode.NoContent, (await kb.Alice.DeleteAsync(url)).StatusCode);
    }

    [Theory, Databases]
    public async Task A_token_downloads_the_files_of_the_articles_its_owner_may_read_and_no_others(Db db)
    {
        var kb = await StartAsync(db);
        await using var app = kb.App;
        var editor = await app.EditorAsync("files@example.org");
        var prices = await app.FileAsync(kb.AcmeOnly, editor, "Tarifs été.pdf", "application/pdf", Files.Pdf);
        var runbook = await app.FileAsync(kb.Internal, editor, "runbook.txt", "text/plain", "Restart the gateway."u8.ToArray());
        var draft = await app.FileAsync(kb.Draft, editor, "draft.png", "image/png", Files.Png);

        var file = (await (await kb.Alice.GetAsync($"/api/v1/kb/articles/{kb.AcmeOnly}")).JsonAsync()).GetProperty("files").EnumerateArray().Single();
        var url = file.GetProperty("downloadUrl").GetString()!;
        Assert.Equal($"/api/v1/kb/articles/{kb.AcmeOnly}/files/{prices.Id}", url);
        Assert.Equal(prices.Url, file.GetProperty("url").GetString());

        var download = await kb.Alice.GetAsync(url);
        Assert.Equal(HttpStatusCode.OK, download.StatusCode);
        Assert.Equal(Files.Pdf, await download.Content.ReadAsByteArrayAsync());
        Assert.Equal("application/pdf", download.Content.Headers.ContentType?.MediaType);
        Assert.Equal("attachment", download.Content.Headers.ContentDisposition?.DispositionType);
        Assert.Equal("Tarifs été.pdf", download.Content.Headers.ContentDisposition?.FileNameStar);
        Assert.Equal("nosniff", download.Headers.GetValues("X-Content-Type-Options").Single());

        // Someone who may not read the article, a file under another article's address, a draft's file, a file that does
        // not exist: the same 404.
        await (await kb.Bob.GetAsync(url)).ProblemAsync(HttpStatusCode.NotFound);
        await (await kb.Alice.GetAsync($"/api/v1/kb/articles/{kb.Open}/files/{prices.Id}")).ProblemAsync(HttpStatusCode.NotFound);
        await (await kb.Agent.GetAsync($"/api/v1/kb/articles/{kb.Draft}/files/{draft.Id}")).ProblemAsync(HttpStatusCode.NotFound);
        await (await kb.Alice.GetAsync($"/api/v1/kb/articles/{kb.AcmeOnly}/files/{Guid.NewGuid()}")).ProblemAsync(HttpStatusCode.NotFound);
        var internalFile = $"/api/v1/kb/articles/{kb.Internal}/files/{runbook.Id}";
        await (await kb.Alice.GetAsync(internalFile)).ProblemAsync(HttpStatusCode.NotFound);
        Assert.Equal("Restart the gateway.", await (await kb.Agent.GetAsync(internalFile)).Content.ReadAsStringAsync());
        Assert.Equal(HttpStatusCode.Unauthorized, (await app.NewClient().GetAsync(url)).StatusCode);
    }

    private static List<int> Ids(JsonElement items) => items.EnumerateArray().Select(i => i.GetProperty("id").GetInt32()).ToList();

    private static Task<(int Helpful, int NotHelpful)> VotesAsync(GuichetApp app, int article) =>
        app.WithScopeAsync(async sp =>
        {
            var feedback = await sp.GetRequiredService<KbVotes>().FeedbackAsync(article, default);
            return (feedback.Helpful, feedback.NotHelpful);
        });
}
