using AngleSharp.Dom;
using Guichet.IntegrationTests.Infrastructure;
using Guichet.Web.Accounts;
using Guichet.Web.Tickets;
using Microsoft.EntityFrameworkCore;

namespace Guichet.IntegrationTests.Agent;

/// <summary>A ticket opened from a queue links to the next and previous tickets of that queue, as the agent sees it.</summary>
public sealed class NextTicketTests
{
    private static string? Href(IDocument page, string rel) => page.QuerySelector($"nav.ticket-pager a[rel={rel}]")?.GetAttribute("href");

    private static long NumberOf(IDocument page) => long.Parse(new Uri(page.Url).AbsolutePath.Split('/').Last());

    [Theory, Databases]
    public async Task Next_ticket_follows_the_queue_its_sort_and_filters_and_never_leads_to_a_ticket_the_agent_may_not_see(Db db)
    {
        await using var app = await GuichetApp.StartAsync(db);
        var admin = await app.CreateUserAsync("admin@example.org", Roles.Admin);
        var ana = await app.CreateUserAsync("ana@example.org", Roles.Agent, "Ana", "Agent");
        var customer = await app.CreateUserAsync("customer@example.org", null, "Cleo", "Customer");
        var support = await app.SupportGroupIdAsync();
        var billing = await app.WithDbAsync(async d =>
        {
            var group = new Group { Name = "Billing" };
            d.Groups.Add(group);
            await d.SaveChangesAsync();
            return group.Id;
        });
        await app.AddToGroupAsync(support, ana);

        // Opened a minute apart, so the newest activity comes first: 4, 3, Billing, 2, 1. Billing is not Ana's.
        var numbers = new Dictionary<string, long>();
        foreach (var (subject, group) in new[] { ("One", support), ("Two", support), ("Billing", billing), ("Three", support), ("Four", support) })
        {
            var ticket = await app.OpenTicketAsync(customer, subject);
            numbers[subject] = ticket.Number;
            await app.WithDbAsync(async d =>
            {
                var t = await d.Tickets.SingleAsync(x => x.Number == ticket.Number);
                t.ChangeGroup(group, admin.Id, app.Time.GetUtcNow());
                if (subject == "One") t.Assign(ana.Id, admin.Id, app.Time.GetUtcNow());
                return await d.SaveChangesAsync();
            });
            app.Time.Advance(TimeSpan.FromMinutes(1));
        }
        using var client = await app.SignInAsync("ana@example.org");

        // From the queue's first row to its end, one "Next ticket" at a time; each page knows the one before.
        var queue = await client.GetAsync("/agent?queue=open");
        var page = await client.GetAsync(queue.QuerySelector("table.requests tbody tr a")!.GetAttribute("href")!);
        var walked = new List<long> { NumberOf(page) };
        while (Href(page, "next") is { } next)
        {
            var previous = NumberOf(page);
            page = await client.GetAsync(next);
            walked.Add(NumberOf(page));
            Assert.Equal(previous, NumberOf(await client.GetAsync(Href(page, "prev")!)));
        }
        Assert.Equal([numbers["Four"], numbers["Three"], numbers["Two"], numbers["One"]], walked);
        Assert.Null(Href(page, "next"));
        Assert.Equal("/agent?queue=open&sort=activity&desc=true&page=1", page.QuerySelector(".ticket-header a[data-shortcut=queue]")!.GetAttribute("href"));

        // Another sort, another filter, another queue: the same rule as the queue's page.
        var byNumber = Uri.EscapeDataString("/agent?queue=open&sort=number&desc=false");
        Assert.Equal($"/agent/tickets/{numbers["Two"]}?from={byNumber}", Href(await client.GetAsync($"/agent/tickets/{numbers["One"]}?from={byNumber}"), "next"));
        foreach (var (sort, after) in new[] { ("subject", "One"), ("priority", "Three"), ("status", "Three") })
        {
            var sorted = Uri.EscapeDataString($"/agent?queue=open&sort={sort}&desc=false");
            Assert.Equal($"/agent/tickets/{numbers[after]}?from={sorted}", Href(await client.GetAsync($"/agent/tickets/{numbers["Four"]}?from={sorted}"), "next"));
        }
        var nobodys = Uri.EscapeDataString($"/agent?queue=open&assignee={TicketListQuery.Nobody}");
        Assert.Null(Href(await client.GetAsync($"/agent/tickets/{numbers["Two"]}?from={nobodys}"), "next"));
        var mine = Uri.EscapeDataString("/agent?queue=mine");
        var alone = await client.GetAsync($"/agent/tickets/{numbers["One"]}?from={mine}");
        Assert.Null(Href(alone, "next"));
        Assert.Null(Href(alone, "prev"));

        // An admin's "All tickets" holds Billing between Three and Two.
        using var adminClient = await app.SignInAsync("admin@example.org");
        var all = Uri.EscapeDataString("/agent?queue=all");
        Assert.Equal($"/agent/tickets/{numbers["Billing"]}?from={all}", Href(await adminClient.GetAsync($"/agent/tickets/{numbers["Three"]}?from={all}"), "next"));
        Assert.Equal($"/agent/tickets/{numbers["Two"]}?from={all}", Href(await client.GetAsync($"/agent/tickets/{numbers["Three"]}?from={all}"), "next"));

        // What the ticket page does keeps where it came from; an address that is not a queue's is ignored.
        var threeInAll = await client.GetAsync($"/agent/tickets/{numbers["Three"]}?from={all}");
        Assert.Contains($"from={all}", threeInAll.QuerySelector("#reply-form")!.GetAttribute("action"));
        var assigned = await client.SubmitAsync(await client.GetAsync($"/agent/tickets/{numbers["Three"]}?from={all}"), "form[action*='handler=Assign']");
        Assert.Equal($"/agent/tickets/{numbers["Three"]}?from={all}", assigned.Headers.Location!.OriginalString);
        var elsewhere = await client.GetAsync($"/agent/tickets/{numbers["Three"]}?from={Uri.EscapeDataString("https://example.com/agent?queue=all")}");
        Assert.Null(elsewhere.QuerySelector("nav.ticket-pager"));
        Assert.Equal("/agent", elsewhere.QuerySelector(".ticket-header a[data-shortcut=queue]")!.GetAttribute("href"));
    }
}
