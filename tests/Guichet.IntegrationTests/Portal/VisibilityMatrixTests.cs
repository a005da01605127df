using System.Net;
using Guichet.IntegrationTests.Infrastructure;
using Guichet.Web.Accounts;
using Microsoft.EntityFrameworkCore;

namespace Guichet.IntegrationTests.Portal;

/// <summary>
/// The one visibility rule, walked as each kind of person: own requests; the organization's for a
/// manager, or for every member when the organization allows it; those one is CC'd on; never
/// another organization's (404, not 403); agents by group; admins all.
/// </summary>
public sealed class VisibilityMatrixTests
{
    [Theory, Databases]
    public async Task Each_person_sees_exactly_the_requests_the_rule_gives_them(Db db)
    {
        await using var app = await GuichetApp.StartAsync(db);
        var closed = await app.CreateOrganizationAsync("Closed Corp", "closed.example");
        var open = await app.CreateOrganizationAsync("Open Corp", "open.example");
        await app.WithDbAsync(async d =>
        {
            (await d.Organizations.SingleAsync(o => o.Id == open.Id)).MembersSeeEachOthersRequests = true;
            return await d.SaveChangesAsync();
        });

        var alice = await app.CreateUserAsync("alice@closed.example");
        var albert = await app.CreateUserAsync("albert@closed.example");
        var manager = await app.CreateUserAsync("manager@closed.example");
        var bella = await app.CreateUserAsync("bella@open.example");
        var boris = await app.CreateUserAsync("boris@open.example");
        await app.CreateUserAsync("outsider@else.example");
        var agentIn = await app.CreateUserAsync("in@support.example", Roles.Agent);
        await app.CreateUserAsync("out@support.example", Roles.Agent);
        await app.CreateUserAsync("admin@support.example", Roles.Admin);
        await app.AddMemberAsync(closed, alice);
        await app.AddMemberAsync(closed, albert);
        await app.AddMemberAsync(closed, manager, manager: true);
        await app.AddMemberAsync(open, bella);
        await app.AddMemberAsync(open, boris);
        await app.AddToGroupAsync(await app.SupportGroupIdAsync(), agentIn);

        var aliceRequest = await app.OpenTicketAsync(alice, "Alice's secret", cc: ["outsider@else.example"]);
        var bellaRequest = await app.OpenTicketAsync(bella, "Bella's shared");

        var customerSees = new Dictionary<string, (bool Alice, bool Bella)>
        {
            ["alice@closed.example"] = (true, false),
            ["albert@closed.example"] = (false, false),
            ["manager@closed.example"] = (true, false),
            ["bella@open.example"] = (false, true),
            ["boris@open.example"] = (false, true),
            ["outsider@else.example"] = (true, false),
        };
        var failures = new List<string>();
        foreach (var (email, expected) in customerSees)
        {
            using var client = await app.SignInAsync(email);
            foreach (var (number, sees) in new[] { (aliceRequest.Number, expected.Alice), (bellaRequest.Number, expected.Bella) })
            {
                var status = (await client.Http.GetAsync($"/requests/{number}")).StatusCode;
                if (status != (sees ? HttpStatusCode.OK : HttpStatusCode.NotFound)) failures.Add($"{email} GET /requests/{number}: {status}");
                var reply = await client.Http.PostAsync($"/requests/{number}?handler=Reply", new FormUrlEncodedContent([new("Reply.Body", "x")]));
                if (!sees && reply.StatusCode is not (HttpStatusCode.NotFound or HttpStatusCode.BadRequest)) failures.Add($"{email} POST reply {number}: {reply.StatusCode}");
            }
            var all = string.Join(" ", (await client.GetAsync("/requests?scope=mine")).MainText(), (await client.GetAsync("/requests?scope=organization")).MainText(),
                (await client.GetAsync("/requests?scope=following")).MainText());
            if (all.Contains("Alice's secret") != expected.Alice) failures.Add($"{email} lists Alice's: {!expected.Alice}");
            if (all.Contains("Bella's shared") != expected.Bella) failures.Add($"{email} lists Bella's: {!expected.Bella}");
            if (!expected.Alice && (await client.GetAsync("/requests?scope=all&q=secret")).MainText().Contains("Alice's secret")) failures.Add($"{email} finds Alice's by search");
        }

        var staffSees = new Dictionary<string, bool> { ["in@support.example"] = true, ["out@support.example"] = false, ["admin@support.example"] = true };
        foreach (var (email, sees) in staffSees)
        {
            using var client = await app.SignInAsync(email);
            var status = (await client.Http.GetAsync($"/agent/tickets/{aliceRequest.Number}")).StatusCode;
            if (status != (sees ? HttpStatusCode.OK : HttpStatusCode.NotFound)) failures.Add($"{email} GET /agent/tickets/{aliceRequest.Number}: {status}");
            if ((await client.GetAsync("/agent?queue=all")).MainText().Contains("Alice's secret") != sees) failures.Add($"{email} queue");
        }

        Assert.True(failures.Count == 0, string.Join("\n", failures));
        Assert.NotEqual(Guid.Empty, boris.Id);
        Assert.NotEqual(Guid.Empty, albert.Id);
        Assert.NotEqual(Guid.Empty, manager.Id);
    }

    [Theory, Databases]
    public async Task Internal_notes_reach_agents_but_never_the_customer_page_nor_mail(Db db)
    {
        await using var app = await GuichetApp.StartAsync(db);
        var customer = await app.CreateUserAsync("curious@example.org");
        var agent = await app.CreateUserAsync("agent@example.org", Roles.Admin);
        var ticket = await app.OpenTicketAsync(customer, "Slow reports");
        using var staff = await app.SignInAsync("agent@example.org");

        var page = await staff.GetAsync($"/agent/tickets/{ticket.Number}");
        await staff.SubmitAndFollowAsync(page, "form[action*='handler=Reply']", new Dictionary<string, string>
        {
            ["Reply.Body"] = "Customer is on the legacy plan, do not promise anything.",
            ["Reply.Internal"] = "true",
        });
        page = await staff.GetAsync($"/agent/tickets/{ticket.Number}");
        Assert.Contains("legacy plan", page.MainText());
        await staff.SubmitAndFollowAsync(page, "form[action*='handler=Reply']", new Dictionary<string, string> { ["Reply.Body"] = "We are looking into it." });

        using var client = await app.SignInAsync("curious@example.org");
        var portal = await client.GetAsync($"/requests/{ticket.Number}");
        Assert.Contains("We are looking into it.", portal.MainText());
        Assert.DoesNotContain("legacy plan", portal.DocumentElement.OuterHtml);
        Assert.DoesNotContain("internal note", portal.MainText(), StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("legacy", (await client.GetAsync("/requests?q=legacy")).MainText());

        var reply = await app.WaitForMailAsync("curious@example.org", "New reply");
        Assert.Contains("We are looking into it.", reply.TextBody);
        Assert.DoesNotContain("legacy plan", string.Join(" ", (await app.MailToAsync("curious@example.org")).Select(m => m.TextBody + m.HtmlBody)));
        Assert.NotEqual(Guid.Empty, agent.Id);
    }
}
