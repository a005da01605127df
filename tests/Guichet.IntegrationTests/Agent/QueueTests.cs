using AngleSharp.Dom;
using AngleSharp.Html.Dom;
using System.Net;
using System.Text.Json;
using Guichet.IntegrationTests.Api;
using Guichet.IntegrationTests.Infrastructure;
using Guichet.Web.Accounts;
using Guichet.Web.Queues;
using Guichet.Web.Tickets;
using Microsoft.EntityFrameworkCore;

namespace Guichet.IntegrationTests.Agent;

/// <summary>The workspace's built-in queues at /agent: what each holds, its count, and the kept counts behind them.</summary>
public sealed class QueueTests
{
    private sealed record Desk(User Admin, User Ana, User Ben, User Customer, int Support, int Billing, Dictionary<string, long> Numbers);

    /// <summary>
    /// Ana is in Support, Ben in Billing. Support has a new unassigned ticket, one open assigned to Ana, one pending
    /// assigned to Ben, one solved today and one closed ten days after it was solved; Billing has one new unassigned.
    /// </summary>
    private static async Task<Desk> ArrangeAsync(GuichetApp app)
    {
        var admin = await app.CreateUserAsync("admin@example.org", Roles.Admin);
        var ana = await app.CreateUserAsync("ana@example.org", Roles.Agent, "Ana", "Agent");
        var ben = await app.CreateUserAsync("ben@example.org", Roles.Agent, "Ben", "Agent");
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
        await app.AddToGroupAsync(billing, ben);

        var numbers = new Dictionary<string, long>();
        async Task OpenAsync(string subject, int group, User? assignee)
        {
            var ticket = await app.OpenTicketAsync(customer, subject);
            numbers[subject] = ticket.Number;
            await app.WithDbAsync(async d =>
            {
                var t = await d.Tickets.SingleAsync(x => x.Number == ticket.Number);
                t.ChangeGroup(group, admin.Id, app.Time.GetUtcNow());
                t.Assign(assignee?.Id, admin.Id, app.Time.GetUtcNow());
                return await d.SaveChangesAsync();
            });
        }
        await OpenAsync("Closed long ago", support, ana);
        await app.SetStatusAsync(numbers["Closed long ago"], StatusCategory.Solved, admin.Id);
        await app.SetStatusAsync(numbers["Closed long ago"], StatusCategory.Closed, admin.Id);
        app.Time.Advance(TimeSpan.FromDays(10));
        await OpenAsync("Nobody took it", support, null);
        await OpenAsync("Ana works on it", support, ana);
        await app.SetStatusAsync(numbers["Ana works on it"], StatusCategory.Open, admin.Id);
        await OpenAsync("Ben waits for the customer", support, ben);
        await app.SetStatusAsync(numbers["Ben waits for the customer"], StatusCategory.Pending, admin.Id);
        await OpenAsync("Solved today", support, ana);
        await app.SetStatusAsync(numbers["Solved today"], StatusCategory.Solved, admin.Id);
        await OpenAsync("Billing question", billing, null);
        return new Desk(admin, ana, ben, customer, support, billing, numbers);
    }

    private static List<string> Subjects(IDocument page) =>
        page.QuerySelectorAll("table.requests tbody tr td:first-child").Select(td => td.TextContent.Trim()).Order().ToList();

    private static Dictionary<string, string> MenuCounts(IDocument page) =>
        page.QuerySelectorAll("nav.queues li a").ToDictionary(a => a.QuerySelector("span")!.TextContent.Trim(), a => a.QuerySelector(".queues__count")!.TextContent.Trim());

