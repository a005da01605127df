using System.Diagnostics;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Guichet.IntegrationTests.Infrastructure;
using Guichet.Web.Accounts;
using Microsoft.EntityFrameworkCore;

namespace Guichet.IntegrationTests.Api;

/// <summary>
/// What the agent's ticket page does beside the conversation, through /api/v1: tags, related requests, splitting a message,
/// the organization's notes; and the agent's bell and settings. The same rules as the pages; customers see none of it.
/// </summary>
public sealed class AgentWorkApiTests
{
    [Theory, Databases]
    public async Task An_agent_changes_the_kind_of_request_as_on_the_page_and_customers_may_not(Db db)
    {
        await using var app = await GuichetApp.StartAsync(db);
        await app.CreateWorldAsync();
        var agent = await app.ApiClientAsync("agent@support.test");
        var alice = await app.ApiClientAsync("alice@acme.test");
        var types = await app.WithDbAsync(d => d.RequestTypes.Where(t => t.IsActive).OrderBy(t => t.SortOrder).Select(t => t.Id).ToListAsync());
        var (first, other, retired) = (types[0], types[1], types[2]);
        await app.WithDbAsync(async d =>
        {
            (await d.RequestTypes.SingleAsync(t => t.Id == retired)).IsActive = false;
            return await d.SaveChangesAsync();
        });
        var number = await alice.OpenTicketAsync(first, "Which kind?");
        var url = $"/api/v1/tickets/{number}";

        var changed = await (await agent.PatchJsonAsync(url, new { typeId = other })).JsonAsync();
        Assert.Equal(other, changed.GetProperty("type").GetProperty("id").GetInt32());
        var events = await app.WithDbAsync(d => d.TicketEvents.Where(e => e.Field == "type").Select(e => new { e.Before, e.After, e.IsPublic }).ToListAsync());
        Assert.Equal(first.ToString(), Assert.Single(events).Before);
        Assert.Equal(other.ToString(), events[0].After);
        // The customer sees that the kind changed, as on the page.
        Assert.True(events[0].IsPublic);

        // A retired type is no choice, nor one that does not exist; a customer may not change it.
        Assert.True((await (await agent.PatchJsonAsync(url, new { typeId = retired })).ProblemAsync(HttpStatusCode.BadRequest)).GetProperty("errors").TryGetProperty("typeId", out _));
        await (await agent.PatchJsonAsync(url, new { typeId = 424242 })).ProblemAsync(HttpStatusCode.BadRequest);
        var refused = await (await alice.PatchJsonAsync(url, new { typeId = first })).ProblemAsync(HttpStatusCode.UnprocessableEntity);
        Assert.True(refused.GetProperty("errors").TryGetProperty("typeId", out _));
        Assert.Equal(other, await app.WithDbAsync(d => d.Tickets.Where(t => t.Number == number).Select(t => t.RequestTypeId).SingleAsync()));
    }

