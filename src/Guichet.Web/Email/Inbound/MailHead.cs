namespace Guichet.Web.Email.Inbound;

/// <summary>
/// A mail's header block, read before MimeKit sees it. MimeKit takes seconds over one header folded into tens of
/// thousands of lines (its time grows with the square of their number): a head over the limit is refused unread.
/// </summary>
public static class MailHead
{
    /// <summary>The header block, up to the empty line that ends it; null when it is longer than <paramref name="max"/> bytes.</summary>
    public static async Task<byte[]?> ReadAsync(Stream raw, int max, CancellationToken ct)
    {
        var buffer = new byte[max + 3];
        var length = 0;
        while (length < buffer.Length)
        {
            var read = await raw.ReadAsync(buffer.AsMemory(length), ct);
            if (read == 0) return buffer[..length];   // no body: all of it is head
            var from = Math.Max(0, length - 2);
            length += read;
            if (EndOf(buffer.AsSpan(0, length), from) is { } end) return end > max ? null : buffer[..end];
        }
        return null;
    }

    /// <summary>Where the head ends: after the first empty line (CRLF or a bare LF, as some scripts write).</summary>
    private static int? EndOf(ReadOnlySpan<byte> bytes, int from)
    {
        if (from == 0 && bytes is [(byte)'\n', ..]) return 1;
        if (from == 0 && bytes is [(byte)'\r', (byte)'\n', ..]) return 2;
        for (var i = bytes[from..].IndexOf((byte)'\n'); i >= 0; i = bytes[from..].IndexOf((byte)'\n'))
        {
            var at = from + i;
            if (at + 1 < bytes.Length && bytes[at + 1] == '\n') return at + 2;
            if (at + 2 < bytes.Length && bytes[at + 1] == '\r' && bytes[at + 2] == '\n') return at + 3;
            from = at + 1;
        }
        return null;
    }
}
