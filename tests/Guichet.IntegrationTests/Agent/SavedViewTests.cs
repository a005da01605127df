using System.Net;
using Guichet.IntegrationTests.Api;
using Guichet.IntegrationTests.Infrastructure;
using Guichet.IntegrationTests.Search;
using Guichet.Web.Accounts;
using Guichet.Web.Queues;
using Guichet.Web.Tickets;
using Microsoft.EntityFrameworkCore;

namespace Guichet.IntegrationTests.Agent;

/// <summary>Saved views: a list kept with its filters, personal or shared with a group, ordered, exported.</summary>
public sealed class SavedViewTests
{
    [Theory, Databases]
    public async Task An_agent_saves_a_list_as_a_view_shares_one_with_a_group_orders_them_and_exports_one(Db db)
    {
        await using var app = await GuichetApp.StartAsync(db);
        var world = await app.CreateWorldAsync();
        var ben = await app.CreateUserAsync("ben@support.test", Roles.Agent, "Ben", "Bauer");
        var olga = await app.CreateUserAsync("olga@support.test", Roles.Agent, "Olga", "Other");
        var support = await app.SupportGroupIdAsync();
        await app.AddToGroupAsync(support, ben);
        await app.OpenTicketAsync(world.Alice, "Printer on fire");
        var urgent = await app.OpenTicketAsync(world.Bob, "Server down");
        await app.ChangeAsync(urgent.Number, (t, _) => t.ChangePriority(TicketPriority.Urgent, world.Agent.Id, app.Time.GetUtcNow()));
        using var agent = await app.SignInAsync(world.Agent.Email!);

        // A name is needed: refused with the form open, nothing saved.
        var list = await agent.GetAsync("/agent?queue=all&priority=Urgent&sort=number&desc=false");
        var refused = await PageClient.ParseAsync(await agent.SubmitAsync(list, "form[action*='handler=SaveView']", new Dictionary<string, string> { ["name"] = " " }));
        Assert.Contains("Give the view a name.", refused.QuerySelector("#view-error")!.TextContent);
        Assert.Equal(0, await app.WithDbAsync(d => d.Set<SavedView>().CountAsync()));

        var saved = await agent.SubmitAndFollowAsync(list, "form[action*='handler=SaveView']", new Dictionary<string, string> { ["name"] = "Urgent ones" });
        Assert.Equal("Urgent ones", saved.QuerySelector("h1")!.TextContent.Trim());
        Assert.Equal(["Server down"], Subjects(saved));
        Assert.Equal("page", saved.QuerySelector("#queue-menu a[aria-current=page]:has(span)")?.GetAttribute("aria-current"));
        var view = await app.WithDbAsync(d => d.Set<SavedView>().SingleAsync());
        Assert.DoesNotContain("page=", view.Address);
        Assert.Contains("priority=Urgent", view.Address);

        // One shared with Support: Ben sees it, Olga (in no group) does not, nor the personal one.
        await agent.SubmitAndFollowAsync(await agent.GetAsync("/agent?queue=all&q=printer"), "form[action*='handler=SaveView']",
            new Dictionary<string, string> { ["name"] = "Printers", ["group"] = support.ToString() });
        using var benPage = await app.SignInAsync("ben@support.test");
        var bens = (await benPage.GetAsync("/agent")).QuerySelector("#queue-menu")!.TextContent;
        Assert.Contains("Printers", bens);
        Assert.DoesNotContain("Urgent ones", bens);
        using var olgaPage = await app.SignInAsync("olga@support.test");
        Assert.DoesNotContain("Printers", (await olgaPage.GetAsync("/agent")).QuerySelector("#queue-menu")!.TextContent);
        Assert.Null((await benPage.GetAsync("/agent/views")).QuerySelector("form[action*='handler=Delete']"));

        // Updated with other filters, from the view itself.
        var inView = await agent.GetAsync($"/agent?queue=all&priority=High&priority=Urgent&view={view.Id}");
        await agent.SubmitAndFollowAsync(inView, "form[action*='handler=SaveView']", new Dictionary<string, string> { ["id"] = view.Id.ToString() });
        Assert.Contains("priority=High", await app.WithDbAsync(d => d.Set<SavedView>().Where(v => v.Id == view.Id).Select(v => v.Address).SingleAsync()));

        // Ordered: a second personal view moves above the first.
        await agent.SubmitAndFollowAsync(await agent.GetAsync("/agent?queue=mine"), "form[action*='handler=SaveView']", new Dictionary<string, string> { ["name"] = "Mine" });
        var arrange = await agent.GetAsync("/agent/views");
        var mine = await app.WithDbAsync(d => d.Set<SavedView>().Where(v => v.Name == "Mine").Select(v => v.Id).SingleAsync());
        await agent.SubmitAndFollowAsync(arrange, $"form[action*='handler=Move']:has(input[value='{mine}'])", new Dictionary<string, string> { ["up"] = "true" });
        var menu = (await agent.GetAsync("/agent")).QuerySelectorAll("#queue-menu ul[aria-labelledby=views-title] li span:first-child").Select(s => s.TextContent).ToList();
        Assert.Equal(["Mine", "Urgent ones", "Printers"], menu);

        // Exported as the list shows it.
        var csv = await agent.Http.GetStringAsync($"/agent?queue=all&priority=Urgent&handler=export&format=csv");
        Assert.Contains("Server down", csv);
        Assert.DoesNotContain("Printer on fire", csv);

        // Deleted by its owner; nobody else may.
        Assert.Equal(HttpStatusCode.NotFound, (await olgaPage.Http.PostAsync("/agent/views?handler=Delete",
            new FormUrlEncodedContent(new Dictionary<string, string> { ["id"] = view.Id.ToString(), ["__RequestVerificationToken"] = (await olgaPage.GetAsync("/agent/views")).QuerySelector("input[name=__RequestVerificationToken]")?.GetAttribute("value") ?? "" }))).StatusCode);
        var deleted = await agent.SubmitAndFollowAsync(await agent.GetAsync("/agent/views"), $"form[action*='handler=Delete']:has(input[value='{view.Id}'])");
        Assert.Contains("The view was deleted.", deleted.MainText());
        Assert.NotNull(olga);
    }

