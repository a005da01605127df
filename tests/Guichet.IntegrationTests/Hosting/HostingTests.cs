using System.Net;
using Guichet.IntegrationTests.Infrastructure;
using Guichet.Web.Accounts;
using Guichet.Web.Demo;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Guichet.IntegrationTests.Hosting;

public sealed class HostingTests
{
    [Theory, Databases]
    public async Task Pages_carry_the_security_headers_and_safe_cookies(Db db)
    {
        await using var app = await GuichetApp.StartAsync(db);
        var response = await app.NewClient().GetAsync("/account/signin");

        var csp = response.Headers.GetValues("Content-Security-Policy").Single();
        Assert.Contains("script-src 'self'", csp);
        Assert.DoesNotContain("unsafe-inline", csp);
        Assert.Contains("frame-ancestors 'none'", csp);
        Assert.Equal("nosniff", response.Headers.GetValues("X-Content-Type-Options").Single());
        var antiforgeryCookie = response.Headers.GetValues("Set-Cookie").Single(c => c.StartsWith("guichet.csrf", StringComparison.Ordinal));
        Assert.Contains("httponly", antiforgeryCookie, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("samesite=strict", antiforgeryCookie, StringComparison.OrdinalIgnoreCase);
    }

    [Theory, Databases]
    public async Task An_unknown_host_name_is_refused_when_allowed_hosts_are_configured(Db db)
    {
        await using var app = await GuichetApp.StartAsync(db, new Dictionary<string, string?> { ["AllowedHosts"] = "guichet.test" });
        var client = app.NewClient();
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/healthz")).StatusCode);
        client.DefaultRequestHeaders.Host = "other.example";
        Assert.Equal(HttpStatusCode.BadRequest, (await client.GetAsync("/healthz")).StatusCode);
    }

    [Theory, Databases]
    public async Task Demo_data_loads_twice_without_duplicates_and_its_people_can_sign_in(Db db)
    {
        await using var app = await GuichetApp.StartAsync(db);
        await app.Services.LoadDemoDataAsync();
        await app.Services.LoadDemoDataAsync();

        Assert.Equal(3, await app.WithDbAsync(d => d.Organizations.CountAsync()));
        Assert.Equal(12, await app.WithDbAsync(d => d.Users.CountAsync()));
        Assert.Equal(3, await app.WithDbAsync(d => d.OrganizationMemberships.CountAsync(m => m.IsManager)));
        using var alice = await app.SignInAsync("alice@acme.example", DemoData.Password);
        Assert.Contains("Acme Industries", (await alice.GetAsync("/")).QuerySelector(".organization")?.TextContent);
        using var admin = await app.SignInAsync("admin@guichet.example", DemoData.Password);
        Assert.Equal(HttpStatusCode.OK, (await admin.Http.GetAsync("/admin")).StatusCode);
    }

    [Theory, Databases]
    public async Task The_first_admin_made_without_a_password_gets_a_mail_to_choose_one(Db db)
    {
        await using var app = await GuichetApp.StartAsync(db);
        var result = await app.WithScopeAsync(sp => sp.GetRequiredService<AdminAccounts>().CreateAsync("first@example.org", "First Admin", null, CancellationToken.None));
        Assert.True(result.Succeeded);

        var mail = await app.WaitForMailAsync("first@example.org", "reset code");
        using var client = new PageClient(app.NewClient());
        await client.SubmitAndFollowAsync(await client.GetAsync(mail.LinkTo("/account/reset")), "main form", new Dictionary<string, string>
        {
            ["Reset.NewPassword"] = "the first admin password",
            ["Reset.ConfirmPassword"] = "the first admin password",
        });
        Assert.Equal(HttpStatusCode.OK, (await client.Http.GetAsync("/admin")).StatusCode);
        var user = await app.WithScopeAsync(async sp => await sp.GetRequiredService<UserManager<User>>().FindByEmailAsync("first@example.org"));
        Assert.Equal("Admin", user!.LastName);
    }
}
