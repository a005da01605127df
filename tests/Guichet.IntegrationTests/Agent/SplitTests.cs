using System.Net;
using Guichet.IntegrationTests.Api;
using Guichet.IntegrationTests.Attachments;
using Guichet.IntegrationTests.Infrastructure;
using Guichet.IntegrationTests.Search;
using Guichet.Web.Tickets;
using Microsoft.EntityFrameworkCore;

namespace Guichet.IntegrationTests.Agent;

/// <summary>A customer's second question, asked in the same conversation, made into a request of its own.</summary>
public sealed class SplitTests
{
    [Theory, Databases]
    public async Task An_agent_splits_a_customers_message_into_a_new_request_with_its_file(Db db)
    {
        await using var app = await GuichetApp.StartAsync(db);
        var world = await app.CreateWorldAsync();
        var ticket = await app.OpenTicketAsync(world.Alice, "Printer on fire");
        using var alice = await app.SignInAsync(world.Alice.Email!);
        app.Time.Advance(TimeSpan.FromMinutes(5));
        var hers = await alice.GetAsync($"/requests/{ticket.Number}");
        await alice.SubmitMultipartAsync(hers, "form[action*='handler=Reply']", new Dictionary<string, string> { ["Reply.Body"] = "Also, my password expired yesterday." },
            [Files.File("expired.png", Files.Png, "image/png")]);
        await app.ReplyAsync(ticket.Number, world.Agent.Id, "Looking into both.", isInternal: false);

        using var agent = await app.SignInAsync(world.Agent.Email!);
        var page = await agent.GetAsync($"/agent/tickets/{ticket.Number}");
        // Offered on the customer's later message only: not on the first, not on the agent's reply.
        var forms = page.QuerySelectorAll("#conversation form[action*='handler=Split']");
        Assert.Single(forms);
        Assert.Contains("password expired", forms[0].Closest("li")!.TextContent);

        var refused = await PageClient.ParseAsync(await agent.SubmitAsync(page, "#conversation form[action*='handler=Split']", new Dictionary<string, string> { ["subject"] = " " }));
        Assert.Contains("Give the new request a subject.", refused.QuerySelector("#conversation details.split[open] .field-error")!.TextContent);
        var created = await agent.SubmitAndFollowAsync(page, "#conversation form[action*='handler=Split']", new Dictionary<string, string> { ["subject"] = "Password expired" });

        var split = await app.WithDbAsync(d => d.Tickets.Include(t => t.Status).SingleAsync(t => t.Subject == "Password expired"));
        Assert.Contains($"The message is now the request #{split.Number}", created.MainText());
        Assert.Equal((world.Alice.Id, ticket.OrganizationId, StatusCategory.New), (split.RequesterId, split.OrganizationId, split.Status.Category));
        var (texts, files, left) = await app.WithDbAsync(async d => (
            await d.Messages.Where(m => m.TicketId == split.Id).Select(m => m.BodyText).ToListAsync(),
            await d.Set<Guichet.Web.Attachments.Attachment>().Where(a => a.TicketId == split.Id).Select(a => a.FileName).ToListAsync(),
            await d.Messages.Where(m => m.TicketId == ticket.Id).Select(m => m.BodyText).ToListAsync()));
        Assert.Equal(["Also, my password expired yesterday."], texts.Select(t => t.Trim()));
        Assert.Equal(["expired.png"], files);
        Assert.Equal(2, left.Count);
        Assert.DoesNotContain(left, t => t.Contains("password"));
        Assert.True(await app.WithDbAsync(d => d.Set<TicketRelation>().AnyAsync()));

        // Alice is told, finds her file in the new request, and the first one says where the message went.
        await app.WaitForMailAsync(world.Alice.Email!, $"[#{split.Number}] We received your request: Password expired");
        var now = await alice.GetAsync($"/requests/{split.Number}");
        Assert.Equal(HttpStatusCode.OK, (await alice.Http.GetAsync(now.DownloadLinks()["expired.png"])).StatusCode);
        var first = await alice.GetAsync($"/requests/{ticket.Number}");
        Assert.DoesNotContain("password expired", first.QuerySelector("#conversation")!.TextContent);
        // Said to the team only: the new request may be another organization's.
        Assert.DoesNotContain($"#{split.Number}", first.MainText());
        Assert.Contains($"moved a message to a new request, #{split.Number}", (await agent.GetAsync($"/agent/tickets/{ticket.Number}")).MainText());
        Assert.Equal([split.Number], await app.SearchAsync(world.Agent.Id, "password"));
    }
}
