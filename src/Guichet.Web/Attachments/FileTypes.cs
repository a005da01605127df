using System.Text;
using Microsoft.AspNetCore.StaticFiles;

namespace Guichet.Web.Attachments;

/// <summary>
/// What a received file is called and what it is. The name and type a browser or a mail client
/// sends are the sender's word: the name is cleaned, and a type that browsers would render
/// (images shown inline) is only believed when the file's first bytes say the same.
/// </summary>
public sealed class FileTypes
{
    public const string Binary = "application/octet-stream";

    /// <summary>Raster formats browsers decode without running anything: the only files ever served inline.</summary>
    private static readonly string[] InlineImages = ["image/png", "image/jpeg", "image/gif", "image/webp"];

    private readonly FileExtensionContentTypeProvider byExtension = new();

    /// <summary>A file name safe to store, show and send back: no folders, no control or reserved characters, not too long.</summary>
    public static string SafeName(string? name)
    {
        // Old browsers send the whole client path; both separators, since the client may be Windows.
        var last = (name ?? "").Split('/', '\\').Last();
        var clean = new StringBuilder(last.Length);
        foreach (var c in last.Normalize(NormalizationForm.FormC))
            clean.Append(char.IsControl(c) || "<>:\"|?*".Contains(c) ? '_' : c);
        var safe = clean.ToString().Trim().Trim('.', ' ');
        if (safe.Length > Attachment.FileNameMaxLength)
        {
            var extension = Path.GetExtension(safe);
            extension = extension.Length > 20 ? "" : extension;
            safe = safe[..(Attachment.FileNameMaxLength - extension.Length)] + extension;
        }
        return safe.Length == 0 ? "file" : safe;
    }

    /// <summary>The type to store for a file, from its first bytes (at least 12) and then its name.</summary>
    public string TypeOf(string fileName, ReadOnlySpan<byte> head)
    {
        if (Sniff(head) is { } sniffed) return sniffed;
        var claimed = byExtension.TryGetContentType(fileName, out var type) ? type : Binary;
        // A ".png" whose bytes are not a PNG might be anything, an HTML page included.
        return InlineImages.Contains(claimed) ? Binary : claimed;
    }

    public static bool IsInlineImage(string contentType) => InlineImages.Contains(contentType);

    /// <summary>
    /// The Content-Type of a download. Types a browser would run as a page (HTML, SVG, XML with its
    /// stylesheets, scripts) go out as plain bytes, so that an attachment never acts on this site's origin.
    /// </summary>
    public static string ServedType(string contentType) =>
        contentType.Contains("html", StringComparison.OrdinalIgnoreCase) || contentType.Contains("xml", StringComparison.OrdinalIgnoreCase)
        || contentType.Contains("svg", StringComparison.OrdinalIgnoreCase) || contentType.Contains("script", StringComparison.OrdinalIgnoreCase)
            ? Binary
            : contentType;

    private static string? Sniff(ReadOnlySpan<byte> head) => head switch
    {
        [0x89, (byte)'P', (byte)'N', (byte)'G', 0x0D, 0x0A, 0x1A, 0x0A, ..] => "image/png",
        [0xFF, 0xD8, 0xFF, ..] => "image/jpeg",
        [(byte)'G', (byte)'I', (byte)'F', (byte)'8', (byte)'7' or (byte)'9', (byte)'a', ..] => "image/gif",
        [(byte)'R', (byte)'I', (byte)'F', (byte)'F', _, _, _, _, (byte)'W', (byte)'E', (byte)'B', (byte)'P', ..] => "image/webp",
        _ => null,
    };
}
