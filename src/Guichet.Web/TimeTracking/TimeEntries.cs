using Guichet.Web.Data;
using Guichet.Web.Portal;
using Guichet.Web.Tickets;
using Microsoft.EntityFrameworkCore;

namespace Guichet.Web.TimeTracking;

/// <summary>
/// The timesheet of one ticket, for its page and the API: what was logged, by whom, and logging or taking off
/// time, correcting or taking off an entry. Staff always; customers only where the portal shares the timesheet with them
/// (<see cref="PortalSettings.CustomersLogTime"/>), and their time is never billable.
/// </summary>
public sealed class TimeEntries(GuichetDbContext db, NodeCache cache, TimeProvider time)
{
    public sealed record Line(Guid Id, Guid UserId, string Who, bool ByStaff, DateOnly WorkedOn, int Minutes, string Note, bool Billable);

    public sealed record Sheet(IReadOnlyList<Line> Lines, int Minutes, int BillableMinutes);

    public enum Outcome { Logged, Changed, Unchanged, Removed, NotShared, NotFound, NotYours }

    /// <summary>Whether the viewer sees and logs time on the tickets they may see.</summary>
    public async Task<bool> SharedWithAsync(Viewer viewer, CancellationToken ct) =>
        viewer.IsStaff || (await PortalSettings.CurrentAsync(db, cache, ct)).CustomersLogTime;

    public async Task<Sheet> OfTicketAsync(Guid ticketId, CancellationToken ct)
    {
        var lines = await db.TimeEntries.AsNoTracking().Where(e => e.TicketId == ticketId)
            .OrderBy(e => e.WorkedOn).ThenBy(e => e.CreatedAt)
            .Join(db.Users, e => e.UserId, u => u.Id, (e, u) => new Line(e.Id, e.UserId,
                (u.FirstName + " " + u.LastName).Trim() == "" ? u.Email! : (u.FirstName + " " + u.LastName).Trim(),
                db.UserRoles.Any(r => r.UserId == u.Id), e.WorkedOn, e.Minutes, e.Note, e.Billable))
            .ToListAsync(ct);
        return new Sheet(lines, lines.Sum(l => l.Minutes), lines.Where(l => l.Billable).Sum(l => l.Minutes));
    }

    /// <summary>Logs time on a ticket the viewer sees (the caller found it through the visibility rule).</summary>
    public async Task<(Outcome Outcome, TimeEntry? Entry)> LogAsync(Ticket ticket, Viewer viewer, int minutes, DateOnly workedOn, string? note,
        bool billable, CancellationToken ct)
    {
        if (!await SharedWithAsync(viewer, ct)) return (Outcome.NotShared, null);
        var now = time.GetUtcNow();
        var entry = new TimeEntry
        {
            Id = Guid.CreateVersion7(now), TicketId = ticket.Id, UserId = viewer.UserId, WorkedOn = workedOn, Minutes = minutes,
            Note = (note ?? "").Trim(), Billable = billable && viewer.IsStaff, CreatedAt = now,
        };
        db.TimeEntries.Add(entry);
        ticket.RecordTime(minutes, removed: false, await SeenByCustomersAsync(ct), viewer.UserId, now);
        await db.SaveChangesAsync(ct);
        return (Outcome.Logged, entry);
    }

    /// <summary>
    /// Who may correct or take off an entry: its author, or an admin (a customer only while the timesheet is shared with
    /// them, which <see cref="SharedWithAsync"/> checks first).
    /// </summary>
    public static bool MayChange(Guid authorId, Viewer viewer) => authorId == viewer.UserId || viewer.IsAdmin;

    /// <summary>
    /// Corrects an entry of a ticket the viewer sees (the caller found it through the visibility rule), under the rule of
    /// <see cref="MayChange"/>. Time a customer logged stays not billable, whoever corrects it. A change is an event of
    /// the ticket's history, as logging is, and like it not a change of the ticket (its version and last activity stay).
    /// </summary>
    public async Task<Outcome> ChangeAsync(Ticket ticket, Viewer viewer, Guid entryId, int minutes, DateOnly workedOn, string? note, bool billable,
        CancellationToken ct)
    {
        if (!await SharedWithAsync(viewer, ct)) return Outcome.NotShared;
        var entry = await db.TimeEntries.SingleOrDefaultAsync(e => e.Id == entryId && e.TicketId == ticket.Id, ct);
        if (entry is null) return Outcome.NotFound;
        if (!MayChange(entry.UserId, viewer)) return Outcome.NotYours;
        var before = entry.Minutes;
        var authorIsStaff = entry.UserId == viewer.UserId ? viewer.IsStaff : await db.UserRoles.AnyAsync(r => r.UserId == entry.UserId, ct);
        if (!entry.Correct(minutes, workedOn, (note ?? "").Trim(), billable && viewer.IsStaff && authorIsStaff)) return Outcome.Unchanged;
        ticket.RecordTimeChange(before, minutes, await SeenByCustomersAsync(ct), viewer.UserId, time.GetUtcNow());
        await db.SaveChangesAsync(ct);
        return Outcome.Changed;
    }

    /// <summary>Takes off an entry of a ticket the viewer sees, under the rule of <see cref="MayChange"/>.</summary>
    public async Task<Outcome> RemoveAsync(Ticket ticket, Viewer viewer, Guid entryId, CancellationToken ct)
    {
        if (!await SharedWithAsync(viewer, ct)) return Outcome.NotShared;
        var entry = await db.TimeEntries.SingleOrDefaultAsync(e => e.Id == entryId && e.TicketId == ticket.Id, ct);
        if (entry is null) return Outcome.NotFound;
        if (!MayChange(entry.UserId, viewer)) return Outcome.NotYours;
        db.TimeEntries.Remove(entry);
        ticket.RecordTime(entry.Minutes, removed: true, await SeenByCustomersAsync(ct), viewer.UserId, time.GetUtcNow());
        await db.SaveChangesAsync(ct);
        return Outcome.Removed;
    }

    /// <summary>The day it is for the person logging, in their time zone: a timesheet's default day.</summary>
    public DateOnly Today(TimeZoneInfo zone) => DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(time.GetUtcNow(), zone).DateTime);

    private async Task<bool> SeenByCustomersAsync(CancellationToken ct) => (await PortalSettings.CurrentAsync(db, cache, ct)).CustomersLogTime;
}
