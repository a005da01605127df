using System.Net;
using System.Net.Http.Json;
using Guichet.IntegrationTests.Infrastructure;
using Guichet.Web.Tickets;
using Microsoft.EntityFrameworkCore;

namespace Guichet.IntegrationTests.Api;

/// <summary>POST /api/v1/tickets/{number}/merge: the agent page's merge, through the API.</summary>
public sealed class MergeApiTests
{
    [Theory, Databases]
    public async Task An_agent_merges_a_duplicate_and_gets_the_request_that_goes_on_with_its_messages(Db db)
    {
        await using var app = await GuichetApp.StartAsync(db);
        var world = await app.CreateWorldAsync();
        var agent = await app.ApiClientAsync("agent@support.test");
        var alice = await app.ApiClientAsync("alice@acme.test");
        var type = await app.FirstTypeIdAsync();
        var original = await alice.OpenTicketAsync(type, "VPN drops", "It drops every hour.");
        var duplicate = await alice.OpenTicketAsync(type, "VPN again", "Still dropping, sorry for the second request.");
        var closed = await alice.OpenTicketAsync(type, "Old one");
        await app.SetStatusAsync(closed, StatusCategory.Closed, world.Agent.Id);

        await (await alice.PostAsJsonAsync($"/api/v1/tickets/{duplicate}/merge", new { into = original })).ProblemAsync(HttpStatusCode.Forbidden);
        var refused = await (await agent.PostAsJsonAsync($"/api/v1/tickets/{duplicate}/merge", new { into = closed })).ProblemAsync(HttpStatusCode.Conflict);
        Assert.StartsWith($"The request #{closed} is ", refused.GetProperty("detail").GetString());
        await (await agent.PostAsJsonAsync($"/api/v1/tickets/{duplicate}/merge", new { into = duplicate })).ProblemAsync(HttpStatusCode.Conflict);
        await (await agent.PostAsJsonAsync("/api/v1/tickets/424242/merge", new { into = original })).ProblemAsync(HttpStatusCode.NotFound);

        var merged = await agent.PostAsJsonAsync($"/api/v1/tickets/{duplicate}/merge", new { into = original });
        Assert.Equal(HttpStatusCode.OK, merged.StatusCode);
        Assert.NotNull(merged.Headers.ETag);
        var target = await merged.JsonAsync();
        Assert.Equal(original, target.GetProperty("number").GetInt64());
        Assert.Contains(target.GetProperty("messages").EnumerateArray(), m => m.GetProperty("bodyText").GetString()!.Contains("second request"));
        Assert.Equal(StatusCategory.Closed, await app.CategoryOfAsync(duplicate));

        // Once merged, never twice.
        await (await agent.PostAsJsonAsync($"/api/v1/tickets/{duplicate}/merge", new { into = original })).ProblemAsync(HttpStatusCode.Conflict);
        Assert.Equal(0, await app.WithDbAsync(d => d.Messages.CountAsync(m => d.Tickets.Any(t => t.Id == m.TicketId && t.Number == duplicate))));
    }
}
