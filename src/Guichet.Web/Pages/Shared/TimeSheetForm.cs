using System.ComponentModel.DataAnnotations;
using Guichet.Web.Tickets;
using Guichet.Web.TimeTracking;
using Microsoft.AspNetCore.Mvc.ModelBinding;
using Microsoft.Extensions.Localization;

namespace Guichet.Web.Pages.Shared;

/// <summary>
/// A ticket's timesheet on its page (agent's, and customer's where it is shared): the entries, their total, the form
/// to log time (bound with the prefix "Time") and the removal of one's own entries.
/// </summary>
public sealed class TimeSheetForm
{
    public TimeEntries.Sheet Sheet { get; set; } = new([], 0, 0);
    public TimeInput Time { get; set; } = new();
    public bool IsStaff { get; set; }
    public bool IsAdmin { get; set; }
    public Guid ViewerId { get; set; }

    /// <summary>Where the forms post: the page's address with its handler.</summary>
    public string LogAction { get; set; } = "?handler=Time";
    public string RemoveAction { get; set; } = "?handler=RemoveTime";

    /// <summary>Whether the log form came back with an error (it is then shown open).</summary>
    public bool Refused { get; set; }

    public bool MayRemove(TimeEntries.Line line) => line.UserId == ViewerId || IsAdmin;

    /// <summary>Reads the ticket's timesheet for the page at <paramref name="address"/> (the viewer may see time: checked before).</summary>
    public async Task ShowAsync(TimeEntries entries, Ticket ticket, Viewer viewer, TimeZoneInfo zone, string address, CancellationToken ct)
    {
        Sheet = await entries.OfTicketAsync(ticket.Id, ct);
        (IsStaff, IsAdmin, ViewerId) = (viewer.IsStaff, viewer.IsAdmin, viewer.UserId);
        (LogAction, RemoveAction) = ($"{address}?handler=Time", $"{address}?handler=RemoveTime");
        Time.WorkedOn ??= entries.Today(zone);
    }

    /// <summary>
    /// Logs what was posted in <see cref="Time"/>; returns what to tell the person, or null with the errors in
    /// <paramref name="modelState"/> and what they typed still in the form. A day in the future is refused: a timesheet
    /// records work done.
    /// </summary>
    public async Task<string?> LogAsync(TimeEntries entries, Ticket ticket, Viewer viewer, TimeZoneInfo zone, ModelStateDictionary modelState,
        IStringLocalizer L, CancellationToken ct)
    {
        if (!Durations.TryParse(Time.Duration, out var minutes))
            modelState.AddModelError("Time.Duration", L["Write how long, such as 1h30, 1:30, 45m or 1.5 (hours), up to 24 hours."]);
        var today = entries.Today(zone);
        var day = Time.WorkedOn ?? today;
        if (day > today) modelState.AddModelError("Time.WorkedOn", L["Choose today or a day before."]);
        if (!modelState.IsValid)
        {
            Refused = true;
            return null;
        }
        await entries.LogAsync(ticket, viewer, minutes, day, Time.Note, Time.Billable, ct);
        return L["{0} logged.", Durations.Format(minutes)];
    }
}

public sealed class TimeInput
{
    [Display(Name = "Time spent")]
    public string Duration { get; set; } = "";

    [Display(Name = "Day")]
    public DateOnly? WorkedOn { get; set; }

    [StringLength(TimeEntry.MaxNoteLength, ErrorMessage = "Use at most {1} characters.")]
    [Display(Name = "What was done (optional)")]
    public string? Note { get; set; }

    [Display(Name = "Billable")]
    public bool Billable { get; set; } = true;
}
