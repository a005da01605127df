using System.Globalization;
using System.Text;
using Guichet.Web.Tickets;
using Microsoft.EntityFrameworkCore;

namespace Guichet.Web.Search;

/// <summary>
/// What the search index holds for one ticket, keyed by its number: who may see it
/// (<see cref="ScopeTokens"/>), the text everyone who sees it may search (number, subject,
/// description and public replies), and the internal notes, which only staff search.
/// </summary>
internal sealed record TicketDocument(long Number, IReadOnlyList<string> Scope, string Body, string Notes)
{
    /// <summary>
    /// Characters indexed per part, the earliest first. PostgreSQL refuses a tsvector over 1 MB;
    /// this keeps far below it, and a conversation longer than this is mostly quoted history.
    /// </summary>
    public const int MaxLength = 100_000;

    /// <summary>The documents of these tickets, as they are now in the database (this transaction's view).</summary>
    public static async Task<List<TicketDocument>> LoadAsync(IQueryable<Ticket> tickets, CancellationToken ct)
    {
        var rows = await tickets.AsNoTracking()
            .Select(t => new
            {
                t.Number, t.Subject, t.RequesterId, t.OrganizationId, t.GroupId, t.AssigneeId,
                Participants = t.Participants.Select(p => p.UserId).ToList(),
                Messages = t.Messages.OrderBy(m => m.CreatedAt).ThenBy(m => m.Id).Select(m => new { m.BodyText, m.IsInternal }).ToList(),
            })
            .AsSplitQuery()
            .ToListAsync(ct);
        return rows.ConvertAll(t => new TicketDocument(
            t.Number,
            ScopeTokens.Of(t.RequesterId, t.OrganizationId, t.GroupId, t.AssigneeId, t.Participants),
            Text([t.Number.ToString(CultureInfo.InvariantCulture), t.Subject, .. t.Messages.Where(m => !m.IsInternal).Select(m => m.BodyText)]),
            Text(t.Messages.Where(m => m.IsInternal).Select(m => m.BodyText))));
    }

    /// <summary>The words of the parts, one space apart, cut at <see cref="MaxLength"/>.</summary>
    private static string Text(IEnumerable<string> parts)
    {
        var text = new StringBuilder();
        foreach (var word in parts.SelectMany(SearchQuery.Words))
        {
            if (text.Length + word.Length + 1 > MaxLength) break;
            if (text.Length > 0) text.Append(' ');
            text.Append(word);
        }
        return text.ToString();
    }
}
