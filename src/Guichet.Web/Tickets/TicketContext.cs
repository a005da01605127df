using Guichet.Web.Data;
using Microsoft.EntityFrameworkCore;

namespace Guichet.Web.Tickets;

/// <summary>
/// What an agent wants beside a request: the requester's other recent requests and how many are in progress, and the
/// organization's — with the notes the team keeps on it. The requester's are read through the rule of who sees which
/// ticket; the organization's number counts all its requests (a number, nothing of what they say).
/// </summary>
public sealed class TicketContext(GuichetDbContext db)
{
    public const int RecentShown = 5;

    public sealed record OtherRequest(long Number, string Subject, int StatusId, DateTimeOffset LastActivityAt);

    public sealed record Context(string RequesterEmail, IReadOnlyList<OtherRequest> RequesterRecent, int RequesterInProgress,
        Guid? OrganizationId, int OrganizationInProgress, string? OrganizationNotes, int OrganizationNotesRevision);

    public async Task<Context> OfAsync(Ticket ticket, Viewer viewer, IReadOnlyList<Status> statuses, CancellationToken ct)
    {
        var inProgress = statuses.Where(s => !s.IsFinished).Select(s => s.Id).ToList();
        var theirs = db.Tickets.AsNoTracking().VisibleTo(viewer).Where(t => t.RequesterId == ticket.RequesterId && t.Id != ticket.Id);
        var recent = await theirs.OrderByDescending(t => t.LastActivityAt).Take(RecentShown)
            .Select(t => new OtherRequest(t.Number, t.Subject, t.StatusId, t.LastActivityAt)).ToListAsync(ct);
        var requesterInProgress = await theirs.CountAsync(t => inProgress.Contains(t.StatusId), ct);
        var email = await db.Users.Where(u => u.Id == ticket.RequesterId).Select(u => u.Email).SingleOrDefaultAsync(ct) ?? "";
        if (ticket.OrganizationId is not { } organization) return new(email, recent, requesterInProgress, null, 0, null, 0);

        // The organization's kept counts (see OrganizationTicketCount) rather than counting its requests.
        var organizationInProgress = await db.Set<OrganizationTicketCount>()
            .Where(c => c.OrganizationId == organization && inProgress.Contains(c.StatusId)).SumAsync(c => c.Count, ct);
        var notes = await db.Organizations.Where(o => o.Id == organization).Select(o => new { o.Notes, o.NotesRevision }).SingleAsync(ct);
        return new(email, recent, requesterInProgress, organization, organizationInProgress, notes.Notes, notes.NotesRevision);
    }
}
