using System.Globalization;
using System.Text.RegularExpressions;

namespace Guichet.Web.Email.Outbound;

/// <summary>
/// The Message-IDs of our mails: <c>{id}@{host}</c>, and <c>t{number}.{id}@{host}</c> for a mail about a request,
/// so that a reply (its In-Reply-To, its References) names the request even after the outbox has been cleaned.
/// Naming a request is not enough to join it: the sender must be one of its people (<c>Inbound/MailThreading</c>).
/// A mail that shows an internal note (an agent's "you were mentioned" mail) is <c>t{number}.n{id}@{host}</c>:
/// an agent's reply to it is a note too (<c>Inbound/InboundProcessor</c>), without a column saying so.
/// </summary>
public static partial class OurMessageIds
{
    /// <param name="aboutNote">The mail shows an internal note: only the team gets it, and a reply to it stays internal.</param>
    public static string New(Guid id, string host, long? ticketNumber, bool aboutNote = false)
    {
        if (ticketNumber is not { } number)
            return aboutNote ? throw new ArgumentException("A mail about a note is about a request.", nameof(aboutNote)) : $"{id:N}@{host}";
        return $"t{number.ToString(CultureInfo.InvariantCulture)}.{(aboutNote ? "n" : "")}{id:N}@{host}";
    }

    /// <summary>
    /// <c>t{number}.request@{host}</c>: the conversation's first mail for a request opened on the portal, by an agent or
    /// the API. No mail carries it: our mails about the request all answer it (In-Reply-To, References), so that mail
    /// clients show them as one conversation, and a reply that quotes it names the request like any of our Message-IDs.
    /// </summary>
    public static string Root(long ticketNumber, string host) => $"t{ticketNumber.ToString(CultureInfo.InvariantCulture)}.request@{host}";

    /// <summary>Whether a Message-ID (without angle brackets) was made by us on <paramref name="host"/>.</summary>
    public static bool IsOurs(string messageId, string host) => Parse(messageId, host) is not null;

    /// <summary>The request number a Message-ID of ours names, if it names one.</summary>
    public static long? TicketNumberOf(string messageId, string host) => Parse(messageId, host) is { Number: > 0 } ours ? ours.Number : null;

    /// <summary>Whether a Message-ID is one of ours for a mail that showed an internal note.</summary>
    public static bool IsAboutNote(string messageId, string host) => Parse(messageId, host) is { AboutNote: true };

    /// <summary>Number 0 for one of our mails about no request, the request's number for one about a request; null if not ours.</summary>
    private static (long Number, bool AboutNote)? Parse(string messageId, string host)
    {
        var match = Ours().Match(messageId.Trim().Trim('<', '>'));
        if (!match.Success || !string.Equals(match.Groups["host"].Value, host, StringComparison.OrdinalIgnoreCase)) return null;
        if (!match.Groups["number"].Success) return (0, false);
        return long.TryParse(match.Groups["number"].Value, NumberStyles.None, CultureInfo.InvariantCulture, out var n) ? (n, match.Groups["note"].Success) : null;
    }

    [GeneratedRegex(@"^(?:t(?<number>[0-9]{1,18})\.(?:(?<note>n)?[0-9a-f]{32}|request)|[0-9a-f]{32})@(?<host>[^@\s]+)$", RegexOptions.CultureInvariant | RegexOptions.IgnoreCase)]
    private static partial Regex Ours();
}
