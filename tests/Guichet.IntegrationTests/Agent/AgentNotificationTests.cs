using System.Diagnostics;
using System.Net;
using System.Net.Http.Json;
using Guichet.IntegrationTests.Api;
using Guichet.IntegrationTests.Infrastructure;
using Guichet.IntegrationTests.Search;
using Guichet.Web.Accounts;
using Guichet.Web.Notifications;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Guichet.IntegrationTests.Agent;

/// <summary>Agents' notifications (the bell and mail, as each chose), their settings: signature, out of office.</summary>
public sealed class AgentNotificationTests
{
    [Theory, Databases]
    public async Task Agents_are_told_what_concerns_them_in_the_bell_and_by_mail_as_they_chose(Db db)
    {
        await using var app = await GuichetApp.StartAsync(db);
        var world = await app.CreateWorldAsync();
        var ben = await app.CreateUserAsync("ben.bauer@support.test", Roles.Agent, "Ben", "Bauer");
        var outsider = await app.CreateUserAsync("olga@support.test", Roles.Agent, "Olga", "Other");
        var support = await app.SupportGroupIdAsync();
        await app.AddToGroupAsync(support, ben);
        var agathe = world.Agent;

        // A new request in their group: in the bell of both members (not by mail, by default), not of an agent outside it.
        var ticket = await app.OpenTicketAsync(world.Alice, "Printer on fire");
        Assert.Equal(support, await app.WithDbAsync(d => d.Tickets.Where(t => t.Id == ticket.Id).Select(t => t.GroupId).SingleAsync()));
        await WaitForAsync(app, agathe.Id, AgentNotice.NewInMyGroups);
        await WaitForAsync(app, ben.Id, AgentNotice.NewInMyGroups);
        Assert.False(await app.WithDbAsync(d => d.AgentNotifications.AnyAsync(n => n.UserId == outsider.Id)));
        Assert.False(await app.WithDbAsync(d => d.OutboxMails.AnyAsync(m => m.ToAddress == agathe.Email)));

        using var page = await app.SignInAsync(agathe.Email!);
        var queues = await page.GetAsync("/agent");
        Assert.Equal("1", queues.QuerySelector("#bell .bell__count")!.TextContent.Trim());
        Assert.Equal("Notifications: 1 unread", queues.QuerySelector("#bell")!.GetAttribute("aria-label"));

        // Ben assigns it to Agathe: her bell and her mail; the customer replies: her mail with the reply.
        await app.ChangeAsync(ticket.Number, (t, _) => t.Assign(agathe.Id, ben.Id, app.Time.GetUtcNow()));
        var assigned = await app.WaitForMailAsync(agathe.Email!, $"[#{ticket.Number}] Assigned to you");
        Assert.Contains("Ben Bauer assigned you the request", assigned.TextBody);
        Assert.Contains($"/agent/tickets/{ticket.Number}", assigned.TextBody);
        await app.ReplyAsync(ticket.Number, world.Alice.Id, "Still smoking, now with flames.");
        var replied = await app.WaitForMailAsync(agathe.Email!, "The customer replied");
        Assert.Contains("Still smoking, now with flames.", replied.TextBody);
        Assert.False(await app.WithDbAsync(d => d.AgentNotifications.AnyAsync(n => n.UserId == ben.Id && n.Kind == AgentNotice.CustomerReplied)));

        // Mentions in a note: by the first part of the address and by a first name; a customer or an unknown name is nobody.
        await app.ReplyAsync(ticket.Number, ben.Id, "@agathe can you look? Maybe @alice knows, or @nobody.", isInternal: true);
        var mentioned = await app.WaitForMailAsync(agathe.Email!, "Ben Bauer mentioned you");
        Assert.Contains("Maybe @alice knows", mentioned.TextBody);
        await app.ReplyAsync(ticket.Number, agathe.Id, "Thanks @Ben.", isInternal: true);
        await WaitForAsync(app, ben.Id, AgentNotice.Mentioned);
        // An agent who cannot see the request is not told of it, even when named.
        await app.ReplyAsync(ticket.Number, agathe.Id, "@olga FYI", isInternal: true);
        await app.ReplyAsync(ticket.Number, agathe.Id, "@ben.bauer@support.test again", isInternal: true);
        await WaitForAsync(app, ben.Id, AgentNotice.Mentioned, count: 2);
        Assert.False(await app.WithDbAsync(d => d.AgentNotifications.AnyAsync(n => n.UserId == outsider.Id || n.UserId == world.Alice.Id)));

        // The list, newest first, in her words; opening a line marks the request's lines read and goes to it.
        var list = await page.GetAsync("/agent/notifications");
        var lines = list.QuerySelectorAll(".notifications li").Select(li => li.TextContent).ToList();
        Assert.Equal(4, lines.Count);
        Assert.Contains($"Ben Bauer mentioned you on #{ticket.Number}", lines[0]);
        Assert.Contains("Alice Martin replied on", lines[1]);
        Assert.Contains("Ben Bauer assigned you", lines[2]);
        Assert.Contains("Alice Martin opened", lines[3]);
        var open = await page.Http.GetAsync(list.QuerySelector(".notifications li a")!.GetAttribute("href"));
        Assert.Equal(HttpStatusCode.Redirect, open.StatusCode);
        Assert.Equal($"/agent/tickets/{ticket.Number}", open.Headers.Location!.OriginalString);
        Assert.Equal(0, await app.WithDbAsync(d => d.AgentNotifications.CountAsync(n => n.UserId == agathe.Id && n.ReadAt == null)));
        Assert.True((await page.GetAsync("/agent")).QuerySelector("#bell .bell__count")!.HasAttribute("hidden"));
        // Someone else's line is not hers to open.
        var bens = await app.WithDbAsync(d => d.AgentNotifications.Where(n => n.UserId == ben.Id).Select(n => n.Id).FirstAsync());
        Assert.Equal(HttpStatusCode.NotFound, (await page.Http.GetAsync($"/agent/notifications/{bens}")).StatusCode);

        // She turns off mentions by mail: the next one is in the bell only. The count is there for live pages.
        var settings = await page.GetAsync("/agent/profile");
        Assert.NotNull(settings.QuerySelector("input[name='Input.ByMail'][value=Mentioned][checked]"));
        await page.SubmitAndFollowAsync(settings, "main form", new Dictionary<string, string>
        {
            ["Input.ByMail"] = "AssignedToMe", ["Input.InApp"] = "Mentioned",
        });
        await app.ReplyAsync(ticket.Number, ben.Id, "@agathe one more", isInternal: true);
        await WaitForAsync(app, agathe.Id, AgentNotice.Mentioned, count: 2);
        Assert.Equal(1, await app.WithDbAsync(d => d.OutboxMails.CountAsync(m => m.ToAddress == agathe.Email && m.Subject.Contains("mentioned you"))));
        var count = await page.Http.GetFromJsonAsync<System.Text.Json.JsonElement>("/agent/notifications?handler=Count");
        Assert.Equal(1, count.GetProperty("unread").GetInt32());

        await page.SubmitAndFollowAsync(await page.GetAsync("/agent/notifications"), "form[action*='handler=ReadAll']");
        Assert.Equal(0, await app.WithDbAsync(d => d.AgentNotifications.CountAsync(n => n.UserId == agathe.Id && n.ReadAt == null)));
    }

