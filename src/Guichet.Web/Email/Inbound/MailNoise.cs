using MimeKit;

namespace Guichet.Web.Email.Inbound;

/// <summary>
/// Mail no person wrote to us: auto-replies, bulk mail, delivery reports, loops, our own mail come back.
/// It never opens a request nor makes us send anything; a bounce is still noted where it belongs (<see cref="BounceReport"/>).
/// </summary>
public static class MailNoise
{
    public sealed record Verdict(DropReason Reason, string Detail);

    /// <param name="isOurs">Whether a Message-ID is one of ours (see Email/Outbound/OurMessageIds).</param>
    public static Verdict? Judge(MimeMessage message, Func<string, bool> isOurs)
    {
        if (!string.IsNullOrEmpty(message.MessageId) && isOurs(message.MessageId))
            return new(DropReason.OwnMail, $"Message-ID {message.MessageId} is one of ours");
        if (message.Body is MultipartReport report)
            return new(DropReason.Bounce, $"a {report.ReportType ?? "delivery"} report");
        if (Header(message, "Auto-Submitted") is { } submitted && !submitted.Split(';')[0].Trim().Equals("no", StringComparison.OrdinalIgnoreCase))
            return new(DropReason.AutoReply, $"Auto-Submitted: {submitted}");
        foreach (var robot in (string[])["X-Autoreply", "X-Autorespond", "X-Autoresponder", "X-Auto-Response-Suppress"])
            if (Header(message, robot) is { } value)
                return new(DropReason.AutoReply, $"{robot}: {value}");
        if (Header(message, "Precedence") is { } precedence)
        {
            var kind = precedence.Trim().ToLowerInvariant();
            if (kind is "bulk" or "junk" or "list") return new(DropReason.Bulk, $"Precedence: {precedence}");
            if (kind is "auto_reply") return new(DropReason.AutoReply, $"Precedence: {precedence}");
        }
        if (Header(message, "X-Loop") is { } loop)
            return new(DropReason.Loop, $"X-Loop: {loop}");
        if (NoSender(message) is { } why)
            return new(DropReason.NoSender, why);
        return null;
    }

    private static string? NoSender(MimeMessage message)
    {
        if (Header(message, "Return-Path") is { } path && path.Trim() == "<>") return "null sender (Return-Path: <>)";
        var from = message.From.Mailboxes.FirstOrDefault() ?? message.Sender;
        if (from is null || string.IsNullOrWhiteSpace(from.Address)) return "no From address";
        var local = from.LocalPart.ToLowerInvariant();
        return local is "mailer-daemon" or "postmaster" ? $"sent by {from.Address}" : null;
    }

    private static string? Header(MimeMessage message, string field)
    {
        var value = message.Headers[field];
        return string.IsNullOrWhiteSpace(value) ? null : value.Trim();
    }
}