    [Theory, Databases]
    public async Task Each_queue_holds_and_counts_what_an_agent_expects(Db db)
    {
        await using var app = await GuichetApp.StartAsync(db);
        await ArrangeAsync(app);
        using var ana = await app.SignInAsync("ana@example.org");

        var expected = new Dictionary<string, string[]>
        {
            ["unassigned"] = ["Nobody took it"],
            ["mine"] = ["Ana works on it"],
            ["waiting"] = ["Ben waits for the customer"],
            ["open"] = ["Ana works on it", "Ben waits for the customer", "Nobody took it"],
            ["solved"] = ["Solved today"],
        };
        var menu = MenuCounts(await ana.GetAsync("/agent"));
        Assert.Equal(new Dictionary<string, string>
        {
            ["Unassigned in my groups"] = "1", ["Assigned to me"] = "1", ["Waiting for the customer"] = "1", ["Open in my groups"] = "3", ["Recently solved"] = "1",
            ["All tickets"] = "5",
        }, menu);
        foreach (var (queue, subjects) in expected)
        {
            var page = await ana.GetAsync($"/agent?queue={queue}");
            Assert.Equal(subjects.Order().ToList(), Subjects(page));
            Assert.Equal(subjects.Length == 1 ? "1 ticket" : $"{subjects.Length} tickets", page.QuerySelector("main p.hint[role=status]")!.TextContent);
        }

        // "All tickets": any status, of Ana's group or hers; for an admin, every ticket.
        var all = await ana.GetAsync("/agent?queue=all");
        Assert.Equal(["Ana works on it", "Ben waits for the customer", "Closed long ago", "Nobody took it", "Solved today"], Subjects(all));
        Assert.Equal("5", MenuCounts(all)["All tickets"]);
        using var admin = await app.SignInAsync("admin@example.org");
        var everything = await admin.GetAsync("/agent");
        Assert.Equal("All tickets", everything.QuerySelector("h1")!.TextContent);   // an admin in no group starts there
        Assert.Equal("6 tickets", everything.QuerySelector("main p.hint[role=status]")!.TextContent);
        Assert.Equal("6", MenuCounts(everything)["All tickets"]);
        // The old address of the queue still leads there.
        Assert.Equal("/agent?queue=mine", (await ana.Http.GetAsync("/agent/tickets?view=mine")).Headers.Location!.ToString());
    }

    [Theory, Databases]
    public async Task A_queue_is_searched_and_filtered_by_assignee_and_group_and_counts_what_it_shows(Db db)
    {
        await using var app = await GuichetApp.StartAsync(db);
        var desk = await ArrangeAsync(app);
        using var ana = await app.SignInAsync("ana@example.org");

        var nobody = await ana.GetAsync($"/agent?queue=open&assignee={TicketListQuery.Nobody}");
        Assert.Equal(["Nobody took it"], Subjects(nobody));
        var bensOrNobody = await ana.GetAsync($"/agent?queue=open&assignee={TicketListQuery.Nobody}&assignee={desk.Ben.Id}");
        Assert.Equal(["Ben waits for the customer", "Nobody took it"], Subjects(bensOrNobody));
        Assert.Equal("2 tickets", bensOrNobody.QuerySelector("main p.hint[role=status]")!.TextContent);
        // A page's links keep the filters, a sort starts again at page 1.
        Assert.Contains($"assignee={desk.Ben.Id}", bensOrNobody.QuerySelector("th a[href*='sort=number']")!.GetAttribute("href"));

        using var admin = await app.SignInAsync("admin@example.org");
        Assert.Equal(["Billing question"], Subjects(await admin.GetAsync($"/agent?queue=all&group={desk.Billing}")));

        // Internal notes are searched for agents: a word only a note has finds its ticket.
        await app.WithDbAsync(async d =>
        {
            var t = await d.Tickets.Include(x => x.Messages).SingleAsync(x => x.Number == desk.Numbers["Nobody took it"]);
            t.Reply(desk.Ana.Id, "<p>Looks like a zanzibar problem</p>", "Looks like a zanzibar problem", isInternal: true, MessageSource.Agent, app.Time.GetUtcNow());
            return await d.SaveChangesAsync();
        });
        Assert.Equal(["Nobody took it"], Subjects(await ana.GetAsync("/agent?queue=open&q=zanzibar")));
        Assert.Empty(Subjects(await ana.GetAsync("/agent?queue=mine&q=zanzibar")));
    }

