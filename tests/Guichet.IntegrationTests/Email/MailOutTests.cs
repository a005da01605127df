using System.Diagnostics;
using Guichet.IntegrationTests.Infrastructure;
using Guichet.Web.Accounts;
using Guichet.Web.Attachments;
using Guichet.Web.Data;
using Guichet.Web.Email.Inbound;
using Guichet.Web.Email.Outbound;
using Guichet.Web.Tickets;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using MimeKit;
using static Guichet.IntegrationTests.Infrastructure.InboundMailHelpers;

namespace Guichet.IntegrationTests.Email;

/// <summary>
/// The mails we send about requests, as mail clients and robots see them: threaded, answerable, loop-safe,
/// and noted on the request when they cannot be delivered.
/// </summary>
public sealed class MailOutTests
{
    [Theory, Databases]
    public async Task The_acknowledgement_of_a_request_opened_by_mail_answers_the_customer_s_mail(Db db)
    {
        await using var app = await GuichetApp.StartAsync(db);
        var received = await app.ReceiveAsync(Mail("zoe@example.com", "Printer on fire", "Help.", messageId: "first.1@client.example"));
        var number = received.Message.TicketNumber!.Value;

        var ack = await app.WaitForMailAsync("zoe@example.com", "We received your request");

        Assert.Equal("first.1@client.example", ack.InReplyTo);
        Assert.Equal(["first.1@client.example"], ack.References);
        Assert.StartsWith($"t{number}.", ack.MessageId);
        Assert.Contains($"[#{number}]", ack.Subject);
        Assert.Equal("auto-generated", ack.Headers["Auto-Submitted"]);
        Assert.Contains("reply to this mail or on the portal", ack.TextBody);
    }

    [Theory, Databases]
    public async Task A_request_s_mails_to_the_customer_and_to_agents_all_answer_its_root(Db db)
    {
        await using var app = await GuichetApp.StartAsync(db);
        var zoe = await app.CreateUserAsync("zoe@example.com", first: "Zoë");
        var ada = await app.CreateUserAsync("ada@support.test", Roles.Admin, "Ada", "Admin");
        var ben = await app.CreateUserAsync("ben@support.test", Roles.Agent, "Ben", "Bauer");
        await app.AddToGroupAsync(await app.SupportGroupIdAsync(), ben);
        var ticket = await app.OpenTicketAsync(zoe);
        var root = $"t{ticket.Number}.request@guichet.test";

        var ack = await app.WaitForMailAsync("zoe@example.com", "We received your request");
        await AgentReplyAsync(app, ticket.Number, ada, "@ben can you look?", isInternal: true);
        var toAgent = await app.WaitForMailAsync("ben@support.test", "mentioned you");
        await AgentReplyAsync(app, ticket.Number, ada, "Have you tried turning it off?");
        var reply = await app.WaitForMailAsync("zoe@example.com", "New reply");

        foreach (var mail in new[] { ack, toAgent, reply })
        {
            Assert.Equal(root, mail.InReplyTo);
            Assert.Equal([root], mail.References);
            Assert.StartsWith($"t{ticket.Number}.", mail.MessageId);
            Assert.Contains($"[#{ticket.Number}]", mail.Subject);
        }
        Assert.NotEqual(ack.MessageId, reply.MessageId);
        Assert.Contains("You can reply to this mail or on the portal.", reply.TextBody);
    }

    [Theory, Databases]
    public async Task A_mail_the_server_refuses_for_good_is_noted_on_the_request_and_the_address_marked_failing(Db db)
    {
        await using var smtp = await SmtpSink.StartAsync(SmtpSinkMode.RejectRecipients);
        await using var app = await GuichetApp.StartAsync(db, smtp.Settings);
        var zoe = await app.CreateUserAsync("zoe@example.com", first: "Zoë");
        await app.CreateUserAsync("ada@support.test", Roles.Admin, "Ada", "Admin");
        var ticket = await app.OpenTicketAsync(zoe);

        var undelivered = await WaitForAsync(app, d => d.TicketEvents.AsNoTracking()
            .SingleOrDefaultAsync(e => e.TicketId == ticket.Id && e.Kind == TicketEventKind.MailUndelivered));

        Assert.Equal(("zoe@example.com", false, (Guid?)null), (undelivered.After, undelivered.IsPublic, undelivered.ActorId));
        Assert.Contains("550", undelivered.Before);
        var user = await app.WithDbAsync(d => d.Users.AsNoTracking().SingleAsync(u => u.Id == zoe.Id));
        Assert.Equal(app.Time.GetUtcNow(), user.MailFailingSince);
        Assert.Contains("550", user.MailFailure);
        var failed = await app.WithDbAsync(d => d.OutboxMails.AsNoTracking().Where(m => m.ToAddress == "zoe@example.com").ToListAsync());
        Assert.All(failed, m => Assert.NotNull(m.FailedAt));

        var agent = await app.SignInAsync("ada@support.test");
        var page = await agent.Http.GetStringAsync($"/agent/tickets/{ticket.Number}");
        Assert.Contains("Mail to this address is failing since", page);
    }

