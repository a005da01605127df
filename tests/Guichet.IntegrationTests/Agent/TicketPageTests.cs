using System.Net;
using Guichet.IntegrationTests.Infrastructure;
using Guichet.Web.Accounts;
using Guichet.Web.Tickets;
using Microsoft.EntityFrameworkCore;

namespace Guichet.IntegrationTests.Agent;

/// <summary>The agent's page of one ticket: what the side panel changes.</summary>
public sealed class TicketPageTests
{
    [Theory, Databases]
    public async Task An_agent_hands_a_ticket_to_another_group_and_agent_and_is_told_when_it_leaves_their_sight(Db db)
    {
        await using var app = await GuichetApp.StartAsync(db);
        var ana = await app.CreateUserAsync("ana@example.org", Roles.Agent, "Ana", "Agent");
        var ben = await app.CreateUserAsync("ben@example.org", Roles.Agent, "Ben", "Agent");
        var gone = await app.CreateUserAsync("gone@example.org", Roles.Agent, "Gone", "Agent");
        var customer = await app.CreateUserAsync("customer@example.org");
        var support = await app.SupportGroupIdAsync();
        var billing = await app.WithDbAsync(async d =>
        {
            var group = new Group { Name = "Billing" };
            d.Groups.Add(group);
            (await d.Users.SingleAsync(u => u.Id == gone.Id)).DeactivatedAt = app.Time.GetUtcNow();
            await d.SaveChangesAsync();
            return group.Id;
        });
        await app.AddToGroupAsync(support, ana);
        await app.AddToGroupAsync(billing, ben);
        var ticket = await app.OpenTicketAsync(customer, "Invoice twice");
        using var client = await app.SignInAsync("ana@example.org");

        var page = await client.GetAsync($"/agent/tickets/{ticket.Number}");
        // A deactivated agent is not offered, and is refused if sent anyway.
        Assert.Null(page.QuerySelector($"#assignee option[value='{gone.Id}']"));
        var forged = await client.SubmitAsync(page, "form[action*='handler=Update']", new Dictionary<string, string> { ["assignee"] = gone.Id.ToString() });
        Assert.Equal(HttpStatusCode.BadRequest, forged.StatusCode);

        var moved = await client.SubmitAndFollowAsync(page, "form[action*='handler=Update']", new Dictionary<string, string>
        {
            ["group"] = billing.ToString(), ["assignee"] = ben.Id.ToString(),
        });
        Assert.Contains("it is no longer among the requests you see", moved.MainText());
        Assert.EndsWith("/agent", new Uri(moved.Url).AbsolutePath);
        var (groupId, assigneeId) = await app.WithDbAsync(d => d.Tickets.Where(t => t.Number == ticket.Number)
            .Select(t => new ValueTuple<int?, Guid?>(t.GroupId, t.AssigneeId)).SingleAsync());
        Assert.Equal((billing, ben.Id), (groupId, assigneeId));
        var events = await app.WithDbAsync(d => d.TicketEvents.Where(e => e.ActorId == ana.Id).OrderBy(e => e.Field).Select(e => e.Field).ToListAsync());
        Assert.Equal(["assignee", "group"], events);
        Assert.Equal(HttpStatusCode.NotFound, (await client.Http.GetAsync($"/agent/tickets/{ticket.Number}")).StatusCode);

        // Ben has it; saving the panel unchanged changes nothing.
        using var benClient = await app.SignInAsync("ben@example.org");
        var bens = await benClient.GetAsync($"/agent/tickets/{ticket.Number}");
        Assert.Equal(ben.Id.ToString(), bens.QuerySelector("#assignee option[selected]")?.GetAttribute("value"));
        await benClient.SubmitAndFollowAsync(bens, "form[action*='handler=Update']");
        Assert.Equal(2, await app.WithDbAsync(d => d.TicketEvents.CountAsync(e => e.Field == "assignee" || e.Field == "group")));
    }
}