    [Theory, Databases]
    public async Task Typing_a_mention_suggests_the_colleagues_who_see_the_request_with_a_handle_that_names_them_alone(Db db)
    {
        await using var app = await GuichetApp.StartAsync(db);
        var world = await app.CreateWorldAsync();
        var support = await app.SupportGroupIdAsync();
        var ben = await app.CreateUserAsync("ben.bauer@support.test", Roles.Agent, "Ben", "Bauer");
        var benoit = await app.CreateUserAsync("ben.bauer@partner.test", Roles.Agent, "Benoît", "Blanc");
        var zoe = await app.CreateUserAsync("zoe@support.test", Roles.Agent, "Zoë", "Lefèvre");
        await app.CreateUserAsync("olga@support.test", Roles.Agent, "Olga", "Other");
        foreach (var member in new[] { ben, benoit, zoe }) await app.AddToGroupAsync(support, member);
        var ticket = await app.OpenTicketAsync(world.Alice, "Printer on fire");
        using var agathe = await app.SignInAsync(world.Agent.Email!);

        async Task<List<(string Name, string Handle)>> SuggestedAsync(string typed) =>
            (await agathe.Http.GetFromJsonAsync<System.Text.Json.JsonElement>($"/agent/tickets/{ticket.Number}?handler=Mentions&q={Uri.EscapeDataString(typed)}"))
                .EnumerateArray().Select(p => (p.GetProperty("name").GetString()!, p.GetProperty("handle").GetString()!)).ToList();

        // By a name's beginning, accents and case aside; by the address.
        Assert.Equal([("Zoë Lefèvre", "zoe")], await SuggestedAsync("LEFE"));
        Assert.Equal([("Zoë Lefèvre", "zoe")], await SuggestedAsync("zoe"));
        Assert.Equal([("Ben Bauer", "ben.bauer@support.test")], await SuggestedAsync("bauer"));
        Assert.Equal([("Ben Bauer", "ben.bauer@support.test")], await SuggestedAsync("ben.bauer@s"));
        // Two addresses with the same first part: each is named by its whole address (the first part would tell both).
        Assert.Equal([("Ben Bauer", "ben.bauer@support.test"), ("Benoît Blanc", "ben.bauer@partner.test")], await SuggestedAsync("ben"));
        Assert.Equal([("Benoît Blanc", "ben.bauer@partner.test")], await SuggestedAsync("benoit"));
        // Not whoever would not be told: a colleague outside the request's group, a customer, the one writing.
        Assert.Empty(await SuggestedAsync("olg"));
        Assert.Empty(await SuggestedAsync("alice"));
        Assert.Empty(await SuggestedAsync("agathe"));
        Assert.Empty(await SuggestedAsync(""));
        // Nothing of a request the agent may not see.
        Assert.Equal(HttpStatusCode.NotFound, (await agathe.Http.GetAsync($"/agent/tickets/{ticket.Number + 1000}?handler=Mentions&q=ben")).StatusCode);

        // What was suggested is what a note recognizes: those two are told, and the other Ben is not.
        await app.ReplyAsync(ticket.Number, world.Agent.Id, "@zoe and @ben.bauer@partner.test, please look.", isInternal: true);
        await WaitForAsync(app, zoe.Id, AgentNotice.Mentioned);
        await WaitForAsync(app, benoit.Id, AgentNotice.Mentioned);
        Assert.False(await app.WithDbAsync(d => d.AgentNotifications.AnyAsync(n => n.UserId == ben.Id && n.Kind == AgentNotice.Mentioned)));
    }

