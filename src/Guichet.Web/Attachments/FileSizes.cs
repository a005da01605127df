using System.Globalization;

namespace Guichet.Web.Attachments;

/// <summary>File sizes as people read them (12 KB, 3.4 MB), in the current culture's digits.</summary>
public static class FileSizes
{
    public static string Format(long bytes) => bytes switch
    {
        < 1024 => string.Create(CultureInfo.CurrentCulture, $"{bytes} B"),
        < 1024 * 1024 => string.Create(CultureInfo.CurrentCulture, $"{Math.Ceiling(bytes / 1024.0):0} KB"),
        < 1024L * 1024 * 1024 => string.Create(CultureInfo.CurrentCulture, $"{bytes / (1024.0 * 1024):0.#} MB"),
        _ => string.Create(CultureInfo.CurrentCulture, $"{bytes / (1024.0 * 1024 * 1024):0.#} GB"),
    };
}
