using System.Security.Cryptography;
using Guichet.Web.Hosting;
using Microsoft.Extensions.Options;

namespace Guichet.Web.Attachments;

/// <summary>
/// Blobs as files under <c>{DataDirectory}/blobs/ab/cd/abcd…</c>: two levels of fan-out keep
/// directories small at millions of files. A blob is written to a temporary file first and moved
/// into place, so a reader never sees half a file and a crash leaves only a temporary file behind.
/// </summary>
public sealed class DiskBlobStore(IOptions<GuichetOptions> options, TimeProvider time, ILogger<DiskBlobStore> log) : IBlobStore
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
            // Bytes already there are stored again by marking them fresh: the sweep leaves young blobs
            // alone, so an upload whose row is not written yet keeps its blob (see DeleteUnusedAsync).
            if (!Touch(path))
            {
                Directory.CreateDirectory(Path.GetDirectoryName(path)!);
                try
                {
                    File.Move(temporary, path, overwrite: false);
                    Touch(path);
                    log.LogInformation("Blob {Key} stored", key);
                }
                // Another request stored the same bytes in the meantime: theirs is as good as ours.
                catch (IOException) when (Touch(path)) { }
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

    public async IAsyncEnumerable<(string Key, DateTimeOffset StoredAt)> ListAsync([System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken ct)
    {
        if (!Directory.Exists(Root)) yield break;
        foreach (var file in Directory.EnumerateFiles(Root, "*", SearchOption.AllDirectories))
        {
            ct.ThrowIfCancellationRequested();
            var key = Path.GetFileName(file);
            // Only blobs in their place: not files being written (incoming/) or being deleted (trash/).
            if (!IsKey(key) || file != PathOf(key)) continue;
            DateTimeOffset storedAt;
            try { storedAt = new DateTimeOffset(File.GetLastWriteTimeUtc(file), TimeSpan.Zero); }
            catch (IOException) { continue; }
            yield return (key, storedAt);
        }
        await Task.CompletedTask;
    }

    /// <summary>
    /// The blob is first moved aside (a rename: atomic, and it keeps the file's time). From then on, a
    /// PutAsync of the same bytes finds nothing to mark fresh and writes a new copy. A PutAsync before the
    /// move made the blob fresh, which is checked on the moved file. Only then is the database asked.
    /// </summary>
    public async Task<bool> DeleteUnusedAsync(string key, DateTimeOffset storedBefore, Func<string, CancellationToken, Task<bool>> isUsed, CancellationToken ct)
    {
        if (!IsKey(key)) return false;
        var path = PathOf(key);
        var trash = Path.Combine(Root, "trash");
        Directory.CreateDirectory(trash);
        var aside = Path.Combine(trash, $"{key}.{Guid.NewGuid():N}");
        try { File.Move(path, aside, overwrite: false); }
        catch (FileNotFoundException) { return false; }
        catch (DirectoryNotFoundException) { return false; }

        if (new DateTimeOffset(File.GetLastWriteTimeUtc(aside), TimeSpan.Zero) >= storedBefore || await isUsed(key, ct))
        {
            // Back in place, unless a new copy took the place meanwhile.
            try { File.Move(aside, path, overwrite: false); }
            catch (IOException) when (File.Exists(path)) { File.Delete(aside); }
            return false;
        }
        File.Delete(aside);
        log.LogInformation("Unused blob {Key} deleted", key);
        return true;
    }

    /// <summary>Marks a blob as stored now; false when it is not there.</summary>
    private bool Touch(string path)
    {
        try
        {
            File.SetLastWriteTimeUtc(path, time.GetUtcNow().UtcDateTime);
            return true;
        }
        catch (FileNotFoundException) { return false; }
        catch (DirectoryNotFoundException) { return false; }
    }

    private string PathOf(string key) => Path.Combine(Root, key[..2], key[2..4], key);

    /// <summary>Keys come from the database, but a path is built from them: only a real hash may become one.</summary>
    private static bool IsKey(string key) => key.Length == 64 && key.All(char.IsAsciiHexDigitLower);
}
