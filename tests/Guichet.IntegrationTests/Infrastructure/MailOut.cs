using System.Diagnostics;
using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore;
using MimeKit;

namespace Guichet.IntegrationTests.Infrastructure;

/// <summary>
/// Mail as the app wrote it to its pickup folder ({DataDirectory}/mail-out) when no SMTP
/// server is configured. Tests of the SMTP path itself use <see cref="SmtpSink"/>.
/// </summary>
public static partial class MailOut
{
    public static async Task<MimeMessage> WaitForMailAsync(this GuichetApp app, string to, string? subjectContains = null, TimeSpan? timeout = null)
    {
        var folder = Path.Combine(app.DataDirectory, "mail-out");
        var clock = Stopwatch.StartNew();
        while (clock.Elapsed < (timeout ?? TimeSpan.FromSeconds(20)))
        {
            if (Directory.Exists(folder))
                foreach (var file in Directory.EnumerateFiles(folder, "*.eml").OrderBy(File.GetLastWriteTimeUtc))
                {
                    var message = await MimeMessage.LoadAsync(file);
                    if (message.To.Mailboxes.Any(m => string.Equals(m.Address, to, StringComparison.OrdinalIgnoreCase))
                        && (subjectContains is null || (message.Subject ?? "").Contains(subjectContains, StringComparison.OrdinalIgnoreCase)))
                        return message;
                }
            await Task.Delay(100);
        }
        throw new TimeoutException($"No mail to {to} ({subjectContains}) in {folder}.");
    }

    /// <summary>Waits until every event is dispatched and every queued mail is sent or given up: nothing more will go out.</summary>
    public static async Task SettledAsync(this GuichetApp app)
    {
        var clock = Stopwatch.StartNew();
        while (await app.WithDbAsync(async d => await d.TicketEvents.AnyAsync(e => e.DispatchedAt == null)
                   || await d.OutboxMails.AnyAsync(m => m.SentAt == null && m.FailedAt == null)))
        {
            if (clock.Elapsed > TimeSpan.FromSeconds(20)) throw new TimeoutException("Events or mail still waiting after 20 s.");
            await Task.Delay(100);
        }
    }

    /// <summary>All mail written to the pickup folder for this address, oldest first (by file time: the app's clock is fake).</summary>
    public static async Task<List<MimeMessage>> MailToAsync(this GuichetApp app, string to)
    {
        var folder = Path.Combine(app.DataDirectory, "mail-out");
        var messages = new List<MimeMessage>();
        if (!Directory.Exists(folder)) return messages;
        foreach (var file in Directory.EnumerateFiles(folder, "*.eml").OrderBy(File.GetLastWriteTimeUtc))
        {
            var message = await MimeMessage.LoadAsync(file);
            if (message.To.Mailboxes.Any(m => string.Equals(m.Address, to, StringComparison.OrdinalIgnoreCase)))
                messages.Add(message);
        }
        return messages;
    }

    /// <summary>The path and query of the first link in the mail's text part that starts with the base URL and the path.</summary>
    public static string LinkTo(this MimeMessage message, string path)
    {
        foreach (Match match in UrlPattern().Matches(message.TextBody ?? ""))
        {
            var uri = new Uri(match.Value);
            if (uri.AbsolutePath.StartsWith(path, StringComparison.OrdinalIgnoreCase)) return uri.PathAndQuery;
        }
        throw new InvalidOperationException($"No link to {path} in:\n{message.TextBody}");
    }

    /// <summary>The reset code, shown as "1234-5678" in the mail.</summary>
    public static string Code(this MimeMessage message) =>
        CodePattern().Match(message.TextBody ?? "") is { Success: true } match ? match.Value : throw new InvalidOperationException("No code in the mail.");

    [GeneratedRegex(@"https?://[^\s""<>]+")]
    private static partial Regex UrlPattern();

    [GeneratedRegex(@"\b\d{4}-\d{4}\b")]
    private static partial Regex CodePattern();
}
