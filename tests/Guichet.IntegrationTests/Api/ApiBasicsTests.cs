using System.Net;
using System.Net.Http.Headers;
using Guichet.IntegrationTests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace Guichet.IntegrationTests.Api;

public sealed class ApiBasicsTests
{
    [Theory, Databases]
    public async Task Problems_speak_French_to_whoever_asks_in_French(Db db)
    {
        await using var app = await GuichetApp.StartAsync(db);
        await app.CreateWorldAsync();
        var alice = await app.ApiClientAsync("alice@acme.test");
        alice.DefaultRequestHeaders.AcceptLanguage.Add(new StringWithQualityHeaderValue("fr-FR"));
        var anonymous = app.NewClient();
        anonymous.DefaultRequestHeaders.AcceptLanguage.Add(new StringWithQualityHeaderValue("fr"));

        Assert.Equal("Introuvable", (await (await alice.GetAsync("/api/v1/tickets/424242")).ProblemAsync(HttpStatusCode.NotFound)).GetProperty("title").GetString());
        Assert.Equal("Connexion requise", (await (await anonymous.GetAsync("/api/v1/me")).ProblemAsync(HttpStatusCode.Unauthorized)).GetProperty("title").GetString());
        var invalid = await (await alice.GetAsync("/api/v1/tickets?limit=0")).ProblemAsync(HttpStatusCode.BadRequest);
        Assert.Equal("Certains champs ne sont pas valides.", invalid.GetProperty("title").GetString());
        Assert.Equal("Saisissez un nombre entre 1 et 200.", invalid.GetProperty("errors").GetProperty("limit")[0].GetString());
    }

    [Theory, Databases]
    public async Task The_users_own_language_wins_over_the_browsers(Db db)
    {
        await using var app = await GuichetApp.StartAsync(db);
        var world = await app.CreateWorldAsync();
        await app.WithDbAsync(d => d.Users.Where(u => u.Id == world.Alice.Id).ExecuteUpdateAsync(s => s.SetProperty(u => u.Culture, "de")));
        var alice = await app.ApiClientAsync("alice@acme.test");
        alice.DefaultRequestHeaders.AcceptLanguage.Add(new StringWithQualityHeaderValue("fr"));
        var number = await alice.OpenTicketAsync(await app.FirstTypeIdAsync(), "Sprache");

        var ticket = await (await alice.GetAsync($"/api/v1/tickets/{number}")).JsonAsync();
        Assert.Equal("Neu", ticket.GetProperty("status").GetProperty("name").GetString());
        Assert.Equal("Frage / Unterstützung", ticket.GetProperty("type").GetProperty("name").GetString());
    }

    [Theory, Databases]
    public async Task Unknown_API_addresses_and_methods_are_problems_not_pages(Db db)
    {
        await using var app = await GuichetApp.StartAsync(db);
        await app.CreateUserAsync("someone@example.org");
        var client = await app.ApiClientAsync("someone@example.org");

        await (await client.GetAsync("/api/v1/nothing-here")).ProblemAsync(HttpStatusCode.NotFound);
        await (await client.PutAsync("/api/v1/me", null)).ProblemAsync(HttpStatusCode.MethodNotAllowed);
        await (await client.PostAsync("/api/v1/tickets/1/messages", new StringContent("{not json", System.Text.Encoding.UTF8, "application/json"))).ProblemAsync(HttpStatusCode.BadRequest);
    }

    [Theory, Databases]
    public async Task The_OpenAPI_document_lists_the_paths_and_the_bearer_scheme(Db db)
    {
        await using var app = await GuichetApp.StartAsync(db);
        var client = app.NewClient();

        var document = await (await client.GetAsync("/openapi/v1.json")).JsonAsync();
        var paths = document.GetProperty("paths").EnumerateObject().Select(p => p.Name).ToList();
        Assert.Contains("/api/v1/auth/token", paths);
        Assert.Contains("/api/v1/me", paths);
        Assert.Contains("/api/v1/tickets", paths);
        Assert.Contains("/api/v1/tickets/{number}", paths);
        Assert.Contains("/api/v1/tickets/{number}/messages", paths);
        Assert.Contains("/api/v1/tickets/{number}/attachments/{id}", paths);
        Assert.DoesNotContain(paths, p => !p.StartsWith("/api/v1/", StringComparison.Ordinal));
        Assert.Equal("bearer", document.GetProperty("components").GetProperty("securitySchemes").GetProperty("Bearer").GetProperty("scheme").GetString());
        Assert.True(document.GetProperty("paths").GetProperty("/api/v1/me").GetProperty("get").TryGetProperty("security", out _));
        Assert.False(document.GetProperty("paths").GetProperty("/api/v1/auth/token").GetProperty("post").TryGetProperty("security", out _));

        var reference = await client.GetAsync("/api/docs/");
        Assert.Equal(HttpStatusCode.OK, reference.StatusCode);
        Assert.Equal("text/html", reference.Content.Headers.ContentType?.MediaType);
        Assert.Contains("'unsafe-inline'", reference.Headers.GetValues("Content-Security-Policy").Single());
        var page = await client.GetAsync("/account/signin");
        Assert.DoesNotContain("unsafe-inline", page.Headers.GetValues("Content-Security-Policy").Single());
    }
}
