using System.Net;
using System.Net.Http.Json;
using Guichet.IntegrationTests.Infrastructure;
using Guichet.Web.Accounts;
using Guichet.Web.Tickets;
using Microsoft.EntityFrameworkCore;

namespace Guichet.IntegrationTests.Api;

/// <summary>Macros through /api/v1, under the rules of the workspace's pages.</summary>
public sealed class MacroApiTests
{
    [Theory, Databases]
    public async Task An_agent_writes_a_macro_and_gets_it_for_a_ticket_in_the_requesters_language_without_sending_anything(Db db)
    {
        await using var app = await GuichetApp.StartAsync(db);
        var world = await app.CreateWorldAsync();
        await app.WithDbAsync(async d =>
        {
            (await d.Users.SingleAsync(u => u.Id == world.Alice.Id)).Culture = "fr";
            return await d.SaveChangesAsync();
        });
        var solved = await app.StatusIdAsync(StatusCategory.Solved);
        var agent = await app.ApiClientAsync("agent@support.test");
        var alices = await app.OpenTicketAsync(world.Alice, "Printer on fire");
        var bobs = await app.OpenTicketAsync(world.Bob, "Printer on fire too");

        var created = await agent.PostAsJsonAsync("/api/v1/macros", new
        {
            name = "Fixed",
            bodies = new
            {
                en = "Hello {{ requester.first_name }}, #{{ ticket.number }} is fixed.\n{{ agent.name }}",
                fr = "Bonjour {{ requester.first_name }}, la demande n° {{ ticket.number }} ({{ ticket.status }}) est corrigée.",
            },
            setStatusId = solved, setPriority = "low",
        });
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var macro = await created.JsonAsync();
        var id = macro.GetProperty("id").GetInt32();
        Assert.Equal($"/api/v1/macros/{id}", created.Headers.Location?.OriginalString);
        Assert.Equal("personal", macro.GetProperty("scope").GetString());
        Assert.Equal("Agathe Support", macro.GetProperty("owner").GetProperty("name").GetString());
        Assert.True(macro.GetProperty("mayUse").GetBoolean() && macro.GetProperty("mayChange").GetBoolean());

        var listed = (await (await agent.GetAsync("/api/v1/macros")).JsonAsync()).EnumerateArray().Single();
        Assert.Equal(["en", "fr"], listed.GetProperty("bodies").EnumerateObject().Select(b => b.Name).Order());

        var forAlice = await (await agent.GetAsync($"/api/v1/tickets/{alices.Number}/macros/{id}")).JsonAsync();
        Assert.Equal($"Bonjour Alice, la demande n° {alices.Number} (Nouvelle) est corrigée.", forAlice.GetProperty("body").GetString());
        Assert.Equal("fr", forAlice.GetProperty("language").GetString());
        Assert.Equal(solved, forAlice.GetProperty("statusId").GetInt32());
        Assert.Equal("low", forAlice.GetProperty("priority").GetString());
        Assert.False(forAlice.GetProperty("internal").GetBoolean());

        // Bob follows his browser: English, the macro's first language.
        var forBob = await (await agent.GetAsync($"/api/v1/tickets/{bobs.Number}/macros/{id}")).JsonAsync();
        Assert.Equal($"Hello Bob, #{bobs.Number} is fixed.\nAgathe Support", forBob.GetProperty("body").GetString());
        Assert.Equal("en", forBob.GetProperty("language").GetString());

        // Only rendered: the ticket has its one message and its status.
        Assert.Equal(1, await app.WithDbAsync(d => d.Messages.CountAsync(m => m.TicketId == alices.Id)));
        Assert.Equal(StatusCategory.New, await app.CategoryOfAsync(alices.Number));
        await (await agent.GetAsync($"/api/v1/tickets/424242/macros/{id}")).ProblemAsync(HttpStatusCode.NotFound);
    }

