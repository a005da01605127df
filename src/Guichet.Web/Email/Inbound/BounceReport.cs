using MimeKit;

namespace Guichet.Web.Email.Inbound;

/// <summary>
/// What a delivery-status report (RFC 3464) says: which of our mails (its Message-ID) did not reach whom, and
/// whether for good. Read from the report's parts; a report we cannot read tells us nothing, and is only dropped.
/// </summary>
public sealed record BounceReport(string? OriginalMessageId, IReadOnlyList<BounceReport.Failure> Failures)
{
    /// <param name="Permanent">"Action: failed" (5.x.x): the address does not work; "delayed" is only noted.</param>
    public sealed record Failure(string Address, bool Permanent, string Reason);

    public static BounceReport Read(MimeMessage message)
    {
        string? original = null;
        var failures = new List<Failure>();
        foreach (var part in message.BodyParts.Concat(message.Body is Multipart m ? m.OfType<MessagePart>() : []))
        {
            switch (part)
            {
                case MessageDeliveryStatus status:
                    foreach (var group in status.StatusGroups.Skip(1))   // the first group is about the reporting server
                    {
                        var address = Address(group["Final-Recipient"] ?? group["Original-Recipient"]);
                        if (address is null) continue;
                        var action = (group["Action"] ?? "").Trim().ToLowerInvariant();
                        if (action is not ("failed" or "delayed")) continue;
                        var reason = (group["Diagnostic-Code"] ?? group["Status"] ?? action).Trim();
                        failures.Add(new Failure(address, action == "failed", reason.Length > 400 ? reason[..400] : reason));
                    }
                    break;
                case MessagePart { Message: { } returned }:
                    original ??= returned.MessageId;
                    break;
                case MimePart { ContentType.MimeType: "text/rfc822-headers" or "text/rfc822-header" } headers when headers.Content is not null:
                    using (var stream = new MemoryStream())
                    {
                        headers.Content.DecodeTo(stream);
                        stream.Position = 0;
                        original ??= ReadMessageId(stream);
                    }
                    break;
            }
        }
        return new BounceReport(original, failures);
    }

    private static string? ReadMessageId(Stream headers)
    {
        try
        {
            var list = HeaderList.Load(headers);
            return list[HeaderId.MessageId] is { } id ? id.Trim().Trim('<', '>') : null;
        }
        catch (FormatException)
        {
            return null;
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
}
