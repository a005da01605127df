using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using Guichet.IntegrationTests.Infrastructure;
using Guichet.Web.Email.Inbound;
using MailKit;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using MimeKit;

namespace Guichet.IntegrationTests.Email;

/// <summary>
/// The IMAP side of the email channel against a real Dovecot: which messages a round hands over,
/// in what order, how they are marked, and what a refusal, a lost connection or IDLE do. No app
/// and no database: the callback stands for the caller that stores messages.
/// </summary>
public sealed class ImapFetcherTests
{
    private const string User = "support@guichet.test";
    private const string Password = "Tr0ub4dor&3";

    private readonly ImapFetcher fetcher = Fetcher();

    private static ImapFetcher Fetcher(params string[] trustedCertificates) =>
        new(TimeProvider.System, Options.Create(new InboundMailOptions { TrustedCertificates = [.. trustedCertificates] }), NullLogger<ImapFetcher>.Instance);

    private static async Task<ImapServer> StartAsync()
    {
        var imap = await ImapServer.StartAsync();
        imap.AddUser(User, Password);
        return imap;
    }

    private static MimeMessage Mail(int n, string? attachment = null)
    {
        var message = new MimeMessage { MessageId = $"request-{n}@customer.test", Subject = $"Demande {n}" };
        message.From.Add(new MailboxAddress("Zoë Müller", "zoe@customer.test"));
        message.To.Add(new MailboxAddress("Support", User));
        var body = new BodyBuilder { TextBody = $"Bonjour, voici ma demande n° {n}." };
        if (attachment is not null) body.Attachments.Add("scan.bin", File.ReadAllBytes(attachment));
        message.Body = body.ToMessageBody();
        return message;
    }

    private static async Task AppendAsync(ImapServer imap, params int[] numbers)
    {
        foreach (var n in numbers) await imap.AppendAsync(User, Password, Mail(n));
    }

    private static bool IsMarked(ImapStoredMessage m) =>
        m.Flags.HasFlag(MessageFlags.Seen) && m.Keywords.Contains(ImapSession.ImportedKeyword);

    private static bool IsUntouched(ImapStoredMessage m) => m.Flags == MessageFlags.None && m.Keywords.Count == 0;

    /// <summary>The caller's side: parses each message, keeps its Message-ID, and answers as told.</summary>
    private sealed class Receiver(Func<string, Task<bool>>? answer = null)
    {
        public List<string> Received { get; } = [];

        public async Task<bool> AcceptAsync(Stream raw, CancellationToken ct)
        {
            var message = await MimeMessage.LoadAsync(raw, ct);
            var id = message.MessageId ?? throw new InvalidOperationException("Every test message has a Message-ID.");
            Received.Add(id);
            return answer is null || await answer(id);
        }
    }

    [Fact]
    public async Task New_messages_are_handed_over_oldest_first_and_marked_so_the_next_round_has_none()
    {
        await using var imap = await StartAsync();
        await AppendAsync(imap, 1, 2, 3);
        var receiver = new Receiver();

        var round = await fetcher.FetchNewAsync(imap.Settings(User, Password), receiver.AcceptAsync, CancellationToken.None);

        Assert.Equal((3, 0, 0), (round.Accepted, round.Failed.Count, round.Waiting));
        Assert.Equal(["request-1@customer.test", "request-2@customer.test", "request-3@customer.test"], receiver.Received);
        var stored = await imap.ListAsync(User, Password);
        Assert.Equal(3, stored.Count);
        Assert.All(stored, m => Assert.True(IsMarked(m), $"{m.MessageId}: {m.Flags} {string.Join(' ', m.Keywords)}"));

        var again = await fetcher.FetchNewAsync(imap.Settings(User, Password), receiver.AcceptAsync, CancellationToken.None);
        Assert.Equal(0, again.Accepted);
        Assert.Equal(3, receiver.Received.Count);
    }

