using System.Net;
using System.Net.Http.Json;
using Guichet.IntegrationTests.Infrastructure;
using Guichet.Web.Accounts;
using Microsoft.EntityFrameworkCore;

namespace Guichet.IntegrationTests.Api;

/// <summary>GET /api/v1/agents and /api/v1/groups: whom a ticket may be given to, for the support team.</summary>
public sealed class TeamApiTests
{
    [Theory, Databases]
    public async Task The_team_lists_its_active_members_with_their_role_and_groups_and_customers_get_a_403(Db db)
    {
        await using var app = await GuichetApp.StartAsync(db);
        var world = await app.CreateWorldAsync();
        var admin = await app.CreateUserAsync("admin@support.test", Roles.Admin, "Ada", "Admin");
        var gone = await app.CreateUserAsync("gone@support.test", Roles.Agent, "Gone", "Away");
        var support = await app.SupportGroupIdAsync();
        await app.AddToGroupAsync(support, gone);
        await app.WithDbAsync(async d =>
        {
            (await d.Users.SingleAsync(u => u.Id == gone.Id)).DeactivatedAt = app.Time.GetUtcNow();
            return await d.SaveChangesAsync();
        });
        var agent = await app.ApiClientAsync("agent@support.test");
        var alice = await app.ApiClientAsync("alice@acme.test");

        var agents = (await (await agent.GetAsync("/api/v1/agents")).JsonAsync()).EnumerateArray().ToList();
        Assert.Equal(["Ada Admin", "Agathe Support"], agents.Select(a => a.GetProperty("name").GetString()));
        var agathe = agents.Single(a => a.GetProperty("id").GetGuid() == world.Agent.Id);
        Assert.Equal("agent", agathe.GetProperty("role").GetString());
        Assert.Equal("agent@support.test", agathe.GetProperty("email").GetString());
        Assert.Equal([support], agathe.GetProperty("groups").EnumerateArray().Select(g => g.GetProperty("id").GetInt32()));
        Assert.Equal("admin", agents.Single(a => a.GetProperty("id").GetGuid() == admin.Id).GetProperty("role").GetString());

        var groups = (await (await agent.GetAsync("/api/v1/groups")).JsonAsync()).EnumerateArray().ToList();
        var supportGroup = groups.Single(g => g.GetProperty("id").GetInt32() == support);
        Assert.Equal([world.Agent.Id], supportGroup.GetProperty("members").EnumerateArray().Select(m => m.GetProperty("id").GetGuid()));

        await (await alice.GetAsync("/api/v1/agents")).ProblemAsync(HttpStatusCode.Forbidden);
        await (await alice.GetAsync("/api/v1/groups")).ProblemAsync(HttpStatusCode.Forbidden);
    }

    [Theory, Databases]
    public async Task An_admin_changes_roles_and_groups_deactivates_and_reactivates_under_the_pages_rules(Db db)
    {
        await using var app = await GuichetApp.StartAsync(db);
        var world = await app.CreateWorldAsync();
        var adminUser = await app.CreateUserAsync("admin@support.test", Roles.Admin, "Ada", "Admin");
        var ben = await app.CreateUserAsync("ben@support.test", Roles.Agent, "Ben", "Bauer");
        var admin = await app.ApiClientAsync("admin@support.test");
        var agent = await app.ApiClientAsync("agent@support.test");
        var benClient = await app.ApiClientAsync("ben@support.test");
        var support = await app.SupportGroupIdAsync();

        var changed = await (await admin.PutAsJsonAsync($"/api/v1/agents/{ben.Id}", new { role = "admin", groupIds = new[] { support } })).JsonAsync();
        Assert.Equal("admin", changed.GetProperty("role").GetString());
        Assert.Equal([support], changed.GetProperty("groups").EnumerateArray().Select(g => g.GetProperty("id").GetInt32()));
        await (await agent.PutAsJsonAsync($"/api/v1/agents/{ben.Id}", new { role = "agent", groupIds = Array.Empty<int>() })).ProblemAsync(HttpStatusCode.Forbidden);
        var self = await (await admin.PutAsJsonAsync($"/api/v1/agents/{adminUser.Id}", new { role = "agent", groupIds = Array.Empty<int>() }))
            .ProblemAsync(HttpStatusCode.Conflict);
        Assert.Equal("You cannot take away your own administration rights.", self.GetProperty("detail").GetString());
        await (await admin.PutAsJsonAsync($"/api/v1/agents/{world.Alice.Id}", new { role = "agent", groupIds = Array.Empty<int>() })).ProblemAsync(HttpStatusCode.NotFound);

        // Deactivated: Ben's ticket goes to Agathe, his token stops working, he leaves the team's list; reactivated, he is back.
        var ticket = await app.OpenTicketAsync(world.Alice);
        await admin.PatchJsonAsync($"/api/v1/tickets/{ticket.Number}", new { assigneeId = ben.Id });
        var refused = await (await admin.PostAsJsonAsync($"/api/v1/agents/{ben.Id}/deactivate", new { handOverTo = world.Alice.Id })).ProblemAsync(HttpStatusCode.BadRequest);
        Assert.True(refused.GetProperty("errors").TryGetProperty("handOverTo", out _));
        var deactivated = await (await admin.PostAsJsonAsync($"/api/v1/agents/{ben.Id}/deactivate", new { handOverTo = world.Agent.Id })).JsonAsync();
        Assert.Equal(1, deactivated.GetProperty("handedOver").GetInt32());
        Assert.Equal(world.Agent.Id, await app.WithDbAsync(d => d.Tickets.Where(t => t.Id == ticket.Id).Select(t => t.AssigneeId).SingleAsync()));
        Assert.Equal(HttpStatusCode.Unauthorized, (await benClient.GetAsync("/api/v1/agents")).StatusCode);
        Assert.DoesNotContain(ben.Id, (await (await agent.GetAsync("/api/v1/agents")).JsonAsync()).EnumerateArray().Select(a => a.GetProperty("id").GetGuid()));
        await (await admin.PostAsJsonAsync($"/api/v1/agents/{adminUser.Id}/deactivate", new { })).ProblemAsync(HttpStatusCode.Conflict);
        var everyone = (await (await admin.GetAsync("/api/v1/agents?includeDeactivated=true")).JsonAsync()).EnumerateArray();
        Assert.False(everyone.Single(a => a.GetProperty("id").GetGuid() == ben.Id).GetProperty("active").GetBoolean());
        await (await agent.GetAsync("/api/v1/agents?includeDeactivated=true")).ProblemAsync(HttpStatusCode.Forbidden);

        var back = await (await admin.PostAsync($"/api/v1/agents/{ben.Id}/reactivate", null)).JsonAsync();
        Assert.True(back.GetProperty("active").GetBoolean());
        Assert.Equal("admin", back.GetProperty("role").GetString());
        Assert.Contains(ben.Id, (await (await agent.GetAsync("/api/v1/agents")).JsonAsync()).EnumerateArray().Select(a => a.GetProperty("id").GetGuid()));
    }

