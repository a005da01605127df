using Guichet.Web.Data;
using Guichet.Web.Tickets;
using Microsoft.EntityFrameworkCore;

namespace Guichet.Web.Journal;

/// <summary>
/// Every change to every ticket, newest first: the ticket events themselves (never written separately), filtered by
/// period, actor, organization, request type and kind of change, for admins. A change into the status that counts as
/// processed for the ticket's type (<see cref="RequestType.ProcessedStatusId"/>) is marked so.
/// </summary>
public sealed class ActivityJournal(GuichetDbContext db)
{
    /// <summary>The kinds of change the journal filters on, as they appear in its address.</summary>
    public static readonly string[] Kinds = ["created", "replied", "note", "status", "processed", "priority", "assignee", "group", "fields", "participants", "time", "merged"];

    public const int PageSize = 100;

    /// <summary>The most lines a file holds: beyond, the period is to be narrowed.</summary>
    public const int MaxExported = 50_000;

    /// <summary><paramref name="From"/> and <paramref name="To"/> are instants (the reader's days, made UTC by the page); <paramref name="Before"/> pages.</summary>
    public sealed record Filter(DateTimeOffset From, DateTimeOffset To, Guid? ActorId = null, Guid? OrganizationId = null, int? RequestTypeId = null,
        string? Kind = null, long? Before = null);

    public sealed record Line(long Id, DateTimeOffset At, long Number, string Subject, string? Organization, int RequestTypeId, Guid? ActorId,
        string Actor, bool ActorIsStaff, TicketEventKind Kind, string? Field, string? Before, string? After, Guid? MessageId, bool Processed);

    public async Task<(IReadOnlyList<Line> Lines, bool More)> PageAsync(Filter filter, CancellationToken ct)
    {
        var lines = await Lines(filter).Take(PageSize + 1).ToListAsync(ct);
        return (lines.Take(PageSize).ToList(), lines.Count > PageSize);
    }

    public async Task<IReadOnlyList<Line>> AllAsync(Filter filter, CancellationToken ct) => await Lines(filter).Take(MaxExported).ToListAsync(ct);

    private IQueryable<Line> Lines(Filter filter)
    {
        var events = db.TicketEvents.AsNoTracking().Where(e => e.At >= filter.From && e.At < filter.To);
        if (filter.Before is { } before) events = events.Where(e => e.Id < before);
        if (filter.ActorId is { } actor) events = events.Where(e => e.ActorId == actor);
        events = filter.Kind switch
        {
            "created" => events.Where(e => e.Kind == TicketEventKind.Created),
            "replied" => events.Where(e => e.Kind == TicketEventKind.Replied),
            "note" => events.Where(e => e.Kind == TicketEventKind.NoteAdded),
            "status" or "processed" => events.Where(e => e.Kind == TicketEventKind.StatusChanged),
            "priority" or "assignee" or "group" => events.Where(e => e.Kind == TicketEventKind.FieldChanged && e.Field == filter.Kind),
            "fields" => events.Where(e => e.Kind == TicketEventKind.FieldChanged && e.Field!.StartsWith(Ticket.FieldEventPrefix)),
            "participants" => events.Where(e => e.Kind == TicketEventKind.ParticipantAdded || e.Kind == TicketEventKind.ParticipantRemoved),
            "time" => events.Where(e => e.Kind == TicketEventKind.TimeLogged || e.Kind == TicketEventKind.TimeRemoved || e.Kind == TicketEventKind.TimeChanged),
            "merged" => events.Where(e => e.Kind == TicketEventKind.MergedInto || e.Kind == TicketEventKind.MergedFrom),
            _ => events,
        };
        var tickets = db.Tickets.AsNoTracking();
        if (filter.OrganizationId is { } organization) tickets = tickets.Where(t => t.OrganizationId == organization);
        if (filter.RequestTypeId is { } type) tickets = tickets.Where(t => t.RequestTypeId == type);

        var rows =
            from e in events
            join t in tickets on e.TicketId equals t.Id
            join rt in db.RequestTypes on t.RequestTypeId equals rt.Id
            from u in db.Users.Where(u => u.Id == e.ActorId).DefaultIfEmpty()
            select new
            {
                e, t, u,
                Processed = e.Kind == TicketEventKind.StatusChanged && rt.ProcessedStatusId != null && e.After == rt.ProcessedStatusId.Value.ToString(),
            };
        if (filter.Kind == "processed") rows = rows.Where(r => r.Processed);
        // Ordered before the lines are made: a query cannot sort on what a constructor was given.
        return rows.OrderByDescending(r => r.e.Id).Select(r => new Line(r.e.Id, r.e.At, r.t.Number, r.t.Subject,
            r.t.Organization != null ? r.t.Organization!.Name : null, r.t.RequestTypeId, r.e.ActorId,
            r.u == null ? "" : (r.u.FirstName + " " + r.u.LastName).Trim() == "" ? r.u.Email! : (r.u.FirstName + " " + r.u.LastName).Trim(),
            r.u != null && db.UserRoles.Any(ur => ur.UserId == r.u!.Id), r.e.Kind, r.e.Field, r.e.Before, r.e.After, r.e.MessageId, r.Processed));
    }
}
