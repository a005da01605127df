using System.Net;
using System.Text.Json;
using System.Net.Http.Json;
using Guichet.IntegrationTests.Infrastructure;
using Guichet.Web.Accounts;
using Microsoft.EntityFrameworkCore;

namespace Guichet.IntegrationTests.Api;

public sealed class TicketListTests
{
    private static async Task<List<JsonElement>> AllPagesAsync(HttpClient client, string query)
    {
        var items = new List<JsonElement>();
        string? cursor = null;
        for (var pages = 0; pages < 50; pages++)
        {
            var page = await (await client.GetAsync($"/api/v1/tickets?{query}" + (cursor is null ? "" : $"&cursor={Uri.EscapeDataString(cursor)}"))).JsonAsync();
            items.AddRange(page.GetProperty("items").EnumerateArray());
            cursor = page.GetProperty("nextCursor").GetString();
            if (cursor is null) return items;
        }
        throw new InvalidOperationException("The cursor never ends.");
    }

    private static List<string> Subjects(IEnumerable<JsonElement> items) => items.Select(i => i.GetProperty("subject").GetString()!).ToList();

    [Theory, Databases]
    public async Task Cursor_pages_reach_every_ticket_once_in_every_sort(Db db)
    {
        await using var app = await GuichetApp.StartAsync(db);
        await app.CreateWorldAsync();
        var type = await app.FirstTypeIdAsync();
        var alice = await app.ApiClientAsync("alice@acme.test");
        var subjects = new[] { "Printer", "VPN down", "Invoice", "Access", "Export", "Mail bounce", "Zebra", "Login" };
        for (var i = 0; i < subjects.Length; i++)
        {
            await alice.OpenTicketAsync(type, subjects[i]);
            // Pairs share a creation time, so the number has to break the tie.
            if (i % 2 == 1) app.Time.Advance(TimeSpan.FromMinutes(5));
        }

        foreach (var sort in new[] { "created", "updated", "number", "subject" })
        foreach (var direction in new[] { "asc", "desc" })
        {
            var all = await AllPagesAsync(alice, $"sort={sort}&direction={direction}&limit=3");
            var numbers = all.Select(i => i.GetProperty("number").GetInt64()).ToList();
            Assert.Equal(subjects.Length, numbers.Distinct().Count());
            Assert.Equal(subjects.Length, numbers.Count);
            if (sort == "subject")
                Assert.Equal(direction == "asc" ? subjects.Order(StringComparer.Ordinal) : subjects.OrderDescending(StringComparer.Ordinal), Subjects(all));
            if (sort == "number")
                Assert.Equal(direction == "asc" ? numbers.Order() : numbers.OrderDescending(), numbers);
        }
        Assert.Equal(subjects.Reverse(), Subjects(await AllPagesAsync(alice, "sort=created&limit=2")));
    }

    [Theory, Databases]
    public async Task Search_and_filters_narrow_the_list(Db db)
    {
        await using var app = await GuichetApp.StartAsync(db);
        await app.CreateWorldAsync();
        var type = await app.FirstTypeIdAsync();
        var alice = await app.ApiClientAsync("alice@acme.test");
        var agent = await app.ApiClientAsync("agent@support.test");
        var early = await alice.OpenTicketAsync(type, "VPN drops every hour");
        app.Time.Advance(TimeSpan.FromDays(2));
        var later = await alice.OpenTicketAsync(type, "New laptop for Jane");
        var solved = await alice.OpenTicketAsync(type, "Old vpn client");
        await agent.PatchJsonAsync($"/api/v1/tickets/{later}", new { priority = "urgent" });
        await alice.PatchJsonAsync($"/api/v1/tickets/{solved}", new { status = "solved" });
        var solvedStatus = (await (await alice.GetAsync($"/api/v1/tickets/{solved}")).JsonAsync()).GetProperty("status").GetProperty("id").GetInt32();

        async Task<List<long>> NumbersAsync(string query) =>
            (await AllPagesAsync(agent, query)).Select(i => i.GetProperty("number").GetInt64()).Order().ToList();

        Assert.Equal([early, solved], await NumbersAsync("q=vpn"));
        Assert.Equal([later], await NumbersAsync("priority=urgent"));
        Assert.Equal([solved], await NumbersAsync($"status={solvedStatus}"));
        Assert.Equal([later, solved], await NumbersAsync($"createdFrom={Uri.EscapeDataString(app.Time.GetUtcNow().AddHours(-1).ToString("O"))}"));
        Assert.Equal([early, later, solved], await NumbersAsync("requester=alice@acme.test"));
        Assert.Empty(await NumbersAsync("requester=bob@globex.test"));
    }