    [Theory, Databases]
    public async Task An_agent_out_of_office_is_not_given_requests_and_public_replies_carry_the_signature_in_the_requesters_language(Db db)
    {
        await using var app = await GuichetApp.StartAsync(db);
        var world = await app.CreateWorldAsync();
        var ben = await app.CreateUserAsync("ben@support.test", Roles.Agent, "Ben", "Bauer");
        var support = await app.SupportGroupIdAsync();
        await app.AddToGroupAsync(support, ben);
        await app.SetCultureAsync(world.Alice, "fr");
        var ticket = await app.OpenTicketAsync(world.Alice, "Printer on fire");
        await WaitForAsync(app, ben.Id, AgentNotice.NewInMyGroups);

        // Ben's settings: a day in the past is refused and what he wrote stays; then away until a day to come, signed.
        using var benPage = await app.SignInAsync("ben@support.test");
        var refused = await PageClient.ParseAsync(await benPage.SubmitAsync(await benPage.GetAsync("/agent/profile"), "main form", new Dictionary<string, string>
        {
            ["Input.Away"] = "true", ["Input.BackOn"] = "2026-10-01", ["Input.Signatures[en]"] = "Ben, support team",
        }));
        Assert.Contains("Choose a day after today", refused.QuerySelector("#back-on-error")!.TextContent);
        Assert.Equal("Ben, support team", refused.QuerySelector("#signature-en")!.TextContent);
        var saved = await benPage.SubmitAndFollowAsync(refused, "main form", new Dictionary<string, string>
        {
            ["Input.BackOn"] = "2026-11-20", ["Input.Signatures[fr]"] = "Ben, l'équipe support",
        });
        Assert.Contains("Your settings were saved.", saved.MainText());
        Assert.Contains("You are out of office", saved.MainText());
        Assert.Equal("2026-11-20", saved.QuerySelector("#back-on")!.GetAttribute("value"));

        // Agathe cannot give him the request, on the page or through the API; he can take it himself.
        using var agathe = await app.SignInAsync(world.Agent.Email!);
        var page = await agathe.GetAsync($"/agent/tickets/{ticket.Number}");
        Assert.Null(page.QuerySelector($"#assignee option[value='{ben.Id}']"));
        Assert.Equal(HttpStatusCode.BadRequest, (await agathe.SubmitAsync(page, "form[action*='handler=Update']",
            new Dictionary<string, string> { ["assignee"] = ben.Id.ToString() })).StatusCode);
        var api = await app.ApiClientAsync(world.Agent.Email!);
        Assert.Equal(HttpStatusCode.BadRequest, (await api.PatchAsJsonAsync($"/api/v1/tickets/{ticket.Number}", new { assigneeId = ben.Id })).StatusCode);
        var his = await benPage.GetAsync($"/agent/tickets/{ticket.Number}");
        Assert.NotNull(his.QuerySelector($"#assignee option[value='{ben.Id}']"));
        await benPage.SubmitAndFollowAsync(his, "form[action*='handler=Update']", new Dictionary<string, string> { ["assignee"] = ben.Id.ToString() });
        Assert.Equal(ben.Id, await app.WithDbAsync(d => d.Tickets.Where(t => t.Id == ticket.Id).Select(t => t.AssigneeId).SingleAsync()));

        // Away, a new request in his groups is not for him; Agathe hears of it.
        var second = await app.OpenTicketAsync(world.Alice, "Scanner jammed");
        await WaitForAsync(app, world.Agent.Id, AgentNotice.NewInMyGroups, count: 2);
        Assert.Equal(1, await app.WithDbAsync(d => d.AgentNotifications.CountAsync(n => n.UserId == ben.Id && n.Kind == AgentNotice.NewInMyGroups)));

        // His public reply ends with his French signature (Alice reads French); his note has none.
        his = await benPage.GetAsync($"/agent/tickets/{ticket.Number}");
        Assert.Contains("Public replies end with your signature", his.QuerySelector("#reply-hint")!.TextContent);
        await benPage.SubmitAndFollowAsync(his, "#reply-form", new Dictionary<string, string> { ["Reply.Body"] = "C'est réparé." });
        await benPage.SubmitAndFollowAsync(await benPage.GetAsync($"/agent/tickets/{ticket.Number}"), "#reply-form",
            new Dictionary<string, string> { ["Reply.Body"] = "Internal: fixed the fuser.", ["Reply.Internal"] = "true" });
        var bodies = await app.WithDbAsync(d => d.Messages.Where(m => m.TicketId == ticket.Id && m.AuthorId == ben.Id)
            .OrderBy(m => m.CreatedAt).Select(m => m.BodyText).ToListAsync());
        Assert.Equal(2, bodies.Count);
        Assert.EndsWith("C'est réparé.\n\nBen, l'équipe support", bodies[0].Replace("\r\n", "\n").Trim());
        Assert.DoesNotContain("équipe support", bodies[1]);

        // Back on the day chosen: others may give him requests again.
        app.Time.Advance(TimeSpan.FromDays(20));
        var now = await agathe.GetAsync($"/agent/tickets/{second.Number}");
        Assert.NotNull(now.QuerySelector($"#assignee option[value='{ben.Id}']"));
    }

