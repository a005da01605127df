namespace Guichet.Web.Email.Inbound;

/// <summary>The admin page's "test connection": signs in and opens the folders as the fetcher would, without fetching.</summary>
public sealed class MailboxConnections(ImapFetcher fetcher)
{
    /// <summary>Null when Guichet signed in and opened the folder (and the "move to" folder, if any).</summary>
    public Task<ImapProblem?> TestAsync(ImapSettings settings, CancellationToken ct) => fetcher.TestConnectionAsync(settings, ct);
}
