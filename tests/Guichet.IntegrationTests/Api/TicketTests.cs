using System.Net;
using System.Net.Http.Json;
using System.Text;
using Guichet.IntegrationTests.Infrastructure;
using Guichet.Web.Tickets;
using Microsoft.EntityFrameworkCore;

namespace Guichet.IntegrationTests.Api;

public sealed class TicketTests
{
    [Theory, Databases]
    public async Task Another_organizations_ticket_is_404_everywhere(Db db)
    {
        await using var app = await GuichetApp.StartAsync(db);
        await app.CreateWorldAsync();
        var type = await app.FirstTypeIdAsync();
        var bob = await app.ApiClientAsync("bob@globex.test");
        var alice = await app.ApiClientAsync("alice@acme.test");
        var manager = await app.ApiClientAsync("manager@acme.test");
        var bobs = await bob.OpenTicketAsync(type, "Globex only");
        var alices = await alice.OpenTicketAsync(type, "Acme only");

        await (await alice.GetAsync($"/api/v1/tickets/{bobs}")).ProblemAsync(HttpStatusCode.NotFound);
        await (await alice.PatchJsonAsync($"/api/v1/tickets/{bobs}", new { status = "cancelled" })).ProblemAsync(HttpStatusCode.NotFound);
        await (await alice.PostAsJsonAsync($"/api/v1/tickets/{bobs}/messages", new { body = "Let me in" })).ProblemAsync(HttpStatusCode.NotFound);
        await (await alice.GetAsync($"/api/v1/tickets/{bobs}/attachments/1")).ProblemAsync(HttpStatusCode.NotFound);
        await (await alice.GetAsync("/api/v1/tickets/999999")).ProblemAsync(HttpStatusCode.NotFound);
        var list = await (await alice.GetAsync("/api/v1/tickets")).JsonAsync();
        Assert.Equal([alices], list.GetProperty("items").EnumerateArray().Select(i => i.GetProperty("number").GetInt64()));
        Assert.Equal(1, await app.WithDbAsync(d => d.Messages.CountAsync(m => d.Tickets.Any(t => t.Id == m.TicketId && t.Number == bobs))));

        // The organization's manager sees Alice's request, as on the portal.
        Assert.Equal(HttpStatusCode.OK, (await manager.GetAsync($"/api/v1/tickets/{alices}")).StatusCode);
        await (await bob.GetAsync($"/api/v1/tickets/{alices}")).ProblemAsync(HttpStatusCode.NotFound);
    }

    [Theory, Databases]
    public async Task Internal_notes_reach_agents_and_never_customers(Db db)
    {
        await using var app = await GuichetApp.StartAsync(db);
        await app.CreateWorldAsync();
        var alice = await app.ApiClientAsync("alice@acme.test");
        var agent = await app.ApiClientAsync("agent@support.test");
        var number = await alice.OpenTicketAsync(await app.FirstTypeIdAsync(), "Slow reports");

        var note = await agent.PostAsJsonAsync($"/api/v1/tickets/{number}/messages", new { body = "Customer is on the **old plan**", @internal = true });
        Assert.Equal(HttpStatusCode.Created, note.StatusCode);
        Assert.True((await note.JsonAsync()).GetProperty("internal").GetBoolean());
        Assert.Equal(HttpStatusCode.Created, (await agent.PostAsJsonAsync($"/api/v1/tickets/{number}/messages", new { body = "We are looking into it." })).StatusCode);

        var seenByCustomer = await (await alice.GetAsync($"/api/v1/tickets/{number}")).Content.ReadAsStringAsync();
        Assert.DoesNotContain("old plan", seenByCustomer);
        Assert.Contains("We are looking into it.", seenByCustomer);
        var seenByAgent = await (await agent.GetAsync($"/api/v1/tickets/{number}")).JsonAsync();
        var messages = seenByAgent.GetProperty("messages").EnumerateArray().ToList();
        Assert.Equal(3, messages.Count);
        Assert.Contains(messages, m => m.GetProperty("internal").GetBoolean() && m.GetProperty("bodyHtml").GetString()!.Contains("<strong>old plan</strong>"));
        Assert.Equal("In progress", seenByAgent.GetProperty("status").GetProperty("name").GetString());

        var customerNote = await alice.PostAsJsonAsync($"/api/v1/tickets/{number}/messages", new { body = "psst", @internal = true });
        var problem = await customerNote.ProblemAsync(HttpStatusCode.UnprocessableEntity);
        Assert.True(problem.GetProperty("errors").TryGetProperty("internal", out _));
    }

