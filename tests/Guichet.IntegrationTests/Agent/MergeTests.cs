using System.Net;
using Guichet.IntegrationTests.Api;
using Guichet.IntegrationTests.Attachments;
using Guichet.IntegrationTests.Infrastructure;
using Guichet.IntegrationTests.Search;
using Guichet.Web.Tickets;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Guichet.IntegrationTests.Agent;

/// <summary>Merging a duplicate into the request that goes on: what moves, who follows, what the merged one says.</summary>
public sealed class MergeTests
{
    [Theory, Databases]
    public async Task An_agent_merges_a_duplicate_and_its_conversation_files_and_people_follow(Db db)
    {
        await using var app = await GuichetApp.StartAsync(db);
        var world = await app.CreateWorldAsync();
        using var alice = await app.SignInAsync(world.Alice.Email!);
        var duplicatePage = await alice.OpenRequestWithFilesAsync("Printer smoking again", Files.File("smoke.png", Files.Png, "image/png"));
        var duplicate = await app.WithDbAsync(d => d.Tickets.SingleAsync(t => t.Subject == "Printer smoking again"));
        Assert.Single(duplicatePage.DownloadLinks());
        var main = await app.OpenTicketAsync(world.Manager, "Printer on fire", "The whole floor smells of smoke.");
        await app.ReplyAsync(duplicate.Number, world.Agent.Id, "Checking the toner fuser.", isInternal: true);
        var closed = await app.OpenTicketAsync(world.Bob, "Old one");
        await app.SetStatusAsync(closed.Number, StatusCategory.Closed, world.Agent.Id);

        using var agent = await app.SignInAsync(world.Agent.Email!);
        var page = await agent.GetAsync($"/agent/tickets/{duplicate.Number}");

        // Refused with a sentence, the number kept: itself, a request nobody has, a closed one.
        foreach (var (into, words) in new[] { (duplicate.Number.ToString(), "another request than this one"), ("99999", "no request #99999"),
                     (closed.Number.ToString(), "choose a request still in progress"), ("abc", "Type the number") })
        {
            var refused = await PageClient.ParseAsync(await agent.SubmitAsync(page, "#merge form", new Dictionary<string, string> { ["into"] = into }));
            Assert.Contains(words, refused.QuerySelector("#merge-error")!.TextContent);
            Assert.Equal(into, refused.QuerySelector("#merge-into")!.GetAttribute("value") ?? "abc");
        }

        // First the check: nothing changes until the agent confirms what they see.
        var confirm = await PageClient.ParseAsync(await agent.SubmitAsync(page, "#merge form", new Dictionary<string, string> { ["into"] = $"#{main.Number}" }));
        Assert.Contains($"into #{main.Number} “Printer on fire”", confirm.QuerySelector("#merge")!.TextContent);
        Assert.Null(await app.WithDbAsync(d => d.Tickets.Where(t => t.Id == duplicate.Id).Select(t => t.MergedIntoId).SingleAsync()));
        var merged = await agent.SubmitAndFollowAsync(confirm, "#merge form");
        Assert.Contains($"The request #{duplicate.Number} was merged into this one.", merged.MainText());
        Assert.Contains("Printer on fire", merged.QuerySelector("h1")!.TextContent);

        // The conversation (the note too), its file and their events are on the main request; the duplicate is closed and points there.
        var (messages, attachments) = await app.WithDbAsync(async d => (
            await d.Messages.Where(m => m.TicketId == main.Id).OrderBy(m => m.CreatedAt).Select(m => m.BodyText).ToListAsync(),
            await d.Set<Guichet.Web.Attachments.Attachment>().Where(a => a.TicketId == main.Id).Select(a => a.FileName).ToListAsync()));
        Assert.Equal(3, messages.Count);
        Assert.Contains(messages, m => m.Contains("toner fuser"));
        Assert.Equal(["smoke.png"], attachments);
        Assert.Equal(0, await app.WithDbAsync(d => d.Messages.CountAsync(m => m.TicketId == duplicate.Id)));
        Assert.Equal(1, await app.WithDbAsync(d => d.TicketEvents.CountAsync(e => e.TicketId == main.Id && e.Kind == TicketEventKind.NoteAdded)));
        Assert.Equal(1, await app.WithDbAsync(d => d.TicketEvents.CountAsync(e => e.TicketId == duplicate.Id && e.Kind == TicketEventKind.Created)));
        var after = await app.WithDbAsync(d => d.Tickets.Include(t => t.Status).Include(t => t.Participants).SingleAsync(t => t.Id == duplicate.Id));
        Assert.Equal((main.Id, StatusCategory.Closed), (after.MergedIntoId!.Value, after.Status.Category));
        Assert.Contains(merged.QuerySelectorAll("#history li"), li => li.TextContent.Contains($"merged the request #{duplicate.Number} into this one"));

        // Alice follows it there: she is kept informed, told by mail (not of a closing), led there, and sees her file.
        Assert.True(await app.WithDbAsync(d => d.Set<TicketParticipant>().AnyAsync(p => p.TicketId == main.Id && p.UserId == world.Alice.Id)));
        var mail = await app.WaitForMailAsync(world.Alice.Email!, $"[#{duplicate.Number}] Merged into #{main.Number}");
        Assert.Contains($"/requests/{main.Number}", mail.TextBody);
        var led = await alice.Http.GetAsync($"/requests/{duplicate.Number}");
        Assert.Equal(HttpStatusCode.Redirect, led.StatusCode);
        Assert.Equal($"/requests/{main.Number}", led.Headers.Location!.OriginalString);
        var there = await alice.GetAsync($"/requests/{main.Number}");
        Assert.Contains("the conversation goes on here", there.MainText());
        Assert.DoesNotContain("toner fuser", there.MainText());
        Assert.Equal(HttpStatusCode.OK, (await alice.Http.GetAsync(there.DownloadLinks()["smoke.png"])).StatusCode);
        var subjects = (await app.MailToAsync(world.Alice.Email!)).Select(m => m.Subject + " | " + m.TextBody).ToList();
        Assert.DoesNotContain(subjects, s => s.Contains("Closed") || s.Contains("kept informed"));

        // Search finds the words where they are now; the agent's old address leads there; merging again is refused.
        Assert.Equal([main.Number], await app.SearchAsync(world.Agent.Id, "fuser"));
        Assert.Equal([main.Number], await app.SearchAsync(world.Alice.Id, "attached"));
        var old = await agent.Http.GetAsync($"/agent/tickets/{duplicate.Number}");
        Assert.Equal($"/agent/tickets/{main.Number}", old.Headers.Location!.OriginalString);
        await using (var scope = app.Services.CreateAsyncScope())
        {
            var viewer = await Guichet.Web.Tickets.Viewer.ForAsync(scope.ServiceProvider.GetRequiredService<Guichet.Web.Data.GuichetDbContext>(),
                scope.ServiceProvider.GetRequiredService<Guichet.Web.Data.NodeCache>(), world.Agent.Id, default);
            Assert.Equal("This request was already merged into another one.",
                await scope.ServiceProvider.GetRequiredService<TicketMerge>().MergeAsync(duplicate.Number, main.Number, viewer, default));
        }
    }

