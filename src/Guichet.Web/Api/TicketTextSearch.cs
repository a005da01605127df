using Guichet.Web.Tickets;

namespace Guichet.Web.Api;

/// <summary>
/// The q parameter of GET /api/v1/tickets. For now a case-insensitive substring of the subject;
/// the full-text search service replaces this one method when it arrives.
/// </summary>
public static class TicketTextSearch
{
    public static IQueryable<Ticket> Matching(this IQueryable<Ticket> tickets, string q)
    {
        var words = q.Trim().ToLowerInvariant();
        return tickets.Where(t => t.Subject.ToLower().Contains(words));
    }
}
