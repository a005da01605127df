using System.Globalization;
using System.Text.RegularExpressions;

namespace Guichet.Web.Email.Outbound;

/// <summary>
/// The Message-IDs of our mails: <c>{id}@{host}</c>, and <c>t{number}.{id}@{host}</c> for a mail about a request,
/// so that a reply (its In-Reply-To, its References) names the request even after the outbox has been cleaned.
/// Naming a request is not enough to join it: the sender must be one of its people (<c>Inbound/MailThreading</c>).
/// </summary>
public static partial class OurMessageIds
{
    public static string New(Guid id, string host, long? ticketNumber) =>
        ticketNumber is { } number ? $"t{number.ToString(CultureInfo.InvariantCulture)}.{id:N}@{host}" : $"{id:N}@{host}";

    /// <summary>
    /// <c>t{number}.request@{host}</c>: the conversation's first mail for a request opened on the portal, by an agent or
    /// the API. No mail carries it: our mails about the request all answer it (In-Reply-To, References), so that mail
    /// clients show them as one conversation, and a reply that quotes it names the request like any of our Message-IDs.
    /// </summary>
    public static string Root(long ticketNumber, string host) => $"t{ticketNumber.ToString(CultureInfo.InvariantCulture)}.request@{host}";

    /// <summary>Whether a Message-ID (without angle brackets) was made by us on <paramref name="host"/>.</summary>
    public static bool IsOurs(string messageId, string host) => Parse(messageId, host) is not null;

    /// <summary>The request number a Message-ID of ours names, if it names one.</summary>
    public static long? TicketNumberOf(string messageId, string host) => Parse(messageId, host) is { } number && number > 0 ? number : null;

    /// <summary>0 for one of our mails about no request, the request's number for one about a request, null if not ours.</summary>
    private static long? Parse(string messageId, string host)
    {
        var match = Ours().Match(messageId.Trim().Trim('<', '>'));
        if (!match.Success || !string.Equals(match.Groups["host"].Value, host, StringComparison.OrdinalIgnoreCase)) return null;
        if (!match.Groups["number"].Success) return 0;
        return long.TryParse(match.Groups["number"].Value, NumberStyles.None, CultureInfo.InvariantCulture, out var n) ? n : null;
    }

    [GeneratedRegex(@"^(?:t(?<number>[0-9]{1,18})\.(?:[0-9a-f]{32}|request)|[0-9a-f]{32})@(?<host>[^@\s]+)$", RegexOptions.CultureInvariant | RegexOptions.IgnoreCase)]
    private static partial Regex Ours();
}
