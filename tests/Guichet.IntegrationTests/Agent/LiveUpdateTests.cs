using System.Net;
using System.Net.Http.Json;
using Guichet.IntegrationTests.Api;
using Guichet.IntegrationTests.Infrastructure;
using Guichet.Web.Live;
using Guichet.Web.Tickets;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;

namespace Guichet.IntegrationTests.Agent;

/// <summary>The live stream (/live): what it carries to whom, what a reconnection gets, across nodes; presence.</summary>
public sealed class LiveUpdateTests
{
    [Theory, Databases]
    public async Task A_stream_carries_the_changes_its_reader_may_see_and_never_an_internal_note_to_a_customer(Db db)
    {
        await using var app = await GuichetApp.StartAsync(db);
        var world = await app.CreateWorldAsync();
        using var agent = await app.SignInAsync("agent@support.test");
        using var alice = await app.SignInAsync("alice@acme.test");
        using var bob = await app.SignInAsync("bob@globex.test");
        var agentApi = await app.ApiClientAsync("agent@support.test");
        await using var agentStream = await LiveEvents.OpenAsync(agent.Http);
        await using var aliceStream = await LiveEvents.OpenAsync(alice.Http);
        await using var bobStream = await LiveEvents.OpenAsync(bob.Http);

        var ticket = await app.OpenTicketAsync(world.Alice, "Invoice twice");
        var created = await agentStream.NextAsync("ticket", e => e.Number == ticket.Number);
        Assert.Equal("created", created.Json.GetProperty("kind").GetString());
        await agentStream.NextAsync("queues");
        await aliceStream.NextAsync("ticket", e => e.Number == ticket.Number);

        var note = await agentApi.PostAsJsonAsync($"/api/v1/tickets/{ticket.Number}/messages", new { body = "Secret: their account is on hold", @internal = true });
        Assert.Equal(HttpStatusCode.Created, note.StatusCode);
        await agentStream.NextAsync("ticket", e => e.Json.GetProperty("kind").GetString() == "note");
        var reply = await agentApi.PostAsJsonAsync($"/api/v1/tickets/{ticket.Number}/messages", new { body = "We are on it." });
        Assert.Equal(HttpStatusCode.Created, reply.StatusCode);
        await agentStream.NextAsync("ticket", e => e.Json.GetProperty("kind").GetString() == "replied");
        await aliceStream.NextAsync("ticket", e => e.Json.GetProperty("kind").GetString() == "replied");

        // The agent's stream had everything: the others had theirs in the same round. Give them a moment all the same.
        await Task.Delay(500);
        Assert.DoesNotContain(aliceStream.Received, e => e.Name == "queues" || e.Data.Contains("\"note\""));
        Assert.DoesNotContain(bobStream.Received, e => e.Name is "ticket" or "queues");
        // What a stream says is which ticket and what kind of change, never what was written.
        Assert.DoesNotContain(agentStream.Received, e => e.Data.Contains("Secret") || e.Data.Contains("on it"));
    }

    [Theory, Databases]
    public async Task A_stream_that_reconnects_gets_what_it_missed_and_a_page_gets_what_came_after_it_was_shown(Db db)
    {
        await using var app = await GuichetApp.StartAsync(db);
        var world = await app.CreateWorldAsync();
        using var alice = await app.SignInAsync("alice@acme.test");
        var first = await app.OpenTicketAsync(world.Alice, "First");
        string lastId;
        await using (var stream = await LiveEvents.OpenAsync(alice.Http))
        {
            var second = await app.OpenTicketAsync(world.Alice, "Second");
            lastId = (await stream.NextAsync("ticket", e => e.Number == second.Number)).Id!;
        }
        var third = await app.OpenTicketAsync(world.Alice, "Third, while the stream was away");
        await using (var again = await LiveEvents.OpenAsync(alice.Http, lastEventId: lastId))
        {
            var missed = await again.NextAsync("ticket");
            Assert.Equal(third.Number, missed.Number);
        }

        // A page says where the feed stood when it was shown (since=): its stream starts with what came after (and maybe a
        // little before: the node's cursor may be a second behind, and one more refresh is harmless).
        var page = await alice.GetAsync($"/requests/{first.Number}");
        var since = page.QuerySelector("#live")!.GetAttribute("data-live-since");
        Assert.False(string.IsNullOrEmpty(since));
        var fourth = await app.OpenTicketAsync(world.Alice, "Fourth, before the page's stream opened");
        await using var fromPage = await LiveEvents.OpenAsync(alice.Http, $"/live?since={since}");
        await fromPage.NextAsync("ticket", e => e.Number == fourth.Number);
    }