    [Theory, Databases]
    public async Task Ticked_tickets_are_merged_into_one_and_those_that_cannot_be_are_said(Db db)
    {
        await using var app = await GuichetApp.StartAsync(db);
        var world = await app.CreateWorldAsync();
        var main = await app.OpenTicketAsync(world.Alice, "Outage");
        var second = await app.OpenTicketAsync(world.Bob, "Outage too");
        var third = await app.OpenTicketAsync(world.Manager, "Outage as well");
        var closed = await app.OpenTicketAsync(world.Bob, "Old");
        await app.SetStatusAsync(closed.Number, StatusCategory.Closed, world.Agent.Id);
        using var agent = await app.SignInAsync(world.Agent.Email!);

        var page = await agent.GetAsync("/agent?queue=all");
        foreach (var n in new[] { second.Number, third.Number, main.Number })
            ((AngleSharp.Html.Dom.IHtmlInputElement)page.QuerySelector($"input[name=numbers][value='{n}']")!).IsChecked = true;
        var done = await agent.SubmitAndFollowAsync(page, "form[action*='handler=Bulk']", new Dictionary<string, string> { ["mergeInto"] = main.Number.ToString() },
            submitter: "button[formaction*='handler=BulkMerge']");
        Assert.Contains($"Merged into #{main.Number}: 2.", done.MainText());
        Assert.Equal(2, await app.WithDbAsync(d => d.Tickets.CountAsync(t => t.MergedIntoId == main.Id)));

        var refused = await agent.SubmitAndFollowAsync(await agent.GetAsync("/agent?queue=all"), "form[action*='handler=Bulk']",
            new Dictionary<string, string> { ["mergeInto"] = closed.Number.ToString(), ["numbers"] = main.Number.ToString() }, submitter: "button[formaction*='handler=BulkMerge']");
        Assert.Contains("Not changed: 1", refused.MainText());
        Assert.Contains("choose a request still in progress", refused.MainText());
    }
}
