using System.Net;
using Guichet.IntegrationTests.Api;
using Guichet.IntegrationTests.Infrastructure;
using Guichet.Web.Accounts;
using Guichet.Web.Tickets;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Guichet.IntegrationTests.Administration;

/// <summary>The support team as admins shape it: agents (/admin/agents) and groups (/admin/groups).</summary>
public sealed class TeamAdminTests
{
    [Theory, Databases]
    public async Task An_invited_agent_chooses_a_password_and_works_the_tickets_of_their_group(Db db)
    {
        await using var app = await GuichetApp.StartAsync(db);
        await app.CreateUserAsync("admin@example.org", Roles.Admin, "Ada", "Admin");
        var customer = await app.CreateUserAsync("customer@example.org");
        using var admin = await app.SignInAsync("admin@example.org");

        var group = await admin.SubmitAndFollowAsync(await admin.GetAsync("/admin/groups"), "main form", new Dictionary<string, string> { ["Name"] = "Billing" });
        Assert.Equal("Billing", group.QuerySelector("h1")?.TextContent);
        var billing = await app.WithDbAsync(d => d.Groups.Where(g => g.Name == "Billing").Select(g => g.Id).SingleAsync());
        var refused = await PageClient.ParseAsync(await admin.SubmitAsync(await admin.GetAsync("/admin/groups"), "main form",
            new Dictionary<string, string> { ["Name"] = "BILLING" }));
        Assert.Equal("Another group is already called BILLING.", refused.FieldError("Name"));

        var invited = await admin.SubmitAndFollowAsync(await admin.GetAsync("/admin/agents"), "main form", new Dictionary<string, string>
        {
            ["Input.FirstName"] = "Noé",
            ["Input.LastName"] = "Nouveau",
            ["Input.Email"] = "noe@example.org",
            ["Input.Role"] = "Agent",
            ["Input.GroupIds"] = billing.ToString(),
            ["Input.Culture"] = "fr",
        });
        Assert.Contains("noe@example.org was invited.", invited.MainText());
        var row = invited.QuerySelectorAll("tbody tr").Single(r => r.TextContent.Contains("noe@example.org"));
        Assert.Contains("Invited", row.TextContent);
        Assert.Contains("Billing", row.TextContent);

        // The mail is in the language the admin chose for them.
        var mail = await app.WaitForMailAsync("noe@example.org", "vous invite dans l'équipe de support");
        using var noe = new PageClient(app.NewClient());
        await noe.SubmitAndFollowAsync(await noe.GetAsync(mail.LinkTo("/account/verify")), "main form", new Dictionary<string, string>
        {
            ["Input.Password"] = "a long enough passphrase",
            ["Input.ConfirmPassword"] = "a long enough passphrase",
        });
        var ticket = await app.OpenTicketAsync(customer, "Invoice is wrong");
        await app.WithDbAsync(async d =>
        {
            (await d.Tickets.SingleAsync(t => t.Number == ticket.Number)).ChangeGroup(billing, customer.Id, app.Time.GetUtcNow());
            return await d.SaveChangesAsync();
        });
        Assert.Equal(HttpStatusCode.OK, (await noe.Http.GetAsync($"/agent/tickets/{ticket.Number}")).StatusCode);

        // The same address twice is refused, and what the admin typed stays.
        var again = await PageClient.ParseAsync(await admin.SubmitAsync(await admin.GetAsync("/admin/agents"), "main form", new Dictionary<string, string>
        {
            ["Input.FirstName"] = "Noé",
            ["Input.LastName"] = "Encore",
            ["Input.Email"] = "noe@example.org",
            ["Input.Role"] = "Agent",
        }));
        Assert.Equal("noe@example.org is already in the support team.", again.FieldError("Input.Email"));
        Assert.Equal("Encore", again.QuerySelector("#Input_LastName")?.GetAttribute("value"));
    }