    [Theory, Databases]
    public async Task Agents_keep_people_informed_and_take_them_off_as_on_the_page_while_customers_get_a_403(Db db)
    {
        await using var app = await GuichetApp.StartAsync(db);
        await app.CreateWorldAsync();
        var agent = await app.ApiClientAsync("agent@support.test");
        var alice = await app.ApiClientAsync("alice@acme.test");
        var number = await alice.OpenTicketAsync(await app.FirstTypeIdAsync(), "Who should know?");
        var url = $"/api/v1/tickets/{number}/participants";

        var wrong = await (await agent.PostAsJsonAsync(url, new { emails = new[] { "boss@acme.test", "boss-at-acme" } })).ProblemAsync(HttpStatusCode.BadRequest);
        Assert.Equal("These are not email addresses: boss-at-acme", wrong.GetProperty("errors").GetProperty("emails")[0].GetString());
        await (await agent.PostAsJsonAsync(url, new { emails = Array.Empty<string>() })).ProblemAsync(HttpStatusCode.BadRequest);
        Assert.Empty((await (await agent.GetAsync(url)).JsonAsync()).EnumerateArray());

        var kept = (await (await agent.PostAsJsonAsync(url, new { emails = new[] { "boss@acme.test", "newcomer@example.org" } })).JsonAsync()).EnumerateArray().ToList();
        Assert.Equal(["boss@acme.test", "newcomer@example.org"], kept.Select(p => p.GetProperty("email").GetString()).Order());
        Assert.All(kept, p => Assert.Equal("cc", p.GetProperty("role").GetString()));
        // The customer reads the same people on the request, and may not manage them here.
        Assert.Equal(2, (await (await alice.GetAsync($"/api/v1/tickets/{number}")).JsonAsync()).GetProperty("participants").GetArrayLength());
        await (await alice.GetAsync(url)).ProblemAsync(HttpStatusCode.Forbidden);
        await (await alice.PostAsJsonAsync(url, new { emails = new[] { "x@acme.test" } })).ProblemAsync(HttpStatusCode.Forbidden);

        var boss = kept.Single(p => p.GetProperty("email").GetString() == "boss@acme.test").GetProperty("id").GetGuid();
        Assert.Equal(HttpStatusCode.NoContent, (await agent.DeleteAsync($"{url}/{boss}")).StatusCode);
        Assert.Equal(HttpStatusCode.NoContent, (await agent.DeleteAsync($"{url}/{boss}")).StatusCode);
        Assert.Equal(["newcomer@example.org"], (await (await agent.GetAsync(url)).JsonAsync()).EnumerateArray().Select(p => p.GetProperty("email").GetString()));
        Assert.Equal(3, await app.WithDbAsync(d => d.TicketEvents.CountAsync(e => e.Kind == Guichet.Web.Tickets.TicketEventKind.ParticipantAdded
            || e.Kind == Guichet.Web.Tickets.TicketEventKind.ParticipantRemoved)));
    }

    [Theory, Databases]
    public async Task Agents_tag_requests_filter_and_bulk_change_by_tag_and_customers_never_see_tags(Db db)
    {
        await using var app = await GuichetApp.StartAsync(db);
        await app.CreateWorldAsync();
        var agent = await app.ApiClientAsync("agent@support.test");
        var alice = await app.ApiClientAsync("alice@acme.test");
        var type = await app.FirstTypeIdAsync();
        var printer = await alice.OpenTicketAsync(type, "Printer jammed");
        var badge = await alice.OpenTicketAsync(type, "Badge reader");

        var tagged = await agent.PatchJsonAsync($"/api/v1/tickets/{printer}", new { tags = new[] { "VIP", "Printer jam", "vip" } });
        Assert.Equal(HttpStatusCode.OK, tagged.StatusCode);
        Assert.Equal(["printer-jam", "vip"], (await tagged.JsonAsync()).GetProperty("tags").EnumerateArray().Select(t => t.GetString()));
        Assert.Empty((await (await agent.GetAsync($"/api/v1/tickets/{badge}")).JsonAsync()).GetProperty("tags").EnumerateArray());

        // The customer's answer has no tags at all, and they may neither set nor filter on them.
        Assert.False((await (await alice.GetAsync($"/api/v1/tickets/{printer}")).JsonAsync()).TryGetProperty("tags", out _));
        var notAllowed = await (await alice.PatchJsonAsync($"/api/v1/tickets/{printer}", new { tags = new[] { "mine" } })).ProblemAsync(HttpStatusCode.UnprocessableEntity);
        Assert.True(notAllowed.GetProperty("errors").TryGetProperty("tags", out _));
        var noFilter = await (await alice.GetAsync("/api/v1/tickets?tag=vip")).ProblemAsync(HttpStatusCode.BadRequest);
        Assert.Equal("Only agents and admins see tags.", noFilter.GetProperty("errors").GetProperty("tag")[0].GetString());

        // A word that is not a tag: TicketTags' sentence, and nothing changed.
        var refused = await (await agent.PatchJsonAsync($"/api/v1/tickets/{printer}", new { tags = new[] { "ok", "!!!" }, priority = "urgent" })).ProblemAsync(HttpStatusCode.BadRequest);
        Assert.StartsWith("These are not tags", refused.GetProperty("errors").GetProperty("tags")[0].GetString());
        var unchanged = await (await agent.GetAsync($"/api/v1/tickets/{printer}")).JsonAsync();
        Assert.Equal("normal", unchanged.GetProperty("priority").GetString());
        Assert.Equal(2, unchanged.GetProperty("tags").GetArrayLength());
        var tooMany = await (await agent.PatchJsonAsync($"/api/v1/tickets/{printer}", new { tags = Enumerable.Range(1, 21).Select(i => $"t{i}").ToArray() })).ProblemAsync(HttpStatusCode.BadRequest);
        Assert.Equal("A request has at most 20 tags.", tooMany.GetProperty("errors").GetProperty("tags")[0].GetString());

        Assert.Equal([printer], (await (await agent.GetAsync("/api/v1/tickets?tag=VIP")).JsonAsync()).GetProperty("items").EnumerateArray().Select(t => t.GetProperty("number").GetInt64()));

        var bulk = await agent.PostAsJsonAsync("/api/v1/tickets/bulk", new { numbers = new[] { printer, badge }, change = new { addTags = new[] { "Hardware" }, removeTags = new[] { "vip" } } });
        Assert.Equal(2, (await bulk.JsonAsync()).GetProperty("changed").GetInt32());
        Assert.Equal(["hardware", "printer-jam"], (await (await agent.GetAsync($"/api/v1/tickets/{printer}")).JsonAsync()).GetProperty("tags").EnumerateArray().Select(t => t.GetString()));
        Assert.Equal(2, (await (await agent.GetAsync("/api/v1/tickets?tag=hardware")).JsonAsync()).GetProperty("items").GetArrayLength());
        var bad = await (await agent.PostAsJsonAsync("/api/v1/tickets/bulk", new { numbers = new[] { printer }, change = new { addTags = new[] { "?" } } })).ProblemAsync(HttpStatusCode.BadRequest);
        Assert.True(bad.GetProperty("errors").TryGetProperty("change.addTags", out _));
    }