    [Theory, Databases]
    public async Task A_mail_given_up_after_its_retries_is_noted_on_the_request_without_blaming_the_address(Db db)
    {
        await using var smtp = await SmtpSink.StartAsync(SmtpSinkMode.DeferRecipients);
        var settings = smtp.Settings;
        settings["Guichet:Outbox:Enabled"] = "false";
        settings["Guichet:Outbox:GiveUpAfter"] = "00:10:00";
        await using var app = await GuichetApp.StartAsync(db, settings);
        var zoe = await app.CreateUserAsync("zoe@example.com", first: "Zoë");
        var ticket = await app.OpenTicketAsync(zoe);
        await WaitForAsync(app, d => d.OutboxMails.AsNoTracking().FirstOrDefaultAsync(m => m.ToAddress == "zoe@example.com"));
        var sender = app.Services.GetRequiredService<OutboxSender>();

        // Deferred at 0, 1 and 6 minutes; the next attempt would come after the 10 minutes allowed.
        foreach (var wait in new[] { TimeSpan.Zero, TimeSpan.FromMinutes(1), TimeSpan.FromMinutes(5) })
        {
            app.Time.Advance(wait);
            Assert.Equal(1, await sender.RunOnceAsync(CancellationToken.None));
        }

        var undelivered = await app.WithDbAsync(d => d.TicketEvents.AsNoTracking().SingleAsync(e => e.TicketId == ticket.Id && e.Kind == TicketEventKind.MailUndelivered));
        Assert.Equal("zoe@example.com", undelivered.After);
        Assert.Contains("450", undelivered.Before);
        Assert.Null(await app.WithDbAsync(d => d.Users.Where(u => u.Id == zoe.Id).Select(u => u.MailFailingSince).SingleAsync()));
    }

    private static Task<Guid> ReplyWithManualAsync(GuichetApp app, User agent, Ticket ticket) =>
        app.WithScopeAsync(async sp =>
        {
            var db = sp.GetRequiredService<GuichetDbContext>();
            var key = await sp.GetRequiredService<IBlobStore>().PutAsync(new MemoryStream("%PDF-1.4 manual"u8.ToArray()), CancellationToken.None);
            var upload = PendingUpload.Create(agent.Id, "printer manual.pdf", "application/pdf", 15, key, app.Time.GetUtcNow());
            db.Set<PendingUpload>().Add(upload);
            await db.SaveChangesAsync();
            var viewer = await Viewer.ForAsync(db, sp.GetRequiredService<NodeCache>(), agent.Id, CancellationToken.None);
            var conversation = sp.GetRequiredService<TicketConversation>();
            await conversation.AgentReplyAsync((await conversation.FindAsync(ticket.Number, viewer, CancellationToken.None))!, agent.Id,
                "Here is the manual.", isInternal: false, [upload], CancellationToken.None);
            return await db.Set<Attachment>().Where(a => a.TicketId == ticket.Id).Select(a => a.Id).SingleAsync();
        });

    [Theory, Databases]
    public async Task The_files_of_an_agent_s_reply_go_with_its_mail(Db db)
    {
        await using var app = await GuichetApp.StartAsync(db);
        var zoe = await app.CreateUserAsync("zoe@example.com", first: "Zoë");
        var ada = await app.CreateUserAsync("ada@support.test", Roles.Admin, "Ada", "Admin");
        var ticket = await app.OpenTicketAsync(zoe);

        await ReplyWithManualAsync(app, ada, ticket);
        var reply = await app.WaitForMailAsync("zoe@example.com", "New reply");

        var file = Assert.Single(reply.Attachments.OfType<MimePart>());
        Assert.Equal(("printer manual.pdf", "application/pdf"), (file.FileName, file.ContentType.MimeType));
        using var bytes = new MemoryStream();
        await file.Content!.DecodeToAsync(bytes);
        Assert.Equal("%PDF-1.4 manual"u8.ToArray(), bytes.ToArray());
        Assert.Contains("Files attached to this mail: printer manual.pdf", reply.TextBody);
    }

    [Theory, Databases]
    public async Task Files_too_heavy_for_the_mail_are_listed_with_their_addresses_instead(Db db)
    {
        await using var app = await GuichetApp.StartAsync(db, new Dictionary<string, string?> { ["Guichet:Outbox:MaxAttachmentBytes"] = "10" });
        var zoe = await app.CreateUserAsync("zoe@example.com", first: "Zoë");
        var ada = await app.CreateUserAsync("ada@support.test", Roles.Admin, "Ada", "Admin");
        var ticket = await app.OpenTicketAsync(zoe);

        var id = await ReplyWithManualAsync(app, ada, ticket);
        var reply = await app.WaitForMailAsync("zoe@example.com", "New reply");

        Assert.Empty(reply.Attachments);
        Assert.Contains($"printer manual.pdf (15 B): http://guichet.test/attachments/{id}/printer%20manual.pdf", reply.TextBody);
        Assert.Contains($"http://guichet.test/attachments/{id}/printer%20manual.pdf", reply.HtmlBody);
    }

