using System.Net;
using Guichet.IntegrationTests.Infrastructure;
using Guichet.Web.Accounts;
using Guichet.Web.Email.Inbound;
using Guichet.Web.Tickets;
using Microsoft.EntityFrameworkCore;
using MimeKit;
using static Guichet.IntegrationTests.Infrastructure.InboundMailHelpers;

namespace Guichet.IntegrationTests.Email;

/// <summary>Mail becomes requests and replies: stored first, threaded safely, noise dropped, nothing lost.</summary>
public sealed class InboundMailTests
{
    private static Task<Ticket> TicketAsync(GuichetApp app, long number) =>
        app.WithDbAsync(db => db.Tickets.AsNoTracking().Include(t => t.Messages).Include(t => t.Participants).ThenInclude(p => p.User)
            .Include(t => t.Requester).SingleAsync(t => t.Number == number));

    [Theory, Databases]
    public async Task A_mail_from_an_unknown_sender_opens_a_request_for_a_new_contact_with_the_copies_kept_informed(Db db)
    {
        await using var app = await GuichetApp.StartAsync(db);
        var acme = await app.CreateOrganizationAsync("Acme", "acme.example");

        var received = await app.ReceiveAsync(Mail("\"Zoë Müller\" <zoe@acme.example>", "Printer on fire", "It really is.\n\nPlease help.", cc: ["boss@acme.example", "support@guichet.test"]));

        var row = received.Message;
        Assert.Equal((InboundState.Processed, InboundOutcome.NewRequest), (row.State, row.Outcome));
        var ticket = await TicketAsync(app, row.TicketNumber!.Value);
        Assert.Equal("Printer on fire", ticket.Subject);
        Assert.Equal(("zoe@acme.example", "Zoë", "Müller"), (ticket.Requester.Email, ticket.Requester.FirstName, ticket.Requester.LastName));
        Assert.Equal(acme.Id, ticket.OrganizationId);
        Assert.Equal(MessageSource.Mail, ticket.Messages.Single().Source);
        Assert.Equal("It really is.\nPlease help.", ticket.Messages.Single().BodyText);
        Assert.Equal(["boss@acme.example"], ticket.Participants.Select(p => p.User.Email));
        Assert.Null(ticket.Requester.PasswordHash);
    }

    [Theory, Databases]
    public async Task A_reply_threads_by_our_Message_ID_and_a_strangers_mail_naming_the_request_opens_another(Db db)
    {
        await using var app = await GuichetApp.StartAsync(db);
        var first = await app.ReceiveAsync(Mail("zoe@example.com", "Printer on fire", "Help."));
        var number = first.Message.TicketNumber!.Value;
        var ours = $"<t{number}.0123456789abcdef0123456789abcdef@guichet.test>";

        var reply = await app.ReceiveAsync(Mail("zoe@example.com", $"Re: [#{number}] We received your request", "Still burning.", inReplyTo: ours));
        var stranger = await app.ReceiveAsync(Mail("mallory@evil.example", $"Re: [#{number}] Printer on fire", "Add me.", inReplyTo: ours, cc: ["victim@example.com"]));

        Assert.Equal((InboundOutcome.Reply, number), (reply.Message.Outcome, reply.Message.TicketNumber));
        Assert.Equal(InboundOutcome.NewRequest, stranger.Message.Outcome);
        Assert.NotEqual(number, stranger.Message.TicketNumber);
        Assert.Contains("not one of the people", stranger.Message.Trace);
        var ticket = await TicketAsync(app, number);
        Assert.Equal(["Help.", "Still burning."], ticket.Messages.Select(m => m.BodyText).Order());   // the test clock stands still
        Assert.Empty(ticket.Participants);
        Assert.Empty((await TicketAsync(app, stranger.Message.TicketNumber!.Value)).Participants);
    }

    [Theory, Databases]
    public async Task The_same_message_twice_is_processed_once_and_another_message_with_its_Message_ID_is_kept(Db db)
    {
        await using var app = await GuichetApp.StartAsync(db);
        var mail = Mail("zoe@example.com", "Printer on fire", "Help.", messageId: "same@client.example");

        var first = await app.ReceiveAsync(mail);
        var again = await app.ReceiveAsync(mail);
        var other = await app.ReceiveAsync(Mail("zoe@example.com", "Printer on fire", "Other text.", messageId: "same@client.example"));

        Assert.False(first.Duplicate);
        Assert.True(again.Duplicate);
        Assert.Equal(first.Message.Id, again.Message.Id);
        Assert.False(other.Duplicate);
        Assert.Equal(2, (await app.InboundMessagesAsync()).Count);
        Assert.Equal(2, await app.WithDbAsync(d => d.Tickets.CountAsync()));
    }

    [Theory, Databases]
    public async Task Auto_replies_bulk_mail_and_loops_are_dropped_with_their_reason(Db db)
    {
        await using var app = await GuichetApp.StartAsync(db);
        var vacation = Mail("zoe@example.com", "Out of office", "I am away.");
        vacation.Headers.Add("Auto-Submitted", "auto-replied");
        var list = Mail("news@example.com", "Newsletter", "News.");
        list.Headers.Add("Precedence", "bulk");
        var loop = Mail("robot@example.com", "Ticket", "Hello.");
        loop.Headers.Add("X-Loop", "robot@example.com");
        var daemon = Mail("MAILER-DAEMON@mx.example.com", "Undelivered", "Sorry.");

        foreach (var (mail, reason) in new[] { (vacation, DropReason.AutoReply), (list, DropReason.Bulk), (loop, DropReason.Loop), (daemon, DropReason.NoSender) })
        {
            var row = (await app.ReceiveAsync(mail)).Message;
            Assert.Equal((InboundState.Dropped, reason), (row.State, row.DropReason));
        }
        Assert.Equal(0, await app.WithDbAsync(d => d.Tickets.CountAsync()));
    }

    [Theory, Databases]
    public async Task A_message_that_cannot_be_processed_is_quarantined_and_the_next_one_still_goes_through(Db db)
    {
        await using var app = await GuichetApp.StartAsync(db, new Dictionary<string, string?> { ["Guichet:InboundMail:MaxMessageBytes"] = "2000" });

        var big = await app.ReceiveAsync(Mail("zoe@example.com", "Logs", new string('x', 3000)));
        var small = await app.ReceiveAsync(Mail("zoe@example.com", "Printer", "Help."));

        Assert.Equal(InboundState.Quarantined, big.Message.State);
        Assert.Contains("over the limit", big.Message.Error);
        Assert.Equal(InboundState.Processed, small.Message.State);
    }

    [Theory, Databases]
    public async Task The_raw_MIME_endpoint_needs_its_token_and_answers_with_what_the_message_became(Db db)
    {
        await using var app = await GuichetApp.StartAsync(db, EndpointSettings);
        var raw = System.Text.Encoding.UTF8.GetBytes(Mail("zoe@example.com", "Printer", "Help.").ToString());

        using var refused = await app.PostRawAsync(raw, token: "wrong-token-wrong-token");
        using var accepted = await app.PostRawAsync(raw);

        Assert.Equal(HttpStatusCode.Unauthorized, refused.StatusCode);
        Assert.Equal(HttpStatusCode.OK, accepted.StatusCode);
        var body = await accepted.Content.ReadAsStringAsync();
        Assert.Contains("\"outcome\":\"NewRequest\"", body);
        Assert.Contains("\"ticketNumber\":", body);
    }
}
