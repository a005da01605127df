using Microsoft.Extensions.Options;

namespace Guichet.Web.Email.Inbound;

/// <summary>
/// Fetches new mail from IMAP mailboxes, knowing nothing of the database: it gets a mailbox's
/// settings and a callback that stores one raw message. See <see cref="ImapSession"/> for what
/// "new" means and when a message is marked.
/// <code>
/// await using var session = await fetcher.OpenAsync(settings, ct);
/// while (true)
/// {
///     var round = await session.FetchNewAsync(StoreAsync, ct);
///     if (round.Waiting == 0) await session.WaitForNewMailAsync(interval, ct);
/// }
/// </code>
/// </summary>
public sealed class ImapFetcher(TimeProvider time, IOptions<InboundMailOptions> options, ILogger<ImapFetcher> logger)
{
    private readonly ServerCertificates certificates = new(options.Value.TrustedCertificates);

    /// <summary>
    /// The longest wait for the server: for the whole of connecting, authenticating and opening
    /// the folders, then for each answer (a large message may take longer, as long as bytes keep coming).
    /// </summary>
    public static readonly TimeSpan Timeout = TimeSpan.FromSeconds(15);

    /// <summary>Connects, signs in and opens the folders as fetching would; null when all is well.</summary>
    public async Task<ImapProblem?> TestConnectionAsync(ImapSettings settings, CancellationToken ct)
    {
        try
        {
            await using var session = await OpenAsync(settings, ct);
            return null;
        }
        catch (ImapProblemException ex)
        {
            logger.LogInformation("IMAP connection test for {Mailbox}: {Problem}", settings, ex.Problem);
            return ex.Problem;
        }
    }

    /// <summary>A connection kept open between rounds, for IDLE. Throws <see cref="ImapProblemException"/>.</summary>
    public Task<ImapSession> OpenAsync(ImapSettings settings, CancellationToken ct) =>
        ImapSession.OpenAsync(settings, certificates, time, logger, ct);

    /// <summary>One round on a connection of its own, for polling. Throws <see cref="ImapProblemException"/>.</summary>
    public async Task<ImapRound> FetchNewAsync(ImapSettings settings, Func<Stream, CancellationToken, Task<bool>> accept, CancellationToken ct)
    {
        await using var session = await OpenAsync(settings, ct);
        return await session.FetchNewAsync(accept, ct);
    }
}