    [Fact]
    public async Task A_message_a_person_already_read_in_their_mail_client_is_still_fetched()
    {
        await using var imap = await StartAsync();
        await imap.AppendAsync(User, Password, Mail(1), flags: MessageFlags.Seen);
        var receiver = new Receiver();

        await using var session = await fetcher.OpenAsync(imap.Settings(User, Password), CancellationToken.None);
        var round = await session.FetchNewAsync(receiver.AcceptAsync, CancellationToken.None);

        Assert.True(session.MarksWithKeyword);
        Assert.Equal(1, round.Accepted);
        Assert.Equal(["request-1@customer.test"], receiver.Received);
        Assert.True(IsMarked(Assert.Single(await imap.ListAsync(User, Password))));
    }

    [Fact]
    public async Task A_refused_or_failing_message_is_left_as_it_was_and_the_next_one_is_still_imported()
    {
        await using var imap = await StartAsync();
        await AppendAsync(imap, 1, 2, 3);
        var receiver = new Receiver(id => id switch
        {
            "request-1@customer.test" => Task.FromResult(false),
            "request-2@customer.test" => throw new InvalidOperationException("The database is down."),
            _ => Task.FromResult(true),
        });

        var round = await fetcher.FetchNewAsync(imap.Settings(User, Password), receiver.AcceptAsync, CancellationToken.None);

        Assert.Equal(1, round.Accepted);
        Assert.Collection(round.Failed,
            f => Assert.Equal((1u, "request-1@customer.test", (Exception?)null), (f.Uid, f.MessageId, f.Error)),
            f => Assert.Equal((2u, "request-2@customer.test", "The database is down."), (f.Uid, f.MessageId, Assert.IsType<InvalidOperationException>(f.Error).Message)));
        var stored = await imap.ListAsync(User, Password);
        Assert.True(IsUntouched(stored[0]), $"{stored[0].Flags} {string.Join(' ', stored[0].Keywords)}");
        Assert.True(IsUntouched(stored[1]), $"{stored[1].Flags} {string.Join(' ', stored[1].Keywords)}");
        Assert.True(IsMarked(stored[2]));

        // Both come again next round, and nothing else.
        var next = new Receiver();
        var again = await fetcher.FetchNewAsync(imap.Settings(User, Password), next.AcceptAsync, CancellationToken.None);
        Assert.Equal(2, again.Accepted);
        Assert.Equal(["request-1@customer.test", "request-2@customer.test"], next.Received);
    }

    [Fact]
    public async Task With_a_move_folder_imported_messages_leave_the_folder_for_it_and_arrive_marked()
    {
        await using var imap = await StartAsync();
        await imap.CreateFolderAsync(User, Password, "Imported");
        await AppendAsync(imap, 1, 2);
        var receiver = new Receiver();

        var round = await fetcher.FetchNewAsync(imap.Settings(User, Password, moveTo: "Imported"), receiver.AcceptAsync, CancellationToken.None);

        Assert.Equal(2, round.Accepted);
        Assert.Empty(await imap.ListAsync(User, Password));
        var moved = await imap.ListAsync(User, Password, "Imported");
        Assert.Equal(["request-1@customer.test", "request-2@customer.test"], moved.Select(m => m.MessageId));
        Assert.All(moved, m => Assert.True(IsMarked(m)));
    }

    [Fact]
    public async Task A_round_stops_at_its_limit_and_counts_the_messages_still_waiting()
    {
        await using var imap = await StartAsync();
        await AppendAsync(imap, 1, 2, 3);
        var receiver = new Receiver();
        await using var session = await fetcher.OpenAsync(imap.Settings(User, Password), CancellationToken.None);

        var first = await session.FetchNewAsync(receiver.AcceptAsync, maxAccepted: 2, CancellationToken.None);
        var second = await session.FetchNewAsync(receiver.AcceptAsync, maxAccepted: 2, CancellationToken.None);

        Assert.Equal((2, 1), (first.Accepted, first.Waiting));
        Assert.Equal((1, 0), (second.Accepted, second.Waiting));
        Assert.Equal(3, receiver.Received.Distinct().Count());
    }

