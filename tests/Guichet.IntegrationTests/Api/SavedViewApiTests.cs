using System.Net;
using System.Net.Http.Json;
using Guichet.IntegrationTests.Infrastructure;
using Guichet.Web.Accounts;
using Microsoft.EntityFrameworkCore;

namespace Guichet.IntegrationTests.Api;

/// <summary>Saved views through /api/v1, under the rules of the workspace's pages.</summary>
public sealed class SavedViewApiTests
{
    [Theory, Databases]
    public async Task An_agent_saves_a_view_pages_through_its_tickets_orders_changes_and_deletes_it(Db db)
    {
        await using var app = await GuichetApp.StartAsync(db);
        var world = await app.CreateWorldAsync();
        var numbers = new List<long>();
        foreach (var subject in new[] { "One", "Two", "Three" })
        {
            numbers.Add((await app.OpenTicketAsync(world.Alice, subject)).Number);
            app.Time.Advance(TimeSpan.FromMinutes(1));
        }
        await app.OpenTicketAsync(world.Bob, "Not Acme's");
        var acme = await app.WithDbAsync(d => d.Organizations.SingleAsync(o => o.Name == "Acme"));
        var agent = await app.ApiClientAsync("agent@support.test");

        var refused = await agent.PostAsJsonAsync("/api/v1/views", new { name = "Outside", address = "/admin" });
        Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
        Assert.True((await refused.JsonAsync()).GetProperty("errors").TryGetProperty("address", out _));

        var created = await agent.PostAsJsonAsync("/api/v1/views", new { name = "Acme by number", address = $"/agent?queue=all&organization={acme.Id}&sort=number&desc=false" });
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var view = await created.JsonAsync();
        var id = view.GetProperty("id").GetInt32();
        Assert.True(view.GetProperty("mayChange").GetBoolean());
        Assert.Equal($"/api/v1/views/{id}", created.Headers.Location!.ToString());

        // Two pages, in the view's own order, through a cursor.
        var first = await (await agent.GetAsync($"/api/v1/views/{id}/tickets?limit=2")).JsonAsync();
        Assert.Equal(numbers.Take(2), first.GetProperty("items").EnumerateArray().Select(t => t.GetProperty("number").GetInt64()));
        var cursor = first.GetProperty("nextCursor").GetString();
        var second = await (await agent.GetAsync($"/api/v1/views/{id}/tickets?limit=2&cursor={cursor}")).JsonAsync();
        Assert.Equal(numbers.Skip(2), second.GetProperty("items").EnumerateArray().Select(t => t.GetProperty("number").GetInt64()));
        Assert.Equal(System.Text.Json.JsonValueKind.Null, second.GetProperty("nextCursor").ValueKind);

        // The same list as a file, in the view's order and its chosen columns.
        var columns = await (await agent.PostAsJsonAsync("/api/v1/views", new { name = "Acme, two columns", address = $"/agent?queue=all&organization={acme.Id}&sort=number&desc=false&columns=subject,number" })).JsonAsync();
        var file = await agent.GetAsync($"/api/v1/views/{columns.GetProperty("id").GetInt32()}/export?format=csv");
        Assert.Equal(HttpStatusCode.OK, file.StatusCode);
        Assert.Equal("text/csv", file.Content.Headers.ContentType!.MediaType);
        var lines = (await file.Content.ReadAsStringAsync()).Trim().Split('\n').Select(l => l.Trim()).ToList();
        Assert.Equal(4, lines.Count);
        Assert.Equal(2, lines[0].Split(',').Length);
        Assert.Equal(["One", "Two", "Three"], lines.Skip(1).Select(l => l.Split(',')[0].Trim('"')));
        Assert.Equal(HttpStatusCode.NoContent, (await agent.DeleteAsync($"/api/v1/views/{columns.GetProperty("id").GetInt32()}")).StatusCode);

        // A second view, moved above the first.
        var other = (await (await agent.PostAsJsonAsync("/api/v1/views", new { name = "Mine", address = "/agent?queue=mine" })).JsonAsync()).GetProperty("id").GetInt32();
        var moved = await (await agent.PostAsync($"/api/v1/views/{other}/move?direction=up", null)).JsonAsync();
        Assert.Equal([other, id], moved.EnumerateArray().Select(v => v.GetProperty("id").GetInt32()));

        // Replaced whole, shared with the team; a colleague sees it but may not change it; deleted by its owner.
        var support = await app.SupportGroupIdAsync();
        var replaced = await agent.PutAsJsonAsync($"/api/v1/views/{id}", new { name = "Acme", address = "/agent?queue=all&priority=High", groupId = support });
        Assert.Equal(HttpStatusCode.OK, replaced.StatusCode);
        Assert.Equal(support, (await replaced.JsonAsync()).GetProperty("group").GetProperty("id").GetInt32());
        var ben = await app.CreateUserAsync("ben@support.test", Roles.Agent, "Ben", "Bauer");
        await app.AddToGroupAsync(support, ben);
        var benClient = await app.ApiClientAsync("ben@support.test");
        var seen = await (await benClient.GetAsync("/api/v1/views")).JsonAsync();
        Assert.False(Assert.Single(seen.EnumerateArray()).GetProperty("mayChange").GetBoolean());
        Assert.Equal(HttpStatusCode.Forbidden, (await benClient.PutAsJsonAsync($"/api/v1/views/{id}", new { name = "Mine now", address = "/agent" })).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await benClient.DeleteAsync($"/api/v1/views/{id}")).StatusCode);
        // Another's personal view is not told apart from none.
        Assert.Equal(HttpStatusCode.NotFound, (await benClient.GetAsync($"/api/v1/views/{other}/tickets")).StatusCode);
        Assert.Equal(HttpStatusCode.NoContent, (await agent.DeleteAsync($"/api/v1/views/{id}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await agent.GetAsync($"/api/v1/views/{id}")).StatusCode);
    }

    [Theory, Databases]
    public async Task The_ticket_list_filters_on_the_custom_fields_the_caller_may_see(Db db)
    {
        await using var app = await GuichetApp.StartAsync(db);
        var world = await app.CreateWorldAsync();
        const string question = "Question / assistance";
        await app.AddFieldAsync(question, "contract", Guichet.Web.Tickets.CustomFieldKind.Text, "Contract", "Contrat", Guichet.Web.Tickets.CustomerAccess.Hidden);
        await app.AddFieldAsync(question, "amount", Guichet.Web.Tickets.CustomFieldKind.Number, "Amount", "Montant");
        var big = await app.OpenTicketAsync(world.Alice, question, "Big", new Dictionary<string, string> { ["contract"] = "ACME-12", ["amount"] = "120" });
        await app.OpenTicketAsync(world.Alice, question, "Small", new Dictionary<string, string> { ["contract"] = "ACME-7", ["amount"] = "9" });
        var agent = await app.ApiClientAsync("agent@support.test");
        var alice = await app.ApiClientAsync("alice@acme.test");

        static async Task<List<string>> Subjects(HttpClient client, string query) =>
            (await (await client.GetAsync($"/api/v1/tickets?{query}")).JsonAsync()).GetProperty("items").EnumerateArray()
            .Select(t => t.GetProperty("subject").GetString()!).Order().ToList();
        Assert.Equal(["Big"], await Subjects(agent, "f.amount.min=100"));
        Assert.Equal(["Big"], await Subjects(agent, "f.contract=acme-12&f.contract.match=is"));
        Assert.Equal(["Big"], await Subjects(alice, "f.amount.min=100"));
        // Hidden from customers: their filter on it is not read.
        Assert.Equal(["Big", "Small"], await Subjects(alice, "f.contract=acme-12&f.contract.match=is"));
        Assert.NotNull(big);
    }
}
