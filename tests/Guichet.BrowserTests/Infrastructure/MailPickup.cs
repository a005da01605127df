using MimeKit;

namespace Guichet.BrowserTests.Infrastructure;

/// <summary>
/// Reads the .eml files that Guichet writes when no SMTP server is configured. They are written
/// by a background sender after the request that caused them, so the folder is polled.
/// </summary>
public sealed class MailPickup(string folder)
{
    private static readonly TimeSpan PollInterval = TimeSpan.FromMilliseconds(100);
    private readonly HashSet<string> returned = [];

    public async Task<MimeMessage> WaitForAsync(string toAddress, string? subjectContains, TimeSpan timeout)
    {
        using var cts = new CancellationTokenSource(timeout);
        var sizes = new Dictionary<string, long>();
        var seen = new List<string>();
        while (true)
        {
            seen.Clear();
            foreach (var file in Files())
            {
                if (returned.Contains(file)) continue;
                // A half-written file can parse as a shorter mail: read a file only once its
                // size has not changed between two rounds.
                var size = new FileInfo(file).Length;
                var stable = sizes.TryGetValue(file, out var before) && before == size && size > 0;
                sizes[file] = size;
                if (!stable || await TryLoadAsync(file, cts.Token) is not { } message) continue;

                var to = message.To.Mailboxes.Select(m => m.Address).ToList();
                seen.Add($"{string.Join(", ", to)}: {message.Subject}");
                if (to.Contains(toAddress, StringComparer.OrdinalIgnoreCase)
                    && (subjectContains is null || message.Subject?.Contains(subjectContains, StringComparison.OrdinalIgnoreCase) == true))
                {
                    returned.Add(file);
                    return message;
                }
            }

            try { await Task.Delay(PollInterval, cts.Token); }
            catch (OperationCanceledException)
            {
                var others = seen.Count == 0 ? "no other mail" : "other mail: " + string.Join("; ", seen);
                throw new TimeoutException(
                    $"No mail to {toAddress}{(subjectContains is null ? "" : $" with \"{subjectContains}\" in the subject")} " +
                    $"in {folder} after {timeout.TotalSeconds:0} s ({others}).");
            }
        }
    }

    // Oldest first, so that "the next mail" means the one written first.
    private IEnumerable<string> Files() =>
        Directory.Exists(folder)
            ? new DirectoryInfo(folder).EnumerateFiles("*.eml", SearchOption.AllDirectories)
                .OrderBy(f => f.LastWriteTimeUtc).ThenBy(f => f.FullName, StringComparer.Ordinal).Select(f => f.FullName)
            : [];

    private static async Task<MimeMessage?> TryLoadAsync(string file, CancellationToken ct)
    {
        try
        {
            await using var stream = File.OpenRead(file);
            return await MimeMessage.LoadAsync(stream, ct);
        }
        catch (Exception e) when (e is IOException or FormatException or ParseException)
        {
            return null;   // renamed, removed or not whole yet: the next round tries again
        }
    }
}