    [Theory, Databases]
    public async Task Agents_relate_requests_both_ways_and_unlink_them_while_customers_get_a_403(Db db)
    {
        await using var app = await GuichetApp.StartAsync(db);
        await app.CreateWorldAsync();
        var agent = await app.ApiClientAsync("agent@support.test");
        var alice = await app.ApiClientAsync("alice@acme.test");
        var type = await app.FirstTypeIdAsync();
        var first = await alice.OpenTicketAsync(type, "Mail is slow");
        var second = await alice.OpenTicketAsync(type, "Calendar is slow");

        await (await alice.GetAsync($"/api/v1/tickets/{first}/related")).ProblemAsync(HttpStatusCode.Forbidden);
        await (await alice.PutAsync($"/api/v1/tickets/{first}/related/{second}", null)).ProblemAsync(HttpStatusCode.Forbidden);
        await (await agent.GetAsync("/api/v1/tickets/424242/related")).ProblemAsync(HttpStatusCode.NotFound);

        var linked = await agent.PutAsync($"/api/v1/tickets/{first}/related/{second}", null);
        Assert.Equal(HttpStatusCode.OK, linked.StatusCode);
        var other = Assert.Single((await linked.JsonAsync()).EnumerateArray());
        Assert.Equal(second, other.GetProperty("number").GetInt64());
        Assert.Equal("Calendar is slow", other.GetProperty("subject").GetString());
        Assert.Equal(first, Assert.Single((await (await agent.GetAsync($"/api/v1/tickets/{second}/related")).JsonAsync()).EnumerateArray()).GetProperty("number").GetInt64());
        // Linking again changes nothing.
        Assert.Single((await (await agent.PutAsync($"/api/v1/tickets/{first}/related/{second}", null)).JsonAsync()).EnumerateArray());

        var self = await (await agent.PutAsync($"/api/v1/tickets/{first}/related/{first}", null)).ProblemAsync(HttpStatusCode.Conflict);
        Assert.Equal("Choose another request than this one.", self.GetProperty("detail").GetString());
        var missing = await (await agent.PutAsync($"/api/v1/tickets/{first}/related/424242", null)).ProblemAsync(HttpStatusCode.Conflict);
        Assert.Equal("There is no request #424242 that you may see.", missing.GetProperty("detail").GetString());

        await (await alice.DeleteAsync($"/api/v1/tickets/{first}/related/{second}")).ProblemAsync(HttpStatusCode.Forbidden);
        Assert.Equal(HttpStatusCode.NoContent, (await agent.DeleteAsync($"/api/v1/tickets/{second}/related/{first}")).StatusCode);
        Assert.Empty((await (await agent.GetAsync($"/api/v1/tickets/{first}/related")).JsonAsync()).EnumerateArray());
    }