    [Theory, Databases]
    public async Task The_kept_counts_follow_every_write_to_tickets_whatever_made_it(Db db)
    {
        await using var app = await GuichetApp.StartAsync(db);
        var desk = await ArrangeAsync(app);

        // Behind the application's back: bulk updates and a delete.
        await app.WithDbAsync(async d =>
        {
            await d.Tickets.Where(t => t.Number == desk.Numbers["Nobody took it"]).ExecuteUpdateAsync(s => s.SetProperty(t => t.AssigneeId, desk.Ben.Id));
            await d.Tickets.Where(t => t.Number == desk.Numbers["Billing question"]).ExecuteUpdateAsync(s => s.SetProperty(t => t.GroupId, (int?)null));
            return await d.Tickets.Where(t => t.Number == desk.Numbers["Solved today"]).ExecuteDeleteAsync();
        });
        // Through the application: Ben leaves, his tickets go back to the queue.
        await app.WithScopeAsync(async sp =>
        {
            var agents = Microsoft.Extensions.DependencyInjection.ServiceProviderServiceExtensions.GetRequiredService<AgentAccounts>(sp);
            return await agents.DeactivateAsync(desk.Ben.Id, null, desk.Admin, CancellationToken.None);
        });

        var kept = await app.WithDbAsync(d => d.Set<QueueTicketCount>().Where(c => c.Count != 0)
            .Select(c => new { c.GroupId, c.AssigneeId, c.StatusId, c.Count }).ToListAsync());
        var counted = await app.WithDbAsync(d => d.Tickets
            .GroupBy(t => new { t.GroupId, t.AssigneeId, t.StatusId })
            .Select(g => new { g.Key.GroupId, g.Key.AssigneeId, g.Key.StatusId, Count = g.Count() }).ToListAsync());
        Assert.Equal(
            counted.Select(c => (c.GroupId ?? QueueTicketCount.NoGroup, c.AssigneeId ?? QueueTicketCount.Nobody, c.StatusId, c.Count)).Order(),
            kept.Select(c => (c.GroupId, c.AssigneeId, c.StatusId, c.Count)).Order());

        using var ana = await app.SignInAsync("ana@example.org");
        var menu = MenuCounts(await ana.GetAsync("/agent"));
        Assert.Equal("2", menu["Unassigned in my groups"]);   // "Nobody took it" (Ben's, then nobody's again) and Ben's pending one
        Assert.Equal("0", menu["Recently solved"]);
    }

    private static void Tick(IDocument page, long number) =>
        ((IHtmlInputElement)page.QuerySelector($"input[name=numbers][value='{number}']")!).IsChecked = true;

    [Theory, Databases]
    public async Task A_change_to_the_ticked_tickets_makes_an_event_on_each_and_says_what_it_did_not_do(Db db)
    {
        await using var app = await GuichetApp.StartAsync(db);
        var desk = await ArrangeAsync(app);
        using var ana = await app.SignInAsync("ana@example.org");

        var page = await ana.GetAsync("/agent?queue=open&sort=number&desc=false");
        Tick(page, desk.Numbers["Nobody took it"]);
        Tick(page, desk.Numbers["Ana works on it"]);
        // A number Ana does not see (Billing's), as a forged form would send it.
        var form = page.QuerySelector<IHtmlFormElement>("form[action*='handler=Bulk']")!;
        var forged = (IHtmlInputElement)page.CreateElement("input");
        (forged.Type, forged.Name, forged.Value, forged.IsChecked) = ("checkbox", "numbers", desk.Numbers["Billing question"].ToString(), true);
        form.AppendChild(forged);
        var done = await ana.SubmitAndFollowAsync(page, "form[action*='handler=Bulk']", new Dictionary<string, string>
        {
            ["assignee"] = "me", ["priority"] = "High",
        });

        Assert.Contains($"Changed: 2. Already so: 0. Not changed: 1 (#{desk.Numbers["Billing question"]}: Not found among the tickets you may see.).", done.MainText());
        Assert.Contains("sort=number", done.Url);   // back to the same list
        var changed = await app.WithDbAsync(d => d.Tickets.Where(t => t.AssigneeId == desk.Ana.Id && t.Priority == TicketPriority.High)
            .Select(t => t.Subject).OrderBy(x => x).ToListAsync());
        Assert.Equal(["Ana works on it", "Nobody took it"], changed);
        // "Ana works on it" was hers already: one event (priority); the other, two.
        var events = await app.WithDbAsync(d => d.TicketEvents.Where(e => e.ActorId == desk.Ana.Id).Select(e => e.Field).ToListAsync());
        Assert.Equal(3, events.Count);
        Assert.Equal(TicketPriority.Normal, await app.WithDbAsync(d => d.Tickets.Where(t => t.Number == desk.Numbers["Billing question"]).Select(t => t.Priority).SingleAsync()));

        // Nothing chosen to change, or nothing ticked: said so, nothing done.
        Assert.Contains("Choose what to change.", (await ana.SubmitAndFollowAsync(await ana.GetAsync("/agent?queue=open"), "form[action*='handler=Bulk']",
            new Dictionary<string, string> { ["allMatching"] = "true" })).MainText());
        Assert.Contains("Tick the tickets to change, or choose all the tickets of the list.",
            (await ana.SubmitAndFollowAsync(await ana.GetAsync("/agent?queue=open"), "form[action*='handler=Bulk']", new Dictionary<string, string> { ["priority"] = "Low" })).MainText());
    }

