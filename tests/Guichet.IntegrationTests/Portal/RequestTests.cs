using System.Net;
using AngleSharp.Dom;
using Guichet.IntegrationTests.Infrastructure;
using Guichet.Web.Accounts;
using Guichet.Web.Data;
using Guichet.Web.Tickets;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Guichet.IntegrationTests.Portal;

public sealed class RequestTests
{
    [Theory, Databases]
    public async Task A_customer_opens_a_request_reads_it_and_gets_the_acknowledgement(Db db)
    {
        await using var app = await GuichetApp.StartAsync(db);
        await app.CreateUserAsync("lea@example.org", first: "Léa", last: "Roux");
        using var lea = await app.SignInAsync("lea@example.org");

        var form = await lea.GetAsync("/requests/new");
        Assert.Equal(5, form.QuerySelectorAll("input[name='Input.RequestTypeId']").Length);
        var typeId = form.QuerySelectorAll("input[name='Input.RequestTypeId']")[3].GetAttribute("value")!;
        var page = await lea.SubmitAndFollowAsync(form, "main form", new Dictionary<string, string>
        {
            ["Input.RequestTypeId"] = typeId,
            ["Input.Subject"] = "Export to PDF does nothing",
            ["Input.Description"] = "Steps:\n\n1. Open a report\n2. Click **Export**\n\n<script>alert(1)</script>",
            ["Input.Priority"] = "High",
            ["Input.Environment"] = "Production",
            ["Input.Cc"] = "boss@example.org, colleague@example.org",
        });

        Assert.Equal("Export to PDF does nothing", page.QuerySelector("h1")?.TextContent);
        Assert.Contains("#1001", page.QuerySelector(".ticket-number")?.TextContent);
        var body = page.QuerySelector(".message__body")!;
        Assert.Equal("Export", body.QuerySelector("strong")?.TextContent);
        Assert.Null(body.QuerySelector("script"));
        Assert.Contains("High", page.QuerySelector(".facts")!.TextContent);
        Assert.Contains("boss@example.org", page.QuerySelector("#people")!.TextContent);

        var list = await lea.GetAsync("/requests");
        Assert.Contains("Export to PDF does nothing", list.QuerySelector("table")?.TextContent);

        var mail = await app.WaitForMailAsync("lea@example.org", "[#1001]");
        Assert.Contains("We received your request", mail.Subject);
        Assert.Equal("/requests/1001", mail.LinkTo("/requests/"));
        Assert.Contains("kept informed", (await app.WaitForMailAsync("boss@example.org", "[#1001]")).Subject);
    }

    [Theory, Databases]
    public async Task Form_errors_show_next_to_their_fields_and_keep_what_was_typed(Db db)
    {
        await using var app = await GuichetApp.StartAsync(db);
        await app.CreateUserAsync("hasty@example.org");
        using var client = await app.SignInAsync("hasty@example.org");

        var form = await client.GetAsync("/requests/new");
        var typeId = form.QuerySelectorAll("input[name='Input.RequestTypeId']")[2].GetAttribute("value")!;
        var again = await PageClient.ParseAsync(await client.SubmitAsync(form, "main form", new Dictionary<string, string>
        {
            ["Input.RequestTypeId"] = typeId,
            ["Input.Subject"] = "",
            ["Input.Description"] = "A long description I do not want to type twice.",
            ["Input.Cc"] = "good@example.org, not-an-address",
        }));

        Assert.Equal("Enter a subject.", again.FieldError("Input.Subject"));
        Assert.Equal("These addresses are not valid: not-an-address", again.FieldError("Input.Cc"));
        Assert.Equal("A long description I do not want to type twice.", again.QuerySelector("#Input_Description")?.TextContent.Trim());
        Assert.Equal("true", again.QuerySelector($"input[name='Input.RequestTypeId'][value='{typeId}']")?.HasAttribute("checked").ToString().ToLowerInvariant());
        Assert.Equal(0, await app.WithDbAsync(d => d.Tickets.CountAsync()));
    }

    [Theory, Databases]
    public async Task Concurrent_requests_get_distinct_consecutive_numbers(Db db)
    {
        await using var app = await GuichetApp.StartAsync(db);
        var user = await app.CreateUserAsync("busy@example.org");

        var tickets = await Task.WhenAll(Enumerable.Range(0, 20).Select(i => app.OpenTicketAsync(user, $"Request {i}")));

        Assert.Equal(Enumerable.Range(1001, 20).Select(n => (long)n), tickets.Select(t => t.Number).Order());
    }

