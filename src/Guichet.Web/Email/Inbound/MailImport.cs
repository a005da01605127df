using MimeKit;

namespace Guichet.Web.Email.Inbound;

/// <summary>
/// <c>mail import &lt;file.eml | file.mbox | folder&gt;</c>: messages from files, through the same door as the others
/// (<see cref="InboundMail"/>), against the configured database, whether the server runs or not. A message imported
/// twice is processed once.
/// </summary>
public sealed class MailImport(InboundMail inbound)
{
    public sealed record Totals(int Messages, int NewRequests, int Replies, int Dropped, int Quarantined, int Duplicates);

    /// <summary>The files a path names, or an error to print: a file that cannot be read stops the import before it starts.</summary>
    public static (IReadOnlyList<string> Files, string? Error) FilesOf(string path)
    {
        if (Directory.Exists(path))
        {
            var files = Directory.EnumerateFiles(path, "*", SearchOption.AllDirectories)
                .Where(f => f.EndsWith(".eml", StringComparison.OrdinalIgnoreCase) || f.EndsWith(".mbox", StringComparison.OrdinalIgnoreCase))
                .Order(StringComparer.Ordinal).ToList();
            return files.Count == 0 ? ([], $"{path}: no .eml or .mbox file in this folder.") : (files, null);
        }
        if (!File.Exists(path)) return ([], $"{path}: no such file or folder.");
        try
        {
            using (File.OpenRead(path)) { }
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            return ([], $"{path}: cannot be read ({ex.Message}).");
        }
        return ([path], null);
    }

    public async Task<Totals> ImportAsync(IReadOnlyList<string> files, Action<string> report, CancellationToken ct)
    {
        var totals = new Totals(0, 0, 0, 0, 0, 0);
        foreach (var file in files)
        {
            if (IsMbox(file))
            {
                await using var stream = File.OpenRead(file);
                var parser = new MimeParser(stream, MimeFormat.Mbox);
                while (!parser.IsEndOfStream)
                {
                    MimeMessage message;
                    try
                    {
                        message = await parser.ParseMessageAsync(ct);
                    }
                    catch (FormatException ex)
                    {
                        report($"{file}: stopped at byte {stream.Position}, not an mbox message ({ex.Message}).");
                        break;
                    }
                    using var raw = new MemoryStream();
                    await message.WriteToAsync(raw, ct);
                    raw.Position = 0;
                    totals = Add(totals, await inbound.ReceiveAsync(raw, InboundChannel.Import, "import", null, ct));
                }
            }
            else
            {
                await using var stream = File.OpenRead(file);
                totals = Add(totals, await inbound.ReceiveAsync(stream, InboundChannel.Import, "import", null, ct));
            }
        }
        return totals;
    }

    private static bool IsMbox(string file) => file.EndsWith(".mbox", StringComparison.OrdinalIgnoreCase);

    private static Totals Add(Totals t, InboundMail.Received received)
    {
        var m = received.Message;
        t = t with { Messages = t.Messages + 1 };
        if (received.Duplicate) return t with { Duplicates = t.Duplicates + 1 };
        return m.State switch
        {
            InboundState.Processed when m.Outcome is InboundOutcome.NewRequest or InboundOutcome.FollowUp => t with { NewRequests = t.NewRequests + 1 },
            InboundState.Processed => t with { Replies = t.Replies + 1 },
            InboundState.Dropped => t with { Dropped = t.Dropped + 1 },
            _ => t with { Quarantined = t.Quarantined + 1 },
        };
    }
}
