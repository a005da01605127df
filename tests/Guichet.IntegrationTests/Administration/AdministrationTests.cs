using System.Net;
using Guichet.IntegrationTests.Infrastructure;
using Guichet.Web.Accounts;
using Guichet.Web.Portal;
using Microsoft.EntityFrameworkCore;

namespace Guichet.IntegrationTests.Administration;

public sealed class AdministrationTests
{
    [Theory, Databases]
    public async Task Only_admins_open_the_administration_and_only_staff_the_workspace(Db db)
    {
        await using var app = await GuichetApp.StartAsync(db);
        await app.CreateUserAsync("admin@example.org", Roles.Admin);
        await app.CreateUserAsync("agent@example.org", Roles.Agent);
        await app.CreateUserAsync("customer@example.org");
        using var admin = await app.SignInAsync("admin@example.org");
        using var agent = await app.SignInAsync("agent@example.org");
        using var customer = await app.SignInAsync("customer@example.org");
        using var anonymous = new PageClient(app.NewClient());

        foreach (var url in new[] { "/admin", "/admin/organizations", "/admin/portal" })
        {
            Assert.Equal(HttpStatusCode.OK, (await admin.Http.GetAsync(url)).StatusCode);
            Assert.Equal(HttpStatusCode.Redirect, (await agent.Http.GetAsync(url)).StatusCode);
            Assert.Contains("/account/denied", (await customer.Http.GetAsync(url)).Headers.Location!.ToString());
            Assert.Contains("/account/signin", (await anonymous.Http.GetAsync(url)).Headers.Location!.ToString());
        }
        Assert.Equal(HttpStatusCode.OK, (await agent.Http.GetAsync("/agent/customers")).StatusCode);
        Assert.Contains("/account/denied", (await customer.Http.GetAsync("/agent/customers")).Headers.Location!.ToString());
        Assert.Equal(HttpStatusCode.Forbidden, (await customer.Http.GetAsync("/account/denied")).StatusCode);
    }

    [Theory, Databases]
    public async Task An_admin_creates_an_organization_with_domains_and_a_taken_domain_is_refused(Db db)
    {
        await using var app = await GuichetApp.StartAsync(db);
        await app.CreateUserAsync("admin@example.org", Roles.Admin);
        await app.CreateOrganizationAsync("Globex", "globex.example");
        using var admin = await app.SignInAsync("admin@example.org");

        var list = await admin.GetAsync("/admin/organizations");
        var refused = await PageClient.ParseAsync(await admin.SubmitAsync(list, "main form", new Dictionary<string, string>
        {
            ["Input.Name"] = "Acme Industries",
            ["Input.Domains"] = "acme.example, GLOBEX.example",
        }));
        Assert.Equal("The domain globex.example belongs to another organization.", refused.FieldError("Input.Domains"));
        Assert.Equal("Acme Industries", refused.QuerySelector("#Input_Name")?.GetAttribute("value"));

        var edit = await admin.SubmitAndFollowAsync(refused, "main form", new Dictionary<string, string>
        {
            ["Input.Domains"] = "acme.example; acme-corp.example",
        });
        Assert.Contains("Acme Industries", edit.QuerySelector("h1")?.TextContent);
        var domains = await app.WithDbAsync(d => d.OrganizationDomains.Where(x => x.Domain.StartsWith("acme")).Select(x => x.Domain).OrderBy(x => x).ToListAsync());
        Assert.Equal(["acme-corp.example", "acme.example"], domains);

        var saved = await admin.SubmitAndFollowAsync(edit, "main form", new Dictionary<string, string>
        {
            ["Input.MembersSeeEachOthersRequests"] = "true",
        });
        Assert.Contains("The organization was saved.", saved.MainText());
        Assert.True(await app.WithDbAsync(d => d.Organizations.Where(o => o.Name == "Acme Industries").Select(o => o.MembersSeeEachOthersRequests).SingleAsync()));
    }

    [Theory, Databases]
    public async Task An_admin_chooses_who_may_sign_up(Db db)
    {
        await using var app = await GuichetApp.StartAsync(db);
        await app.CreateUserAsync("admin@example.org", Roles.Admin);
        using var admin = await app.SignInAsync("admin@example.org");

        var page = await admin.GetAsync("/admin/portal");
        await admin.SubmitAndFollowAsync(page, "main form", new Dictionary<string, string> { ["SignUpPolicy"] = "InvitationOnly" });

        Assert.Equal(SignUpPolicy.InvitationOnly, await app.WithDbAsync(d => d.PortalSettings.Select(s => s.SignUpPolicy).SingleAsync()));
        using var visitor = new PageClient(app.NewClient());
        Assert.Null((await visitor.GetAsync("/account/signup")).QuerySelector("main form"));
    }

    [Theory, Databases]
    public async Task An_invited_contact_opens_their_account_from_the_mail_and_joins_the_organization_as_manager(Db db)
    {
        await using var app = await GuichetApp.StartAsync(db);
        await app.SetSignUpPolicyAsync(SignUpPolicy.InvitationOnly);
        await app.CreateUserAsync("agent@example.org", Roles.Agent, "Agnes", "Agent");
        var initech = await app.CreateOrganizationAsync("Initech");
        using var agent = await app.SignInAsync("agent@example.org");

        var form = await agent.GetAsync($"/agent/customers/invite?organization={initech.Id}");
        await agent.SubmitAndFollowAsync(form, "main form", new Dictionary<string, string>
        {
            ["Input.FirstName"] = "Peter",
            ["Input.LastName"] = "Gibbons",
            ["Input.Email"] = "peter@initech.example",
            ["Input.AsManager"] = "true",
            ["Input.Culture"] = "de",
        });

        var mail = await app.WaitForMailAsync("peter@initech.example");
        Assert.Contains("Agnes Agent", mail.Subject);
        Assert.Contains("Initech", mail.TextBody);
        using var peter = new PageClient(app.NewClient());
        var home = await peter.SubmitAndFollowAsync(await peter.GetAsync(mail.LinkTo("/account/verify")), "main form",
            new Dictionary<string, string> { ["Input.Password"] = "invited and welcome", ["Input.ConfirmPassword"] = "invited and welcome" });

        Assert.Equal("de", home.DocumentElement.GetAttribute("lang"));
        Assert.Contains("Initech", home.QuerySelector(".organization")?.TextContent);
        Assert.True(await app.WithDbAsync(d => d.OrganizationMemberships.AnyAsync(m => m.OrganizationId == initech.Id && m.IsManager)));
        Assert.NotNull(await app.WithDbAsync(d => d.Invitations.Select(i => i.AcceptedAt).SingleAsync()));

        var customers = await agent.GetAsync("/agent/customers?q=gibbons");
        Assert.Contains("peter@initech.example", customers.MainText());
    }
}
