using Guichet.Web.Hosting;
using Microsoft.Extensions.Options;
using MimeKit;

namespace Guichet.Web.Email.Outbound;

/// <summary>
/// Writes each mail to <c>{DataDirectory}/mail-out/{Message-ID}.eml</c> when no SMTP server is
/// configured. A reader of the folder never sees half a file: the mail is written under a
/// temporary name, flushed to disk and renamed. A retry rewrites the same file, so a mail
/// appears at most once however often it is sent.
/// </summary>
public sealed class PickupFolderTransport(IOptions<GuichetOptions> options) : IMailTransport
{
    public string Folder => Path.Combine(options.Value.FullDataDirectory, "mail-out");

    public string Name => $"pickup {Folder}";

    public async Task SendAsync(MimeMessage message, CancellationToken ct)
    {
        var path = Path.Combine(Folder, FileName(message.MessageId ?? Guid.NewGuid().ToString("N")) + ".eml");
        var temporary = Path.Combine(Folder, $".{Guid.NewGuid():N}.tmp");
        try
        {
            Directory.CreateDirectory(Folder);
            await using (var stream = new FileStream(temporary, FileMode.CreateNew, FileAccess.Write, FileShare.None, 16384, useAsync: true))
            {
                await message.WriteToAsync(stream, ct);
                stream.Flush(flushToDisk: true);
            }
            File.Move(temporary, path, overwrite: true);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            throw new MailDeliveryException($"{ex.GetType().Name}: {ex.Message}", permanent: false, ex);
        }
        finally
        {
            if (File.Exists(temporary)) TryDelete(temporary);
        }
    }

    /// <summary>Our Message-IDs are safe file names already; this keeps it so for any other.</summary>
    public static string FileName(string messageId)
    {
        var invalid = Path.GetInvalidFileNameChars();
        return string.Concat(messageId.Select(c => invalid.Contains(c) || c == '\\' ? '_' : c));
    }

    private static void TryDelete(string path)
    {
        try { File.Delete(path); }
        catch (IOException) { }   // the original error is the one worth reporting
    }
}
