using System.Net;
using Guichet.IntegrationTests.Infrastructure;
using Guichet.Web.Accounts;

namespace Guichet.IntegrationTests.Hosting;

/// <summary>
/// A client (or a careless proxy) names the host: in <c>Host</c> or in <c>X-Forwarded-Host</c>.
/// Behind a shared cache, a redirect built from it would send everyone to that host. Here
/// <c>AllowedHosts</c> is <c>*</c> (as <see cref="GuichetApp"/> sets it), so the forged requests
/// reach the pages; every <c>Location</c> must stay on this site whatever they named.
/// </summary>
public sealed class ForgedHostTests
{
    private const string Evil = "evil.example";

    /// <summary>A fresh browser whose every request names <see cref="Evil"/> in the given header.</summary>
    private static PageClient Forging(GuichetApp app, string header)
    {
        var http = app.NewClient();
        if (header == "Host") http.DefaultRequestHeaders.Host = Evil;
        else http.DefaultRequestHeaders.Add(header, Evil);
        return new PageClient(http);
    }

    private static readonly string[] Headers = ["Host", "X-Forwarded-Host"];

    /// <summary>A redirect whose Location is a path on this site ("/x", never "//x") or starts with the base URL.</summary>
    private static string AssertStaysOnSite(HttpResponseMessage response, string what)
    {
        Assert.True(response.StatusCode is HttpStatusCode.Redirect or HttpStatusCode.Found or HttpStatusCode.SeeOther,
            $"{what}: {(int)response.StatusCode} instead of a redirect");
        var location = response.Headers.Location?.OriginalString ?? "";
        var relative = location.StartsWith('/') && !location.StartsWith("//", StringComparison.Ordinal) && !location.StartsWith("/\\", StringComparison.Ordinal);
        Assert.True(relative || location.StartsWith(GuichetApp.BaseUrl + "/", StringComparison.Ordinal), $"{what}: Location {location}");
        return location;
    }

    [Theory, Databases]
    public async Task A_customer_signing_in_and_using_the_portal_under_a_forged_host_is_only_sent_to_this_site(Db db)
    {
        await using var app = await GuichetApp.StartAsync(db);
        var lea = await app.CreateUserAsync("lea@example.org");
        var ticket = await app.OpenTicketAsync(lea);

        foreach (var header in Headers)
        {
            using var client = Forging(app, header);

            var challenge = AssertStaysOnSite(await client.Http.GetAsync("/requests"), $"{header}: anonymous /requests");
            Assert.StartsWith("/account/signin?ReturnUrl=%2Frequests", challenge, StringComparison.Ordinal);
            AssertStaysOnSite(await client.Http.GetAsync("/account/profile"), $"{header}: anonymous /account/profile");
            using (var script = new HttpRequestMessage(HttpMethod.Get, "/requests"))
            {
                // A script's request is answered 401 with the sign-in address in Location, not redirected.
                script.Headers.Add("X-Requested-With", "XMLHttpRequest");
                var answer = await client.Http.SendAsync(script);
                Assert.Equal(HttpStatusCode.Unauthorized, answer.StatusCode);
                Assert.StartsWith("/account/signin?", answer.Headers.Location?.OriginalString, StringComparison.Ordinal);
            }

            var signIn = await client.GetAsync(challenge);
            var signedIn = AssertStaysOnSite(await client.SubmitAsync(signIn, "main form", new Dictionary<string, string>
            {
                ["Input.Email"] = "lea@example.org",
                ["Input.Password"] = People.Password,
            }), $"{header}: sign-in with a return address");
            Assert.Equal("/requests", signedIn);

            AssertStaysOnSite(await client.Http.GetAsync("/agent"), $"{header}: a customer on /agent");
            AssertStaysOnSite(await client.Http.GetAsync("/admin"), $"{header}: a customer on /admin");

            var details = await client.GetAsync($"/requests/{ticket.Number}");
            AssertStaysOnSite(await client.SubmitAsync(details, "form[action*='handler=Reply']", new Dictionary<string, string> { ["Reply.Body"] = "Still broken." }),
                $"{header}: a reply");

            var profile = await client.GetAsync("/account/profile");
            AssertStaysOnSite(await client.SubmitAsync(profile, "form[action*='handler=Details']"), $"{header}: the profile saved");

            var home = await client.GetAsync("/requests");
            AssertStaysOnSite(await client.SubmitAsync(home, "form.language-picker", new Dictionary<string, string> { ["culture"] = "fr" }),
                $"{header}: the language switched");

            AssertStaysOnSite(await client.SubmitAsync(await client.GetAsync("/"), "form[action='/account/signout']"), $"{header}: sign-out");
        }
    }