    /// <summary>
    /// The worst robot: it answers every mail we send, at once, from the customer's address, as a reply (Re: our subject,
    /// In-Reply-To our Message-ID) and without any header that says it is a robot. A reply from the customer makes no
    /// mail to the customer, so the exchange stops after our first answer.
    /// </summary>
    [Theory, Databases]
    public async Task An_auto_responder_that_answers_every_mail_gets_one_mail_from_us(Db db)
    {
        await using var app = await GuichetApp.StartAsync(db);
        var opening = await app.ReceiveAsync(Mail("robot@example.com", "Hello", "I answer every mail."));
        var number = opening.Message.TicketNumber!.Value;

        var answered = new HashSet<string>();
        for (var round = 0; round < 5; round++)
        {
            await app.SettledAsync();
            var unanswered = (await app.MailToAsync("robot@example.com")).Where(m => answered.Add(m.MessageId!)).ToList();
            if (unanswered.Count == 0) break;
            foreach (var ours in unanswered)
            {
                var answer = await app.ReceiveAsync(Mail("robot@example.com", "Re: " + ours.Subject, "Thank you for your mail!", inReplyTo: $"<{ours.MessageId}>"));
                Assert.Equal((InboundOutcome.Reply, number), (answer.Message.Outcome, answer.Message.TicketNumber));
            }
        }

        var sent = await app.MailToAsync("robot@example.com");
        Assert.Contains("We received your request", Assert.Single(sent).Subject);
        Assert.Equal(2, (await app.InboundMessagesAsync()).Count);
        Assert.Equal(1, await app.WithDbAsync(d => d.Tickets.CountAsync()));
    }

    [Theory, Databases]
    public async Task A_well_behaved_auto_responder_and_one_that_copies_our_headers_are_dropped_and_answered_by_nothing(Db db)
    {
        await using var app = await GuichetApp.StartAsync(db);
        var vacation = Mail("zoe@example.com", "Out of office", "I am away until Monday.");
        vacation.Headers.Add("Auto-Submitted", "auto-replied");
        var first = await app.ReceiveAsync(vacation);
        await app.ReceiveAsync(Mail("zoe@example.com", "Printer on fire", "Help."));
        var ack = await app.WaitForMailAsync("zoe@example.com", "We received your request");

        var politeAnswer = Mail("zoe@example.com", "Re: " + ack.Subject, "I am away until Monday.", inReplyTo: $"<{ack.MessageId}>");
        politeAnswer.Headers.Add("Auto-Submitted", "auto-replied");
        var copyingAnswer = Mail("zoe@example.com", "Re: " + ack.Subject, "Your mail was received.", inReplyTo: $"<{ack.MessageId}>");
        copyingAnswer.Headers.Add("X-Loop", ack.Headers["X-Loop"]!);
        var polite = await app.ReceiveAsync(politeAnswer);
        var copying = await app.ReceiveAsync(copyingAnswer);
        await app.SettledAsync();

        Assert.Equal((InboundState.Dropped, DropReason.AutoReply), (first.Message.State, first.Message.DropReason));
        Assert.Equal((InboundState.Dropped, DropReason.AutoReply), (polite.Message.State, polite.Message.DropReason));
        Assert.Equal((InboundState.Dropped, DropReason.Loop), (copying.Message.State, copying.Message.DropReason));
        Assert.Single(await app.MailToAsync("zoe@example.com"));
        Assert.Equal(1, await app.WithDbAsync(d => d.Tickets.CountAsync()));
    }

    private static Task AgentReplyAsync(GuichetApp app, long number, User agent, string text, bool isInternal = false) =>
        app.WithScopeAsync(async sp =>
        {
            var db = sp.GetRequiredService<GuichetDbContext>();
            var viewer = await Viewer.ForAsync(db, sp.GetRequiredService<NodeCache>(), agent.Id, CancellationToken.None);
            var conversation = sp.GetRequiredService<TicketConversation>();
            var ticket = await conversation.FindAsync(number, viewer, CancellationToken.None);
            return await conversation.AgentReplyAsync(ticket!, agent.Id, text, isInternal, CancellationToken.None);
        });

    private static async Task<T> WaitForAsync<T>(GuichetApp app, Func<GuichetDbContext, Task<T?>> query) where T : class
    {
        var clock = Stopwatch.StartNew();
        while (clock.Elapsed < TimeSpan.FromSeconds(20))
        {
            if (await app.WithDbAsync(query) is { } found) return found;
            await Task.Delay(100);
        }
        throw new TimeoutException("Not there after 20 s.");
    }
}
