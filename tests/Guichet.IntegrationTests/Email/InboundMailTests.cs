using System.Net;
using Guichet.IntegrationTests.Infrastructure;
using Guichet.IntegrationTests.Search;
using Guichet.Web.Accounts;
using Guichet.Web.Email.Inbound;
using Guichet.Web.Tickets;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
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
        var raw = Raw(Mail("zoe@example.com", "Printer", "Help."));

        using var refused = await app.PostRawAsync(raw, token: "wrong-token-wrong-token");
        using var accepted = await app.PostRawAsync(raw);

        Assert.Equal(HttpStatusCode.Unauthorized, refused.StatusCode);
        Assert.Equal(HttpStatusCode.OK, accepted.StatusCode);
        var body = await accepted.Content.ReadAsStringAsync();
        Assert.Contains("\"outcome\":\"NewRequest\"", body);
        Assert.Contains("\"ticketNumber\":", body);
    }

    private static string Ours(long number) => $"<t{number}.0123456789abcdef0123456789abcdef@guichet.test>";

    [Theory, Databases]
    public async Task A_bounce_is_noted_on_its_request_and_marks_the_address_as_failing_without_reopening_anything(Db db)
    {
        await using var app = await GuichetApp.StartAsync(db);
        var number = (await app.ReceiveAsync(Mail("zoe@example.com", "Printer on fire", "Help."))).Message.TicketNumber!.Value;
        var before = await app.CategoryOfAsync(number);

        var bounce = new MimeMessage { Subject = "Undelivered Mail Returned to Sender" };
        bounce.From.Add(MailboxAddress.Parse("MAILER-DAEMON@mx.example.com"));
        bounce.To.Add(MailboxAddress.Parse("support@guichet.test"));
        var status = new MessageDeliveryStatus();
        status.StatusGroups.Add(new HeaderList { { "Reporting-MTA", "dns; mx.example.com" } });
        status.StatusGroups.Add(new HeaderList
        {
            { "Final-Recipient", "rfc822; zoe@example.com" }, { "Action", "failed" }, { "Status", "5.1.1" },
            { "Diagnostic-Code", "smtp; 550 5.1.1 <zoe@example.com>: Recipient address rejected: User unknown" },
        });
        var returned = new MimePart("text", "rfc822-headers")
        {
            Content = new MimeContent(new MemoryStream(System.Text.Encoding.ASCII.GetBytes($"Message-ID: {Ours(number)}\r\nSubject: [#{number}] We received your request\r\n\r\n"))),
        };
        bounce.Body = new MultipartReport("delivery-status") { new TextPart("plain") { Text = "I'm sorry to have to inform you..." }, status, returned };

        var row = (await app.ReceiveAsync(bounce)).Message;

        Assert.Equal((InboundState.Dropped, DropReason.Bounce), (row.State, row.DropReason));
        var events = await app.WithDbAsync(d => d.TicketEvents.Where(e => d.Tickets.Any(t => t.Id == e.TicketId && t.Number == number) && e.Kind == TicketEventKind.MailBounced).ToListAsync());
        var noted = Assert.Single(events);
        Assert.False(noted.IsPublic);
        Assert.Equal("zoe@example.com", noted.After);
        Assert.Contains("User unknown", noted.Before);
        var zoe = await app.WithDbAsync(d => d.Users.SingleAsync(u => u.Email == "zoe@example.com"));
        Assert.NotNull(zoe.MailFailingSince);
        Assert.Equal(before, await app.CategoryOfAsync(number));

        // Writing to us again shows the address works.
        await app.ReceiveAsync(Mail("zoe@example.com", "Another one", "Hello again."));
        Assert.Null((await app.WithDbAsync(d => d.Users.SingleAsync(u => u.Email == "zoe@example.com"))).MailFailingSince);
    }

    [Theory, Databases]
    public async Task A_reply_to_a_closed_request_opens_a_follow_up_and_an_agents_reply_by_mail_is_a_public_answer(Db db)
    {
        await using var app = await GuichetApp.StartAsync(db);
        var agent = await app.CreateUserAsync("agent@guichet.test", Roles.Agent);
        await app.AddToGroupAsync(await app.SupportGroupIdAsync(), agent);
        var number = (await app.ReceiveAsync(Mail("zoe@example.com", "Printer on fire", "Help."))).Message.TicketNumber!.Value;

        var answer = (await app.ReceiveAsync(Mail("agent@guichet.test", $"Re: [#{number}] Printer on fire", "Unplug it.", inReplyTo: Ours(number)))).Message;
        Assert.Equal((InboundOutcome.AgentReply, number), (answer.Outcome, answer.TicketNumber));
        var ticket = await TicketAsync(app, number);
        var reply = Assert.Single(ticket.Messages, m => m.AuthorId == agent.Id);
        Assert.False(reply.IsInternal);
        Assert.NotNull(ticket.AnsweredAt);

        await app.SetStatusAsync(number, StatusCategory.Closed, agent.Id);
        var late = (await app.ReceiveAsync(Mail("zoe@example.com", $"Re: [#{number}] Printer on fire", "It is back.", inReplyTo: Ours(number)))).Message;
        Assert.Equal(InboundOutcome.FollowUp, late.Outcome);
        var followUp = await TicketAsync(app, late.TicketNumber!.Value);
        Assert.Equal(ticket.Id, followUp.FollowUpOfId);
        Assert.Equal("It is back.", followUp.Messages.Single().BodyText);
    }

    [Theory, Databases]
    public async Task An_agents_mail_answering_a_mention_is_an_internal_note_and_a_customer_naming_that_mail_only_replies(Db db)
    {
        await using var app = await GuichetApp.StartAsync(db);
        var ada = await app.CreateUserAsync("ada@guichet.test", Roles.Admin, "Ada", "Admin");
        var ben = await app.CreateUserAsync("ben@guichet.test", Roles.Agent, "Ben", "Bauer");
        await app.AddToGroupAsync(await app.SupportGroupIdAsync(), ben);
        var number = (await app.ReceiveAsync(Mail("zoe@example.com", "Printer on fire", "Help."))).Message.TicketNumber!.Value;
        await app.ReplyAsync(number, ada.Id, "@ben she must not read this: the printer is on our blacklist.", isInternal: true);
        var mention = await app.WaitForMailAsync("ben@guichet.test", "mentioned you");

        // Ben answers from his mail client: Re:, the mention quoted below, a file.
        var quoted = string.Join("\n", mention.TextBody!.ReplaceLineEndings("\n").Split('\n').Select(line => "> " + line));
        var answer = Mail("ben@guichet.test", "Re: " + mention.Subject, $"I will call her.\n\nOn Mon, Dec 7, 2026 at 7:45 PM Guichet <support@guichet.test> wrote:\n{quoted}", inReplyTo: mention.MessageId);
        answer.References.Clear();
        foreach (var id in mention.References.Append(mention.MessageId!)) answer.References.Add(id);
        var body = new BodyBuilder { TextBody = answer.TextBody };
        body.Attachments.Add("call-notes.txt", "Call at 10."u8.ToArray());
        answer.Body = body.ToMessageBody();
        var row = (await app.ReceiveAsync(answer)).Message;

        Assert.Equal((InboundOutcome.AgentNote, number), (row.Outcome, row.TicketNumber));
        Assert.Contains($"internal note of ben@guichet.test (team) on #{number}: it answers our mail about a note <{mention.MessageId}>", row.Trace);
        var ticket = await TicketAsync(app, number);
        var note = Assert.Single(ticket.Messages, m => m.AuthorId == ben.Id);
        Assert.Equal((true, MessageSource.Mail, "I will call her."), (note.IsInternal, note.Source, note.BodyText));
        Assert.Null(ticket.AnsweredAt);
        var file = Assert.Single(await app.WithDbAsync(d => d.Set<Guichet.Web.Attachments.Attachment>().Where(a => a.MessageId == note.Id).ToListAsync()));
        Assert.Equal("call-notes.txt", file.FileName);
        Assert.False(await app.WithDbAsync(d => d.TicketEvents.AnyAsync(e => e.MessageId == note.Id && e.IsPublic)));
        // The customer hears nothing of it: her one mail is the acknowledgement of her request.
        await app.SettledAsync();
        Assert.Contains("We received your request", Assert.Single(await app.MailToAsync("zoe@example.com")).Subject);

        // The customer naming that mail (she could guess its form) gets what any reply gets: a public reply, never the notes.
        var forged = (await app.ReceiveAsync(Mail("zoe@example.com", $"Re: [#{number}] Printer on fire", "Any news?", inReplyTo: mention.MessageId))).Message;
        Assert.Equal((InboundOutcome.Reply, number), (forged.Outcome, forged.TicketNumber));
        Assert.Contains("is not of the team: not a note", forged.Trace);
        Assert.False(Assert.Single((await TicketAsync(app, number)).Messages, m => m.BodyText == "Any news?").IsInternal);
        // A stranger naming it joins nothing, as with any of our Message-IDs.
        var stranger = (await app.ReceiveAsync(Mail("mallory@evil.example", $"Re: [#{number}] Printer on fire", "Add me.", inReplyTo: mention.MessageId))).Message;
        Assert.Equal(InboundOutcome.NewRequest, stranger.Outcome);
        Assert.NotEqual(number, stranger.TicketNumber);
    }

    [Theory, Databases]
    public async Task A_sender_opening_too_many_requests_in_an_hour_is_stopped_and_their_replies_still_go_through(Db db)
    {
        await using var app = await GuichetApp.StartAsync(db, new Dictionary<string, string?> { ["Guichet:InboundMail:NewRequestsPerSenderPerHour"] = "2" });
        var first = await app.ReceiveAsync(Mail("robot@example.com", "One", "1"));
        await app.ReceiveAsync(Mail("robot@example.com", "Two", "2"));

        var third = (await app.ReceiveAsync(Mail("robot@example.com", "Three", "3"))).Message;
        var reply = (await app.ReceiveAsync(Mail("robot@example.com", "Re: One", "More.", inReplyTo: Ours(first.Message.TicketNumber!.Value)))).Message;

        Assert.Equal((InboundState.Dropped, DropReason.RateLimit), (third.State, third.DropReason));
        Assert.Equal(InboundOutcome.Reply, reply.Outcome);
        Assert.Equal(2, await app.WithDbAsync(d => d.Tickets.CountAsync()));
        app.Time.Advance(TimeSpan.FromMinutes(61));
        Assert.Equal(InboundOutcome.NewRequest, (await app.ReceiveAsync(Mail("robot@example.com", "Four", "4"))).Message.Outcome);
    }

    [Theory, Databases]
    public async Task An_inline_image_shows_in_the_message_as_its_attachment(Db db)
    {
        await using var app = await GuichetApp.StartAsync(db);
        var mail = Mail("zoe@example.com", "Screenshot", "");
        var image = new MimePart("image", "png")
        {
            ContentId = "shot@client.example", FileName = "shot.png",
            Content = new MimeContent(new MemoryStream(Guichet.IntegrationTests.Attachments.Files.Png)),
            ContentDisposition = new ContentDisposition(ContentDisposition.Inline), ContentTransferEncoding = ContentEncoding.Base64,
        };
        mail.Body = new MultipartRelated { new TextPart("html") { Text = "<p>See:</p><img src=\"cid:shot@client.example\" alt=\"shot\">" }, image };

        var row = (await app.ReceiveAsync(mail)).Message;

        var ticket = await TicketAsync(app, row.TicketNumber!.Value);
        var attachment = Assert.Single(await app.WithDbAsync(d => d.Set<Guichet.Web.Attachments.Attachment>().Where(a => a.TicketId == ticket.Id).ToListAsync()));
        Assert.Equal(("shot.png", "image/png"), (attachment.FileName, attachment.ContentType));
        Assert.Contains($"src=\"/attachments/{attachment.Id}/shot.png\"", ticket.Messages.Single().BodyHtml);
    }

    [Theory, Databases]
    public async Task A_mails_files_follow_the_limits_of_every_upload_and_a_refused_one_is_named_in_the_trace(Db db)
    {
        await using var app = await GuichetApp.StartAsync(db, new Dictionary<string, string?>
        {
            ["Guichet:Attachments:MaxFilesPerMessage"] = "2", ["Guichet:Attachments:MaxFileBytes"] = "1000", ["Guichet:Attachments:MaxTotalBytesPerMessage"] = "1500",
        });
        var mail = Mail("zoe@example.com", "Logs", "");
        var body = new BodyBuilder { TextBody = "The logs." };
        foreach (var (name, length) in new[] { ("run.exe", 10), ("big.log", 1001), ("a.txt", 800), ("b.txt", 800), ("c.txt", 100), ("d.txt", 100) })
            body.Attachments.Add(name, new byte[length]);
        mail.Body = body.ToMessageBody();

        var row = (await app.ReceiveAsync(mail)).Message;

        var ticket = await TicketAsync(app, row.TicketNumber!.Value);
        var files = await app.WithDbAsync(d => d.Set<Guichet.Web.Attachments.Attachment>().Where(a => a.TicketId == ticket.Id).Select(a => a.FileName).ToListAsync());
        Assert.Equal(["a.txt", "c.txt"], files.Order());
        Assert.Contains("file run.exe not attached: this type of file is not accepted", row.Trace);
        Assert.Contains("file big.log not attached: over 1000 bytes", row.Trace);
        Assert.Contains("file b.txt not attached: over 1500 bytes in all", row.Trace);
        Assert.Contains("file d.txt not attached: at most 2 files per message", row.Trace);
    }

    [Theory, Databases]
    public async Task A_quarantined_message_is_processed_again_on_retry_once_the_cause_is_fixed(Db db)
    {
        await using var app = await GuichetApp.StartAsync(db);
        await app.WithDbAsync(async d =>
        {
            foreach (var type in await d.RequestTypes.ToListAsync()) type.IsActive = false;
            return await d.SaveChangesAsync();
        });

        var row = (await app.ReceiveAsync(Mail("zoe@example.com", "Printer on fire", "Help."))).Message;
        Assert.Equal(InboundState.Quarantined, row.State);
        Assert.Contains("No request type is open", row.Error);
        Assert.Equal(0, await app.WithDbAsync(d => d.Users.CountAsync(u => u.Email == "zoe@example.com")));

        await app.WithDbAsync(async d =>
        {
            foreach (var type in await d.RequestTypes.ToListAsync()) type.IsActive = true;
            return await d.SaveChangesAsync();
        });
        await Task.Delay(Guichet.Web.Data.NodeCache.CheckInterval * 1.5);   // each node sees a catalog change within this
        var retried = await app.WithScopeAsync(sp => sp.GetRequiredService<InboundMail>().RetryAsync(row.Id, CancellationToken.None));

        Assert.Equal((InboundState.Processed, InboundOutcome.NewRequest, 2), (retried!.State, retried.Outcome, retried.Attempts));
        Assert.Contains("processed again", retried.Trace);
    }
}
