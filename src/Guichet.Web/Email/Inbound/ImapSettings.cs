namespace Guichet.Web.Email.Inbound;

/// <summary>
/// Where to fetch a mailbox's mail. <paramref name="MoveToFolder"/>, when set, is where each
/// imported message goes; otherwise imported messages stay in <paramref name="Folder"/>, marked.
/// </summary>
public sealed record ImapSettings(
    string Host,
    int Port,
    ImapSecurity Security,
    string UserName,
    string Password,
    string Folder,
    string? MoveToFolder)
{
    // A record prints its properties: keep the password out of logs and exception messages.
    public override string ToString() =>
        $"{UserName}@{Host}:{Port} ({Security}) {Folder}{(MoveToFolder is null ? "" : " -> " + MoveToFolder)}";
}