    [Theory, Databases]
    public async Task Customers_resolve_cancel_and_reopen_only_when_the_rules_allow(Db db)
    {
        await using var app = await GuichetApp.StartAsync(db);
        var user = await app.CreateUserAsync("rules@example.org");
        var agent = await app.CreateUserAsync("agent@example.org", Roles.Agent);
        var ticket = await app.OpenTicketAsync(user);
        using var client = await app.SignInAsync("rules@example.org");

        var page = await client.GetAsync($"/requests/{ticket.Number}");
        Assert.NotNull(page.QuerySelector("button[value='Resolve']"));
        Assert.NotNull(page.QuerySelector("button[value='Cancel']"));
        Assert.Null(page.QuerySelector("button[value='Reopen']"));

        var resolved = await client.SubmitAndFollowAsync(page, "form.ticket-actions", new Dictionary<string, string>
        {
            ["action"] = "Resolve",
            ["comment"] = "Found it: the cable was loose.",
        });
        Assert.Equal(StatusCategory.Solved, await app.CategoryOfAsync(ticket.Number));
        Assert.Contains("the cable was loose", resolved.QuerySelectorAll(".message__body").Last().TextContent);
        Assert.NotNull(resolved.QuerySelector("button[value='Reopen']"));
        Assert.Null(resolved.QuerySelector("button[value='Cancel']"));

        await client.SubmitAndFollowAsync(resolved, "form.ticket-actions", new Dictionary<string, string> { ["action"] = "Reopen" });
        Assert.Equal(StatusCategory.Open, await app.CategoryOfAsync(ticket.Number));

        await app.SetStatusAsync(ticket.Number, StatusCategory.Closed, agent.Id);
        var closed = await client.GetAsync($"/requests/{ticket.Number}");
        Assert.Null(closed.QuerySelector("form.ticket-actions"));
        var forged = await client.SubmitAsync(page, "form.ticket-actions", new Dictionary<string, string> { ["action"] = "Reopen" });
        Assert.Equal(HttpStatusCode.OK, forged.StatusCode);
        Assert.Contains("can no longer be changed", (await PageClient.ParseAsync(forged)).MainText());
        Assert.Equal(StatusCategory.Closed, await app.CategoryOfAsync(ticket.Number));
    }

    [Theory, Databases]
    public async Task A_reply_to_a_waiting_request_puts_it_back_in_progress_and_a_late_one_opens_a_follow_up(Db db)
    {
        await using var app = await GuichetApp.StartAsync(db);
        var user = await app.CreateUserAsync("patient@example.org");
        var agent = await app.CreateUserAsync("agent@example.org", Roles.Agent);
        var ticket = await app.OpenTicketAsync(user, "VPN drops every hour");
        using var client = await app.SignInAsync("patient@example.org");

        await app.SetStatusAsync(ticket.Number, StatusCategory.Pending, agent.Id);
        await Reply(client, ticket.Number, "Here are the logs you asked for.");
        Assert.Equal(StatusCategory.Open, await app.CategoryOfAsync(ticket.Number));

        await app.SetStatusAsync(ticket.Number, StatusCategory.Solved, agent.Id);
        app.Time.Advance(TimeSpan.FromDays(6));
        await Reply(client, ticket.Number, "It happened again.");
        Assert.Equal(StatusCategory.Open, await app.CategoryOfAsync(ticket.Number));

        await app.SetStatusAsync(ticket.Number, StatusCategory.Solved, agent.Id);
        app.Time.Advance(TimeSpan.FromDays(8));
        var page = await client.GetAsync($"/requests/{ticket.Number}");
        Assert.Null(page.QuerySelector("form[action*='handler=Reply']"));
        var followUp = await client.SubmitAndFollowAsync(page, "form[action*='handler=FollowUp']", new Dictionary<string, string>
        {
            ["Reply.Body"] = "Back again after two weeks.",
        });

        Assert.Contains("Follow-up to #1001: VPN drops every hour", followUp.QuerySelector("h1")?.TextContent);
        var link = await app.WithDbAsync(d => d.Tickets.Where(t => t.Number == 1002).Select(t => t.FollowUpOfId).SingleAsync());
        Assert.Equal(ticket.Id, link);
        Assert.Equal(StatusCategory.Solved, await app.CategoryOfAsync(ticket.Number));
    }