    [Theory, Databases]
    public async Task An_agent_under_a_forged_host_is_only_sent_to_this_site(Db db)
    {
        await using var app = await GuichetApp.StartAsync(db);
        var lea = await app.CreateUserAsync("lea@example.org");
        var agent = await app.CreateUserAsync("agent@example.org", Roles.Agent);
        await app.AddToGroupAsync(await app.SupportGroupIdAsync(), agent);
        var ticket = await app.OpenTicketAsync(lea);

        foreach (var header in Headers)
        {
            using var anonymous = Forging(app, header);
            // The API never redirects: a request without a token learns it in a 401 problem.
            var api = await anonymous.Http.GetAsync("/api/v1/tickets");
            Assert.Equal(HttpStatusCode.Unauthorized, api.StatusCode);
            Assert.Null(api.Headers.Location);
            AssertStaysOnSite(await anonymous.Http.GetAsync("/agent/tickets"), $"{header}: anonymous /agent/tickets");
            AssertStaysOnSite(await anonymous.Http.GetAsync("/admin"), $"{header}: anonymous /admin");

            using var client = await app.SignInAsync("agent@example.org");
            if (header == "Host") client.Http.DefaultRequestHeaders.Host = Evil;
            else client.Http.DefaultRequestHeaders.Add(header, Evil);

            Assert.Equal("/agent", AssertStaysOnSite(await client.Http.GetAsync("/agent/tickets"), $"{header}: /agent/tickets"));
            AssertStaysOnSite(await client.Http.GetAsync("/admin"), $"{header}: an agent on /admin");
            AssertStaysOnSite(await client.Http.GetAsync($"/requests/{ticket.Number}"), $"{header}: an agent on the portal's page of a request");

            var page = await client.GetAsync($"/agent/tickets/{ticket.Number}");
            AssertStaysOnSite(await client.SubmitAsync(page, "form[action*='handler=Reply']", new Dictionary<string, string> { ["Reply.Body"] = "Looking into it." }),
                $"{header}: an agent's reply");
        }
    }

    [Theory, Databases]
    public async Task Without_allowed_hosts_configured_only_the_base_url_and_loopback_names_are_served(Db db)
    {
        // null: the setting is not given at all, as in a fresh installation.
        await using var app = await GuichetApp.StartAsync(db, new Dictionary<string, string?> { ["AllowedHosts"] = null });

        foreach (var host in new[] { "guichet.test", "localhost", "localhost:5080", "127.0.0.1", "127.0.0.1:5080", "[::1]:5080" })
        {
            using var client = app.NewClient();
            client.DefaultRequestHeaders.Host = host;
            Assert.True(HttpStatusCode.OK == (await client.GetAsync("/healthz")).StatusCode, $"Host: {host}");
        }
        foreach (var host in new[] { Evil, "guichet.test.evil.example", "192.0.2.1" })
        {
            using var client = app.NewClient();
            client.DefaultRequestHeaders.Host = host;
            Assert.True(HttpStatusCode.BadRequest == (await client.GetAsync("/healthz")).StatusCode, $"Host: {host}");
        }
    }

    [Theory, Databases]
    public async Task Forwarded_headers_from_a_client_that_is_no_known_proxy_do_not_change_its_address(Db db)
    {
        // The account pages are limited per client address: a client naming a new address in
        // X-Forwarded-For at each attempt must not get a new allowance each time.
        await using var app = await GuichetApp.StartAsync(db, new Dictionary<string, string?> { ["Guichet:Accounts:AccountPermitsPerMinute"] = "3" });
        using var client = app.NewClient();

        var statuses = new List<HttpStatusCode>();
        for (var i = 1; i <= 4; i++)
        {
            using var request = new HttpRequestMessage(HttpMethod.Get, "/account/signin");
            request.Headers.Add("X-Forwarded-For", $"198.51.100.{i}");
            statuses.Add((await client.SendAsync(request)).StatusCode);
        }

        Assert.Equal([HttpStatusCode.OK, HttpStatusCode.OK, HttpStatusCode.OK, HttpStatusCode.TooManyRequests], statuses);
    }
}
