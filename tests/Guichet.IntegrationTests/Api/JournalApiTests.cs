using System.Net;
using System.Text.Json;
using Guichet.IntegrationTests.Infrastructure;
using Guichet.Web.Accounts;
using Microsoft.EntityFrameworkCore;

namespace Guichet.IntegrationTests.Api;

/// <summary>GET /api/v1/journal: the activity journal of /admin/journal, for admins.</summary>
public sealed class JournalApiTests
{
    [Theory, Databases]
    public async Task An_admin_reads_the_journal_filtered_and_page_by_page_and_nobody_else_does(Db db)
    {
        await using var app = await GuichetApp.StartAsync(db);
        var world = await app.CreateWorldAsync();
        await app.CreateUserAsync("admin@support.test", Roles.Admin, "Ada", "Admin");
        var admin = await app.ApiClientAsync("admin@support.test");
        var agent = await app.ApiClientAsync("agent@support.test");
        var alice = await app.ApiClientAsync("alice@acme.test");
        var opened = new List<long>();
        for (var i = 0; i < 101; i++) opened.Add((await app.OpenTicketAsync(i % 2 == 0 ? world.Alice : world.Bob, $"Request {i}")).Number);
        Assert.Equal(HttpStatusCode.OK, (await agent.PatchJsonAsync($"/api/v1/tickets/{opened[0]}", new { priority = "urgent" })).StatusCode);

        // Newest first: the agent's change, then the requests opened, 100 a page, the next page from the cursor.
        var first = await (await admin.GetAsync("/api/v1/journal?from=2026-11-01&to=2026-11-02")).JsonAsync();
        var items = first.GetProperty("items").EnumerateArray().ToList();
        Assert.Equal(100, items.Count);
        Assert.Equal("fieldChanged", items[0].GetProperty("kind").GetString());
        Assert.Equal(("priority", "Normal", "Urgent"), (items[0].GetProperty("field").GetString(), items[0].GetProperty("before").GetString(), items[0].GetProperty("after").GetString()));
        Assert.Equal("Agathe Support", items[0].GetProperty("actor").GetProperty("name").GetString());
        Assert.True(items[0].GetProperty("actor").GetProperty("isStaff").GetBoolean());
        var cursor = first.GetProperty("nextCursor").GetString();
        var second = await (await admin.GetAsync($"/api/v1/journal?from=2026-11-01&to=2026-11-02&cursor={cursor}")).JsonAsync();
        var rest = second.GetProperty("items").EnumerateArray().ToList();
        Assert.Equal(JsonValueKind.Null, second.GetProperty("nextCursor").ValueKind);
        var ids = items.Concat(rest).Select(i => i.GetProperty("id").GetInt64()).ToList();
        Assert.Equal(ids.OrderDescending(), ids);
        Assert.Equal(102, ids.Distinct().Count());

        // The page's filters: the kind of change, who made it, the organization.
        var priority = (await (await admin.GetAsync("/api/v1/journal?kind=priority")).JsonAsync()).GetProperty("items").EnumerateArray().ToList();
        Assert.Equal([opened[0]], priority.Select(i => i.GetProperty("number").GetInt64()));
        var byAgent = (await (await admin.GetAsync("/api/v1/journal?actor=AGENT@support.test")).JsonAsync()).GetProperty("items");
        Assert.Equal(1, byAgent.GetArrayLength());
        var globex = await app.WithDbAsync(d => d.Organizations.SingleAsync(o => o.Name == "Globex"));
        var ofGlobex = (await (await admin.GetAsync($"/api/v1/journal?organizationId={globex.Id}&kind=created")).JsonAsync()).GetProperty("items");
        Assert.Equal(50, ofGlobex.GetArrayLength());
        Assert.All(ofGlobex.EnumerateArray(), i => Assert.Equal("Globex", i.GetProperty("organization").GetString()));

        // A period of no change is empty; mistakes are named.
        Assert.Equal(0, (await (await admin.GetAsync("/api/v1/journal?from=2026-10-01&to=2026-10-31")).JsonAsync()).GetProperty("items").GetArrayLength());
        var wrong = await (await admin.GetAsync("/api/v1/journal?from=2026-11-02&to=2026-11-01&actor=nobody@example.org&kind=all&cursor=x"))
            .ProblemAsync(HttpStatusCode.BadRequest);
        Assert.Equal(["actor", "cursor", "kind", "to"], wrong.GetProperty("errors").EnumerateObject().Select(e => e.Name).Order());

        await (await agent.GetAsync("/api/v1/journal")).ProblemAsync(HttpStatusCode.Forbidden);
        await (await alice.GetAsync("/api/v1/journal")).ProblemAsync(HttpStatusCode.Forbidden);
    }
}
