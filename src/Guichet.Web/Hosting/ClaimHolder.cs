namespace Guichet.Web.Hosting;

/// <summary>
/// The name a background worker writes into the rows it claims (a mail of the outbox, a mailbox's lease): which node
/// holds them. Unique per worker, even within one process, and no longer than the columns that keep it.
/// </summary>
public static class ClaimHolder
{
    public const int MaxLength = 100;

    public static string NewName()
    {
        var name = $"{Environment.MachineName}/{Environment.ProcessId}/{Guid.NewGuid().ToString("N")[..8]}";
        return name.Length > MaxLength ? name[^MaxLength..] : name;
    }
}
