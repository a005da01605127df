using System.Net;
using System.Net.Sockets;
using MailKit;
using MailKit.Net.Imap;
using MailKit.Search;
using MailKit.Security;

namespace Guichet.Web.Email.Inbound;

/// <summary>
/// One IMAP mailbox, connected and its folder open read-write, between fetching rounds. Not for
/// use by two callers at once.
/// <para>
/// "New" means not imported by us yet. When the folder keeps custom keywords (PERMANENTFLAGS has
/// <c>\*</c>, as Dovecot and Gmail do), imported messages get <see cref="ImportedKeyword"/>
/// and new ones are those without it, so a person reading the mailbox in a mail client (which
/// sets \Seen) does not make us miss mail. Otherwise new means unseen. With a
/// <see cref="ImapSettings.MoveToFolder"/>, every message still in the folder is new: imported
/// ones leave it. Messages flagged \Deleted are never new.
/// </para>
/// <para>
/// A message is marked (\Seen and the keyword, then moved when asked) only after the callback
/// returned true. If the connection is lost in between, the message comes again next round: the
/// caller must recognize a message it already stored (by its Message-ID or a hash of its bytes).
/// </para>
/// <para>
/// A lost connection is opened again at the start of the next round or wait; if that fails, the
/// round throws <see cref="ImapProblemException"/> and the session can be tried again later.
/// </para>
/// </summary>
public sealed class ImapSession : IAsyncDisposable
{
    public const string ImportedKeyword = "$GuichetImported";

    // Each batch's flags, sizes and Message-IDs are fetched in one command; the messages
    // themselves one at a time (MailKit reads each into memory whole), so that only one is ever held.
    private const int BatchSize = 50;

    // RFC 2177: servers may end an IDLE after 30 minutes; clients re-issue it within 29.
    private static readonly TimeSpan IdleSlice = TimeSpan.FromMinutes(25);

    // The password mechanisms MailKit implements, strongest first (OAuth ones take a token, not a password).
    private static readonly string[] PasswordMechanisms = ["SCRAM-SHA-256", "SCRAM-SHA-1", "PLAIN", "LOGIN"];

    private readonly ImapSettings settings;
    private readonly ServerCertificates certificates;
    private readonly TimeProvider time;
    private readonly ILogger logger;
    private ImapClient? client;
    private IMailFolder? folder;
    private IMailFolder? moveTo;
    private int knownCount;
    private bool mailArrived;

    // The certificate the last connection refused, and why: the TLS error that follows names it, for the admin to trust.
    private (string Fingerprint, string Why)? refusedCertificate;

    private ImapSession(ImapSettings settings, ServerCertificates certificates, TimeProvider time, ILogger logger)
    {
        this.settings = settings;
        this.certificates = certificates;
        this.time = time;
        this.logger = logger;
    }

    /// <summary>Whether the server announces new mail (IDLE); otherwise <see cref="WaitForNewMailAsync"/> just waits.</summary>
    public bool SupportsIdle => client?.Capabilities.HasFlag(ImapCapabilities.Idle) ?? false;

    /// <summary>Whether imported messages are recognized by <see cref="ImportedKeyword"/> (true) or by \Seen.</summary>
    public bool MarksWithKeyword { get; private set; }

    internal static async Task<ImapSession> OpenAsync(ImapSettings settings, ServerCertificates certificates, TimeProvider time, ILogger logger, CancellationToken ct)
    {
        var session = new ImapSession(settings, certificates, time, logger);
        await session.ConnectAsync(ct);
        return session;
    }

    /// <summary>Imports every new message, oldest first.</summary>
    public Task<ImapRound> FetchNewAsync(Func<Stream, CancellationToken, Task<bool>> accept, CancellationToken ct) =>
        FetchNewAsync(accept, int.MaxValue, ct);

