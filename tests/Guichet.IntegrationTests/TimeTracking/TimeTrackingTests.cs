using System.Net;
using System.Net.Http.Json;
using System.Text;
using Guichet.IntegrationTests.Api;
using Guichet.IntegrationTests.Infrastructure;
using Guichet.Web.Accounts;
using Guichet.Web.TimeTracking;
using Microsoft.EntityFrameworkCore;

namespace Guichet.IntegrationTests.TimeTracking;

/// <summary>Time spent on tickets: logged by agents (and customers where the portal shares it), totalled, exported.</summary>
public sealed class TimeTrackingTests
{
    [Theory, Databases]
    public async Task An_agent_logs_time_on_a_ticket_and_customers_see_nothing_of_it_unless_the_portal_shares_it(Db db)
    {
        await using var app = await GuichetApp.StartAsync(db);
        var world = await app.CreateWorldAsync();
        var ticket = await app.OpenTicketAsync(world.Alice, "Printer on fire");
        using var agent = await app.SignInAsync("agent@support.test");
        using var alice = await app.SignInAsync("alice@acme.test");
        var url = $"/agent/tickets/{ticket.Number}";

        // Not a duration, and a day to come: refused, with what was typed kept.
        var page = await agent.GetAsync(url);
        var refused = await PageClient.ParseAsync(await agent.SubmitAsync(page, "#time form[action*='handler=Time']",
            new Dictionary<string, string> { ["Time.Duration"] = "soon", ["Time.Note"] = "Replaced the fuser" }));
        Assert.Contains("such as 1h30", refused.FieldError("Time.Duration"));
        Assert.Equal("Replaced the fuser", refused.QuerySelector("#Time_Note")?.GetAttribute("value"));
        var future = await PageClient.ParseAsync(await agent.SubmitAsync(page, "#time form[action*='handler=Time']",
            new Dictionary<string, string> { ["Time.Duration"] = "1h", ["Time.WorkedOn"] = "2030-01-01" }));
        Assert.Contains("today or a day before", future.FieldError("Time.WorkedOn"));
        Assert.Equal(0, await app.WithDbAsync(d => d.TimeEntries.CountAsync()));

        var logged = await agent.SubmitAndFollowAsync(refused, "#time form[action*='handler=Time']", new Dictionary<string, string> { ["Time.Duration"] = "1h30" });
        Assert.Contains("1 h 30 min logged.", logged.MainText());
        Assert.Contains("Total: 1 h 30 min", logged.QuerySelector("#time")!.TextContent);
        Assert.Contains("billable: 1 h 30 min", logged.QuerySelector("#time")!.TextContent);
        Assert.Contains("Agathe Support logged 1 h 30 min.", logged.QuerySelector("#history")!.TextContent);
        var entry = await app.WithDbAsync(d => d.TimeEntries.SingleAsync());
        Assert.Equal((90, true, new DateOnly(2026, 11, 2), "Replaced the fuser"), (entry.Minutes, entry.Billable, entry.WorkedOn, entry.Note));

        // The timesheet is the team's: the customer sees neither it nor its history line, and may not log.
        var customerPage = await alice.GetAsync($"/requests/{ticket.Number}");
        Assert.Null(customerPage.QuerySelector("#time"));
        Assert.DoesNotContain("logged", customerPage.QuerySelector("#history")!.TextContent);
        var token = customerPage.QuerySelector("input[name=__RequestVerificationToken]")!.GetAttribute("value")!;
        var forged = await alice.Http.PostAsync($"/requests/{ticket.Number}?handler=Time", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["__RequestVerificationToken"] = token, ["Time.Duration"] = "8h",
        }));
        Assert.Equal(HttpStatusCode.NotFound, forged.StatusCode);
        Assert.Equal(1, await app.WithDbAsync(d => d.TimeEntries.CountAsync()));
    }

    [Theory, Databases]
    public async Task Where_the_timesheet_is_shared_customers_log_their_own_time_never_billable_and_take_off_only_theirs(Db db)
    {
        await using var app = await GuichetApp.StartAsync(db);
        var world = await app.CreateWorldAsync();
        await app.WithDbAsync(async d =>
        {
            (await d.PortalSettings.SingleAsync()).CustomersLogTime = true;
            return await d.SaveChangesAsync();
        });
        var ticket = await app.OpenTicketAsync(world.Alice, "Printer on fire");
        using var agent = await app.SignInAsync("agent@support.test");
        using var alice = await app.SignInAsync("alice@acme.test");
        await agent.SubmitAndFollowAsync(await agent.GetAsync($"/agent/tickets/{ticket.Number}"), "#time form[action*='handler=Time']",
            new Dictionary<string, string> { ["Time.Duration"] = "2h" });

        var page = await alice.GetAsync($"/requests/{ticket.Number}");
        Assert.Contains("Agathe Support", page.QuerySelector("#time")!.TextContent);
        Assert.Null(page.QuerySelector("#Time_Billable"));
        // Even a forged "billable" is not.
        var logged = await alice.SubmitAndFollowAsync(page, "#time form[action*='handler=Time']",
            new Dictionary<string, string> { ["Time.Duration"] = "45m", ["Time.Billable"] = "true", ["Time.Note"] = "Tested on our side" });
        Assert.Contains("Total: 2 h 45 min", logged.QuerySelector("#time")!.TextContent);
        var theirs = await app.WithDbAsync(d => d.TimeEntries.SingleAsync(e => e.UserId == world.Alice.Id));
        Assert.False(theirs.Billable);
        Assert.Contains("logged 45 min", logged.QuerySelector("#history")!.TextContent);

        // Alice may take off her own entry, not the agent's.
        var agents = await app.WithDbAsync(d => d.TimeEntries.SingleAsync(e => e.UserId == world.Agent.Id));
        Assert.Null(logged.QuerySelector($"#time input[name=entryId][value='{agents.Id}']"));
        var token = logged.QuerySelector("input[name=__RequestVerificationToken]")!.GetAttribute("value")!;
        var forged = await alice.Http.PostAsync($"/requests/{ticket.Number}?handler=RemoveTime", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["__RequestVerificationToken"] = token, ["entryId"] = agents.Id.ToString(),
        }));
        Assert.Equal(HttpStatusCode.Forbidden, forged.StatusCode);
        var removed = await alice.SubmitAndFollowAsync(logged, $"#time form:has(input[name=entryId][value='{theirs.Id}'])");
        Assert.Contains("The time was taken off.", removed.MainText());
        Assert.Contains("Total: 2 h", removed.QuerySelector("#time")!.TextContent);
        Assert.Equal(1, await app.WithDbAsync(d => d.TimeEntries.CountAsync()));
    }

    [Theory, Databases]
    public async Task An_agent_corrects_their_entry_from_its_link_without_javascript_and_colleagues_may_not(Db db)
    {
        await using var app = await GuichetApp.StartAsync(db);
        var world = await app.CreateWorldAsync();
        var ben = await app.CreateUserAsync("ben@support.test", Roles.Agent, "Ben", "Bauer");
        await app.AddToGroupAsync(await app.SupportGroupIdAsync(), ben);
        var ticket = await app.OpenTicketAsync(world.Alice, "Printer on fire");
        using var agent = await app.SignInAsync("agent@support.test");
        var url = $"/agent/tickets/{ticket.Number}";
        var logged = await agent.SubmitAndFollowAsync(await agent.GetAsync(url), "#time form[action*='handler=Time']",
            new Dictionary<string, string> { ["Time.Duration"] = "1h30", ["Time.Note"] = "Replaced the fuser" });
        var entry = await app.WithDbAsync(d => d.TimeEntries.SingleAsync());
        var version = await app.WithDbAsync(d => d.Tickets.Where(t => t.Id == ticket.Id).Select(t => t.Version).SingleAsync());

        // The "Correct" link opens the entry's form, filled with what it holds.
        var link = logged.QuerySelector($"#time a[href*='editTime={entry.Id}']")!;
        Assert.Contains("Correct 1 h 30 min logged on", link.GetAttribute("aria-label"));
        var editing = await agent.GetAsync(link.GetAttribute("href")!);
        Assert.Equal("1 h 30 min", editing.QuerySelector("#Edit_Duration")!.GetAttribute("value"));
        Assert.Equal("Replaced the fuser", editing.QuerySelector("#Edit_Note")!.GetAttribute("value"));

        // A mistake: refused, with what was typed kept and nothing changed.
        var refused = await PageClient.ParseAsync(await agent.SubmitAsync(editing, "#time-edit",
            new Dictionary<string, string> { ["Edit.Duration"] = "a while", ["Edit.Note"] = "Fuser and drum" }));
        Assert.Contains("such as 1h30", refused.FieldError("Edit.Duration"));
        Assert.Equal("Fuser and drum", refused.QuerySelector("#Edit_Note")!.GetAttribute("value"));
        Assert.Equal(90, (await app.WithDbAsync(d => d.TimeEntries.SingleAsync())).Minutes);

        var corrected = await agent.SubmitAndFollowAsync(refused, "#time-edit",
            new Dictionary<string, string> { ["Edit.Duration"] = "2h", ["Edit.Billable"] = "false" });
        Assert.Contains("The time was corrected: 2 h.", corrected.MainText());
        Assert.Contains("Total: 2 h", corrected.QuerySelector("#time")!.TextContent);
        Assert.Contains("billable: 0 min", corrected.QuerySelector("#time")!.TextContent);
        Assert.Contains("Agathe Support corrected a time entry: 2 h instead of 1 h 30 min.", corrected.QuerySelector("#history")!.TextContent);
        Assert.Null(corrected.QuerySelector("#time-edit"));
        var after = await app.WithDbAsync(d => d.TimeEntries.SingleAsync());
        Assert.Equal((120, false, "Fuser and drum", entry.UserId), (after.Minutes, after.Billable, after.Note, after.UserId));
        // Like logging, a correction is not a change of the ticket: nobody's open form goes out of date.
        Assert.Equal(version, await app.WithDbAsync(d => d.Tickets.Where(t => t.Id == ticket.Id).Select(t => t.Version).SingleAsync()));

        // A colleague gets no link, and a forged post is refused.
        using var benPage = await app.SignInAsync("ben@support.test");
        var theirs = await benPage.GetAsync($"{url}?editTime={entry.Id}");
        Assert.Null(theirs.QuerySelector("#time a[href*='editTime']"));
        Assert.Null(theirs.QuerySelector("#time-edit"));
        var token = theirs.QuerySelector("input[name=__RequestVerificationToken]")!.GetAttribute("value")!;
        var forged = await benPage.Http.PostAsync($"{url}?handler=EditTime", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["__RequestVerificationToken"] = token, ["editTime"] = entry.Id.ToString(), ["Edit.Duration"] = "5m",
        }));
        Assert.Equal(HttpStatusCode.Forbidden, forged.StatusCode);
        Assert.Equal(120, (await app.WithDbAsync(d => d.TimeEntries.SingleAsync())).Minutes);
    }

    [Theory, Databases]
    public async Task Where_the_timesheet_is_shared_a_customer_corrects_their_own_time_which_stays_not_billable(Db db)
    {
        await using var app = await GuichetApp.StartAsync(db);
        var world = await app.CreateWorldAsync();
        await app.WithDbAsync(async d =>
        {
            (await d.PortalSettings.SingleAsync()).CustomersLogTime = true;
            return await d.SaveChangesAsync();
        });
        var ticket = await app.OpenTicketAsync(world.Alice, "Printer on fire");
        using var alice = await app.SignInAsync("alice@acme.test");
        var logged = await alice.SubmitAndFollowAsync(await alice.GetAsync($"/requests/{ticket.Number}"), "#time form[action*='handler=Time']",
            new Dictionary<string, string> { ["Time.Duration"] = "45m" });
        var entry = await app.WithDbAsync(d => d.TimeEntries.SingleAsync());

        var editing = await alice.GetAsync(logged.QuerySelector($"#time a[href*='editTime={entry.Id}']")!.GetAttribute("href")!);
        Assert.Null(editing.QuerySelector("#Edit_Billable"));
        var corrected = await alice.SubmitAndFollowAsync(editing, "#time-edit",
            new Dictionary<string, string> { ["Edit.Duration"] = "1:15", ["Edit.Billable"] = "true" });
        Assert.Contains("The time was corrected: 1 h 15 min.", corrected.MainText());
        Assert.Contains("corrected a time entry: 1 h 15 min instead of 45 min.", corrected.QuerySelector("#history")!.TextContent);
        var after = await app.WithDbAsync(d => d.TimeEntries.SingleAsync());
        Assert.Equal((75, false), (after.Minutes, after.Billable));
    }

    [Theory, Databases]
    public async Task The_report_totals_a_period_per_person_organization_and_request_and_exports_the_entries(Db db)
    {
        await using var app = await GuichetApp.StartAsync(db);
        var world = await app.CreateWorldAsync();
        var ben = await app.CreateUserAsync("ben@support.test", Roles.Agent, "Ben", "Bauer");
        await app.AddToGroupAsync(await app.SupportGroupIdAsync(), ben);
        var acme = await app.OpenTicketAsync(world.Alice, "Acme's printer");
        var globex = await app.OpenTicketAsync(world.Bob, "Globex's scanner");
        await app.WithDbAsync(async db2 =>
        {
            foreach (var (ticketId, userId, day, minutes, billable) in new[]
            {
                (acme.Id, world.Agent.Id, new DateOnly(2026, 11, 1), 90, true),
                (acme.Id, ben.Id, new DateOnly(2026, 11, 2), 30, false),
                (globex.Id, world.Agent.Id, new DateOnly(2026, 11, 2), 60, true),
                // Out of the period.
                (globex.Id, ben.Id, new DateOnly(2026, 10, 31), 600, true),
            })
                db2.TimeEntries.Add(new TimeEntry
                {
                    Id = Guid.NewGuid(), TicketId = ticketId, UserId = userId, WorkedOn = day, Minutes = minutes, Billable = billable,
                    Note = $"Work of {day:yyyy-MM-dd}", CreatedAt = app.Time.GetUtcNow(),
                });
            return await db2.SaveChangesAsync();
        });
        using var agent = await app.SignInAsync("agent@support.test");

        var report = await agent.GetAsync("/agent/time?from=2026-11-01&to=2026-11-30");
        Assert.Contains("3 h in 3 entries, of which 2 h 30 min billable.", report.MainText());
        var people = report.QuerySelector("section[aria-labelledby=by-person]")!.TextContent;
        Assert.Matches(@"Agathe Support\s*2 h 30 min\s*2 h 30 min", people);
        Assert.Matches(@"Ben Bauer\s*30 min\s*0 min", people);
        var organizations = report.QuerySelector("section[aria-labelledby=by-organization]")!.TextContent;
        Assert.Matches(@"Acme\s*2 h\s*1 h 30 min", organizations);
        Assert.Matches(@"Globex\s*1 h\s*1 h", organizations);

        var acmeId = (await app.WithDbAsync(d => d.Organizations.SingleAsync(o => o.Name == "Acme"))).Id;
        var filtered = await agent.GetAsync($"/agent/time?from=2026-11-01&to=2026-11-30&organization={acmeId}");
        Assert.Contains("2 h in 2 entries, of which 1 h 30 min billable.", filtered.MainText());
        // The filter still offers the period's other organization.
        Assert.NotNull(filtered.QuerySelector("#organization option:not([value=''])[value]:not([selected])"));

        var csv = await agent.Http.GetAsync("/agent/time?from=2026-11-01&to=2026-11-30&format=csv");
        Assert.Equal("text/csv", csv.Content.Headers.ContentType?.MediaType);
        var lines = Encoding.UTF8.GetString(await csv.Content.ReadAsByteArrayAsync()).TrimStart('\uFEFF').Split("\r\n", StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal("Date,Number,Subject,Organization,Person,Minutes,Hours,Billable,Note", lines[0]);
        Assert.Equal(4, lines.Length);
        Assert.StartsWith($"2026-11-01,{acme.Number},Acme's printer,Acme,Agathe Support,90,1.5,Yes,", lines[1]);
        var xlsx = await agent.Http.GetAsync("/agent/time?from=2026-11-01&to=2026-11-30&format=xlsx");
        Assert.Equal(HttpStatusCode.OK, xlsx.StatusCode);
        Assert.Equal("time-2026-11-01-2026-11-30.xlsx", xlsx.Content.Headers.ContentDisposition?.FileName);

        // Someone who sees none of these tickets sees none of their time.
        await app.CreateUserAsync("carl@support.test", Roles.Agent, "Carl", "Elsewhere");
        using var carl = await app.SignInAsync("carl@support.test");
        Assert.Contains("No time logged in this period.", (await carl.GetAsync("/agent/time?from=2026-11-01&to=2026-11-30")).MainText());
    }
}

