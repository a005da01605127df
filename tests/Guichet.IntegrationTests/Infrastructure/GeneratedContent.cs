using System.Net;

namespace Guichet.IntegrationTests.Infrastructure;

/// <summary>
/// A body of any size made up while it is sent, never held in memory: hundreds of megabytes of
/// upload cost the test nothing. Without a declared length it goes chunked, as a client streaming
/// a file of unknown size would send it.
/// </summary>
public sealed class GeneratedContent(long length, bool declareLength = true) : HttpContent
{
    private static readonly byte[] Chunk = Enumerable.Range(0, 64 * 1024).Select(i => (byte)('a' + i % 26)).ToArray();

    /// <summary>How many bytes the server took before it answered or hung up.</summary>
    public long Sent { get; private set; }

    protected override async Task SerializeToStreamAsync(Stream stream, TransportContext? context) =>
        await SerializeToStreamAsync(stream, context, CancellationToken.None);

    protected override async Task SerializeToStreamAsync(Stream stream, TransportContext? context, CancellationToken cancellationToken)
    {
        while (Sent < length)
        {
            var count = (int)Math.Min(Chunk.Length, length - Sent);
            await stream.WriteAsync(Chunk.AsMemory(0, count), cancellationToken);
            Sent += count;
        }
    }

    protected override bool TryComputeLength(out long declared)
    {
        declared = declareLength ? length : 0;
        return declareLength;
    }
}