    [Theory, Databases]
    public async Task A_change_made_on_one_node_reaches_the_streams_of_another(Db db)
    {
        await using var first = await GuichetApp.StartAsync(db);
        var world = await first.CreateWorldAsync();
        await using var second = GuichetApp.StartNode(first);
        using var agent = await second.SignInAsync("agent@support.test");
        await using var stream = await LiveEvents.OpenAsync(agent.Http);

        if (db == Db.Postgres)
        {
            // The trigger that wakes every node: a listener of our own hears the commit.
            await using var listener = new NpgsqlConnection(await first.WithDbAsync(d => Task.FromResult(d.Database.GetConnectionString()!)));
            await listener.OpenAsync();
            var heard = new TaskCompletionSource();
            listener.Notification += (_, n) => { if (n.Channel == LiveFeed.NotifyChannel) heard.TrySetResult(); };
            await using (var listen = new NpgsqlCommand($"LISTEN {LiveFeed.NotifyChannel}", listener)) await listen.ExecuteNonQueryAsync();
            var waiting = listener.WaitAsync(TimeSpan.FromSeconds(10));
            var ticket = await first.OpenTicketAsync(world.Alice, "From the first node");
            await waiting;
            Assert.True(heard.Task.IsCompleted);
            Assert.Equal(ticket.Number, (await stream.NextAsync("ticket")).Number);
        }
        else
        {
            var ticket = await first.OpenTicketAsync(world.Alice, "From another process on the same file");
            Assert.Equal(ticket.Number, (await stream.NextAsync("ticket")).Number);
        }
    }

    [Theory, Databases]
    public async Task Agents_see_who_else_has_the_ticket_open_and_who_is_writing_a_reply(Db db)
    {
        await using var app = await GuichetApp.StartAsync(db);
        var world = await app.CreateWorldAsync();
        var ben = await app.CreateUserAsync("ben@support.test", Guichet.Web.Accounts.Roles.Agent, "Ben", "Bauer");
        await app.AddToGroupAsync(await app.SupportGroupIdAsync(), ben);
        var ticket = await app.OpenTicketAsync(world.Alice, "Printer on fire");
        using var agathe = await app.SignInAsync("agent@support.test");
        using var benClient = await app.SignInAsync("ben@support.test");
        using var alice = await app.SignInAsync("alice@acme.test");

        await using var agatheStream = await LiveEvents.OpenAsync(agathe.Http, $"/live?ticket={ticket.Number}");
        // A customer's stream never says who is looking, even when asked for a ticket.
        await using var aliceStream = await LiveEvents.OpenAsync(alice.Http, $"/live?ticket={ticket.Number}");
        var page = await benClient.GetAsync($"/agent/tickets/{ticket.Number}");
        await using (var benStream = await LiveEvents.OpenAsync(benClient.Http, $"/live?ticket={ticket.Number}"))
        {
            var here = await agatheStream.NextAsync("presence", e => e.Json.GetProperty("people").GetArrayLength() == 1);
            Assert.Equal("Ben Bauer", here.Json.GetProperty("people")[0].GetProperty("name").GetString());
            Assert.False(here.Json.GetProperty("people")[0].GetProperty("replying").GetBoolean());

            var token = page.QuerySelector("#reply-form input[name=__RequestVerificationToken]")!.GetAttribute("value")!;
            var replying = await benClient.Http.PostAsync($"/agent/tickets/{ticket.Number}?handler=Replying",
                new FormUrlEncodedContent(new Dictionary<string, string> { ["__RequestVerificationToken"] = token }));
            Assert.Equal(HttpStatusCode.NoContent, replying.StatusCode);
            await agatheStream.NextAsync("presence", e => e.Json.GetProperty("people").EnumerateArray().Any(p => p.GetProperty("replying").GetBoolean()));
            var benSees = await benStream.NextAsync("presence", e => e.Json.GetProperty("people").GetArrayLength() == 1);
            Assert.Equal("Agathe Support", benSees.Json.GetProperty("people")[0].GetProperty("name").GetString());
        }
        // Ben left: Agathe is alone again.
        await agatheStream.NextAsync("presence", e => e.Json.GetProperty("people").GetArrayLength() == 0);

        // The ticket handed to a group Agathe is not in: her open page is told it changed (and nothing more), so that it
        // can say the request is no longer hers to see.
        var billing = await app.WithDbAsync(async d =>
        {
            var group = new Group { Name = "Billing" };
            d.Groups.Add(group);
            await d.SaveChangesAsync();
            var t = await d.Tickets.SingleAsync(x => x.Id == ticket.Id);
            t.ChangeGroup(group.Id, world.Agent.Id, app.Time.GetUtcNow());
            await d.SaveChangesAsync();
            return group.Id;
        });
        var gone = await agatheStream.NextAsync("ticket", e => e.Json.GetProperty("kind").GetString() == "changed");
        Assert.Equal(ticket.Number, gone.Number);
        Assert.DoesNotContain(aliceStream.Received, e => e.Name == "presence");
    }
}
