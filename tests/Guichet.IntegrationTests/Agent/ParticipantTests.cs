using Guichet.IntegrationTests.Api;
using Guichet.IntegrationTests.Infrastructure;
using Guichet.Web.Tickets;
using Microsoft.EntityFrameworkCore;

namespace Guichet.IntegrationTests.Agent;

/// <summary>The agent keeps people informed of a request, or stops: each an event, the person added told by mail.</summary>
public sealed class ParticipantTests
{
    [Theory, Databases]
    public async Task An_agent_adds_people_to_keep_informed_and_takes_one_off(Db db)
    {
        await using var app = await GuichetApp.StartAsync(db);
        var world = await app.CreateWorldAsync();
        var ticket = await app.OpenTicketAsync(world.Alice, "Printer on fire");
        using var agent = await app.SignInAsync(world.Agent.Email!);
        var page = await agent.GetAsync($"/agent/tickets/{ticket.Number}");

        var refused = await PageClient.ParseAsync(await agent.SubmitAsync(page, "#kept-informed form[action*='handler=AddParticipants']",
            new Dictionary<string, string> { ["addresses"] = "dan@example.org, not-an-address" }));
        Assert.Contains("These are not email addresses: not-an-address", refused.QuerySelector("#addresses-error")!.TextContent);
        Assert.Equal("dan@example.org, not-an-address", refused.QuerySelector("#addresses")!.GetAttribute("value"));
        Assert.False(await app.WithDbAsync(d => d.Set<TicketParticipant>().AnyAsync()));

        var added = await agent.SubmitAndFollowAsync(page, "#kept-informed form[action*='handler=AddParticipants']",
            new Dictionary<string, string> { ["addresses"] = "dan@example.org; manager@acme.test" });
        var listed = added.QuerySelector("#kept-informed ul")!.TextContent;
        Assert.Contains("dan@example.org", listed);
        Assert.Contains("Maud Chef (manager@acme.test)", listed);
        var mail = await app.WaitForMailAsync("dan@example.org", $"[#{ticket.Number}] You are kept informed");
        Assert.Contains("Agathe Support added you to the people kept informed", mail.TextBody);

        var dan = await app.WithDbAsync(d => d.Users.Where(u => u.Email == "dan@example.org").Select(u => u.Id).SingleAsync());
        var removed = await agent.SubmitAndFollowAsync(added, $"#kept-informed form:has(input[name=userId][value='{dan}'])");
        Assert.DoesNotContain("dan@example.org", removed.QuerySelector("#kept-informed")!.TextContent);
        var events = await app.WithDbAsync(d => d.TicketEvents.Where(e => e.TicketId == ticket.Id && (e.Kind == TicketEventKind.ParticipantAdded || e.Kind == TicketEventKind.ParticipantRemoved))
            .Select(e => e.Kind).ToListAsync());
        Assert.Equal(3, events.Count);
        Assert.Single(events, k => k == TicketEventKind.ParticipantRemoved);
    }
}