    [Theory, Databases]
    public async Task Old_lines_leave_the_bell_read_ones_after_a_month_unread_ones_after_half_a_year(Db db)
    {
        await using var app = await GuichetApp.StartAsync(db);
        var world = await app.CreateWorldAsync();
        await app.OpenTicketAsync(world.Alice, "Printer on fire");
        await app.OpenTicketAsync(world.Alice, "Scanner jammed");
        await WaitForAsync(app, world.Agent.Id, AgentNotice.NewInMyGroups, count: 2);
        var first = await app.WithDbAsync(d => d.AgentNotifications.OrderBy(n => n.Id).Select(n => n.Id).FirstAsync());
        await app.WithScopeAsync(async sp =>
        {
            var inbox = sp.GetRequiredService<AgentInbox>();
            return await inbox.OpenAsync(world.Agent.Id, first, default);
        });
        var sweep = app.Services.GetRequiredService<NotificationSweep>();

        app.Time.Advance(TimeSpan.FromDays(29));
        Assert.Equal(0, await sweep.RunOnceAsync(default));
        app.Time.Advance(TimeSpan.FromDays(2));
        Assert.Equal(1, await sweep.RunOnceAsync(default));
        Assert.Equal(1, await app.WithDbAsync(d => d.AgentNotifications.CountAsync()));
        app.Time.Advance(TimeSpan.FromDays(160));
        Assert.Equal(1, await sweep.RunOnceAsync(default));
        Assert.Equal(0, await app.WithDbAsync(d => d.AgentNotifications.CountAsync()));
    }