    [Theory, Databases]
    public async Task Deactivating_an_agent_ends_their_access_and_hands_over_the_tickets_they_still_had(Db db)
    {
        await using var app = await GuichetApp.StartAsync(db);
        var adminUser = await app.CreateUserAsync("admin@example.org", Roles.Admin);
        var leaving = await app.CreateUserAsync("leaving@example.org", Roles.Agent, "Léa", "Leaving");
        var staying = await app.CreateUserAsync("staying@example.org", Roles.Agent, "Sam", "Staying");
        var customer = await app.CreateUserAsync("customer@example.org");
        var open1 = await app.OpenTicketAsync(customer, "First");
        var open2 = await app.OpenTicketAsync(customer, "Second");
        var done = await app.OpenTicketAsync(customer, "Done long ago");
        await app.WithDbAsync(async d =>
        {
            foreach (var t in await d.Tickets.ToListAsync()) t.Assign(leaving.Id, adminUser.Id, app.Time.GetUtcNow());
            return await d.SaveChangesAsync();
        });
        await app.SetStatusAsync(done.Number, StatusCategory.Closed, adminUser.Id);
        using var session = await app.SignInAsync("leaving@example.org");
        using var api = await app.ApiClientAsync("leaving@example.org");
        Assert.Equal(HttpStatusCode.OK, (await session.Http.GetAsync($"/agent/tickets/{open1.Number}")).StatusCode);
        using var admin = await app.SignInAsync("admin@example.org");

        var page = await admin.GetAsync($"/admin/agents/{leaving.Id}");
        Assert.Contains("Tickets still to handle (2) go to", page.MainText());
        var deactivated = await admin.SubmitAndFollowAsync(page, "form[action*='handler=Deactivate']",
            new Dictionary<string, string> { ["handOverTo"] = staying.Id.ToString() });
        Assert.Contains("The account is deactivated; tickets handed over: 2.", deactivated.MainText());

        var assignees = await app.WithDbAsync(d => d.Tickets.OrderBy(t => t.Number).Select(t => t.AssigneeId).ToListAsync());
        Assert.Equal([staying.Id, staying.Id, leaving.Id], assignees);
        var handOvers = await app.WithDbAsync(d => d.TicketEvents.CountAsync(e => e.Field == "assignee" && e.After == staying.Id.ToString() && e.ActorId == adminUser.Id));
        Assert.Equal(2, handOvers);

        // At once: the workspace is closed to the session and the token is refused; refreshing the session (a change of
        // language) ends it instead; within the session check interval, it would end anyway; signing in again is refused.
        Assert.Contains("/account/denied", (await session.Http.GetAsync($"/agent/tickets/{open2.Number}")).Headers.Location!.ToString());
        Assert.Equal(HttpStatusCode.Unauthorized, (await api.GetAsync("/api/v1/me")).StatusCode);
        Assert.False(await app.WithDbAsync(d => d.PersonalAccessTokens.AnyAsync(t => t.UserId == leaving.Id && t.RevokedAt == null)));   // revoked, not only refused
        await session.SubmitAsync(await session.GetAsync("/account/profile"), "form.language-picker", new Dictionary<string, string> { ["culture"] = "fr" });
        Assert.Contains("/account/signin", (await session.Http.GetAsync("/account/profile")).Headers.Location!.ToString());
        using var visitor = new PageClient(app.NewClient());
        var signIn = await visitor.SubmitAsync(await visitor.GetAsync("/account/signin"), "main form", new Dictionary<string, string>
        {
            ["Input.Email"] = "leaving@example.org",
            ["Input.Password"] = People.Password,
        });
        Assert.Equal(HttpStatusCode.OK, signIn.StatusCode);   // the form again, with the same "no" as a wrong password
        Assert.NotEqual(HttpStatusCode.OK, (await app.RequestTokenAsync("leaving@example.org")).StatusCode);

        // A password reset would lift it: no code is sent.
        await visitor.SubmitAsync(await visitor.GetAsync("/account/reset"), "form[action*='handler=Ask']", new Dictionary<string, string> { ["Ask.Email"] = "leaving@example.org" });
        Assert.False(await app.WithDbAsync(d => d.PasswordResetCodes.AnyAsync(c => c.UserId == leaving.Id)));

        var back = await admin.SubmitAndFollowAsync(await admin.GetAsync($"/admin/agents/{leaving.Id}"), "form[action*='handler=Reactivate']");
        Assert.Contains("The account is active again.", back.MainText());
        using var returned = await app.SignInAsync("leaving@example.org");
        Assert.Equal(HttpStatusCode.OK, (await returned.Http.GetAsync($"/agent/tickets/{done.Number}")).StatusCode);
    }