    [Theory, Databases]
    public async Task The_no_reply_filter_finds_the_requests_the_team_has_not_answered_for_that_long(Db db)
    {
        await using var app = await GuichetApp.StartAsync(db);
        var world = await app.CreateWorldAsync();
        var answered = await app.OpenTicketAsync(world.Alice, "Answered");
        await app.OpenTicketAsync(world.Alice, "Never answered");
        using var agent = await app.SignInAsync(world.Agent.Email!);
        await agent.SubmitAndFollowAsync(await agent.GetAsync($"/agent/tickets/{answered.Number}"), "#reply-form",
            new Dictionary<string, string> { ["Reply.Body"] = "On it." });
        // A note is not an answer.
        await app.ReplyAsync(answered.Number, world.Agent.Id, "Internal only", isInternal: true);

        Assert.Equal(["Never answered"], Subjects(await agent.GetAsync("/agent?queue=all&noReplyHours=4")));
        app.Time.Advance(TimeSpan.FromHours(5));
        Assert.Equal(["Answered", "Never answered"], Subjects(await agent.GetAsync("/agent?queue=all&noReplyHours=4")));
        // The customers' list ignores it.
        using var alice = await app.SignInAsync(world.Alice.Email!);
        Assert.Equal(2, (await alice.GetAsync("/requests?noReplyHours=4000")).QuerySelectorAll("table.requests tbody tr").Length);
    }

    private static List<string> Subjects(AngleSharp.Dom.IDocument page) =>
        page.QuerySelectorAll("table.requests tbody tr td:first-child").Select(td => td.TextContent.Trim()).Order().ToList();
}