    [Theory, Databases]
    public async Task An_admin_makes_renames_and_staffs_a_group_whose_name_no_other_group_has(Db db)
    {
        await using var app = await GuichetApp.StartAsync(db);
        var world = await app.CreateWorldAsync();
        await app.CreateUserAsync("admin@support.test", Roles.Admin, "Ada", "Admin");
        var admin = await app.ApiClientAsync("admin@support.test");
        var agent = await app.ApiClientAsync("agent@support.test");

        var created = await admin.PostAsJsonAsync("/api/v1/groups", new { name = " Billing " });
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var group = await created.JsonAsync();
        var id = group.GetProperty("id").GetInt32();
        Assert.Equal("Billing", group.GetProperty("name").GetString());
        Assert.Equal($"/api/v1/groups/{id}", created.Headers.Location?.OriginalString);

        var taken = await (await admin.PostAsJsonAsync("/api/v1/groups", new { name = "SUPPORT" })).ProblemAsync(HttpStatusCode.BadRequest);
        Assert.Equal("Another group is already called SUPPORT.", taken.GetProperty("errors").GetProperty("name")[0].GetString());

        // Only people of the team become members.
        var changed = await (await admin.PutAsJsonAsync($"/api/v1/groups/{id}", new { name = "Invoicing", memberIds = new[] { world.Agent.Id, world.Alice.Id } })).JsonAsync();
        Assert.Equal("Invoicing", changed.GetProperty("name").GetString());
        Assert.Equal([world.Agent.Id], changed.GetProperty("members").EnumerateArray().Select(m => m.GetProperty("id").GetGuid()));
        var read = await (await agent.GetAsync($"/api/v1/groups/{id}")).JsonAsync();
        Assert.Equal("Invoicing", read.GetProperty("name").GetString());
        var agathe = (await (await agent.GetAsync("/api/v1/agents")).JsonAsync()).EnumerateArray().Single(a => a.GetProperty("id").GetGuid() == world.Agent.Id);
        Assert.Equal(["Invoicing", "Support"], agathe.GetProperty("groups").EnumerateArray().Select(g => g.GetProperty("name").GetString()));

        await (await agent.PostAsJsonAsync("/api/v1/groups", new { name = "Mine" })).ProblemAsync(HttpStatusCode.Forbidden);
        await (await agent.PutAsJsonAsync($"/api/v1/groups/{id}", new { name = "Mine", memberIds = Array.Empty<Guid>() })).ProblemAsync(HttpStatusCode.Forbidden);
        await (await admin.PutAsJsonAsync($"/api/v1/groups/{id}", new { name = "Invoicing" })).ProblemAsync(HttpStatusCode.BadRequest);
    }