    [Theory, Databases]
    public async Task The_team_always_keeps_an_active_admin_and_no_admin_deactivates_themselves(Db db)
    {
        await using var app = await GuichetApp.StartAsync(db);
        var only = await app.CreateUserAsync("only@example.org", Roles.Admin);
        using var admin = await app.SignInAsync("only@example.org");

        var demoted = await PageClient.ParseAsync(await admin.SubmitAsync(await admin.GetAsync($"/admin/agents/{only.Id}"), "main form",
            new Dictionary<string, string> { ["Input.Role"] = "Agent" }));
        Assert.Contains("You cannot take away your own administration rights.", demoted.MainText());
        var self = await admin.GetAsync($"/admin/agents/{only.Id}");
        Assert.Null(self.QuerySelector("form[action*='handler=Deactivate']"));

        var other = await app.CreateUserAsync("other@example.org", Roles.Admin);
        var deactivated = await admin.SubmitAndFollowAsync(await admin.GetAsync($"/admin/agents/{other.Id}"), "form[action*='handler=Deactivate']");
        Assert.Contains("The account is deactivated.", deactivated.MainText());
        // The other admin, deactivated, does not count: taking the last active one's rights is still refused.
        var forged = await admin.SubmitAsync(self, "main form", new Dictionary<string, string> { ["Input.Role"] = "Agent" });
        Assert.Contains("You cannot take away your own administration rights.", (await PageClient.ParseAsync(forged)).MainText());
        Assert.True(await app.WithScopeAsync(async sp =>
        {
            var users = sp.GetRequiredService<Microsoft.AspNetCore.Identity.UserManager<User>>();
            return await users.IsInRoleAsync((await users.FindByIdAsync(only.Id.ToString()))!, Roles.Admin);
        }));
    }

    [Theory, Databases]
    public async Task Deleting_a_group_hands_its_tickets_and_request_types_to_another_each_with_an_event(Db db)
    {
        await using var app = await GuichetApp.StartAsync(db);
        var adminUser = await app.CreateUserAsync("admin@example.org", Roles.Admin);
        var agent = await app.CreateUserAsync("agent@example.org", Roles.Agent);
        var customer = await app.CreateUserAsync("customer@example.org");
        var support = await app.SupportGroupIdAsync();
        using var admin = await app.SignInAsync("admin@example.org");
        var created = await admin.SubmitAndFollowAsync(await admin.GetAsync("/admin/groups"), "main form", new Dictionary<string, string> { ["Name"] = "Level 2" });
        var level2 = await app.WithDbAsync(d => d.Groups.Where(g => g.Name == "Level 2").Select(g => g.Id).SingleAsync());
        await admin.SubmitAndFollowAsync(created, "form[action*='handler=Members']", new Dictionary<string, string> { ["members"] = agent.Id.ToString() });
        Assert.Equal([agent.Id], await app.WithDbAsync(d => d.Set<GroupMember>().Where(m => m.GroupId == level2).Select(m => m.UserId).ToListAsync()));

        var tickets = new[] { await app.OpenTicketAsync(customer, "One"), await app.OpenTicketAsync(customer, "Two") };
        Assert.All(tickets, t => Assert.Equal(support, t.GroupId));
        var typesOfSupport = await app.WithDbAsync(d => d.RequestTypes.CountAsync(t => t.GroupId == support));
        Assert.True(typesOfSupport > 0);

        var page = await admin.GetAsync($"/admin/groups/{support}");
        var refused = await PageClient.ParseAsync(await admin.SubmitAsync(page, "form[action*='handler=Delete']"));
        Assert.Contains("This group still has tickets or request types: choose the group that takes them.", refused.MainText());

        var list = await admin.SubmitAndFollowAsync(page, "form[action*='handler=Delete']", new Dictionary<string, string> { ["moveTo"] = level2.ToString() });
        Assert.Contains("The group was deleted.", list.MainText());
        Assert.False(await app.WithDbAsync(d => d.Groups.AnyAsync(g => g.Id == support)));
        Assert.Equal([level2, level2], await app.WithDbAsync(d => d.Tickets.OrderBy(t => t.Number).Select(t => t.GroupId).ToListAsync()));
        Assert.Equal(typesOfSupport, await app.WithDbAsync(d => d.RequestTypes.CountAsync(t => t.GroupId == level2)));
        var events = await app.WithDbAsync(d => d.TicketEvents.Where(e => e.Field == "group").Select(e => new { e.Before, e.After, e.IsPublic, e.ActorId }).ToListAsync());
        Assert.Equal(2, events.Count);
        Assert.All(events, e => Assert.Equal((support.ToString(), level2.ToString(), false, (Guid?)adminUser.Id), (e.Before, e.After, e.IsPublic, e.ActorId)));

        // The agent of the group the tickets went to sees them; the customer's history does not tell.
        using var agentSession = await app.SignInAsync("agent@example.org");
        Assert.Equal(HttpStatusCode.OK, (await agentSession.Http.GetAsync($"/agent/tickets/{tickets[0].Number}")).StatusCode);
        using var customerSession = await app.SignInAsync("customer@example.org");
        Assert.DoesNotContain("another group", (await customerSession.GetAsync($"/requests/{tickets[0].Number}")).MainText());
    }
}
