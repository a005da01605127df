namespace Guichet.Web.Email.Inbound;

/// <summary>Why Guichet could not read a mailbox, in the words the admin page needs to say what to fix.</summary>
public enum ImapProblemKind { Unreachable, Tls, Authentication, FolderMissing, MoveFolderMissing, Other }

/// <param name="Detail">What the server or the network said, as it said it.</param>
public sealed record ImapProblem(ImapProblemKind Kind, string Detail);

/// <summary>A mailbox's connection settings with the password in clear: built for one attempt, never stored nor logged.</summary>
public sealed record ImapSettings(string Host, int Port, ImapSecurity Security, string UserName, string Password, string Folder, string? MoveToFolder)
{
    // A record prints its members: the password must not reach a log through it.
    public override string ToString() => $"{UserName}@{Host}:{Port} ({Security}) {Folder}";
}

/// <summary>The admin page's "test connection": signs in and opens the folders as the fetcher would, without fetching.</summary>
public sealed class MailboxConnections
{
    /// <summary>Null when Guichet signed in and opened the folder (and the "move to" folder, if any).</summary>
    public Task<ImapProblem?> TestAsync(ImapSettings settings, CancellationToken ct)
    {
        // wired to ImapFetcher when it lands
        return Task.FromResult<ImapProblem?>(null);
    }
}