    [Theory, Databases]
    public async Task An_admin_invites_someone_who_gets_a_mail_in_their_language_and_the_same_address_twice_is_refused(Db db)
    {
        await using var app = await GuichetApp.StartAsync(db);
        var world = await app.CreateWorldAsync();
        await app.CreateUserAsync("admin@support.test", Roles.Admin, "Ada", "Admin");
        var admin = await app.ApiClientAsync("admin@support.test");
        var agent = await app.ApiClientAsync("agent@support.test");
        var support = await app.SupportGroupIdAsync();

        var wrong = await (await admin.PostAsJsonAsync("/api/v1/agents", new { email = "noe@", firstName = " ", lastName = "Nouveau", groupIds = new[] { 424242 }, language = "nl" }))
            .ProblemAsync(HttpStatusCode.BadRequest);
        Assert.Equal(["email", "firstName", "groupIds", "language"], wrong.GetProperty("errors").EnumerateObject().Select(e => e.Name).Order());

        var invited = await admin.PostAsJsonAsync("/api/v1/agents",
            new { email = " noe@example.org ", firstName = "Noé", lastName = "Nouveau", role = "admin", groupIds = new[] { support }, language = "fr" });
        Assert.Equal(HttpStatusCode.Created, invited.StatusCode);
        var noe = await invited.JsonAsync();
        var id = noe.GetProperty("id").GetGuid();
        Assert.Equal($"/api/v1/agents/{id}", invited.Headers.Location?.OriginalString);
        Assert.Equal(("Noé Nouveau", "noe@example.org", "admin", true), (noe.GetProperty("name").GetString(), noe.GetProperty("email").GetString(),
            noe.GetProperty("role").GetString(), noe.GetProperty("active").GetBoolean()));
        Assert.Equal([support], noe.GetProperty("groups").EnumerateArray().Select(g => g.GetProperty("id").GetInt32()));
        var mail = await app.WaitForMailAsync("noe@example.org", "vous invite dans l'équipe de support");
        Assert.Contains("/account/verify", mail.HtmlBody);
        Assert.Equal("Noé Nouveau", (await (await agent.GetAsync($"/api/v1/agents/{id}")).JsonAsync()).GetProperty("name").GetString());

        var again = await (await admin.PostAsJsonAsync("/api/v1/agents", new { email = "NOE@example.org", firstName = "Noé", lastName = "Nouveau" }))
            .ProblemAsync(HttpStatusCode.Conflict);
        Assert.Equal("NOE@example.org is already in the support team.", again.GetProperty("detail").GetString());
        await (await agent.PostAsJsonAsync("/api/v1/agents", new { email = "zoe@example.org", firstName = "Zoé", lastName = "Z" })).ProblemAsync(HttpStatusCode.Forbidden);
        // A customer is not a member of the team to read.
        await (await agent.GetAsync($"/api/v1/agents/{world.Alice.Id}")).ProblemAsync(HttpStatusCode.NotFound);
    }

    [Theory, Databases]
    public async Task Deleting_a_group_hands_its_tickets_to_the_group_named_with_their_events_and_needs_one_when_it_has_any(Db db)
    {
        await using var app = await GuichetApp.StartAsync(db);
        var world = await app.CreateWorldAsync();
        await app.CreateUserAsync("admin@support.test", Roles.Admin, "Ada", "Admin");
        var admin = await app.ApiClientAsync("admin@support.test");
        var agent = await app.ApiClientAsync("agent@support.test");
        var billing = (await (await admin.PostAsJsonAsync("/api/v1/groups", new { name = "Billing" })).JsonAsync()).GetProperty("id").GetInt32();
        var ticket = await app.OpenTicketAsync(world.Alice);
        await admin.PatchJsonAsync($"/api/v1/tickets/{ticket.Number}", new { groupId = billing });
        var support = await app.SupportGroupIdAsync();

        var needed = await (await admin.DeleteAsync($"/api/v1/groups/{billing}")).ProblemAsync(HttpStatusCode.BadRequest);
        Assert.Equal("This group still has tickets or request types: choose the group that takes them.", needed.GetProperty("errors").GetProperty("moveTo")[0].GetString());
        await (await admin.DeleteAsync($"/api/v1/groups/{billing}?moveTo=424242")).ProblemAsync(HttpStatusCode.BadRequest);
        await (await agent.DeleteAsync($"/api/v1/groups/{billing}?moveTo={support}")).ProblemAsync(HttpStatusCode.Forbidden);

        var deleted = await (await admin.DeleteAsync($"/api/v1/groups/{billing}?moveTo={support}")).JsonAsync();
        Assert.Equal(1, deleted.GetProperty("handedOver").GetInt32());
        Assert.Equal(support, await app.WithDbAsync(d => d.Tickets.Where(t => t.Id == ticket.Id).Select(t => t.GroupId).SingleAsync()));
        Assert.Equal(2, await app.WithDbAsync(d => d.TicketEvents.CountAsync(e => e.TicketId == ticket.Id && e.Field == "group")));
        await (await agent.GetAsync($"/api/v1/groups/{billing}")).ProblemAsync(HttpStatusCode.NotFound);
        await (await admin.DeleteAsync($"/api/v1/groups/{billing}?moveTo={support}")).ProblemAsync(HttpStatusCode.NotFound);
    }
}