    [Theory, Databases]
    public async Task An_agent_splits_a_customers_message_into_a_request_of_its_own(Db db)
    {
        await using var app = await GuichetApp.StartAsync(db);
        await app.CreateWorldAsync();
        var agent = await app.ApiClientAsync("agent@support.test");
        var alice = await app.ApiClientAsync("alice@acme.test");
        var type = await app.FirstTypeIdAsync();
        var number = await alice.OpenTicketAsync(type, "VPN drops", "It drops every hour.");
        var reply = await (await alice.PostAsJsonAsync($"/api/v1/tickets/{number}/messages", new { body = "Also, my badge does not open the door." })).JsonAsync();
        var messageId = reply.GetProperty("id").GetGuid();
        var firstId = (await (await alice.GetAsync($"/api/v1/tickets/{number}")).JsonAsync()).GetProperty("messages").EnumerateArray()
            .Select(m => m.GetProperty("id").GetGuid()).Single(id => id != messageId);
        var url = $"/api/v1/tickets/{number}/messages/{messageId}/split";

        await (await alice.PostAsJsonAsync(url, new { subject = "Badge" })).ProblemAsync(HttpStatusCode.Forbidden);
        var noSubject = await (await agent.PostAsJsonAsync(url, new { subject = " " })).ProblemAsync(HttpStatusCode.BadRequest);
        Assert.Equal("Give the new request a subject.", noSubject.GetProperty("errors").GetProperty("subject")[0].GetString());
        var firstStays = await (await agent.PostAsJsonAsync($"/api/v1/tickets/{number}/messages/{firstId}/split", new { subject = "VPN" })).ProblemAsync(HttpStatusCode.Conflict);
        Assert.Equal("The request's first message cannot leave it: split a later one.", firstStays.GetProperty("detail").GetString());
        await (await agent.PostAsJsonAsync($"/api/v1/tickets/424242/messages/{messageId}/split", new { subject = "Badge" })).ProblemAsync(HttpStatusCode.NotFound);

        var split = await agent.PostAsJsonAsync(url, new { subject = "Badge does not open the door" });
        Assert.Equal(HttpStatusCode.Created, split.StatusCode);
        var created = await split.JsonAsync();
        var newNumber = created.GetProperty("number").GetInt64();
        Assert.Equal($"/api/v1/tickets/{newNumber}", split.Headers.Location?.ToString());
        Assert.Equal("Badge does not open the door", created.GetProperty("subject").GetString());
        Assert.Equal("Alice Martin", created.GetProperty("requester").GetProperty("name").GetString());
        Assert.Contains("my badge", Assert.Single(created.GetProperty("messages").EnumerateArray()).GetProperty("bodyText").GetString());

        // The message left the first request, which is now related to the new one; the customer sees their new request.
        var original = await (await alice.GetAsync($"/api/v1/tickets/{number}")).JsonAsync();
        Assert.DoesNotContain(original.GetProperty("messages").EnumerateArray(), m => m.GetProperty("id").GetGuid() == messageId);
        Assert.Equal(newNumber, Assert.Single((await (await agent.GetAsync($"/api/v1/tickets/{number}/related")).JsonAsync()).EnumerateArray()).GetProperty("number").GetInt64());
        Assert.Equal(HttpStatusCode.OK, (await alice.GetAsync($"/api/v1/tickets/{newNumber}")).StatusCode);
        var again = await agent.PostAsJsonAsync(url, new { subject = "Again" });
        Assert.True(again.StatusCode == HttpStatusCode.Conflict, await again.Content.ReadAsStringAsync());
    }