    [Theory, Databases]
    public async Task The_teams_filters_narrow_the_list_as_the_queues_do_and_customers_may_not_use_them(Db db)
    {
        await using var app = await GuichetApp.StartAsync(db);
        var world = await app.CreateWorldAsync();
        await app.CreateUserAsync("admin@support.test", Roles.Admin, "Ada", "Admin");
        var type = await app.FirstTypeIdAsync();
        var alice = await app.ApiClientAsync("alice@acme.test");
        var bob = await app.ApiClientAsync("bob@globex.test");
        var agent = await app.ApiClientAsync("agent@support.test");
        var admin = await app.ApiClientAsync("admin@support.test");
        var billing = (await (await admin.PostAsJsonAsync("/api/v1/groups", new { name = "Billing" })).JsonAsync()).GetProperty("id").GetInt32();

        var answered = await alice.OpenTicketAsync(type, "Answered long ago");
        var waiting = await alice.OpenTicketAsync(type, "Nobody answered");
        var globex = await bob.OpenTicketAsync(type, "Globex's request");
        await agent.PostAsJsonAsync($"/api/v1/tickets/{answered}/messages", new { body = "On it." });
        await agent.PatchJsonAsync($"/api/v1/tickets/{answered}", new { assigneeId = world.Agent.Id });
        await admin.PatchJsonAsync($"/api/v1/tickets/{globex}", new { groupId = billing });
        app.Time.Advance(TimeSpan.FromHours(5));
        var fresh = await alice.OpenTicketAsync(type, "Just opened");
        // An internal note is no answer to the customer.
        await agent.PostAsJsonAsync($"/api/v1/tickets/{waiting}/messages", new { body = "Looking.", @internal = true });

        async Task<List<long>> NumbersAsync(HttpClient client, string query) =>
            (await AllPagesAsync(client, query)).Select(i => i.GetProperty("number").GetInt64()).Order().ToList();

        Assert.Equal([answered, waiting], await NumbersAsync(admin, "noReplyHours=4&group=" + await app.SupportGroupIdAsync()));
        Assert.Equal([answered, waiting, globex], await NumbersAsync(admin, "noReplyHours=4"));
        Assert.Equal([globex], await NumbersAsync(admin, $"group={billing}"));
        Assert.Equal([answered], await NumbersAsync(agent, "assignee=me"));
        Assert.Equal([answered], await NumbersAsync(admin, $"assignee={world.Agent.Id}"));
        Assert.Equal([waiting, globex, fresh], await NumbersAsync(admin, "assignee=nobody"));
        // Either: mine or nobody's, among the tickets the agent sees (Globex's went to a group they are not in).
        Assert.Equal([answered, waiting, fresh], await NumbersAsync(agent, "assignee=nobody&assignee=me"));
        var acme = await app.WithDbAsync(d => d.Organizations.Where(o => o.Name == "Acme").Select(o => o.Id).SingleAsync());
        Assert.Equal([answered, waiting, fresh], await NumbersAsync(admin, $"organization={acme}"));
        Assert.Equal([answered, waiting, fresh], await NumbersAsync(alice, $"organization={acme}"));

        var refused = await (await alice.GetAsync($"/api/v1/tickets?noReplyHours=4&group={billing}&assignee=nobody")).ProblemAsync(HttpStatusCode.BadRequest);
        Assert.Equal(["assignee", "group", "noReplyHours"], refused.GetProperty("errors").EnumerateObject().Select(e => e.Name).Order());
        var wrong = await (await agent.GetAsync("/api/v1/tickets?noReplyHours=0&assignee=someone")).ProblemAsync(HttpStatusCode.BadRequest);
        Assert.Equal(["assignee", "noReplyHours"], wrong.GetProperty("errors").EnumerateObject().Select(e => e.Name).Order());

        // The bulk change's list reads the same filters.
        var bulk = await (await admin.PostAsJsonAsync("/api/v1/tickets/bulk",
            new { numbers = (long[]?)null, matching = new { noReplyHours = 4, assignee = new[] { "nobody" } }, change = new { priority = "high" } })).JsonAsync();
        Assert.Equal(2, bulk.GetProperty("changed").GetInt32());
    }

    [Theory, Databases]
    public async Task Bad_parameters_get_a_validation_problem_per_field(Db db)
    {
        await using var app = await GuichetApp.StartAsync(db);
        await app.CreateUserAsync("someone@example.org");
        var client = await app.ApiClientAsync("someone@example.org");

        var problem = await (await client.GetAsync("/api/v1/tickets?sort=colour&limit=500&priority=extreme")).ProblemAsync(HttpStatusCode.BadRequest);
        var errors = problem.GetProperty("errors");
        Assert.True(errors.TryGetProperty("sort", out _));
        Assert.True(errors.TryGetProperty("limit", out _));
        Assert.True(errors.TryGetProperty("priority", out _));

        var badCursor = await (await client.GetAsync("/api/v1/tickets?cursor=not-a-cursor")).ProblemAsync(HttpStatusCode.BadRequest);
        Assert.True(badCursor.GetProperty("errors").TryGetProperty("cursor", out _));
    }
}