    [Fact]
    public async Task A_server_stopped_in_the_middle_of_a_round_loses_no_mail_once_it_is_back()
    {
        await using var imap = await StartAsync();
        await AppendAsync(imap, 1, 2, 3, 4);
        var accepted = new List<string>();
        var stopped = false;
        var receiver = new Receiver(async id =>
        {
            accepted.Add(id);
            if (accepted.Count == 2)
            {
                // Stored, but the server goes away before it can be marked.
                await imap.StopAsync();
                stopped = true;
            }
            return true;
        });
        await using var session = await fetcher.OpenAsync(imap.Settings(User, Password), CancellationToken.None);

        var failure = await Assert.ThrowsAsync<ImapProblemException>(() => session.FetchNewAsync(receiver.AcceptAsync, CancellationToken.None));
        Assert.True(stopped);
        Assert.Contains(failure.Problem.Kind, new[] { ImapProblemKind.Unreachable, ImapProblemKind.Other });

        // While it is down, the session says so.
        var down = await Assert.ThrowsAsync<ImapProblemException>(() => session.FetchNewAsync(receiver.AcceptAsync, CancellationToken.None));
        Assert.Equal(ImapProblemKind.Unreachable, down.Problem.Kind);

        await imap.RestartAsync();
        var round = await session.FetchNewAsync(receiver.AcceptAsync, CancellationToken.None);

        // The first was marked before the stop; the second may come twice (the caller recognizes it); none is lost.
        Assert.Empty(round.Failed);
        Assert.Equal(["request-1@customer.test", "request-2@customer.test", "request-3@customer.test", "request-4@customer.test"], accepted.Distinct().Order());
        Assert.Single(accepted, "request-1@customer.test");
        Assert.All(await imap.ListAsync(User, Password), m => Assert.True(IsMarked(m), m.MessageId));
        Assert.Equal(0, (await session.FetchNewAsync(receiver.AcceptAsync, CancellationToken.None)).Accepted);
    }

    [Fact]
    public async Task Waiting_with_IDLE_returns_soon_after_mail_is_delivered_and_at_the_deadline_otherwise()
    {
        await using var imap = await StartAsync();
        var receiver = new Receiver();
        await using var session = await fetcher.OpenAsync(imap.Settings(User, Password), CancellationToken.None);
        await session.FetchNewAsync(receiver.AcceptAsync, CancellationToken.None);
        Assert.True(session.SupportsIdle);

        var quiet = Stopwatch.StartNew();
        Assert.False(await session.WaitForNewMailAsync(TimeSpan.FromSeconds(1), CancellationToken.None));
        Assert.InRange(quiet.Elapsed, TimeSpan.FromSeconds(0.9), TimeSpan.FromSeconds(10));

        var waiting = session.WaitForNewMailAsync(TimeSpan.FromMinutes(2), CancellationToken.None);
        await Task.Delay(300);
        var delivered = Stopwatch.StartNew();
        await AppendAsync(imap, 1);   // from another connection, as a delivery would
        Assert.True(await waiting.WaitAsync(TimeSpan.FromSeconds(30)));
        Assert.True(delivered.Elapsed < TimeSpan.FromSeconds(5), $"IDLE returned {delivered.Elapsed} after the delivery");

        var round = await session.FetchNewAsync(receiver.AcceptAsync, CancellationToken.None);
        Assert.Equal(1, round.Accepted);
    }

    [Fact]
    public async Task A_message_of_30_MB_is_handed_over_whole()
    {
        await using var imap = await StartAsync();
        var attachment = Path.GetTempFileName();
        try
        {
            // Random bytes do not compress and encode to ~30 MB of base64.
            var bytes = new byte[22 * 1024 * 1024];
            Random.Shared.NextBytes(bytes);
            await File.WriteAllBytesAsync(attachment, bytes);
            await imap.AppendAsync(User, Password, Mail(1, attachment));
        }
        finally
        {
            File.Delete(attachment);
        }
        long size = 0;

        var round = await fetcher.FetchNewAsync(imap.Settings(User, Password), async (raw, ct) =>
        {
            var buffer = new byte[81920];
            int read;
            while ((read = await raw.ReadAsync(buffer, ct)) > 0) size += read;
            return true;
        }, CancellationToken.None);

        Assert.Equal(1, round.Accepted);
        Assert.InRange(size, 30_000_000, 32_000_000);
    }