    [Theory, Databases]
    public async Task Opening_with_an_Idempotency_Key_twice_opens_one_ticket(Db db)
    {
        await using var app = await GuichetApp.StartAsync(db);
        await app.CreateWorldAsync();
        var alice = await app.ApiClientAsync("alice@acme.test");
        var type = await app.FirstTypeIdAsync();
        const string body = """{"typeId": TYPE, "subject": "Reset my badge", "description": "It *stopped* working.", "priority": "high", "cc": ["colleague@acme.test"]}""";

        HttpRequestMessage Post(string json, string key)
        {
            var request = new HttpRequestMessage(HttpMethod.Post, "/api/v1/tickets") { Content = new StringContent(json.Replace("TYPE", type.ToString()), Encoding.UTF8, "application/json") };
            request.Headers.Add("Idempotency-Key", key);
            return request;
        }

        var first = await alice.SendAsync(Post(body, "badge-1"));
        var again = await alice.SendAsync(Post(body, "badge-1"));
        var other = await alice.SendAsync(Post(body.Replace("Reset", "Replace"), "badge-1"));

        Assert.Equal(HttpStatusCode.Created, first.StatusCode);
        var created = await first.JsonAsync();
        Assert.Equal("high", created.GetProperty("priority").GetString());
        Assert.Contains("<em>stopped</em>", created.GetProperty("messages")[0].GetProperty("bodyHtml").GetString());
        Assert.Equal("cc", created.GetProperty("participants")[0].GetProperty("role").GetString());
        Assert.Equal($"/api/v1/tickets/{created.GetProperty("number").GetInt64()}", first.Headers.Location!.ToString());
        Assert.Equal(HttpStatusCode.Created, again.StatusCode);
        Assert.Equal(first.Headers.Location, again.Headers.Location);
        Assert.Equal(created.GetProperty("number").GetInt64(), (await again.JsonAsync()).GetProperty("number").GetInt64());
        Assert.Equal("true", again.Headers.GetValues("Idempotent-Replayed").Single());
        await other.ProblemAsync(HttpStatusCode.UnprocessableEntity);
        Assert.Equal(1, await app.WithDbAsync(d => d.Tickets.CountAsync()));

        // A refused request does not use up its key: the corrected retry goes through.
        var invalid = await alice.SendAsync(Post("""{"typeId": 0, "subject": " "}""", "badge-2"));
        var errors = (await invalid.ProblemAsync(HttpStatusCode.BadRequest)).GetProperty("errors");
        Assert.True(errors.TryGetProperty("typeId", out _) && errors.TryGetProperty("subject", out _) && errors.TryGetProperty("description", out _));
        Assert.Equal(HttpStatusCode.Created, (await alice.SendAsync(Post(body.Replace("Reset", "Renew"), "badge-2"))).StatusCode);

        // A day later the key is forgotten.
        app.Time.Advance(TimeSpan.FromHours(25));
        Assert.Equal(HttpStatusCode.Created, (await alice.SendAsync(Post(body.Replace("Reset", "Replace"), "badge-1"))).StatusCode);
        Assert.Equal(3, await app.WithDbAsync(d => d.Tickets.CountAsync()));
    }

    [Theory, Databases]
    public async Task Multipart_where_no_files_go_and_other_content_types_get_a_clear_415(Db db)
    {
        await using var app = await GuichetApp.StartAsync(db);
        await app.CreateUserAsync("someone@example.org");
        var client = await app.ApiClientAsync("someone@example.org");
        var number = await client.OpenTicketAsync(await app.FirstTypeIdAsync(), "Broken");

        using var form = new MultipartFormDataContent { { new StringContent("high"), "priority" }, { new ByteArrayContent([1, 2, 3]), "file", "screen.png" } };
        var multipart = await (await client.PatchAsync($"/api/v1/tickets/{number}", form)).ProblemAsync(HttpStatusCode.UnsupportedMediaType);
        Assert.Contains("multipart/form-data", multipart.GetProperty("detail").GetString());
        var text = await (await client.PostAsync("/api/v1/tickets", new StringContent("subject=Broken"))).ProblemAsync(HttpStatusCode.UnsupportedMediaType);
        Assert.Contains("application/json", text.GetProperty("detail").GetString());
    }

    [Theory, Databases]
    public async Task A_customer_reply_reopens_a_resolved_request_and_a_closed_one_calls_for_a_follow_up(Db db)
    {
        await using var app = await GuichetApp.StartAsync(db);
        await app.CreateWorldAsync();
        var alice = await app.ApiClientAsync("alice@acme.test");
        var agent = await app.ApiClientAsync("agent@support.test");
        var type = await app.FirstTypeIdAsync();
        var number = await alice.OpenTicketAsync(type, "Cannot export");
        var url = $"/api/v1/tickets/{number}";

        Assert.Equal(HttpStatusCode.OK, (await agent.PatchJsonAsync(url, new { status = "solved" })).StatusCode);
        var reply = await alice.PostAsJsonAsync($"{url}/messages", new { body = "Still broken, sorry." });
        Assert.Equal(HttpStatusCode.Created, reply.StatusCode);
        Assert.False((await reply.JsonAsync()).GetProperty("internal").GetBoolean());
        var reopened = await (await alice.GetAsync(url)).JsonAsync();
        Assert.Equal("open", reopened.GetProperty("status").GetProperty("category").GetString());

        var closedId = await app.WithDbAsync(d => d.Statuses.Where(s => s.Category == StatusCategory.Closed).Select(s => s.Id).SingleAsync());
        Assert.Equal(HttpStatusCode.OK, (await agent.PatchJsonAsync(url, new { status = closedId })).StatusCode);
        var refused = await (await alice.PostAsJsonAsync($"{url}/messages", new { body = "Hello?" })).ProblemAsync(HttpStatusCode.Conflict);
        Assert.Contains($"followUpOf set to {number}", refused.GetProperty("detail").GetString());

        var followUp = await alice.PostAsJsonAsync("/api/v1/tickets", new { typeId = type, subject = "Cannot export, again", description = "Same as before.", followUpOf = number });
        Assert.Equal(HttpStatusCode.Created, followUp.StatusCode);
        var followUpNumber = (await followUp.JsonAsync()).GetProperty("number").GetInt64();
        Assert.Equal(number, await app.WithDbAsync(d => d.Tickets.Where(t => t.Number == followUpNumber)
            .Select(t => d.Tickets.Single(o => o.Id == t.FollowUpOfId).Number).SingleAsync()));
        await (await alice.PostAsJsonAsync("/api/v1/tickets/" + number + "/messages", new { body = " " })).ProblemAsync(HttpStatusCode.BadRequest);
    }

