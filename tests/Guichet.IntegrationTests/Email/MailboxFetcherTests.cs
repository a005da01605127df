using System.Diagnostics;
using Guichet.IntegrationTests.Infrastructure;
using Guichet.Web.Data;
using Guichet.Web.Email.Inbound;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Xunit.Abstractions;
using static Guichet.IntegrationTests.Infrastructure.InboundMailHelpers;

namespace Guichet.IntegrationTests.Email;

/// <summary>The app fetching its mailboxes from a real IMAP server (Dovecot), as it runs: requests made, copies marked, problems shown.</summary>
public sealed class MailboxFetcherTests(ITestOutputHelper output)
{
    private const string Password = "imap-secret-1";

    private static Task<int> AddMailboxAsync(GuichetApp app, ImapServer imap, string user, string address, string? moveTo = null) =>
        app.WithScopeAsync(async sp =>
        {
            var db = sp.GetRequiredService<GuichetDbContext>();
            var mailbox = new Mailbox
            {
                Address = address, ImapHost = imap.Host, ImapPort = imap.Port, Security = ImapSecurity.None, UserName = user,
                ProtectedPassword = sp.GetRequiredService<MailboxPasswords>().Protect(Password), MoveToFolder = moveTo, PollSeconds = 10,
                CreatedAt = app.Time.GetUtcNow(),
            };
            db.Mailboxes.Add(mailbox);
            await db.SaveChangesAsync();
            sp.GetRequiredService<MailboxFetcher>().Poke();
            return mailbox.Id;
        });

    private static async Task<T> EventuallyAsync<T>(Func<Task<T>> read, Func<T, bool> done, TimeSpan? timeout = null)
    {
        var clock = Stopwatch.StartNew();
        while (true)
        {
            var value = await read();
            if (done(value)) return value;
            if (clock.Elapsed > (timeout ?? TimeSpan.FromSeconds(60))) throw new TimeoutException($"Still not there after {clock.Elapsed}: {value}");
            await Task.Delay(100);
        }
    }

    private static Task<Mailbox> MailboxAsync(GuichetApp app, int id) => app.WithDbAsync(db => db.Mailboxes.AsNoTracking().SingleAsync(m => m.Id == id));

    [Theory, Databases]
    public async Task Mail_in_a_mailbox_becomes_requests_and_its_copies_are_marked_once_stored(Db db)
    {
        await using var imap = await ImapServer.StartAsync();
        imap.AddUser("support", Password);
        await imap.AppendAsync("support", Password, Mail("zoe@example.com", "Printer on fire", "Help."));
        await imap.AppendAsync("support", Password, Mail("ana@example.com", "VPN down", "Since this morning."));
        await using var app = await GuichetApp.StartAsync(db);

        var id = await AddMailboxAsync(app, imap, "support", "support@guichet.test");

        var rows = await EventuallyAsync(app.InboundMessagesAsync, r => r.Count == 2 && r.All(m => m.State != InboundState.Received));
        Assert.All(rows, r => Assert.Equal((InboundChannel.Imap, $"mailbox:{id}", InboundState.Processed), (r.Channel, r.Source, r.State)));
        var copies = await EventuallyAsync(() => imap.ListAsync("support", Password), l => l.All(m => m.Keywords.Contains(ImapSession.ImportedKeyword)));
        Assert.Equal(2, copies.Count);
        var mailbox = await EventuallyAsync(() => MailboxAsync(app, id), m => m.LastSuccessAt is not null);
        Assert.Null(mailbox.LastError);
        Assert.Equal(0, mailbox.Waiting);
        Assert.Equal(["Printer on fire", "VPN down"], (await app.WithDbAsync(d => d.Tickets.Select(t => t.Subject).ToListAsync())).Order());

        // New mail is seen without waiting for the poll interval (IDLE).
        await imap.AppendAsync("support", Password, Mail("zoe@example.com", "Also the scanner", "Same office."));
        await EventuallyAsync(app.InboundMessagesAsync, r => r.Count == 3, TimeSpan.FromSeconds(8));
    }