    /// <summary>Waits for the dispatcher (a background round each second) to have written this person's notifications.</summary>
    [Theory, Databases]
    public async Task Requests_given_to_an_agent_in_one_bulk_change_make_one_mail_listing_them_and_a_bell_line_each(Db db)
    {
        await using var app = await GuichetApp.StartAsync(db);
        var world = await app.CreateWorldAsync();
        var ben = await app.CreateUserAsync("ben.bauer@support.test", Roles.Agent, "Ben", "Bauer");
        await app.AddToGroupAsync(await app.SupportGroupIdAsync(), ben);
        var tickets = new[] { await app.OpenTicketAsync(world.Alice, "Printer on fire"), await app.OpenTicketAsync(world.Alice, "Scanner jammed"),
            await app.OpenTicketAsync(world.Bob, "Badge reader dead") };
        var bens = await app.ApiClientAsync("ben.bauer@support.test");

        var body = new { numbers = tickets.Select(t => t.Number), change = new { assignee = world.Agent.Id } };
        Assert.Equal(3, (await (await bens.PostAsJsonAsync("/api/v1/tickets/bulk", body)).JsonAsync()).GetProperty("changed").GetInt32());

        var mail = await app.WaitForMailAsync(world.Agent.Email!, "3 requests assigned to you");
        Assert.Contains("Ben Bauer assigned you 3 requests:", mail.TextBody);
        foreach (var t in tickets) Assert.Contains($"#{t.Number} {t.Subject}", mail.TextBody);
        Assert.Contains("/agent?queue=mine", mail.TextBody);
        // The list keeps its lines in the HTML part too.
        Assert.Contains($"#{tickets[0].Number} Printer on fire<br>#{tickets[1].Number} Scanner jammed", mail.HtmlBody);
        await WaitForAsync(app, world.Agent.Id, AgentNotice.AssignedToMe, count: 3);
        Assert.Equal(1, await app.WithDbAsync(d => d.OutboxMails.CountAsync(m => m.ToAddress == world.Agent.Email && m.Subject.Contains("assigned to you"))));

        // One request given alone still names it.
        var one = await app.OpenTicketAsync(world.Alice, "Coffee machine");
        await (await bens.PostAsJsonAsync("/api/v1/tickets/bulk", new { numbers = new[] { one.Number }, change = new { assignee = world.Agent.Id } })).JsonAsync();
        await app.WaitForMailAsync(world.Agent.Email!, $"[#{one.Number}] Assigned to you: Coffee machine");
    }

    private static async Task WaitForAsync(GuichetApp app, Guid userId, AgentNotice kind, int count = 1)
    {
        var clock = Stopwatch.StartNew();
        while (await app.WithDbAsync(d => d.AgentNotifications.CountAsync(n => n.UserId == userId && n.Kind == kind)) < count)
        {
            if (clock.Elapsed > TimeSpan.FromSeconds(20)) throw new TimeoutException($"No {kind} notification for {userId}.");
            await Task.Delay(100);
        }
    }
}
