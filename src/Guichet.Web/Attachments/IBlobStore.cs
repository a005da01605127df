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
}
