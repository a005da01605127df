using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using Guichet.IntegrationTests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace Guichet.IntegrationTests.Api;

public sealed class TokenTests
{
    [Theory, Databases]
    public async Task A_token_from_email_and_password_opens_the_API(Db db)
    {
        await using var app = await GuichetApp.StartAsync(db);
        await app.CreateUserAsync("script@example.org", first: "Sam", last: "Script");

        var response = await app.RequestTokenAsync("script@example.org");
        var body = await response.JsonAsync();
        var token = body.GetProperty("token").GetString()!;
        Assert.StartsWith("gch_", token);
        Assert.Equal(app.Time.GetUtcNow().AddDays(90), body.GetProperty("expiresAt").GetDateTimeOffset());

        var client = app.NewClient();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        var me = await (await client.GetAsync("/api/v1/me")).JsonAsync();
        Assert.Equal("script@example.org", me.GetProperty("email").GetString());
        Assert.Equal("Sam", me.GetProperty("firstName").GetString());
        // Only a hash is stored.
        Assert.False(await app.WithDbAsync(d => d.PersonalAccessTokens.AnyAsync(t => t.TokenHash == token)));
    }

    [Theory, Databases]
    public async Task A_wrong_password_and_an_unknown_address_get_the_same_401(Db db)
    {
        await using var app = await GuichetApp.StartAsync(db);
        await app.CreateUserAsync("known@example.org");

        var wrong = await (await app.RequestTokenAsync("known@example.org", "not the password")).ProblemAsync(HttpStatusCode.Unauthorized);
        var unknown = await (await app.RequestTokenAsync("nobody@example.org", "not the password")).ProblemAsync(HttpStatusCode.Unauthorized);

        Assert.Equal(wrong.GetProperty("title").GetString(), unknown.GetProperty("title").GetString());
        Assert.Equal(wrong.GetProperty("detail").GetString(), unknown.GetProperty("detail").GetString());
    }

    [Theory, Databases]
    public async Task Five_failed_attempts_lock_the_account_even_against_the_right_password(Db db)
    {
        await using var app = await GuichetApp.StartAsync(db);
        await app.CreateUserAsync("target@example.org");

        for (var i = 0; i < 5; i++) await app.RequestTokenAsync("target@example.org", $"guess number {i}");
        var locked = await app.RequestTokenAsync("target@example.org");

        await locked.ProblemAsync(HttpStatusCode.Unauthorized);
        Assert.False(await app.WithDbAsync(d => d.PersonalAccessTokens.AnyAsync()));
    }

    [Theory, Databases]
    public async Task Token_requests_are_rate_limited_with_a_problem(Db db)
    {
        await using var app = await GuichetApp.StartAsync(db, new Dictionary<string, string?> { ["Guichet:Accounts:AccountPermitsPerMinute"] = "2" });

        for (var i = 0; i < 2; i++) await app.RequestTokenAsync("someone@example.org", "guess");
        var refused = await (await app.RequestTokenAsync("someone@example.org", "guess")).ProblemAsync(HttpStatusCode.TooManyRequests);

        Assert.Equal("Too many attempts", refused.GetProperty("title").GetString());
    }

    [Theory, Databases]
    public async Task A_revoked_or_expired_token_gets_401_and_a_missing_one_too(Db db)
    {
        await using var app = await GuichetApp.StartAsync(db);
        await app.CreateUserAsync("leaving@example.org");
        var revoked = await app.ApiClientAsync("leaving@example.org");
        var expiring = await app.ApiClientAsync("leaving@example.org");
        Assert.Equal(HttpStatusCode.OK, (await revoked.GetAsync("/api/v1/me")).StatusCode);

        Assert.Equal(HttpStatusCode.NoContent, (await revoked.DeleteAsync("/api/v1/auth/token")).StatusCode);
        var afterRevoke = await revoked.GetAsync("/api/v1/me");
        await afterRevoke.ProblemAsync(HttpStatusCode.Unauthorized);
        Assert.Contains("invalid_token", afterRevoke.Headers.WwwAuthenticate.ToString());

        app.Time.Advance(TimeSpan.FromDays(91));
        await (await expiring.GetAsync("/api/v1/me")).ProblemAsync(HttpStatusCode.Unauthorized);
        await (await app.NewClient().GetAsync("/api/v1/tickets")).ProblemAsync(HttpStatusCode.Unauthorized);
    }

    [Theory, Databases]
    public async Task The_session_cookie_does_not_open_the_API(Db db)
    {
        await using var app = await GuichetApp.StartAsync(db);
        await app.CreateUserAsync("browser@example.org");
        using var browser = await app.SignInAsync("browser@example.org");

        await (await browser.Http.GetAsync("/api/v1/me")).ProblemAsync(HttpStatusCode.Unauthorized);
    }

    [Theory, Databases]
    public async Task Tokens_are_made_once_shown_listed_and_revoked_on_the_profile(Db db)
    {
        await using var app = await GuichetApp.StartAsync(db);
        await app.CreateUserAsync("owner@example.org");
        using var browser = await app.SignInAsync("owner@example.org");

        var profile = await browser.GetAsync("/account/profile");
        Assert.NotNull(profile.QuerySelector("a[href='/account/tokens']"));
        var page = await browser.GetAsync("/account/tokens");
        var created = await browser.SubmitAndFollowAsync(page, "form[action*='handler=Create']", new Dictionary<string, string>
        {
            ["Input.Name"] = "Nightly export",
            ["Input.ExpiresInDays"] = "30",
        });
        var secret = created.QuerySelector("#new-token")?.TextContent;
        Assert.StartsWith("gch_", secret);
        Assert.Contains("Nightly export", created.QuerySelector("table")!.TextContent);

        var api = app.NewClient();
        api.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", secret);
        Assert.Equal(HttpStatusCode.OK, (await api.GetAsync("/api/v1/me")).StatusCode);

        var listed = await browser.GetAsync("/account/tokens");
        Assert.Null(listed.QuerySelector("#new-token"));
        var afterRevoke = await browser.SubmitAndFollowAsync(listed, "form[action*='handler=Revoke']");
        Assert.Contains("The token was revoked.", afterRevoke.Body!.TextContent);
        await (await api.GetAsync("/api/v1/me")).ProblemAsync(HttpStatusCode.Unauthorized);
    }

    [Theory, Databases]
    public async Task Me_tells_the_organizations_and_roles(Db db)
    {
        await using var app = await GuichetApp.StartAsync(db);
        var world = await app.CreateWorldAsync();

        var manager = await (await (await app.ApiClientAsync("manager@acme.test")).GetAsync("/api/v1/me")).JsonAsync();
        var agent = await (await (await app.ApiClientAsync("agent@support.test")).GetAsync("/api/v1/me")).JsonAsync();

        Assert.Equal(world.Manager.Id, manager.GetProperty("id").GetGuid());
        var organization = Assert.Single(manager.GetProperty("organizations").EnumerateArray());
        Assert.Equal("Acme", organization.GetProperty("name").GetString());
        Assert.True(organization.GetProperty("isManager").GetBoolean());
        Assert.Empty(manager.GetProperty("roles").EnumerateArray());
        Assert.Equal(["agent"], agent.GetProperty("roles").EnumerateArray().Select(r => r.GetString()));
    }
}