/// <summary>Time tracking through /api/v1: the same rules as the pages.</summary>
public sealed class TimeApiTests
{
    [Theory, Databases]
    public async Task Agents_log_read_and_take_off_time_and_read_the_report_customers_only_where_the_timesheet_is_shared(Db db)
    {
        await using var app = await GuichetApp.StartAsync(db);
        var world = await app.CreateWorldAsync();
        var agent = await app.ApiClientAsync("agent@support.test");
        var alice = await app.ApiClientAsync("alice@acme.test");
        var number = await alice.OpenTicketAsync(await app.FirstTypeIdAsync(), "Printer on fire");
        var url = $"/api/v1/tickets/{number}/time";

        var logged = await agent.PostAsJsonAsync(url, new { minutes = 90, workedOn = "2026-11-01", note = "Replaced the fuser" });
        Assert.Equal(HttpStatusCode.Created, logged.StatusCode);
        var entry = await logged.Content.ReadFromJsonAsync<System.Text.Json.JsonElement>();
        Assert.Equal((90, true, "Agathe Support", "2026-11-01"), (entry.GetProperty("minutes").GetInt32(), entry.GetProperty("billable").GetBoolean(),
            entry.GetProperty("person").GetProperty("name").GetString(), entry.GetProperty("workedOn").GetString()));
        var future = await (await agent.PostAsJsonAsync(url, new { minutes = 10, workedOn = "2030-01-01" })).ProblemAsync(HttpStatusCode.BadRequest);
        Assert.True(future.GetProperty("errors").TryGetProperty("workedOn", out _));

        // The timesheet is the team's until the portal shares it.
        Assert.Equal(HttpStatusCode.Forbidden, (await alice.GetAsync(url)).StatusCode);
        await app.WithDbAsync(async d =>
        {
            (await d.PortalSettings.SingleAsync()).CustomersLogTime = true;
            return await d.SaveChangesAsync();
        });
        var hers = await alice.PostAsJsonAsync(url, new { minutes = 30, billable = true });
        Assert.Equal(HttpStatusCode.Created, hers.StatusCode);
        Assert.False((await hers.Content.ReadFromJsonAsync<System.Text.Json.JsonElement>()).GetProperty("billable").GetBoolean());
        var sheet = await (await alice.GetAsync(url)).Content.ReadFromJsonAsync<System.Text.Json.JsonElement>();
        Assert.Equal((120, 90, 2), (sheet.GetProperty("minutes").GetInt32(), sheet.GetProperty("billableMinutes").GetInt32(), sheet.GetProperty("entries").GetArrayLength()));
        Assert.Equal(HttpStatusCode.Forbidden, (await alice.DeleteAsync($"{url}/{entry.GetProperty("id").GetString()}")).StatusCode);

        var report = await (await agent.GetAsync("/api/v1/time?from=2026-11-01&to=2026-11-30")).Content.ReadFromJsonAsync<System.Text.Json.JsonElement>();
        Assert.Equal((120, 90, 2), (report.GetProperty("minutes").GetInt32(), report.GetProperty("billableMinutes").GetInt32(), report.GetProperty("entries").GetInt32()));
        Assert.Equal("Acme", report.GetProperty("organizations")[0].GetProperty("name").GetString());
        Assert.Equal(HttpStatusCode.Forbidden, (await alice.GetAsync("/api/v1/time")).StatusCode);

        Assert.Equal(HttpStatusCode.NoContent, (await agent.DeleteAsync($"{url}/{entry.GetProperty("id").GetString()}")).StatusCode);
        Assert.Equal(30, (await (await agent.GetAsync(url)).Content.ReadFromJsonAsync<System.Text.Json.JsonElement>()).GetProperty("minutes").GetInt32());
    }

