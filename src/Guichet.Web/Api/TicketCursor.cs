using System.Buffers.Text;
using System.Text.Json;

namespace Guichet.Web.Api;

/// <summary>
/// Where the next page of a ticket list starts: the last row's sort value and number (the
/// tie-breaker), with the sort it belongs to. Opaque to clients (base64url JSON), so its shape may change.
/// </summary>
public sealed record TicketCursor(TicketSort Sort, bool Descending, long? Ticks, string? Subject, long Number)
{
    public static TicketCursor After(TicketSort sort, bool descending, TicketViews.Row last) => sort switch
    {
        TicketSort.Created => new(sort, descending, last.CreatedAt.UtcTicks, null, last.Number),
        TicketSort.Updated => new(sort, descending, last.LastActivityAt.UtcTicks, null, last.Number),
        TicketSort.Subject => new(sort, descending, null, last.Subject, last.Number),
        _ => new(sort, descending, null, null, last.Number),
    };

    public string Encode() => Base64Url.EncodeToString(JsonSerializer.SerializeToUtf8Bytes(this));

    /// <summary>Null when the text is not a cursor, or one of another sort (a client that changed the sort must start again).</summary>
    public static TicketCursor? Decode(string text, TicketSort sort, bool descending)
    {
        try
        {
            var cursor = JsonSerializer.Deserialize<TicketCursor>(Base64Url.DecodeFromChars(text));
            var complete = sort switch
            {
                TicketSort.Created or TicketSort.Updated => cursor?.Ticks is not null,
                TicketSort.Subject => cursor?.Subject is not null,
                _ => cursor is not null,
            };
            return complete && cursor!.Sort == sort && cursor.Descending == descending ? cursor : null;
        }
        catch (Exception e) when (e is FormatException or JsonException)
        {
            return null;
        }
    }
}

public enum TicketSort
{
    Updated,
    Created,
    Number,
    Subject,
}
