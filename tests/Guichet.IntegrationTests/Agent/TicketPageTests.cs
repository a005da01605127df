using System.Net;
using Guichet.IntegrationTests.Api;
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

/// <summary>Two agents on the same ticket: the second save made on an older page is refused with what changed, and loses nothing.</summary>
public sealed class TicketCollisionTests
{
    [Theory, Databases]
    public async Task A_save_from_a_page_older_than_the_ticket_is_refused_with_what_changed_and_keeps_what_the_agent_chose_or_wrote(Db db)
    {
        await using var app = await GuichetApp.StartAsync(db);
        var world = await app.CreateWorldAsync();
        var ben = await app.CreateUserAsync("ben@support.test", Roles.Agent, "Ben", "Bauer");
        await app.AddToGroupAsync(await app.SupportGroupIdAsync(), ben);
        var ticket = await app.OpenTicketAsync(world.Alice, "Printer on fire");
        using var agathe = await app.SignInAsync("agent@support.test");
        using var benClient = await app.SignInAsync("ben@support.test");
        var url = $"/agent/tickets/{ticket.Number}";

        var agathePage = await agathe.GetAsync(url);
        await benClient.SubmitAndFollowAsync(await benClient.GetAsync(url), "form[action*='handler=Update']", new Dictionary<string, string> { ["priority"] = "High" });

        // Agathe chose another status on her older page: refused, her choice kept, Ben's priority shown as it is now.
        var solved = await app.StatusIdAsync(StatusCategory.Solved);
        var refused = await agathe.SubmitAsync(agathePage, "form[action*='handler=Update']", new Dictionary<string, string> { ["statusId"] = solved.ToString() });
        Assert.Equal(HttpStatusCode.OK, refused.StatusCode);
        var again = await PageClient.ParseAsync(refused);
        Assert.Contains("Someone else changed this request since your page was shown", again.MainText());
        Assert.Contains("Ben Bauer changed the priority", again.QuerySelector("[role=alert]")!.TextContent);
        Assert.Equal(solved.ToString(), again.QuerySelector("#statusId option[selected]")?.GetAttribute("value"));
        Assert.Equal("High", again.QuerySelector("#priority option[selected]")?.GetAttribute("value"));
        Assert.NotEqual(StatusCategory.Solved, await app.CategoryOfAsync(ticket.Number));
        // Saving again from the page that told her: her status, and Ben's priority is not undone.
        await agathe.SubmitAndFollowAsync(again, "form[action*='handler=Update']");
        Assert.Equal(StatusCategory.Solved, await app.CategoryOfAsync(ticket.Number));
        Assert.Equal(TicketPriority.High, await app.WithDbAsync(d => d.Tickets.Where(t => t.Number == ticket.Number).Select(t => t.Priority).SingleAsync()));

        // A reply written while a colleague answered is not sent over theirs: it waits in the form.
        agathePage = await agathe.GetAsync(url);
        var benPage = await benClient.GetAsync(url);
        await benClient.SubmitAndFollowAsync(benPage, "#reply-form", new Dictionary<string, string> { ["Reply.Body"] = "Ben's answer: restart it." });
        var held = await agathe.SubmitAsync(agathePage, "#reply-form", new Dictionary<string, string> { ["Reply.Body"] = "Agathe's answer: unplug it." });
        var heldPage = await PageClient.ParseAsync(held);
        Assert.Contains("Ben Bauer", heldPage.QuerySelector("[role=alert]")!.TextContent);
        Assert.Equal("Agathe's answer: unplug it.", heldPage.QuerySelector("#Reply_Body")?.TextContent);
        Assert.Contains("Ben's answer", heldPage.QuerySelector("#conversation")!.TextContent);
        Assert.False(await app.WithDbAsync(d => d.Messages.AnyAsync(m => m.BodyText.Contains("unplug"))));
        await agathe.SubmitAndFollowAsync(heldPage, "#reply-form");
        Assert.True(await app.WithDbAsync(d => d.Messages.AnyAsync(m => m.BodyText.Contains("unplug"))));
    }
}