    [Theory, Databases]
    public async Task A_reply_fetched_threads_into_its_request_and_a_message_that_cannot_be_processed_is_quarantined_and_still_moved(Db db)
    {
        await using var imap = await ImapServer.StartAsync();
        imap.AddUser("support", Password);
        await imap.CreateFolderAsync("support", Password, "Done");
        await imap.AppendAsync("support", Password, Mail("zoe@example.com", "Printer on fire", "Help."));
        await using var app = await GuichetApp.StartAsync(db, new Dictionary<string, string?> { ["Guichet:InboundMail:MaxMessageBytes"] = "4000" });
        await AddMailboxAsync(app, imap, "support", "support@guichet.test", moveTo: "Done");
        var number = (await EventuallyAsync(app.InboundMessagesAsync, r => r.Count == 1 && r[0].TicketNumber is not null)).Single().TicketNumber!.Value;

        await imap.AppendAsync("support", Password, Mail("zoe@example.com", $"Re: [#{number}] We received your request", "Still burning.",
            inReplyTo: $"<t{number}.0123456789abcdef0123456789abcdef@guichet.test>"));
        await imap.AppendAsync("support", Password, Mail("zoe@example.com", "Logs", new string('x', 6000)));

        var rows = await EventuallyAsync(app.InboundMessagesAsync, r => r.Count == 3 && r.All(m => m.State != InboundState.Received));
        Assert.Contains(rows, r => r.Outcome == InboundOutcome.Reply && r.TicketNumber == number);
        Assert.Single(rows, r => r.State == InboundState.Quarantined);
        await EventuallyAsync(() => imap.ListAsync("support", Password), l => l.Count == 0);
        Assert.Equal(3, (await imap.ListAsync("support", Password, "Done")).Count);
    }

    [Theory, Databases]
    public async Task A_mailbox_with_a_long_backlog_does_not_hold_up_another(Db db)
    {
        await using var imap = await ImapServer.StartAsync();
        imap.AddUser("busy", Password);
        imap.AddUser("quiet", Password);
        // 150 here; GUICHET_MAIL_BACKLOG=1000 for the figure (docs/benchmarks.md).
        var backlog = int.TryParse(Environment.GetEnvironmentVariable("GUICHET_MAIL_BACKLOG"), out var n) ? n : 150;
        for (var i = 0; i < backlog; i++)
            await imap.AppendAsync("busy", Password, Mail($"sender{i}@example.com", $"Backlog {i}", "Old mail."));
        await imap.AppendAsync("quiet", Password, Mail("zoe@example.com", "Urgent", "Now."));
        await using var app = await GuichetApp.StartAsync(db);

        var clock = Stopwatch.StartNew();
        var busy = await AddMailboxAsync(app, imap, "busy", "busy@guichet.test");
        var quiet = await AddMailboxAsync(app, imap, "quiet", "quiet@guichet.test");

        var rows = await EventuallyAsync(app.InboundMessagesAsync, r => r.Any(m => m.MailboxId == quiet));
        var quietAfter = clock.Elapsed;
        var busyBefore = rows.Count(m => m.MailboxId == busy);
        Assert.True(busyBefore < backlog, "the quiet mailbox's mail waited for the whole backlog");
        await EventuallyAsync(app.InboundMessagesAsync, r => r.Count(m => m.MailboxId == busy) == backlog, TimeSpan.FromMinutes(10));
        output.WriteLine($"{db}: the quiet mailbox's message was in after {quietAfter.TotalSeconds:F1} s, with {busyBefore} of the busy mailbox's {backlog} in; " +
            $"the whole backlog took {clock.Elapsed.TotalSeconds:F1} s");
    }

    [Theory, Databases]
    public async Task An_unreachable_server_is_shown_on_the_mailbox_and_fetching_resumes_when_it_is_back(Db db)
    {
        await using var imap = await ImapServer.StartAsync();
        imap.AddUser("support", Password);
        await imap.AppendAsync("support", Password, Mail("zoe@example.com", "First", "One."));
        await using var app = await GuichetApp.StartAsync(db);
        var id = await AddMailboxAsync(app, imap, "support", "support@guichet.test");
        await EventuallyAsync(app.InboundMessagesAsync, r => r.Count == 1);

        await imap.StopAsync();
        var down = await EventuallyAsync(() => MailboxAsync(app, id), m => m.LastError is not null);
        Assert.StartsWith("Unreachable", down.LastError);

        await imap.RestartAsync();
        await imap.AppendAsync("support", Password, Mail("zoe@example.com", "Second", "Two."));
        await EventuallyAsync(app.InboundMessagesAsync, r => r.Count == 2);
        Assert.Null((await EventuallyAsync(() => MailboxAsync(app, id), m => m.LastError is null)).LastError);
        Assert.Equal(2, (await app.InboundMessagesAsync()).Select(m => m.MessageIdHeader).Distinct().Count());
    }

    [Theory, Databases]
    public async Task A_wrong_password_is_shown_on_the_mailbox_and_nothing_is_fetched(Db db)
    {
        await using var imap = await ImapServer.StartAsync();
        imap.AddUser("support", "another-password");
        await imap.AppendAsync("support", "another-password", Mail("zoe@example.com", "First", "One."));
        await using var app = await GuichetApp.StartAsync(db);

        var id = await AddMailboxAsync(app, imap, "support", "support@guichet.test");

        var mailbox = await EventuallyAsync(() => MailboxAsync(app, id), m => m.LastError is not null);
        Assert.StartsWith("Authentication", mailbox.LastError);
        Assert.DoesNotContain(Password, mailbox.LastError);
        Assert.Empty(await app.InboundMessagesAsync());
    }
}