    /// <summary>
    /// Imports new messages, oldest first, until <paramref name="maxAccepted"/> were accepted (refused
    /// ones do not count, so they never hold the others back); the rest are counted in
    /// <see cref="ImapRound.Waiting"/>. <paramref name="accept"/> gets the raw message (its RFC 5322
    /// bytes, as the server holds them) and returns true once it has stored it safely.
    /// </summary>
    public async Task<ImapRound> FetchNewAsync(Func<Stream, CancellationToken, Task<bool>> accept, int maxAccepted, CancellationToken ct)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(maxAccepted);
        try
        {
            await EnsureConnectedAsync(ct);
            var round = await FetchAsync(accept, maxAccepted, ct);
            if (round.Accepted > 0 || round.Failed.Count > 0 || round.Waiting > 0)
                logger.LogInformation("IMAP round for {Mailbox}: {Accepted} imported, {Failed} failed, {Waiting} waiting",
                    settings, round.Accepted, round.Failed.Count, round.Waiting);
            return round;
        }
        catch (Exception ex) when (Describe(ex, ct) is { } problem)
        {
            // The connection is in an unknown state: the next round starts on a new one.
            await DropConnectionAsync();
            throw new ImapProblemException(problem, ex);
        }
    }

    /// <summary>
    /// Waits until the server announces new mail (true) or <paramref name="maxWait"/> has passed
    /// (false). Without IDLE it only waits: fetch again afterwards either way. Mail that arrived
    /// since the last round's search returns at once.
    /// </summary>
    public async Task<bool> WaitForNewMailAsync(TimeSpan maxWait, CancellationToken ct)
    {
        try
        {
            await EnsureConnectedAsync(ct);
            if (mailArrived) return true;
            if (SupportsIdle) return await IdleAsync(maxWait, ct);
            await Task.Delay(maxWait, time, ct);
            return false;
        }
        catch (Exception ex) when (Describe(ex, ct) is { } problem)
        {
            await DropConnectionAsync();
            throw new ImapProblemException(problem, ex);
        }
    }

    public async ValueTask DisposeAsync() => await DropConnectionAsync();

    private async Task<bool> IdleAsync(TimeSpan maxWait, CancellationToken ct)
    {
        var started = time.GetTimestamp();
        CancellationTokenSource? slice = null;
        void StopIdling(object? sender, EventArgs e)
        {
            if (mailArrived) slice?.Cancel();
        }
        var idling = folder!;
        idling.CountChanged += StopIdling;
        try
        {
            while (!mailArrived)
            {
                var left = maxWait - time.GetElapsedTime(started);
                if (left <= TimeSpan.Zero) break;
                using (slice = new CancellationTokenSource(left < IdleSlice ? left : IdleSlice, time))
                {
                    await client!.IdleAsync(slice.Token, ct);
                }
                slice = null;
            }
            return mailArrived;
        }
        finally
        {
            idling.CountChanged -= StopIdling;
        }
    }

    private async Task<ImapRound> FetchAsync(Func<Stream, CancellationToken, Task<bool>> accept, int maxAccepted, CancellationToken ct)
    {
        // Anything announced from now on is found by this search or signalled to the next wait.
        mailArrived = false;
        var uids = (await folder!.SearchAsync(NewMessages(), ct)).OrderBy(u => u.Id).ToList();
        var accepted = 0;
        var failed = new List<ImapFailure>();
        for (var start = 0; start < uids.Count; start += BatchSize)
        {
            var batch = uids.GetRange(start, Math.Min(BatchSize, uids.Count - start));
            var summaries = (await folder.FetchAsync(batch,
                MessageSummaryItems.UniqueId | MessageSummaryItems.Flags | MessageSummaryItems.Size | MessageSummaryItems.Envelope, ct))
                .ToDictionary(s => s.UniqueId);
            for (var i = 0; i < batch.Count; i++)
            {
                if (accepted == maxAccepted) return new ImapRound(accepted, failed, uids.Count - start - i);
                // Gone, or imported by someone else since the search (two Guichet nodes on one mailbox).
                if (!summaries.TryGetValue(batch[i], out var summary) || !IsNew(summary)) continue;
                if (await ImportAsync(summary, accept, ct) is { } failure) failed.Add(failure);
                else accepted++;
            }
        }
        return new ImapRound(accepted, failed, 0);
    }

    private SearchQuery NewMessages() =>
        moveTo is not null ? SearchQuery.NotDeleted
        : MarksWithKeyword ? SearchQuery.NotDeleted.And(SearchQuery.NotKeyword(ImportedKeyword))
        : SearchQuery.NotDeleted.And(SearchQuery.NotSeen);

    private bool IsNew(IMessageSummary summary) =>
        summary.Flags is { } flags && !flags.HasFlag(MessageFlags.Deleted)
        && (moveTo is not null
            || (MarksWithKeyword ? !summary.Keywords.Contains(ImportedKeyword) : !flags.HasFlag(MessageFlags.Seen)));

    /// <summary>One message: download, hand over, mark. Returns why it was not imported, or null.</summary>
    private async Task<ImapFailure?> ImportAsync(IMessageSummary summary, Func<Stream, CancellationToken, Task<bool>> accept, CancellationToken ct)
    {
        var uid = summary.UniqueId;
        var messageId = summary.Envelope?.MessageId;

        Stream stream;
        try
        {
            // BODY.PEEK[]: reading does not set \Seen, so a refused message stays exactly as it was.
            stream = await folder!.GetStreamAsync(uid, ct);
        }
        catch (Exception ex) when (ex is ImapCommandException or MessageNotFoundException)
        {
            // The server would not give this one message; the connection is fine.
            logger.LogWarning(ex, "IMAP message {Uid} <{MessageId}> in {Mailbox} could not be downloaded", uid.Id, messageId, settings);
            return new ImapFailure(uid.Id, messageId, ex);
        }

        bool stored;
        await using (stream)
        {
            try
            {
                stored = await accept(stream, ct);
            }
            catch (Exception ex) when (!ct.IsCancellationRequested)
            {
                // One bad message must not hold back the others: it is left unmarked and tried again next round.
                logger.LogWarning(ex, "IMAP message {Uid} <{MessageId}> in {Mailbox} failed to import", uid.Id, messageId, settings);
                return new ImapFailure(uid.Id, messageId, ex);
            }
        }
        if (!stored)
        {
            logger.LogWarning("IMAP message {Uid} <{MessageId}> in {Mailbox} was refused", uid.Id, messageId, settings);
            return new ImapFailure(uid.Id, messageId, null);
        }

        try
        {
            await MarkImportedAsync(uid, ct);
        }
        catch (ImapCommandException ex)
        {
            // Stored but not marked: it comes again next round, and the caller recognizes it.
            logger.LogWarning(ex, "IMAP message {Uid} <{MessageId}> in {Mailbox} was imported but could not be marked", uid.Id, messageId, settings);
            return new ImapFailure(uid.Id, messageId, ex);
        }
        logger.LogInformation("Imported IMAP message {Uid} <{MessageId}> ({Size} bytes) from {Mailbox}", uid.Id, messageId, summary.Size, settings);
        return null;
    }

    private async Task MarkImportedAsync(UniqueId uid, CancellationToken ct)
    {
        // Marked before a move too: the flags travel with the message, so it also looks read where it lands.
        if (MarksWithKeyword)
            await folder!.AddFlagsAsync(uid, MessageFlags.Seen, [ImportedKeyword], silent: true, ct);
        else
            await folder!.AddFlagsAsync(uid, MessageFlags.Seen, silent: true, ct);

        // MailKit uses MOVE when the server has it; otherwise COPY, \Deleted and, with UIDPLUS,
        // UID EXPUNGE of this message only. Without UIDPLUS the \Deleted original stays, and is
        // no longer new.
        if (moveTo is not null) await folder!.MoveToAsync(uid, moveTo, ct);
    }

    private async Task EnsureConnectedAsync(CancellationToken ct)
    {
        if (client is { IsConnected: true } && folder is { IsOpen: true })
        {
            try
            {
                // Also how a connection the server dropped between rounds is noticed.
                await client.NoOpAsync(ct);
                return;
            }
            catch (Exception ex) when (IsConnectionLoss(ex))
            {
                logger.LogInformation("IMAP connection to {Mailbox} was lost ({Error}); connecting again", settings, ex.Message);
            }
        }
        await DropConnectionAsync();
        await ConnectAsync(ct);
    }

    private async Task ConnectAsync(CancellationToken ct)
    {
        var connecting = new ImapClient { Timeout = (int)ImapFetcher.Timeout.TotalMilliseconds };
        refusedCertificate = null;
        connecting.ServerCertificateValidationCallback = (_, certificate, _, errors) =>
        {
            if (certificates.Accepts(certificate, errors)) return true;
            if (certificate is not null) refusedCertificate = (ServerCertificates.Fingerprint(certificate), $"{certificate.Subject}: {errors}");
            return false;
        };
        using var timeout = new CancellationTokenSource(ImapFetcher.Timeout, time);
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(ct, timeout.Token);
        try
        {
            try
            {
                await connecting.ConnectAsync(settings.Host, settings.Port, ToMailKit(settings.Security), linked.Token);
            }
            catch (NotSupportedException ex) when (settings.Security == ImapSecurity.StartTls)
            {
                // MailKit's answer when STARTTLS is asked for and the server does not offer it.
                throw new ImapProblemException(new ImapProblem(ImapProblemKind.Tls, Scrub(ex.Message)), ex);
            }
            await AuthenticateOnceAsync(connecting, linked.Token);

            var opened = await FindFolderAsync(connecting, settings.Folder, ImapProblemKind.FolderMissing, linked.Token);
            var access = await opened.OpenAsync(FolderAccess.ReadWrite, linked.Token);
            if (access != FolderAccess.ReadWrite)
                throw new ImapProblemException(new ImapProblem(ImapProblemKind.Other, $"The folder {settings.Folder} opens read-only: imported messages could not be marked."));
            moveTo = settings.MoveToFolder is { } target
                ? await FindFolderAsync(connecting, target, ImapProblemKind.MoveFolderMissing, linked.Token)
                : null;

            client = connecting;
            folder = opened;
            MarksWithKeyword = opened.PermanentFlags.HasFlag(MessageFlags.UserDefined) || opened.PermanentKeywords.Contains(ImportedKeyword);
            knownCount = opened.Count;
            folder.CountChanged += NoteArrivals;
            // Whatever was delivered while we were not connected has not been announced: fetch before waiting.
            mailArrived = true;
            logger.LogDebug("IMAP connected to {Mailbox}: IDLE {Idle}, marks with {Marking}",
                settings, SupportsIdle, MarksWithKeyword ? ImportedKeyword : "\\Seen");
        }
        catch (Exception ex) when (ex is not ImapProblemException && Describe(ex, ct, timeout.IsCancellationRequested) is { } problem)
        {
            connecting.Dispose();
            throw new ImapProblemException(problem, ex);
        }
        catch
        {
            connecting.Dispose();
            throw;
        }
    }

    /// <summary>
    /// Signs in with one attempt. MailKit's AuthenticateAsync(user, password) tries every mechanism
    /// the server offers and then LOGIN: one wrong password would count as three failures, enough
    /// to trip a server's lockout or fail2ban.
    /// </summary>
    private async Task AuthenticateOnceAsync(ImapClient connecting, CancellationToken ct)
    {
        var credential = new NetworkCredential(settings.UserName, settings.Password);
        var mechanism = PasswordMechanisms.FirstOrDefault(connecting.AuthenticationMechanisms.Contains);
        if (mechanism is not null)
        {
            await connecting.AuthenticateAsync(SaslMechanism.Create(mechanism, credential)!, ct);   // never null for these names
            return;
        }
        // Servers commonly take no password over a plain connection (RFC 3501 LOGINDISABLED): that is a security setting to change.
        if (connecting.Capabilities.HasFlag(ImapCapabilities.LoginDisabled) && !connecting.IsSecure)
            throw new ImapProblemException(new ImapProblem(ImapProblemKind.Tls, "The server takes passwords only over TLS (choose STARTTLS or TLS)."));
        // None of them offered: the LOGIN command.
        connecting.AuthenticationMechanisms.Clear();
        await connecting.AuthenticateAsync(credential, ct);
    }

    // EXISTS raises the count (EXPUNGE, our own moves included, lowers it): new mail was delivered.
    private void NoteArrivals(object? sender, EventArgs e)
    {
        var count = folder?.Count ?? 0;
        if (count > knownCount) mailArrived = true;
        knownCount = count;
    }

    private static async Task<IMailFolder> FindFolderAsync(ImapClient client, string path, ImapProblemKind whenMissing, CancellationToken ct)
    {
        // INBOX is case-insensitive and always exists (RFC 3501); other names are looked up as typed.
        if (string.Equals(path, "INBOX", StringComparison.OrdinalIgnoreCase)) return client.Inbox;
        try
        {
            return await client.GetFolderAsync(path, ct);
        }
        catch (FolderNotFoundException ex)
        {
            throw new ImapProblemException(new ImapProblem(whenMissing, $"The folder {path} does not exist."), ex);
        }
    }

    private async Task DropConnectionAsync()
    {
        if (folder is not null) folder.CountChanged -= NoteArrivals;
        folder = null;
        moveTo = null;
        if (client is null) return;
        var closing = client;
        client = null;
        try
        {
            if (closing.IsConnected)
            {
                using var timeout = new CancellationTokenSource(ImapFetcher.Timeout, time);
                await closing.DisconnectAsync(quit: true, timeout.Token);
            }
        }
        catch (Exception ex) when (IsConnectionLoss(ex) || ex is OperationCanceledException)
        {
            logger.LogDebug(ex, "IMAP logout from {Mailbox} failed; the connection is closed anyway", settings);
        }
        finally
        {
            closing.Dispose();
        }
    }

    /// <summary>What to tell an administrator about a failure; null for the caller's cancellation and for bugs.</summary>
    private ImapProblem? Describe(Exception ex, CancellationToken ct, bool timedOut = false)
    {
        var kind = ex switch
        {
            OperationCanceledException when ct.IsCancellationRequested => (ImapProblemKind?)null,
            OperationCanceledException when timedOut => ImapProblemKind.Unreachable,
            MailKit.Security.AuthenticationException or SaslException => ImapProblemKind.Authentication,
            SslHandshakeException when refusedCertificate is not null => ImapProblemKind.CertificateNotTrusted,
            SslHandshakeException => ImapProblemKind.Tls,
            _ when IsConnectionLoss(ex) => ImapProblemKind.Unreachable,
            ImapCommandException => ImapProblemKind.Other,
            _ => null,
        };
        if (kind is null) return null;
        if (kind == ImapProblemKind.CertificateNotTrusted && refusedCertificate is { } refused)
            return new ImapProblem(kind.Value, $"The server's certificate is not trusted ({refused.Why}); its SHA-256 fingerprint is {refused.Fingerprint}.", refused.Fingerprint);
        var detail = ex is OperationCanceledException
            ? $"No answer from {settings.Host}:{settings.Port} within {ImapFetcher.Timeout.TotalSeconds:0} s."
            : ex.Message;
        return new ImapProblem(kind.Value, Scrub(detail));
    }

    // The server's words are shown to administrators; a server that echoes what it was sent must
    // not show the password. (A password of 1 to 3 characters would blank letters of ordinary words,
    // and no server accepts one.)
    private string Scrub(string text) =>
        settings.Password.Length < 4 ? text : text.Replace(settings.Password, "********", StringComparison.Ordinal);

    private static bool IsConnectionLoss(Exception ex) =>
        // A protocol error is nearly always "the IMAP server has unexpectedly disconnected" or a BYE
        // ("Server shutting down"); MailKit closes the connection after any of them.
        ex is IOException or SocketException or TimeoutException or ServiceNotConnectedException or ImapProtocolException;

    private static SecureSocketOptions ToMailKit(ImapSecurity security) => security switch
    {
        ImapSecurity.None => SecureSocketOptions.None,
        ImapSecurity.StartTls => SecureSocketOptions.StartTls,
        ImapSecurity.Tls => SecureSocketOptions.SslOnConnect,
        _ => throw new ArgumentOutOfRangeException(nameof(security), security, null),
    };
}