    [Theory, Databases]
    public async Task Agents_keep_notes_on_an_organization_that_its_people_never_see(Db db)
    {
        await using var app = await GuichetApp.StartAsync(db);
        await app.CreateWorldAsync();
        var agent = await app.ApiClientAsync("agent@support.test");
        var alice = await app.ApiClientAsync("alice@acme.test");
        var acme = await app.WithDbAsync(d => d.Organizations.Where(o => o.Name == "Acme").Select(o => o.Id).SingleAsync());
        var url = $"/api/v1/organizations/{acme}/notes";

        var saved = await agent.PutAsJsonAsync(url, new { notes = "  Pays late; call Maud first.  " });
        Assert.Equal(HttpStatusCode.OK, saved.StatusCode);
        Assert.Equal("Pays late; call Maud first.", (await saved.JsonAsync()).GetProperty("notes").GetString());
        var read = await (await agent.GetAsync(url)).JsonAsync();
        Assert.Equal("Acme", read.GetProperty("name").GetString());
        Assert.Equal("Pays late; call Maud first.", read.GetProperty("notes").GetString());

        var tooLong = await (await agent.PutAsJsonAsync(url, new { notes = new string('x', 4001) })).ProblemAsync(HttpStatusCode.BadRequest);
        Assert.Equal("Use at most 4000 characters.", tooLong.GetProperty("errors").GetProperty("notes")[0].GetString());
        await (await agent.PutAsJsonAsync(url, new { })).ProblemAsync(HttpStatusCode.BadRequest);
        await (await agent.GetAsync($"/api/v1/organizations/{Guid.NewGuid()}/notes")).ProblemAsync(HttpStatusCode.NotFound);

        await (await alice.GetAsync(url)).ProblemAsync(HttpStatusCode.Forbidden);
        await (await alice.PutAsJsonAsync(url, new { notes = "Mine now" })).ProblemAsync(HttpStatusCode.Forbidden);
        var ticket = await alice.OpenTicketAsync(await app.FirstTypeIdAsync(), "Hello");
        Assert.DoesNotContain("Pays late", await (await alice.GetAsync($"/api/v1/tickets/{ticket}")).Content.ReadAsStringAsync());
        Assert.DoesNotContain("Pays late", await (await alice.GetAsync("/api/v1/me")).Content.ReadAsStringAsync());

        Assert.Equal(JsonValueKind.Null, (await (await agent.PutAsJsonAsync(url, new { notes = "   " })).JsonAsync()).GetProperty("notes").ValueKind);
        Assert.Null(await app.WithDbAsync(d => d.Organizations.Where(o => o.Id == acme).Select(o => o.Notes).SingleAsync()));
    }

    [Theory, Databases]
    public async Task A_change_of_notes_sent_with_an_old_ETag_is_refused_and_the_history_keeps_every_version(Db db)
    {
        await using var app = await GuichetApp.StartAsync(db);
        var world = await app.CreateWorldAsync();
        var ben = await app.CreateUserAsync("ben@support.test", Roles.Agent, "Ben", "Bauer");
        var agent = await app.ApiClientAsync("agent@support.test");
        var colleague = await app.ApiClientAsync(ben.Email!);
        var acme = await app.WithDbAsync(d => d.Organizations.Where(o => o.Name == "Acme").Select(o => o.Id).SingleAsync());
        var url = $"/api/v1/organizations/{acme}/notes";
        HttpRequestMessage Put(string notes, string ifMatch) => new(HttpMethod.Put, url)
        {
            Headers = { { "If-Match", ifMatch } }, Content = JsonContent.Create(new { notes }),
        };

        var first = await agent.GetAsync(url);
        var etag = first.Headers.ETag!.Tag;
        Assert.Equal(0, (await first.JsonAsync()).GetProperty("revision").GetInt32());
        var saved = await colleague.SendAsync(Put("Pays late.", etag));
        Assert.Equal(HttpStatusCode.OK, saved.StatusCode);
        Assert.NotEqual(etag, saved.Headers.ETag!.Tag);
        // Agathe read the notes before Ben's save: hers is refused, and his text stays.
        await (await agent.SendAsync(Put("VIP, call first.", etag))).ProblemAsync(HttpStatusCode.PreconditionFailed);
        Assert.Equal("Pays late.", (await (await agent.GetAsync(url)).JsonAsync()).GetProperty("notes").GetString());
        var fresh = (await agent.GetAsync(url)).Headers.ETag!.Tag;
        Assert.Equal(HttpStatusCode.OK, (await agent.SendAsync(Put("Pays late. VIP, call first.", fresh))).StatusCode);
        // Without If-Match, the whole text is written over whatever is there (and kept in the history too).
        Assert.Equal(HttpStatusCode.OK, (await colleague.PutAsJsonAsync(url, new { notes = (string?)null })).StatusCode);

        var history = await (await agent.GetAsync($"{url}/history")).JsonAsync();
        var items = history.GetProperty("items").EnumerateArray().ToList();
        Assert.Equal([3, 2, 1], items.Select(i => i.GetProperty("revision").GetInt32()));
        Assert.Equal(JsonValueKind.Null, items[0].GetProperty("notes").ValueKind);
        Assert.Equal("Pays late. VIP, call first.", items[1].GetProperty("notes").GetString());
        Assert.Equal(world.Agent.Id, items[1].GetProperty("by").GetGuid());
        Assert.Equal("Agathe Support", items[1].GetProperty("byName").GetString());
        Assert.Equal("Ben Bauer", items[2].GetProperty("byName").GetString());
        Assert.Equal(JsonValueKind.Null, history.GetProperty("nextBefore").ValueKind);
        Assert.Equal([1], (await (await agent.GetAsync($"{url}/history?before=2")).JsonAsync()).GetProperty("items").EnumerateArray().Select(i => i.GetProperty("revision").GetInt32()));

        var alice = await app.ApiClientAsync("alice@acme.test");
        await (await alice.GetAsync($"{url}/history")).ProblemAsync(HttpStatusCode.Forbidden);
        await (await agent.GetAsync($"/api/v1/organizations/{Guid.NewGuid()}/notes/history")).ProblemAsync(HttpStatusCode.NotFound);
    }