    [Fact]
    public async Task Testing_a_connection_names_the_problem_and_never_shows_the_password()
    {
        await using var imap = await StartAsync();
        await imap.CreateFolderAsync(User, Password, "Imported");

        Assert.Null(await fetcher.TestConnectionAsync(imap.Settings(User, Password, moveTo: "Imported"), CancellationToken.None));

        var closed = await fetcher.TestConnectionAsync(imap.Settings(User, Password) with { Port = UnusedPort() }, CancellationToken.None);
        Assert.Equal(ImapProblemKind.Unreachable, closed?.Kind);

        var folder = await fetcher.TestConnectionAsync(imap.Settings(User, Password, folder: "Support"), CancellationToken.None);
        Assert.Equal(ImapProblemKind.FolderMissing, folder?.Kind);

        var moveTo = await fetcher.TestConnectionAsync(imap.Settings(User, Password, moveTo: "Archive"), CancellationToken.None);
        Assert.Equal(ImapProblemKind.MoveFolderMissing, moveTo?.Kind);

        // Last: Dovecot makes the next logins from the same address wait after a failure.
        var wrong = await fetcher.TestConnectionAsync(imap.Settings(User, "not-" + Password), CancellationToken.None);
        Assert.Equal(ImapProblemKind.Authentication, wrong?.Kind);
        Assert.DoesNotContain(Password, wrong!.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public async Task With_its_certificate_trusted_by_fingerprint_a_self_signed_server_is_fetched_over_TLS_and_STARTTLS()
    {
        await using var imap = await ImapServer.StartAsync(tls: true);
        imap.AddUser(User, Password);
        await AppendAsync(imap, 1, 2);
        // As the admin copies it from openssl: "sha256 Fingerprint=AB:CD:…".
        var trusting = Fetcher(imap.CertificateFingerprint!);
        var receiver = new Receiver();

        var overTls = await trusting.FetchNewAsync(imap.Settings(User, Password, security: ImapSecurity.Tls), receiver.AcceptAsync, CancellationToken.None);
        await AppendAsync(imap, 3);
        var overStartTls = await trusting.FetchNewAsync(imap.Settings(User, Password, security: ImapSecurity.StartTls), receiver.AcceptAsync, CancellationToken.None);

        Assert.Equal((2, 1), (overTls.Accepted, overStartTls.Accepted));
        Assert.Equal(["request-1@customer.test", "request-2@customer.test", "request-3@customer.test"], receiver.Received);
        // Both sign-ins were encrypted (Dovecot notes "TLS" on a login over TLS or after STARTTLS, "secured" on a plain one from loopback).
        Assert.Equal(2, imap.Logins(User).Count(line => line.Contains(", TLS,", StringComparison.Ordinal)));
        // Written as 64 hexadecimal digits in lower case, it is the same certificate.
        var hex = ServerCertificates.Normalize(imap.CertificateFingerprint)!.ToLowerInvariant();
        Assert.Null(await Fetcher(hex).TestConnectionAsync(imap.Settings(User, Password, security: ImapSecurity.Tls), CancellationToken.None));
    }

    [Fact]
    public async Task A_certificate_nobody_trusts_is_refused_and_the_problem_names_its_fingerprint()
    {
        await using var imap = await ImapServer.StartAsync(tls: true);
        imap.AddUser(User, Password);
        var expected = imap.CertificateFingerprint!.Split('=')[1];
        var another = Fetcher(string.Concat(Enumerable.Repeat("AB", 32)));

        foreach (var security in new[] { ImapSecurity.Tls, ImapSecurity.StartTls })
        foreach (var refusing in new[] { fetcher, another })
        {
            var problem = await refusing.TestConnectionAsync(imap.Settings(User, Password, security: security), CancellationToken.None);
            Assert.Equal((ImapProblemKind.CertificateNotTrusted, expected), (problem?.Kind, problem?.Fingerprint));
            Assert.Contains(expected, problem!.Detail);
        }
        // Nothing was said in the clear: no sign-in reached the server.
        Assert.Empty(imap.Logins(User));
    }

    [Fact]
    public async Task STARTTLS_asked_of_a_server_that_does_not_offer_it_is_refused_before_signing_in()
    {
        await using var imap = await StartAsync();

        var problem = await fetcher.TestConnectionAsync(imap.Settings(User, Password, security: ImapSecurity.StartTls), CancellationToken.None);

        Assert.Equal(ImapProblemKind.Tls, problem?.Kind);
        Assert.Empty(imap.Logins(User));
    }

    private static int UnusedPort()
    {
        var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();
        return port;
    }
}
