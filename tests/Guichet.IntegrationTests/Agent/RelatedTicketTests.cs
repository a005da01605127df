using Guichet.IntegrationTests.Api;
using Guichet.IntegrationTests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace Guichet.IntegrationTests.Agent;

/// <summary>Related requests: linked from either end, internal, each link an event on both.</summary>
public sealed class RelatedTicketTests
{
    [Theory, Databases]
    public async Task An_agent_links_two_requests_sees_the_link_from_both_and_unlinks_them(Db db)
    {
        await using var app = await GuichetApp.StartAsync(db);
        var world = await app.CreateWorldAsync();
        var alices = await app.OpenTicketAsync(world.Alice, "Printer on fire");
        var bobs = await app.OpenTicketAsync(world.Bob, "Globex printer on fire too");
        using var agent = await app.SignInAsync(world.Agent.Email!);
        var page = await agent.GetAsync($"/agent/tickets/{alices.Number}");

        foreach (var (typed, words) in new[] { ("99999", "no request #99999"), (alices.Number.ToString(), "another request than this one"), ("x", "Type the number") })
        {
            var refused = await PageClient.ParseAsync(await agent.SubmitAsync(page, "#related form[action*='handler=Link']", new Dictionary<string, string> { ["related"] = typed }));
            Assert.Contains(words, refused.QuerySelector("#related-error")!.TextContent);
            Assert.Equal(typed, refused.QuerySelector("#related-number")!.GetAttribute("value"));
        }
        var linked = await agent.SubmitAndFollowAsync(page, "#related form[action*='handler=Link']", new Dictionary<string, string> { ["related"] = $"#{bobs.Number}" });
        Assert.Contains($"#{bobs.Number} Globex printer on fire too", linked.QuerySelector("#related ul")!.TextContent);
        Assert.Contains(linked.QuerySelectorAll("#history li"), li => li.TextContent.Contains($"linked this request to #{bobs.Number}"));
        var other = await agent.GetAsync($"/agent/tickets/{bobs.Number}");
        Assert.Contains($"#{alices.Number} Printer on fire", other.QuerySelector("#related ul")!.TextContent);

        // Internal: Bob's page says nothing of Alice's request.
        using var bob = await app.SignInAsync(world.Bob.Email!);
        var his = await bob.GetAsync($"/requests/{bobs.Number}");
        Assert.DoesNotContain($"#{alices.Number}", his.QuerySelector("main")!.TextContent);

        var unlinked = await agent.SubmitAndFollowAsync(other, "#related form[action*='handler=Unlink']");
        Assert.Null(unlinked.QuerySelector("#related ul"));
        Assert.Equal(0, await app.WithDbAsync(d => d.Set<Guichet.Web.Tickets.TicketRelation>().CountAsync()));
        Assert.Equal(4, await app.WithDbAsync(d => d.TicketEvents.CountAsync(e => e.Field == "related" && !e.IsPublic)));
    }
}