    [Theory, Databases]
    public async Task Placeholder_mistakes_and_scopes_the_agent_may_not_give_are_a_400_naming_each(Db db)
    {
        await using var app = await GuichetApp.StartAsync(db);
        await app.CreateWorldAsync();
        var agent = await app.ApiClientAsync("agent@support.test");
        var other = await app.WithDbAsync(async d =>
        {
            var group = new Group { Name = "Billing" };
            d.Groups.Add(group);
            await d.SaveChangesAsync();
            return group.Id;
        });

        var broken = await (await agent.PostAsJsonAsync("/api/v1/macros", new
        {
            name = "Broken", bodies = new { en = "Fine {{ requester.name }}", fr = "Bonjour {{ requester.first_name " }, scope = "everyone",
        })).ProblemAsync(HttpStatusCode.BadRequest);
        var errors = broken.GetProperty("errors");
        Assert.StartsWith("The placeholders have a mistake at line 1, column ", errors.GetProperty("bodies.fr")[0].GetString());
        Assert.False(errors.TryGetProperty("bodies.en", out _));
        Assert.Equal("Only admins share a macro with the whole team.", errors.GetProperty("scope")[0].GetString());

        var notTheirs = await (await agent.PostAsJsonAsync("/api/v1/macros", new { name = "Billing", bodies = new { en = "Hi" }, scope = "group", groupId = other }))
            .ProblemAsync(HttpStatusCode.BadRequest);
        Assert.Equal("Choose one of your groups.", notTheirs.GetProperty("errors").GetProperty("groupId")[0].GetString());

        var empty = await (await agent.PostAsJsonAsync("/api/v1/macros", new { name = " ", bodies = new { en = " ", xx = "Hi" } })).ProblemAsync(HttpStatusCode.BadRequest);
        Assert.True(empty.GetProperty("errors").TryGetProperty("name", out _));
        Assert.True(empty.GetProperty("errors").TryGetProperty("bodies.xx", out _));

        // In the caller's language.
        var request = new HttpRequestMessage(HttpMethod.Post, "/api/v1/macros")
        {
            Content = JsonContent.Create(new { name = "Cassée", bodies = new { fr = "Bonjour {{ requester.first_name " } }),
            Headers = { { "Accept-Language", "fr" } },
        };
        var french = await (await agent.SendAsync(request)).ProblemAsync(HttpStatusCode.BadRequest);
        Assert.StartsWith("Les variables contiennent une erreur ligne 1, colonne ", french.GetProperty("errors").GetProperty("bodies.fr")[0].GetString());
        Assert.Equal(0, await app.WithDbAsync(d => d.Macros.CountAsync()));
    }

