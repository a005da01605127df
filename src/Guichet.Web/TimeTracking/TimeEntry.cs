using Guichet.Web.Accounts;
using Guichet.Web.Tickets;
using Microsoft.EntityFrameworkCore;

namespace Guichet.Web.TimeTracking;

/// <summary>Time someone spent on a ticket: how long, on which day, what for, and whether it is billed to the customer.</summary>
public sealed class TimeEntry
{
    public const int MaxNoteLength = 500;

    public Guid Id { get; init; }
    public Guid TicketId { get; init; }

    /// <summary>Who spent the time, and logged it.</summary>
    public Guid UserId { get; init; }

    // What may be corrected after logging has a field of its own, so that Correct() can change it while a new entry is still
    // written with an object initializer.
    private DateOnly workedOn;
    private int minutes;
    private string note = "";
    private bool billable;

    /// <summary>The day the work was done, in the logger's calendar (a day, not an instant: timesheets are by day).</summary>
    public DateOnly WorkedOn { get => workedOn; init => workedOn = value; }

    public int Minutes { get => minutes; init => minutes = value; }
    public string Note { get => note; init => note = value; }

    /// <summary>Billed to the customer; a customer's own time never is.</summary>
    public bool Billable { get => billable; init => billable = value; }

    public DateTimeOffset CreatedAt { get; init; }

    /// <summary>
    /// Corrects what was logged (who may is <see cref="TimeEntries.MayChange"/>'s rule); false when nothing changed. The
    /// author stays: the time is still theirs.
    /// </summary>
    internal bool Correct(int newMinutes, DateOnly newDay, string newNote, bool newBillable)
    {
        if ((minutes, workedOn, note, billable) == (newMinutes, newDay, newNote, newBillable)) return false;
        (minutes, workedOn, note, billable) = (newMinutes, newDay, newNote, newBillable);
        return true;
    }

    internal static void Build(ModelBuilder builder) => builder.Entity<TimeEntry>(e =>
    {
        e.ToTable("TimeEntries");
        e.Property(x => x.Note).HasMaxLength(MaxNoteLength);
        e.HasOne<Ticket>().WithMany().HasForeignKey(x => x.TicketId).OnDelete(DeleteBehavior.Cascade);
        e.HasOne<User>().WithMany().HasForeignKey(x => x.UserId).OnDelete(DeleteBehavior.Restrict);
        e.HasIndex(x => new { x.TicketId, x.WorkedOn });
        // The reports: a period, then a person or the tickets' organizations.
        e.HasIndex(x => new { x.WorkedOn, x.UserId });
    });
}