    [Theory, Databases]
    public async Task Customers_may_only_resolve_cancel_or_reopen_and_agents_change_the_rest(Db db)
    {
        await using var app = await GuichetApp.StartAsync(db);
        var world = await app.CreateWorldAsync();
        var alice = await app.ApiClientAsync("alice@acme.test");
        var agent = await app.ApiClientAsync("agent@support.test");
        var number = await alice.OpenTicketAsync(await app.FirstTypeIdAsync(), "Printer on fire");
        var url = $"/api/v1/tickets/{number}";

        var forbidden = await (await alice.PatchJsonAsync(url, new { status = "solved", priority = "urgent" })).ProblemAsync(HttpStatusCode.UnprocessableEntity);
        Assert.True(forbidden.GetProperty("errors").TryGetProperty("priority", out _));
        Assert.False(forbidden.GetProperty("errors").TryGetProperty("status", out _));
        Assert.Equal("new", (await (await alice.GetAsync(url)).JsonAsync()).GetProperty("status").GetProperty("category").GetString());
        var unknown = await (await alice.PatchJsonAsync(url, new { colour = "red" })).ProblemAsync(HttpStatusCode.BadRequest);
        Assert.True(unknown.GetProperty("errors").TryGetProperty("colour", out _));
        await (await alice.PatchJsonAsync(url, new { status = 3 })).ProblemAsync(HttpStatusCode.BadRequest);

        var solved = await alice.PatchJsonAsync(url, new { status = "solved" });
        Assert.Equal("solved", (await solved.JsonAsync()).GetProperty("status").GetProperty("category").GetString());
        await (await alice.PatchJsonAsync(url, new { status = "cancelled" })).ProblemAsync(HttpStatusCode.Conflict);
        Assert.Equal("open", (await (await alice.PatchJsonAsync(url, new { status = "open" })).JsonAsync()).GetProperty("status").GetProperty("category").GetString());

        var changed = await agent.PatchJsonAsync(url, new { priority = "urgent", environment = "production", assigneeId = world.Agent.Id });
        Assert.Equal(HttpStatusCode.OK, changed.StatusCode);
        var ticket = await changed.JsonAsync();
        Assert.Equal("urgent", ticket.GetProperty("priority").GetString());
        Assert.Equal("production", ticket.GetProperty("environment").GetString());
        Assert.Equal(world.Agent.Id, await app.WithDbAsync(d => d.Tickets.Where(t => t.Number == number).Select(t => t.AssigneeId).SingleAsync()));
        var badAgentChange = await (await agent.PatchJsonAsync(url, new { priority = "low", assigneeId = world.Alice.Id, status = 9999 })).ProblemAsync(HttpStatusCode.BadRequest);
        Assert.True(badAgentChange.GetProperty("errors").TryGetProperty("assigneeId", out _));
        Assert.True(badAgentChange.GetProperty("errors").TryGetProperty("status", out _));
        // Nothing of a refused change is applied.
        Assert.Equal("urgent", (await (await agent.GetAsync(url)).JsonAsync()).GetProperty("priority").GetString());

        // A deactivated agent is given nothing: their tickets were handed over, none comes back through the API.
        var leaving = await app.CreateUserAsync("leaving@support.test", Guichet.Web.Accounts.Roles.Agent);
        await app.WithDbAsync(async d =>
        {
            (await d.Users.SingleAsync(u => u.Id == leaving.Id)).DeactivatedAt = app.Time.GetUtcNow();
            return await d.SaveChangesAsync();
        });
        var toLeaving = await (await agent.PatchJsonAsync(url, new { assigneeId = leaving.Id })).ProblemAsync(HttpStatusCode.BadRequest);
        Assert.True(toLeaving.GetProperty("errors").TryGetProperty("assigneeId", out _));
    }
}