    [Theory, Databases]
    public async Task An_agent_reads_the_bell_and_marks_a_requests_lines_read(Db db)
    {
        await using var app = await GuichetApp.StartAsync(db);
        await app.CreateWorldAsync();
        var agent = await app.ApiClientAsync("agent@support.test");
        var alice = await app.ApiClientAsync("alice@acme.test");
        var type = await app.FirstTypeIdAsync();
        var first = await alice.OpenTicketAsync(type, "Printer on fire");
        var second = await alice.OpenTicketAsync(type, "Coffee machine");

        // A new request in the agent's group rings the bell (through the outbox, so a moment later).
        var clock = Stopwatch.StartNew();
        JsonElement page;
        while ((page = await (await agent.GetAsync("/api/v1/me/notifications?unread=true")).JsonAsync()).GetProperty("items").GetArrayLength() < 2)
        {
            Assert.True(clock.Elapsed < TimeSpan.FromSeconds(20), "The bell did not ring.");
            await Task.Delay(100);
        }
        var line = page.GetProperty("items").EnumerateArray().Single(l => l.GetProperty("number").GetInt64() == first);
        Assert.Equal("newInMyGroups", line.GetProperty("kind").GetString());
        Assert.Equal("Printer on fire", line.GetProperty("subject").GetString());
        Assert.False(line.GetProperty("read").GetBoolean());
        Assert.Equal(JsonValueKind.Null, page.GetProperty("nextBefore").ValueKind);

        Assert.Equal(1, (await (await agent.PostAsJsonAsync("/api/v1/me/notifications/read", new { ticket = first })).JsonAsync()).GetProperty("marked").GetInt32());
        var unread = (await (await agent.GetAsync("/api/v1/me/notifications?unread=true")).JsonAsync()).GetProperty("items");
        Assert.Equal(second, Assert.Single(unread.EnumerateArray()).GetProperty("number").GetInt64());
        Assert.True((await (await agent.GetAsync("/api/v1/me/notifications")).JsonAsync()).GetProperty("items").EnumerateArray()
            .Single(l => l.GetProperty("number").GetInt64() == first).GetProperty("read").GetBoolean());
        Assert.Equal(1, (await (await agent.PostAsJsonAsync("/api/v1/me/notifications/read", new { })).JsonAsync()).GetProperty("marked").GetInt32());
        Assert.Empty((await (await agent.GetAsync("/api/v1/me/notifications?unread=true")).JsonAsync()).GetProperty("items").EnumerateArray());

        await (await agent.PostAsJsonAsync("/api/v1/me/notifications/read", new { ticket = 424242 })).ProblemAsync(HttpStatusCode.NotFound);
        await (await alice.GetAsync("/api/v1/me/notifications")).ProblemAsync(HttpStatusCode.Forbidden);
        await (await alice.PostAsJsonAsync("/api/v1/me/notifications/read", new { })).ProblemAsync(HttpStatusCode.Forbidden);
    }

