using System.ComponentModel.DataAnnotations;
using Guichet.Web.Tickets;
using Guichet.Web.TimeTracking;
using Microsoft.AspNetCore.Mvc.ModelBinding;
using Microsoft.Extensions.Localization;

namespace Guichet.Web.Pages.Shared;

/// <summary>
/// A ticket's timesheet on its page (agent's, and customer's where it is shared): the entries, their total, the form
/// to log time (bound with the prefix "Time"), and the correction (prefix "Edit", the entry in "editTime": a link opens it,
/// without JavaScript) and removal of one's own entries.
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
    public string EditAction { get; set; } = "?handler=EditTime";

    /// <summary>The page's own address, for the links that open and close the correction form.</summary>
    public string Address { get; set; } = "";

    /// <summary>Whether the log form came back with an error (it is then shown open).</summary>
    public bool Refused { get; set; }

    /// <summary>The entry being corrected, if any, and what its form holds (the entry's values, or what was typed when refused).</summary>
    public TimeEntries.Line? Editing { get; private set; }
    public TimeInput Edit { get; set; } = new();
    private bool editPosted;

    private Viewer? viewer;

    public bool MayChange(TimeEntries.Line line) => viewer is { } v && TimeEntries.MayChange(line.UserId, v);

    public string EditLink(TimeEntries.Line line) => $"{Address}?editTime={line.Id}#time-edit";

    /// <summary>Reads the ticket's timesheet for the page at <paramref name="address"/> (the viewer may see time: checked before).</summary>
    /// <paramref name="editing"/>: the entry whose correction form is open (the page's "editTime"), if the viewer may change it.
    public async Task ShowAsync(TimeEntries entries, Ticket ticket, Viewer viewer, TimeZoneInfo zone, string address, Guid? editing, CancellationToken ct)
    {
        Sheet = await entries.OfTicketAsync(ticket.Id, ct);
        (IsStaff, IsAdmin, ViewerId, this.viewer) = (viewer.IsStaff, viewer.IsAdmin, viewer.UserId, viewer);
        (LogAction, RemoveAction, EditAction, Address) = ($"{address}?handler=Time", $"{address}?handler=RemoveTime", $"{address}?handler=EditTime", address);
        Time.WorkedOn ??= entries.Today(zone);
        Editing = Sheet.Lines.FirstOrDefault(l => l.Id == editing && MayChange(l));
        // Opened by its link: the entry as it is. Refused: what was typed stays.
        if (Editing is { } line && !editPosted)
            Edit = new TimeInput { Duration = Durations.Format(line.Minutes), WorkedOn = line.WorkedOn, Note = line.Note, Billable = line.Billable };
    }

    /// <summary>
    /// Logs what was posted in <see cref="Time"/>; returns what to tell the person, or null with the errors in
    /// <paramref name="modelState"/> and what they typed still in the form. A day in the future is refused: a timesheet
    /// records work done.
    /// </summary>
    public async Task<string?> LogAsync(TimeEntries entries, Ticket ticket, Viewer viewer, TimeZoneInfo zone, ModelStateDictionary modelState,
        IStringLocalizer L, CancellationToken ct)
    {
        if (Read(Time, "Time", entries, zone, modelState, L) is not var (minutes, day))
        {
            Refused = true;
            return null;
        }
        await entries.LogAsync(ticket, viewer, minutes, day, Time.Note, Time.Billable, ct);
        return L["{0} logged.", Durations.Format(minutes)];
    }

    /// <summary>
    /// Corrects the entry <paramref name="entryId"/> with what was posted in <see cref="Edit"/>, under the same checks as
    /// logging. Null outcome: refused, the errors in <paramref name="modelState"/> and the form shown again as typed.
    /// </summary>
    public async Task<(TimeEntries.Outcome? Outcome, string? Said)> CorrectAsync(TimeEntries entries, Ticket ticket, Viewer viewer, TimeZoneInfo zone,
        Guid? entryId, ModelStateDictionary modelState, IStringLocalizer L, CancellationToken ct)
    {
        editPosted = true;
        if (entryId is not { } id) return (TimeEntries.Outcome.NotFound, null);
        if (Read(Edit, "Edit", entries, zone, modelState, L) is not var (minutes, day)) return (null, null);
        var outcome = await entries.ChangeAsync(ticket, viewer, id, minutes, day, Edit.Note, Edit.Billable, ct);
        return (outcome, outcome == TimeEntries.Outcome.Changed ? L["The time was corrected: {0}.", Durations.Format(minutes)] : L["Nothing was changed."]);
    }

    /// <summary>The minutes and day of a posted form, or null with each mistake in <paramref name="modelState"/> under <paramref name="prefix"/>.</summary>
    private static (int Minutes, DateOnly Day)? Read(TimeInput input, string prefix, TimeEntries entries, TimeZoneInfo zone, ModelStateDictionary modelState,
        IStringLocalizer L)
    {
        if (!Durations.TryParse(input.Duration, out var minutes))
            modelState.AddModelError($"{prefix}.Duration", L["Write how long, such as 1h30, 1:30, 45m or 1.5 (hours), up to 24 hours."]);
        var today = entries.Today(zone);
        var day = input.WorkedOn ?? today;
        if (day > today) modelState.AddModelError($"{prefix}.WorkedOn", L["Choose today or a day before."]);
        return modelState.IsValid ? (minutes, day) : null;
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