    [Theory, Databases]
    public async Task An_entry_is_corrected_by_its_author_or_an_admin_only_what_is_sent_changing(Db db)
    {
        await using var app = await GuichetApp.StartAsync(db);
        var world = await app.CreateWorldAsync();
        await app.CreateUserAsync("admin@support.test", Roles.Admin, "Ada", "Admin");
        var ben = await app.CreateUserAsync("ben@support.test", Roles.Agent, "Ben", "Bauer");
        await app.AddToGroupAsync(await app.SupportGroupIdAsync(), ben);
        var agent = await app.ApiClientAsync("agent@support.test");
        var admin = await app.ApiClientAsync("admin@support.test");
        var benApi = await app.ApiClientAsync("ben@support.test");
        var alice = await app.ApiClientAsync("alice@acme.test");
        var number = await alice.OpenTicketAsync(await app.FirstTypeIdAsync(), "Printer on fire");
        var url = $"/api/v1/tickets/{number}/time";
        var logged = await (await agent.PostAsJsonAsync(url, new { minutes = 90, workedOn = "2026-11-01", note = "Replaced the fuser" })).JsonAsync();
        var entryUrl = $"{url}/{logged.GetProperty("id").GetString()}";

        var noted = await (await agent.PatchJsonAsync(entryUrl, new { note = "Replaced the fuser and the drum" })).JsonAsync();
        Assert.Equal((90, "2026-11-01", true, "Replaced the fuser and the drum"), (noted.GetProperty("minutes").GetInt32(), noted.GetProperty("workedOn").GetString(),
            noted.GetProperty("billable").GetBoolean(), noted.GetProperty("note").GetString()));
        var shorter = await (await agent.PatchJsonAsync(entryUrl, new { minutes = 60, workedOn = "2026-11-02", billable = false })).JsonAsync();
        Assert.Equal((60, "2026-11-02", false, "Replaced the fuser and the drum"), (shorter.GetProperty("minutes").GetInt32(), shorter.GetProperty("workedOn").GetString(),
            shorter.GetProperty("billable").GetBoolean(), shorter.GetProperty("note").GetString()));

        var wrong = await (await agent.PatchJsonAsync(entryUrl, new { minutes = 0, workedOn = "2030-01-01" })).ProblemAsync(HttpStatusCode.BadRequest);
        Assert.True(wrong.GetProperty("errors").TryGetProperty("minutes", out _));
        Assert.True(wrong.GetProperty("errors").TryGetProperty("workedOn", out _));
        Assert.Equal(HttpStatusCode.BadRequest, (await agent.PatchAsync(entryUrl, new StringContent("""{"billable": null}""", Encoding.UTF8, "application/json"))).StatusCode);

        // A colleague may not; an admin may; a customer is told the timesheet is not shared.
        var refused = await (await benApi.PatchJsonAsync(entryUrl, new { minutes = 5 })).ProblemAsync(HttpStatusCode.Forbidden);
        Assert.Contains("correct or take off only the time you logged", refused.GetProperty("detail").GetString());
        Assert.Equal(45, (await (await admin.PatchJsonAsync(entryUrl, new { minutes = 45 })).JsonAsync()).GetProperty("minutes").GetInt32());
        Assert.Equal(HttpStatusCode.Forbidden, (await alice.PatchJsonAsync(entryUrl, new { minutes = 5 })).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await agent.PatchJsonAsync($"{url}/{Guid.NewGuid()}", new { minutes = 5 })).StatusCode);