    [Theory, Databases]
    public async Task Resolved_requests_close_by_themselves_after_seven_days(Db db)
    {
        await using var app = await GuichetApp.StartAsync(db);
        var user = await app.CreateUserAsync("quiet@example.org");
        var agent = await app.CreateUserAsync("agent@example.org", Roles.Agent);
        var old = await app.OpenTicketAsync(user, "Old");
        var recent = await app.OpenTicketAsync(user, "Recent");
        await app.SetStatusAsync(old.Number, StatusCategory.Solved, agent.Id);
        app.Time.Advance(TimeSpan.FromDays(5));
        await app.SetStatusAsync(recent.Number, StatusCategory.Solved, agent.Id);
        app.Time.Advance(TimeSpan.FromDays(2) + TimeSpan.FromMinutes(1));

        var closed = await app.Services.GetRequiredService<AutoClose>().RunOnceAsync(CancellationToken.None);

        Assert.Equal(1, closed);
        Assert.Equal(StatusCategory.Closed, await app.CategoryOfAsync(old.Number));
        Assert.Equal(StatusCategory.Solved, await app.CategoryOfAsync(recent.Number));
        await app.WaitForMailAsync("quiet@example.org", "Closed: Old");
    }

    [Theory, Databases]
    public async Task While_typing_a_subject_the_open_requests_of_the_organization_with_those_words_are_suggested(Db db)
    {
        await using var app = await GuichetApp.StartAsync(db);
        var acme = await app.CreateOrganizationAsync("Acme", "acme.example");
        var other = await app.CreateOrganizationAsync("Other", "other.example");
        var colleague = await app.CreateUserAsync("colleague@acme.example");
        var manager = await app.CreateUserAsync("manager@acme.example");
        var stranger = await app.CreateUserAsync("stranger@other.example");
        await app.AddMemberAsync(acme, colleague);
        await app.AddMemberAsync(acme, manager, manager: true);
        await app.AddMemberAsync(other, stranger);
        await app.OpenTicketAsync(colleague, "Imprimante du deuxième étage bloquée");
        await app.OpenTicketAsync(stranger, "Imprimante en panne chez nous");
        using var client = await app.SignInAsync("manager@acme.example");

        var html = System.Net.WebUtility.HtmlDecode(await client.Http.GetStringAsync("/requests/similar?subject=imprimante"));

        Assert.Contains("deuxième étage", html);
        Assert.DoesNotContain("chez nous", html);
        Assert.Equal("", (await client.Http.GetStringAsync("/requests/similar?subject=im")).Trim());
    }

    [Theory, Databases]
    public async Task The_columns_a_customer_picks_and_orders_are_remembered(Db db)
    {
        await using var app = await GuichetApp.StartAsync(db);
        var user = await app.CreateUserAsync("picky@example.org");
        await app.OpenTicketAsync(user, "Columns please");
        using var client = await app.SignInAsync("picky@example.org");

        var list = await client.GetAsync("/requests");
        Assert.Equal(["Subject", "Number", "Created", "Last activity", "Status"], Headings(list));
        await client.SubmitAndFollowAsync(list, "form[action*='handler=Columns']", new Dictionary<string, string>
        {
            ["columns"] = "priority",
            ["positions[priority]"] = "1",
        });
        var form = await client.GetAsync("/requests");
        var values = new List<KeyValuePair<string, string>>
        {
            new("__RequestVerificationToken", form.QuerySelector("form[action*='handler=Columns'] input[name='__RequestVerificationToken']")!.GetAttribute("value")!),
            new("columns", "subject"), new("columns", "priority"), new("columns", "status"),
            new("positions[priority]", "1"), new("positions[subject]", "2"), new("positions[status]", "3"),
        };
        await client.Http.PostAsync("/requests?handler=Columns", new FormUrlEncodedContent(values));

        Assert.Equal(["Priority", "Subject", "Status"], Headings(await client.GetAsync("/requests")));
        Assert.Contains("Normal", (await client.GetAsync("/requests")).QuerySelector("tbody")!.TextContent);
    }

    private static List<string> Headings(IDocument page) =>
        page.QuerySelectorAll("table.requests th").Select(th => th.TextContent.Trim().TrimEnd('↓', '↑', ' ')).ToList();

    private static async Task Reply(PageClient client, long number, string text)
    {
        var page = await client.GetAsync($"/requests/{number}");
        var response = await client.SubmitAsync(page, "form[action*='handler=Reply']", new Dictionary<string, string> { ["Reply.Body"] = text });
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
    }
}
