using AngleSharp.Dom;
using Guichet.IntegrationTests.Api;
using Guichet.IntegrationTests.Infrastructure;
using Guichet.Web.Tickets;
using Microsoft.EntityFrameworkCore;

namespace Guichet.IntegrationTests.Agent;

/// <summary>Tags: the team's words on requests, to find them again; never seen by customers.</summary>
public sealed class TagTests
{
    [Theory, Databases]
    public async Task Agents_tag_requests_find_them_by_tag_and_change_tags_in_bulk_and_customers_never_see_them(Db db)
    {
        await using var app = await GuichetApp.StartAsync(db);
        var world = await app.CreateWorldAsync();
        var printer = await app.OpenTicketAsync(world.Alice, "Printer on fire");
        var scanner = await app.OpenTicketAsync(world.Alice, "Scanner jammed");
        using var agent = await app.SignInAsync(world.Agent.Email!);
        var page = await agent.GetAsync($"/agent/tickets/{printer.Number}");

        // Written freely, kept normalized; a word that cannot be a tag is refused with what was typed kept.
        var refused = await PageClient.ParseAsync(await agent.SubmitAsync(page, "#tags form", new Dictionary<string, string> { ["tagsText"] = "vip, !!!" }));
        Assert.Contains("These are not tags", refused.QuerySelector("#tags-error")!.TextContent);
        Assert.Equal("vip, !!!", refused.QuerySelector("#tags-text")!.GetAttribute("value"));
        var tagged = await agent.SubmitAndFollowAsync(page, "#tags form", new Dictionary<string, string> { ["tagsText"] = "VIP, Printer issue; vip" });
        Assert.Equal(["printer-issue", "vip"], tagged.QuerySelectorAll("#tags .tags a").Select(a => a.TextContent.Trim()).ToList());
        Assert.Contains(tagged.QuerySelectorAll("#history li"), li => li.TextContent.Contains("changed the tags: — → printer-issue, vip"));
        Assert.False(await app.WithDbAsync(d => d.TicketEvents.Where(e => e.Field == "tags").Select(e => e.IsPublic).SingleAsync()));

        // A queue filtered by a tag.
        var vip = await agent.GetAsync("/agent?queue=all&tag=VIP");
        Assert.Equal(["Printer on fire"], Subjects(vip));
        Assert.Equal("VIP", vip.QuerySelector("#tag")!.GetAttribute("value"));

        // In bulk: a tag added to both, one taken off; each a change with its event.
        var queue = await agent.GetAsync("/agent?queue=all");
        foreach (var box in queue.QuerySelectorAll("input[name=numbers]")) ((AngleSharp.Html.Dom.IHtmlInputElement)box).IsChecked = true;
        var done = await agent.SubmitAndFollowAsync(queue, "form[action*='handler=Bulk']", new Dictionary<string, string> { ["addTags"] = "hardware", ["removeTags"] = "vip" });
        Assert.Contains("Changed: 2.", done.MainText());
        var tags = (await app.WithDbAsync(d => d.Set<TicketTag>().ToListAsync())).Select(t => $"{(t.TicketId == printer.Id ? "printer" : "scanner")} {t.Name}").Order();
        Assert.Equal(["printer hardware", "printer printer-issue", "scanner hardware"], tags);

        // Alice sees neither the tags, nor their history, nor can she filter her list by them.
        using var alice = await app.SignInAsync(world.Alice.Email!);
        var hers = await alice.GetAsync($"/requests/{printer.Number}");
        Assert.DoesNotContain("printer-issue", hers.Source.Text);
        Assert.DoesNotContain("tags", hers.QuerySelector("main")!.TextContent);
        var list = await alice.GetAsync("/requests?tag=hardware&tag=printer-issue");
        Assert.Equal(2, list.QuerySelectorAll("table.requests tbody tr").Length);
        var api = await app.ApiClientAsync(world.Alice.Email!);
        Assert.DoesNotContain("printer-issue", await api.GetStringAsync($"/api/v1/tickets/{printer.Number}"));
    }

    private static List<string> Subjects(IDocument page) =>
        page.QuerySelectorAll("table.requests tbody tr td:first-child").Select(td => td.TextContent.Trim()).Order().ToList();
}