    [Theory, Databases]
    public async Task An_agent_changes_only_their_own_macros_and_an_admin_every_shared_one(Db db)
    {
        await using var app = await GuichetApp.StartAsync(db);
        var world = await app.CreateWorldAsync();
        var ben = await app.CreateUserAsync("ben@support.test", Roles.Agent, "Ben", "Bauer");
        await app.AddToGroupAsync(await app.SupportGroupIdAsync(), ben);
        await app.CreateUserAsync("admin@support.test", Roles.Admin, "Ada", "Admin");
        var agent = await app.ApiClientAsync("agent@support.test");
        var benClient = await app.ApiClientAsync("ben@support.test");
        var admin = await app.ApiClientAsync("admin@support.test");
        var ticket = await app.OpenTicketAsync(world.Alice);

        var personal = (await (await agent.PostAsJsonAsync("/api/v1/macros", new { name = "Mine", bodies = new { en = "Mine" } })).JsonAsync()).GetProperty("id").GetInt32();
        var shared = (await (await admin.PostAsJsonAsync("/api/v1/macros", new { name = "For all", bodies = new { en = "For all" }, scope = "everyone" })).JsonAsync())
            .GetProperty("id").GetInt32();

        // Another agent's personal macro is not there for Ben, nor for an admin.
        foreach (var client in new[] { benClient, admin })
        {
            await (await client.GetAsync($"/api/v1/macros/{personal}")).ProblemAsync(HttpStatusCode.NotFound);
            await (await client.PutAsJsonAsync($"/api/v1/macros/{personal}", new { name = "Ours", bodies = new { en = "Ours" } })).ProblemAsync(HttpStatusCode.NotFound);
            await (await client.DeleteAsync($"/api/v1/macros/{personal}")).ProblemAsync(HttpStatusCode.NotFound);
            await (await client.GetAsync($"/api/v1/tickets/{ticket.Number}/macros/{personal}")).ProblemAsync(HttpStatusCode.NotFound);
        }
        Assert.Equal(["For all"], (await (await benClient.GetAsync("/api/v1/macros")).JsonAsync()).EnumerateArray().Select(m => m.GetProperty("name").GetString()));

        // The admin's macro for the whole team: Ben uses it, but may not change it.
        var seen = await (await benClient.GetAsync($"/api/v1/macros/{shared}")).JsonAsync();
        Assert.True(seen.GetProperty("mayUse").GetBoolean());
        Assert.False(seen.GetProperty("mayChange").GetBoolean());
        Assert.Equal(HttpStatusCode.OK, (await benClient.GetAsync($"/api/v1/tickets/{ticket.Number}/macros/{shared}")).StatusCode);
        await (await benClient.PutAsJsonAsync($"/api/v1/macros/{shared}", new { name = "Mine now", bodies = new { en = "Mine" } })).ProblemAsync(HttpStatusCode.Forbidden);
        await (await benClient.DeleteAsync($"/api/v1/macros/{shared}")).ProblemAsync(HttpStatusCode.Forbidden);

        // Its author changes it; an agent's macro shared with their group, an admin may change too.
        var replaced = await admin.PutAsJsonAsync($"/api/v1/macros/{shared}", new { name = "For everyone", bodies = new { en = "Hello all" }, scope = "everyone" });
        Assert.Equal(HttpStatusCode.OK, replaced.StatusCode);
        Assert.Equal("For everyone", (await replaced.JsonAsync()).GetProperty("name").GetString());
        var groupMacro = await (await agent.PutAsJsonAsync($"/api/v1/macros/{personal}",
            new { name = "Support", bodies = new { en = "Hi" }, scope = "group", groupId = await app.SupportGroupIdAsync() })).JsonAsync();
        Assert.Equal("Support", groupMacro.GetProperty("group").GetProperty("name").GetString());
        Assert.Equal(HttpStatusCode.NoContent, (await admin.DeleteAsync($"/api/v1/macros/{personal}")).StatusCode);
        Assert.Equal(1, await app.WithDbAsync(d => d.Macros.CountAsync()));
    }

    [Theory, Databases]
    public async Task Customers_get_a_403_from_every_macro_address(Db db)
    {
        await using var app = await GuichetApp.StartAsync(db);
        var world = await app.CreateWorldAsync();
        var alice = await app.ApiClientAsync("alice@acme.test");
        var agent = await app.ApiClientAsync("agent@support.test");
        var ticket = await app.OpenTicketAsync(world.Alice);
        var id = (await (await agent.PostAsJsonAsync("/api/v1/macros", new { name = "Hi", bodies = new { en = "Hi" }, scope = "group", groupId = await app.SupportGroupIdAsync() }))
            .JsonAsync()).GetProperty("id").GetInt32();

        await (await alice.GetAsync("/api/v1/macros")).ProblemAsync(HttpStatusCode.Forbidden);
        await (await alice.GetAsync($"/api/v1/macros/{id}")).ProblemAsync(HttpStatusCode.Forbidden);
        await (await alice.PostAsJsonAsync("/api/v1/macros", new { name = "Hi", bodies = new { en = "Hi" } })).ProblemAsync(HttpStatusCode.Forbidden);
        await (await alice.PutAsJsonAsync($"/api/v1/macros/{id}", new { name = "Hi", bodies = new { en = "Hi" } })).ProblemAsync(HttpStatusCode.Forbidden);
        await (await alice.DeleteAsync($"/api/v1/macros/{id}")).ProblemAsync(HttpStatusCode.Forbidden);
        await (await alice.GetAsync($"/api/v1/tickets/{ticket.Number}/macros/{id}")).ProblemAsync(HttpStatusCode.Forbidden);
        Assert.Equal(1, await app.WithDbAsync(d => d.Macros.CountAsync()));
    }
}