    [Theory, Databases]
    public async Task An_agent_sets_a_signature_notifications_and_out_of_office_under_the_pages_rules(Db db)
    {
        await using var app = await GuichetApp.StartAsync(db);
        await app.CreateWorldAsync();
        var agent = await app.ApiClientAsync("agent@support.test");
        var alice = await app.ApiClientAsync("alice@acme.test");

        var defaults = await (await agent.GetAsync("/api/v1/me/agent-settings")).JsonAsync();
        Assert.Equal(["customerReplied", "assignedToMe", "mentioned"], defaults.GetProperty("byMail").EnumerateArray().Select(k => k.GetString()));
        Assert.Equal(4, defaults.GetProperty("inApp").GetArrayLength());
        Assert.False(defaults.GetProperty("away").GetBoolean());

        var backOn = DateOnly.FromDateTime(app.Time.GetUtcNow().UtcDateTime).AddDays(3);
        var saved = await agent.PutAsJsonAsync("/api/v1/me/agent-settings", new
        {
            signature = new Dictionary<string, string> { ["en"] = "Agathe, Support", ["fr"] = "Agathe, Assistance" },
            byMail = Array.Empty<string>(), inApp = new[] { "mentioned" }, away = true, backOn = backOn.ToString("yyyy-MM-dd"),
        });
        Assert.Equal(HttpStatusCode.OK, saved.StatusCode);
        var settings = await (await agent.GetAsync("/api/v1/me/agent-settings")).JsonAsync();
        Assert.Equal("Agathe, Assistance", settings.GetProperty("signature").GetProperty("fr").GetString());
        Assert.Empty(settings.GetProperty("byMail").EnumerateArray());
        Assert.Equal(["mentioned"], settings.GetProperty("inApp").EnumerateArray().Select(k => k.GetString()));
        Assert.True(settings.GetProperty("away").GetBoolean());
        Assert.Equal(backOn.ToString("yyyy-MM-dd"), settings.GetProperty("backOn").GetString());

        // The page's checks: a day to come, a language of the product, a signature of at most 2,000 characters.
        var past = await (await agent.PutAsJsonAsync("/api/v1/me/agent-settings", new
        {
            signature = new { }, byMail = Array.Empty<string>(), inApp = Array.Empty<string>(), away = true, backOn = "2020-01-01",
        })).ProblemAsync(HttpStatusCode.BadRequest);
        Assert.Equal("Choose a day after today, or none.", past.GetProperty("errors").GetProperty("backOn")[0].GetString());
        var wrong = await (await agent.PutAsJsonAsync("/api/v1/me/agent-settings", new
        {
            signature = new Dictionary<string, string> { ["xx"] = "?", ["de"] = new string('x', 2001) }, byMail = Array.Empty<string>(), inApp = Array.Empty<string>(), away = false,
        })).ProblemAsync(HttpStatusCode.BadRequest);
        Assert.True(wrong.GetProperty("errors").TryGetProperty("signature", out _));
        Assert.Equal("Use at most 2000 characters.", wrong.GetProperty("errors").GetProperty("signature.de")[0].GetString());
        var all = await (await agent.PutAsJsonAsync("/api/v1/me/agent-settings", new { signature = new { }, byMail = new[] { "all" }, inApp = Array.Empty<string>(), away = false }))
            .ProblemAsync(HttpStatusCode.BadRequest);
        Assert.True(all.GetProperty("errors").TryGetProperty("byMail", out _));
        Assert.True((await (await agent.GetAsync("/api/v1/me/agent-settings")).JsonAsync()).GetProperty("away").GetBoolean());

        await (await alice.GetAsync("/api/v1/me/agent-settings")).ProblemAsync(HttpStatusCode.Forbidden);
        await (await alice.PutAsJsonAsync("/api/v1/me/agent-settings", new { signature = new { }, byMail = Array.Empty<string>(), inApp = Array.Empty<string>(), away = false }))
            .ProblemAsync(HttpStatusCode.Forbidden);
    }
}
