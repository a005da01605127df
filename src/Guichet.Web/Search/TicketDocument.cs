using System.Globalization;
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
    /// <summary>Made by <see cref="OfNew"/>: the index has no document for this number yet.</summary>
    public bool IsNew { get; init; }

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
        return rows.ConvertAll(t => Of(t.Number, t.Subject, t.RequesterId, t.OrganizationId, t.GroupId, t.AssigneeId, t.Participants,
            t.Messages.Select(m => (m.BodyText, m.IsInternal))));
    }

    /// <summary>
    /// The document of a ticket being created, from the entity itself: all it has is in memory
    /// (its messages and participants are new with it), so nothing needs reading back, which keeps
    /// the creation's write transaction short (SQLite has one writer at a time).
    /// </summary>
    public static TicketDocument OfNew(Ticket t) =>
        Of(t.Number, t.Subject, t.RequesterId, t.OrganizationId, t.GroupId, t.AssigneeId, t.Participants.Select(p => p.UserId),
            t.Messages.OrderBy(m => m.CreatedAt).ThenBy(m => m.Id).Select(m => (m.BodyText, m.IsInternal))) with { IsNew = true };

    private static TicketDocument Of(long number, string subject, Guid requesterId, Guid? organizationId, int? groupId, Guid? assigneeId,
        IEnumerable<Guid> participants, IEnumerable<(string BodyText, bool IsInternal)> messages)
    {
        var all = messages.ToList();
        return new TicketDocument(
            number,
            ScopeTokens.Of(requesterId, organizationId, groupId, assigneeId, participants),
            Text([number.ToString(CultureInfo.InvariantCulture), subject, .. all.Where(m => !m.IsInternal).Select(m => m.BodyText)]),
            Text(all.Where(m => m.IsInternal).Select(m => m.BodyText)));
    }

    private static string Text(IEnumerable<string> parts) => IndexedText.Of(parts, MaxLength);
}
