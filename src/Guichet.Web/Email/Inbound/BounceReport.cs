using System.Text.RegularExpressions;
using MimeKit;

namespace Guichet.Web.Email.Inbound;

/// <summary>
/// What a delivery-status report (RFC 3464) says: which of our mails (its Message-ID) did not reach whom, and
/// whether for good. Read from the report's parts; a report we cannot read tells us nothing, and is only dropped.
/// </summary>
public sealed partial record BounceReport(string? OriginalMessageId, IReadOnlyList<BounceReport.Failure> Failures)
{
    /// <param name="Permanent">"Action: failed" (5.x.x): the address does not work; "delayed" is only noted.</param>
    public sealed record Failure(string Address, bool Permanent, string Reason);

    public static BounceReport Read(MimeMessage message)
    {
        string? original = null;
        List<string>? returnedTo = null;
        var reported = false;
        var failures = new List<Failure>();
        foreach (var part in message.BodyParts.Concat(message.Body is Multipart m ? m.OfType<MessagePart>() : []))
        {
            switch (part)
            {
                case MessageDeliveryStatus status:
                    reported = true;
                    foreach (var group in status.StatusGroups.Skip(1))   // the first group is about the reporting server
                    {
                        var address = Address(group["Final-Recipient"] ?? group["Original-Recipient"]);
                        if (address is null) continue;
                        var code = (group["Status"] ?? "").Trim();
                        // Some servers leave out the Action: the status class says it (5.x.x for good, 4.x.x for now).
                        var action = (group["Action"] ?? (code.StartsWith('5') ? "failed" : code.StartsWith('4') ? "delayed" : "")).Trim().ToLowerInvariant();
                        if (action is not ("failed" or "delayed")) continue;
                        var reason = (group["Diagnostic-Code"] ?? group["Status"] ?? action).Trim();
                        failures.Add(new Failure(address, action == "failed", reason.Length > 400 ? reason[..400] : reason));
                    }
                    break;
                case MessagePart { Message: { } returned }:
                    original ??= returned.MessageId;
                    returnedTo ??= returned.To.Mailboxes.Select(m => m.Address).ToList();
                    break;
                case MimePart { ContentType.MimeType: "text/rfc822-headers" or "text/rfc822-header" } headers when headers.Content is not null:
                    using (var stream = new MemoryStream())
                    {
                        headers.Content.DecodeTo(stream);
                        stream.Position = 0;
                        var (id, to) = ReadHeaders(stream);
                        original ??= id;
                        returnedTo ??= to;
                    }
                    break;
            }
        }
        if (!reported) failures.AddRange(WithoutReport(message, returnedTo));
        // A notice that quotes our mail in its text (qmail, some gateways) instead of attaching it.
        original ??= message.TextBody is { } text && QuotedMessageId().Match(text) is { Success: true } quoted ? quoted.Groups[1].Value : null;
        return new BounceReport(original, failures);
    }

    /// <summary>
    /// Who failed, by a notice that is no RFC 3464 report: Exim's X-Failed-Recipients, else the one recipient of the
    /// returned mail (each of our mails goes to one address). Such notices are sent for failures, not delays, unless
    /// their subject says otherwise.
    /// </summary>
    private static IEnumerable<Failure> WithoutReport(MimeMessage message, List<string>? returnedTo)
    {
        var subject = message.Subject ?? "";
        var permanent = !subject.Contains("delay", StringComparison.OrdinalIgnoreCase);
        var reason = subject.Length > 400 ? subject[..400] : subject;
        if (message.Headers["X-Failed-Recipients"] is { } failed)
            return failed.Split(',').Select(a => Address(a)).OfType<string>().Select(a => new Failure(a, permanent, reason)).ToList();
        return returnedTo is [var single] ? [new Failure(single, permanent, reason)] : [];
    }

    private static (string? MessageId, List<string>? To) ReadHeaders(Stream headers)
    {
        try
        {
            var list = HeaderList.Load(headers);
            var id = list[HeaderId.MessageId] is { } value ? value.Trim().Trim('<', '>') : null;
            var to = InternetAddressList.TryParse(list[HeaderId.To] ?? "", out var addresses) ? addresses.Mailboxes.Select(m => m.Address).ToList() : null;
            return (id, to);
        }
        catch (FormatException)
        {
            return (null, null);
        }
    }

    /// <summary>"rfc822; ana@example.com" → ana@example.com.</summary>
    private static string? Address(string? field)
    {
        if (string.IsNullOrWhiteSpace(field)) return null;
        var value = field.Contains(';') ? field[(field.IndexOf(';') + 1)..] : field;
        value = value.Trim().Trim('<', '>');
        return value.Contains('@') ? value : null;
    }

    [GeneratedRegex(@"^\s*>?\s*Message-ID:\s*<([^<>\s]+)>", RegexOptions.IgnoreCase | RegexOptions.Multiline | RegexOptions.CultureInvariant)]
    private static partial Regex QuotedMessageId();
}
