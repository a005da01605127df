using System.Runtime.CompilerServices;
using System.Text;
using System.Text.RegularExpressions;
using System.Text.Unicode;
using MimeKit;
using MimeKit.Text;
using MimeKit.Tnef;
using MimeKit.Utils;

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
public sealed partial record MailContent(
    MailboxAddress? From, IReadOnlyList<MailboxAddress> To, IReadOnlyList<MailboxAddress> Cc, string Subject, string MessageId,
    IReadOnlyList<string> ThreadIds, string? Text, string? Html, IReadOnlyList<MailFile> Files)
{
    /// <summary>
    /// .NET knows only the Unicode charsets and Latin-1 until the code pages are registered: windows-1252, ISO-8859-15,
    /// KOI8-R, ISO-2022-JP... are what mail from many clients is written in. Registered as soon as Guichet's code is
    /// loaded, because MimeKit keeps the answers of its first charset look-up for good.
    /// </summary>
    [ModuleInitializer]
    internal static void RegisterCodePages() => Encoding.RegisterProvider(CodePagesEncodingProvider.Instance);

    private static Encoding Windows1252 => Encoding.GetEncoding(1252);

    /// <summary>
    /// How to parse a mail: raw 8-bit bytes in headers (no RFC 2047 encoding, as some clients and scripts write them)
    /// are read as UTF-8 when they are valid UTF-8, else as windows-1252 (MimeKit's default would drop its
    /// quotes and euro sign, read as Latin-1's control characters).
    /// </summary>
    public static ParserOptions ParsingOptions()
    {
        var options = ParserOptions.Default.Clone();
        options.CharsetEncoding = Windows1252;
        return options;
    }

    public static MailContent Read(MimeMessage message)
    {
        var from = message.From.Mailboxes.FirstOrDefault() ?? message.Sender;
        // A name is one line: "=?utf-8?q?Eve=0D=0ABcc:...?=" decodes to a line break, which must not reach a header we write.
        if (from is not null) from.Name = OneLine.Of(from.Name);
        // The mail answered first, then the conversation from the newest back: the first one we know wins.
        var threadIds = new List<string>();
        if (!string.IsNullOrWhiteSpace(message.InReplyTo)) threadIds.Add(message.InReplyTo.Trim());
        var seen = new HashSet<string>(threadIds);
        threadIds.AddRange(message.References.Reverse().Where(seen.Add));

        var textParts = BodyParts(message.Body, html: false, root: true);
        var htmlParts = BodyParts(message.Body, html: true, root: true);
        var text = Join(textParts, "\n\n");
        var html = Join(htmlParts, "\n");
        var files = new List<MailFile>();
        var wrapped = new List<MimeMessage>();
        foreach (var entity in message.BodyParts)
            if (!textParts.Contains(entity) && !htmlParts.Contains(entity))
                Collect(entity, files, wrapped);

        if (IsBlank(text) && IsBlank(html) && wrapped.Count > 0)
        {
            // No words of its own: Outlook's body inside its winmail.dat, or a message forwarded as an attachment with
            // nothing written around it. The request must say something; the forwarded message stays a file too.
            var inner = Read(wrapped[0]);
            (text, html) = (inner.Text, inner.Html);
        }
        return new MailContent(
            from, [.. message.To.Mailboxes], [.. message.Cc.Mailboxes], SubjectOf(message), (message.MessageId ?? "").Trim(),
            threadIds, text, html, files);
    }

    /// <summary>
    /// The parts that make the body in one format. Of alternatives, the last that has it (the richest); of a related
    /// group, its root; of a mixed group, all of them in order: Apple Mail cuts the text around an inline attachment.
    /// A text part with a file name is a file (Apple Mail marks attachments "inline"), unless it is the whole mail.
    /// </summary>
    private static List<TextPart> BodyParts(MimeEntity? entity, bool html, bool root)
    {
        switch (entity)
        {
            case TextPart text when (html ? text.IsHtml : text.IsPlain) && !text.IsAttachment && (root || text.FileName is null):
                return [text];
            case MultipartAlternative alternative:
                foreach (var choice in alternative.Reverse())
                    if (BodyParts(choice, html, root: false) is { Count: > 0 } found) return found;
                return [];
            case MultipartRelated related:
                return BodyParts(related.Root, html, root: false);
            case Multipart multipart:
                return [.. multipart.SelectMany(part => BodyParts(part, html, root: false))];
            default:
                return [];
        }
    }

    private static void Collect(MimeEntity entity, List<MailFile> files, List<MimeMessage> wrapped)
    {
        switch (entity)
        {
            case TnefPart tnef:
                // Outlook's winmail.dat: the files it wraps, not the wrapper; one that gives nothing is kept as it came.
                if (Unwrap(tnef) is not { } inside)
                {
                    files.Add(new MailFile(tnef.FileName ?? "winmail.dat", tnef.ContentType.MimeType, null, tnef));
                    break;
                }
                wrapped.Add(inside);
                foreach (var inner in inside.BodyParts)
                    Collect(inner, files, wrapped);
                break;
            case MessagePart { Message: { } forwarded }:
                wrapped.Add(forwarded);
                var named = entity.ContentDisposition?.FileName ?? entity.ContentType.Name;
                var name = FileName(string.IsNullOrWhiteSpace(named) ? forwarded.Subject : Path.GetFileNameWithoutExtension(named), "message");
                files.Add(new MailFile(name + ".eml", "message/rfc822", null, entity));
                break;
            case TextPart { IsAttachment: false, FileName: null, ContentId: null }:
                // An alternative we do not show (text/enriched, text/calendar beside the HTML...).
                break;
            case MimePart part:
                var fileName = part.FileName ?? FileName(null, part.ContentId is null ? "attachment" : "image") + Extension(part.ContentType);
                files.Add(new MailFile(fileName, part.ContentType.MimeType, part.ContentId, part));
                break;
        }
    }

    private static MimeMessage? Unwrap(TnefPart tnef)
    {
        try
        {
            return tnef.ConvertToMessage() is { } inside && inside.BodyParts.Any() ? inside : null;
        }
        catch (TnefException)
        {
            return null;
        }
    }

    private static string? Join(List<TextPart> parts, string separator) =>
        parts.Count == 0 ? null : string.Join(separator, parts.Select(Decode));

    /// <summary>A text part's words, whatever its charset says (see <see cref="Decode(ReadOnlySpan{byte}, Encoding?)"/>); format=flowed unwrapped.</summary>
    private static string Decode(TextPart part)
    {
        if (part.Content is null) return "";
        using var memory = new MemoryStream();
        part.Content.DecodeTo(memory);
        var bytes = memory.GetBuffer().AsSpan(0, (int)memory.Length);
        var declared = part.ContentType.CharsetEncoding ?? (part.IsHtml ? MetaCharset(bytes) : null);
        var text = Decode(bytes, declared);
        var type = part.ContentType;
        if (part.IsPlain && "flowed".Equals(type.Format, StringComparison.OrdinalIgnoreCase))
        {
            // RFC 3676: Thunderbird and Apple Mail wrap lines at 72 with a trailing space; the paragraph is one line.
            var delSp = "yes".Equals(type.Parameters["delsp"], StringComparison.OrdinalIgnoreCase);
            text = new FlowedToText { DeleteSpace = delSp }.Convert(text);
        }
        return text;
    }

    /// <summary>
    /// Bytes as text: in the declared charset when they are valid in it, else UTF-8 when they are valid UTF-8, else
    /// windows-1252 (which every byte is). Labels lie: "us-ascii" or "iso-8859-1" on UTF-8 bytes is common, and
    /// valid UTF-8 by chance in Western text is not, so UTF-8 wins over a Western label. ISO-8859-1 is read as
    /// windows-1252, as browsers do: its 0x80-0x9F are control characters no one means, and Outlook's quotes.
    /// </summary>
    public static string Decode(ReadOnlySpan<byte> bytes, Encoding? declared)
    {
        var utf8 = Utf8.IsValid(bytes);
        var eightBit = bytes.ContainsAnyExceptInRange((byte)0, (byte)0x7F);
        if (declared is not null && !(utf8 && eightBit && declared.CodePage is 20127 or 28591 or 28605 or 1252))
        {
            var strict = Encoding.GetEncoding(declared.CodePage == 28591 ? 1252 : declared.CodePage, EncoderFallback.ReplacementFallback, DecoderFallback.ExceptionFallback);
            try
            {
                return strict.GetString(bytes).TrimStart('\uFEFF');
            }
            catch (DecoderFallbackException)
            {
                // Not that charset after all: guessed below.
            }
        }
        return (utf8 ? Encoding.UTF8.GetString(bytes) : Windows1252.GetString(bytes)).TrimStart('\uFEFF');
    }

    /// <summary>An HTML part without a charset in its Content-Type often has one in its &lt;meta&gt;.</summary>
    private static Encoding? MetaCharset(ReadOnlySpan<byte> html)
    {
        var head = Encoding.Latin1.GetString(html[..Math.Min(html.Length, 2048)]);
        var match = MetaCharsetPattern().Match(head);
        // MimeKit's charset names (aliases and misspellings included) through a Content-Type.
        return match.Success ? new ContentType("text", "html") { Charset = match.Groups[1].Value }.CharsetEncoding : null;
    }

    /// <summary>
    /// The subject, decoded from its raw bytes: MimeKit's unfolding would glue the words around a line break that an
    /// encoded word hides ("Order status=0D=0ABcc: ..."), where one line means a space.
    /// </summary>
    private static string SubjectOf(MimeMessage message) =>
        message.Headers.FirstOrDefault(h => h.Id == HeaderId.Subject) is { } header
            ? OneLine.Of(Rfc2047.DecodeText(ParsingOptions(), header.RawValue))
            : "";

    private static bool IsBlank(string? textOrHtml) =>
        string.IsNullOrWhiteSpace(textOrHtml) || string.IsNullOrWhiteSpace(System.Net.WebUtility.HtmlDecode(Tags().Replace(textOrHtml, " ")).Replace('\u00A0', ' '));

    private static string FileName(string? wanted, string fallback) =>
        string.IsNullOrWhiteSpace(wanted) ? fallback : string.Concat(OneLine.Of(wanted).Split(Path.GetInvalidFileNameChars()));

    private static string Extension(ContentType type) =>
        MimeTypes.TryGetExtension(type.MimeType, out var extension) ? extension : "";

    [GeneratedRegex(@"<meta[^>]*charset\s*=\s*[""']?\s*([A-Za-z0-9_:.\-]+)", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex MetaCharsetPattern();

    [GeneratedRegex(@"<head[\s\S]*?</head>|<style[\s\S]*?</style>|<[^>]*>", RegexOptions.IgnoreCase)]
    private static partial Regex Tags();
}