    [Theory, Databases]
    public async Task A_change_to_all_the_tickets_of_a_filtered_list_reaches_every_page_and_nothing_else(Db db)
    {
        await using var app = await GuichetApp.StartAsync(db);
        var desk = await ArrangeAsync(app);
        var pending = await app.StatusIdAsync(StatusCategory.Pending);
        for (var i = 0; i < 55; i++) await app.OpenTicketAsync(desk.Customer, $"Printer {i:00}");   // Support, nobody's: more than a page
        using var ana = await app.SignInAsync("ana@example.org");

        var page = await ana.GetAsync("/agent?queue=unassigned&q=printer");
        Assert.Equal("55 tickets", page.QuerySelector("main p.hint[role=status]")!.TextContent);
        // Opened after the page was shown: not one of the tickets the agent chose.
        var late = await app.OpenTicketAsync(desk.Customer, "Printer late");
        var done = await ana.SubmitAndFollowAsync(page, "form[action*='handler=Bulk']", new Dictionary<string, string>
        {
            ["allMatching"] = "true", ["status"] = pending.ToString(), ["group"] = desk.Support.ToString(),
        });

        Assert.Contains("Changed: 55. Already so: 0.", done.MainText());
        Assert.Equal(55, await app.WithDbAsync(d => d.Tickets.CountAsync(t => t.Subject.StartsWith("Printer") && t.StatusId == pending)));
        Assert.NotEqual(pending, await app.WithDbAsync(d => d.Tickets.Where(t => t.Number == late.Number).Select(t => t.StatusId).SingleAsync()));
        // "Nobody took it" is in the queue but not in the search: untouched.
        Assert.NotEqual(pending, await app.WithDbAsync(d => d.Tickets.Where(t => t.Number == desk.Numbers["Nobody took it"]).Select(t => t.StatusId).SingleAsync()));
        Assert.Equal(55, await app.WithDbAsync(d => d.TicketEvents.CountAsync(e => e.Kind == TicketEventKind.StatusChanged && e.ActorId == desk.Ana.Id)));
    }

    [Theory, Databases]
    public async Task The_queues_and_their_tickets_are_in_the_API_for_the_team_only(Db db)
    {
        await using var app = await GuichetApp.StartAsync(db);
        await ArrangeAsync(app);
        using var ana = await app.ApiClientAsync("ana@example.org");

        var queues = (await (await ana.GetAsync("/api/v1/queues")).JsonAsync()).EnumerateArray()
            .ToDictionary(q => q.GetProperty("queue").GetString()!, q => q.GetProperty("count").GetInt32());
        Assert.Equal(new Dictionary<string, int> { ["unassigned"] = 1, ["mine"] = 1, ["waiting"] = 1, ["open"] = 3, ["solved"] = 1, ["all"] = 5 }, queues);
        var open = await (await ana.GetAsync("/api/v1/tickets?queue=open&sort=number&direction=asc")).JsonAsync();
        Assert.Equal(["Nobody took it", "Ana works on it", "Ben waits for the customer"],
            open.GetProperty("items").EnumerateArray().Select(i => i.GetProperty("subject").GetString()).ToList());
        var wrong = await (await ana.GetAsync("/api/v1/tickets?queue=everything")).ProblemAsync(HttpStatusCode.BadRequest);
        Assert.True(wrong.GetProperty("errors").TryGetProperty("queue", out _));

        using var customer = await app.ApiClientAsync("customer@example.org");
        await (await customer.GetAsync("/api/v1/queues")).ProblemAsync(HttpStatusCode.Forbidden);
        var refused = await (await customer.GetAsync("/api/v1/tickets?queue=mine")).ProblemAsync(HttpStatusCode.BadRequest);
        Assert.True(refused.GetProperty("errors").TryGetProperty("queue", out _));
    }
}
