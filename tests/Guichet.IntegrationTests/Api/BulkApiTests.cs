using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Guichet.IntegrationTests.Infrastructure;
using Guichet.Web.Tickets;
using Microsoft.EntityFrameworkCore;

namespace Guichet.IntegrationTests.Api;

/// <summary>POST /api/v1/tickets/bulk: the bulk form of the queues, through the API.</summary>
public sealed class BulkApiTests
{
    [Theory, Databases]
    public async Task Tickets_change_by_number_and_each_one_that_cannot_is_named_with_its_reason(Db db)
    {
        await using var app = await GuichetApp.StartAsync(db);
        var world = await app.CreateWorldAsync();
        var agent = await app.ApiClientAsync("agent@support.test");
        var (a, b, elsewhere) = (await app.OpenTicketAsync(world.Alice, "A"), await app.OpenTicketAsync(world.Alice, "B"), await app.OpenTicketAsync(world.Bob, "C"));
        await app.WithDbAsync(async d =>
        {
            var billing = new Group { Name = "Billing" };
            d.Groups.Add(billing);
            await d.SaveChangesAsync();
            return await d.Tickets.Where(t => t.Id == elsewhere.Id).ExecuteUpdateAsync(s => s.SetProperty(t => t.GroupId, billing.Id));
        });

        var body = new { numbers = new[] { a.Number, b.Number, elsewhere.Number, 424242 }, change = new { priority = "urgent", assignee = "me" } };
        var outcome = await (await agent.PostAsJsonAsync("/api/v1/tickets/bulk", body)).JsonAsync();
        Assert.Equal(2, outcome.GetProperty("changed").GetInt32());
        Assert.Equal(0, outcome.GetProperty("unchanged").GetInt32());
        var refused = outcome.GetProperty("refused").EnumerateArray().ToList();
        Assert.Equal([elsewhere.Number, 424242], refused.Select(r => r.GetProperty("number").GetInt64()));
        Assert.All(refused, r => Assert.Equal("Not found among the tickets you may see.", r.GetProperty("reason").GetString()));

        var changed = await app.WithDbAsync(d => d.Tickets.Where(t => t.Priority == TicketPriority.Urgent && t.AssigneeId == world.Agent.Id)
            .Select(t => t.Number).OrderBy(n => n).ToListAsync());
        Assert.Equal([a.Number, b.Number], changed);
        // Each as on its own page: with its events.
        Assert.Equal(4, await app.WithDbAsync(d => d.TicketEvents.CountAsync(e => (e.TicketId == a.Id || e.TicketId == b.Id) && (e.Field == "priority" || e.Field == "assignee"))));

        var again = await (await agent.PostAsJsonAsync("/api/v1/tickets/bulk", body)).JsonAsync();
        Assert.Equal((0, 2), (again.GetProperty("changed").GetInt32(), again.GetProperty("unchanged").GetInt32()));
    }

    [Theory, Databases]
    public async Task Numbers_null_changes_every_ticket_of_the_list_up_to_the_newest_one_read(Db db)
    {
        await using var app = await GuichetApp.StartAsync(db);
        var world = await app.CreateWorldAsync();
        var agent = await app.ApiClientAsync("agent@support.test");
        var a = await app.OpenTicketAsync(world.Alice, "A");
        var b = await app.OpenTicketAsync(world.Bob, "B");
        var taken = await app.OpenTicketAsync(world.Alice, "Taken");
        await agent.PatchJsonAsync($"/api/v1/tickets/{taken.Number}", new { assigneeId = world.Agent.Id });
        var later = await app.OpenTicketAsync(world.Alice, "Came later");

        var outcome = await (await agent.PostAsJsonAsync("/api/v1/tickets/bulk", new
        {
            numbers = (long[]?)null, matching = new { queue = "unassigned" }, upTo = taken.Number, change = new { status = "pending" },
        })).JsonAsync();
        Assert.Equal(2, outcome.GetProperty("changed").GetInt32());
        Assert.Empty(outcome.GetProperty("refused").EnumerateArray());
        Assert.Equal(StatusCategory.Pending, await app.CategoryOfAsync(a.Number));
        Assert.Equal(StatusCategory.Pending, await app.CategoryOfAsync(b.Number));
        Assert.Equal(StatusCategory.New, await app.CategoryOfAsync(taken.Number));
        Assert.Equal(StatusCategory.New, await app.CategoryOfAsync(later.Number));

        // Numbers with a list: only those of the list.
        var among = await (await agent.PostAsJsonAsync("/api/v1/tickets/bulk", new
        {
            numbers = new[] { a.Number, taken.Number }, matching = new { queue = "mine" }, change = new { priority = "low" },
        })).JsonAsync();
        Assert.Equal(1, among.GetProperty("changed").GetInt32());
        Assert.Equal([a.Number], among.GetProperty("refused").EnumerateArray().Select(r => r.GetProperty("number").GetInt64()));
    }

    [Theory, Databases]
    public async Task A_change_that_cannot_be_made_is_a_400_naming_what_is_wrong_and_customers_get_a_403(Db db)
    {
        await using var app = await GuichetApp.StartAsync(db);
        var world = await app.CreateWorldAsync();
        var agent = await app.ApiClientAsync("agent@support.test");
        var alice = await app.ApiClientAsync("alice@acme.test");
        var ticket = await app.OpenTicketAsync(world.Alice);
        var numbers = new[] { ticket.Number };

        async Task<JsonElement> ErrorsAsync(object body) =>
            (await (await agent.PostAsJsonAsync("/api/v1/tickets/bulk", body)).ProblemAsync(HttpStatusCode.BadRequest)).GetProperty("errors");

        Assert.True((await ErrorsAsync(new { change = new { priority = "low" } })).TryGetProperty("numbers", out _));
        Assert.True((await ErrorsAsync(new { numbers = (long[]?)null, change = new { priority = "low" } })).TryGetProperty("matching", out _));
        Assert.Equal("Choose what to change.", (await ErrorsAsync(new { numbers, change = new { } })).GetProperty("change")[0].GetString());
        Assert.True((await ErrorsAsync(new { numbers, change = new { assignee = world.Alice.Id } })).TryGetProperty("change.assignee", out _));
        Assert.True((await ErrorsAsync(new { numbers, change = new { status = "lost" } })).TryGetProperty("change.status", out _));
        Assert.True((await ErrorsAsync(new { numbers, change = new { groupId = 424242 } })).TryGetProperty("change.groupId", out _));
        Assert.True((await ErrorsAsync(new { numbers = (long[]?)null, matching = new { queue = "nowhere" }, change = new { priority = "low" } }))
            .TryGetProperty("matching.queue", out _));

        await (await alice.PostAsJsonAsync("/api/v1/tickets/bulk", new { numbers, change = new { priority = "urgent" } })).ProblemAsync(HttpStatusCode.Forbidden);
        Assert.Equal(TicketPriority.Normal, await app.WithDbAsync(d => d.Tickets.Where(t => t.Id == ticket.Id).Select(t => t.Priority).SingleAsync()));
    }
}
