namespace Guichet.Web.Attachments;

/// <summary>
/// Where attachment bytes live, addressed by their SHA-256: the same file sent twice is stored once,
/// and a key never changes meaning. On disk by default (<see cref="DiskBlobStore"/>); an object
/// store can take its place for several web nodes.
/// </summary>
public interface IBlobStore
{
    /// <summary>Stores the stream's bytes and returns their key (SHA-256, 64 lowercase hex digits).</summary>
    Task<string> PutAsync(Stream content, CancellationToken ct);

    /// <summary>The bytes of a key, or null when the store does not have them.</summary>
    Task<Stream?> OpenReadAsync(string key, CancellationToken ct);

    Task<bool> ExistsAsync(string key, CancellationToken ct);

    /// <summary>Every blob, with when it was last stored: a <see cref="PutAsync"/> of bytes already there counts as storing them again.</summary>
    IAsyncEnumerable<(string Key, DateTimeOffset StoredAt)> ListAsync(CancellationToken ct);

    /// <summary>
    /// Deletes a blob that was last stored before <paramref name="storedBefore"/> and that
    /// <paramref name="isUsed"/>, asked once the blob can no longer be stored again unnoticed, says is unused.
    /// Safe against a <see cref="PutAsync"/> of the same bytes at the same moment, on any node.
    /// </summary>
    Task<bool> DeleteUnusedAsync(string key, DateTimeOffset storedBefore, Func<string, CancellationToken, Task<bool>> isUsed, CancellationToken ct);
}
