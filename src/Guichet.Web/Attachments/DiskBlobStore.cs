using System.Security.Cryptography;
using Guichet.Web.Hosting;
using Microsoft.Extensions.Options;

namespace Guichet.Web.Attachments;

/// <summary>
/// Blobs as files under <c>{DataDirectory}/blobs/ab/cd/abcd…</c>: two levels of fan-out keep
/// directories small at millions of files. A blob is written to a temporary file first and moved
/// into place, so a reader never sees half a file and a crash leaves only a temporary file behind.
/// </summary>
public sealed class DiskBlobStore(IOptions<GuichetOptions> options, ILogger<DiskBlobStore> log) : IBlobStore
{
    private string Root => Path.Combine(options.Value.FullDataDirectory, "blobs");

    public async Task<string> PutAsync(Stream content, CancellationToken ct)
    {
        var incoming = Path.Combine(Root, "incoming");
        Directory.CreateDirectory(incoming);
        var temporary = Path.Combine(incoming, Guid.NewGuid().ToString("N"));
        string key;
        try
        {
            using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
            await using (var file = new FileStream(temporary, FileMode.CreateNew, FileAccess.Write, FileShare.None, 81920, useAsync: true))
            {
                var buffer = new byte[81920];
                int read;
                while ((read = await content.ReadAsync(buffer, ct)) > 0)
                {
                    hash.AppendData(buffer, 0, read);
                    await file.WriteAsync(buffer.AsMemory(0, read), ct);
                }
                await file.FlushAsync(ct);
            }
            key = Convert.ToHexStringLower(hash.GetHashAndReset());
            var path = PathOf(key);
            if (!File.Exists(path))
            {
                Directory.CreateDirectory(Path.GetDirectoryName(path)!);
                try
                {
                    File.Move(temporary, path, overwrite: false);
                    log.LogInformation("Blob {Key} stored", key);
                }
                // Another request stored the same bytes in the meantime: theirs is as good as ours.
                catch (IOException) when (File.Exists(path)) { }
            }
        }
        finally
        {
            File.Delete(temporary);
        }
        return key;
    }

    public Task<Stream?> OpenReadAsync(string key, CancellationToken ct)
    {
        if (!IsKey(key) || !File.Exists(PathOf(key))) return Task.FromResult<Stream?>(null);
        return Task.FromResult<Stream?>(new FileStream(PathOf(key), FileMode.Open, FileAccess.Read, FileShare.Read, 81920, useAsync: true));
    }

    public Task<bool> ExistsAsync(string key, CancellationToken ct) => Task.FromResult(IsKey(key) && File.Exists(PathOf(key)));

    private string PathOf(string key) => Path.Combine(Root, key[..2], key[2..4], key);

    /// <summary>Keys come from the database, but a path is built from them: only a real hash may become one.</summary>
    private static bool IsKey(string key) => key.Length == 64 && key.All(char.IsAsciiHexDigitLower);
}
