using MimeKit;
using MimeKit.Tnef;

namespace Guichet.Web.Email.Inbound;

/// <summary>A file of a mail: an attachment, an inline image (<see cref="ContentId"/>), a forwarded message.</summary>
public sealed record MailFile(string FileName, string ContentType, string? ContentId, MimeEntity Part)
{
    /// <summary>Writes the file's decoded bytes (a forwarded message: as an .eml file).</summary>
    public async Task WriteToAsync(Stream target, CancellationToken ct)
    {
        switch (Part)
        {
            case MimePart { Content: { } content }: await content.DecodeToAsync(target, ct); break;
            case MessagePart { Message: { } message }: await message.WriteToAsync(target, ct); break;
        }
    }
}

/// <summary>What a mail says, read from its MIME structure: who wrote to whom, the text, the HTML, the files.</summary>
public sealed record MailContent(
    MailboxAddress? From, IReadOnlyList<MailboxAddress> To, IReadOnlyList<MailboxAddress> Cc, string Subject, string MessageId,
    IReadOnlyList<string> ThreadIds, string? Text, string? Html, IReadOnlyList<MailFile> Files)
{
    public static MailContent Read(MimeMessage message)
    {
        var from = message.From.Mailboxes.FirstOrDefault() ?? message.Sender;
        // The mail answered first, then the conversation from the newest back: the first one we know wins.
        var threadIds = new List<string>();
        if (!string.IsNullOrWhiteSpace(message.InReplyTo)) threadIds.Add(message.InReplyTo.Trim());
        threadIds.AddRange(message.References.Reverse().Where(r => !threadIds.Contains(r)));
        var files = new List<MailFile>();
        var textPart = message.TextBody;
        var htmlPart = message.HtmlBody;
        foreach (var entity in message.BodyParts)
            Collect(entity, message, files);
        return new MailContent(
            from, [.. message.To.Mailboxes], [.. message.Cc.Mailboxes], (message.Subject ?? "").Trim(), (message.MessageId ?? "").Trim(),
            threadIds, textPart, htmlPart, files);
    }

    private static void Collect(MimeEntity entity, MimeMessage message, List<MailFile> files)
    {
        switch (entity)
        {
            case TnefPart tnef:
                // Outlook's winmail.dat: the files it wraps, not the wrapper.
                foreach (var inner in tnef.ExtractAttachments()) Collect(inner, message, files);
                break;
            case MessagePart { Message: { } forwarded }:
                files.Add(new MailFile(FileName(forwarded.Subject, "message") + ".eml", "message/rfc822", null, entity));
                break;
            case TextPart text when !text.IsAttachment && text.ContentId is null:
                // A body part (the text, the HTML, or their alternatives): read as the mail's text, not a file.
                break;
            case MimePart part:
                var name = part.FileName ?? FileName(null, part.ContentId is null ? "attachment" : "image") + Extension(part.ContentType);
                files.Add(new MailFile(name, part.ContentType.MimeType, part.ContentId, part));
                break;
        }
    }

    private static string FileName(string? wanted, string fallback) =>
        string.IsNullOrWhiteSpace(wanted) ? fallback : string.Concat(wanted.Trim().Split(Path.GetInvalidFileNameChars()));

    private static string Extension(ContentType type) =>
        MimeTypes.TryGetExtension(type.MimeType, out var extension) ? extension : "";
}