        // Each correction that changed something is a line of the history: 90 → 90 (the note), 90 → 60, 60 → 45.
        var changes = await app.WithDbAsync(d => d.TicketEvents.Where(e => e.Kind == Guichet.Web.Tickets.TicketEventKind.TimeChanged)
            .OrderBy(e => e.Id).Select(e => e.Before + ">" + e.After).ToListAsync());
        Assert.Equal(["90>90", "90>60", "60>45"], changes);

        // Where the timesheet is shared, a customer corrects their own time, never billable.
        await app.WithDbAsync(async d =>
        {
            (await d.PortalSettings.SingleAsync()).CustomersLogTime = true;
            return await d.SaveChangesAsync();
        });
        var hers = await (await alice.PostAsJsonAsync(url, new { minutes = 30 })).JsonAsync();
        var herUrl = $"{url}/{hers.GetProperty("id").GetString()}";
        var corrected = await (await alice.PatchJsonAsync(herUrl, new { minutes = 40, billable = true })).JsonAsync();
        Assert.Equal((40, false), (corrected.GetProperty("minutes").GetInt32(), corrected.GetProperty("billable").GetBoolean()));
        Assert.Equal(HttpStatusCode.Forbidden, (await alice.PatchJsonAsync(entryUrl, new { minutes = 5 })).StatusCode);
        // An admin correcting it does not make it billable either.
        Assert.False((await (await admin.PatchJsonAsync(herUrl, new { billable = true })).JsonAsync()).GetProperty("billable").GetBoolean());
    }
}
