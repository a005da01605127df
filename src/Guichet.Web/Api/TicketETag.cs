namespace Guichet.Web.Api;

/// <summary>
/// A ticket's <see cref="Tickets.Ticket.Version"/> as an HTTP entity tag: GET and PATCH answer with it in ETag, and a
/// change sent with If-Match is refused with 412 when the ticket changed since (without If-Match, a change made at the
/// same moment as another is still refused, with 409).
/// </summary>
public static class TicketETag
{
    public static string Of(Guid version) => $"\"{version:N}\"";

    public static void Set(HttpResponse response, Guid version) => response.Headers.ETag = Of(version);

    /// <summary>Whether If-Match was sent and names neither this version nor "*" (a strong comparison: a weak tag never matches, RFC 9110).</summary>
    public static bool Refuses(HttpRequest request, Guid version) => Refuses(request, Of(version));

    /// <summary>The same for any entity tag (the organization notes' revision): whether If-Match was sent and names neither it nor "*".</summary>
    public static bool Refuses(HttpRequest request, string current)
    {
        var header = request.Headers.IfMatch;
        if (header.Count == 0) return false;
        foreach (var value in header)
            foreach (var tag in (value ?? "").Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries))
                if (tag == "*" || tag == current) return false;
        return true;
    }
}
