using System.Text.Json;
using Guichet.Web.Data;
using Guichet.Web.Tickets;
using Guichet.Web.TimeTracking;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Microsoft.AspNetCore.Http.Json;
using Microsoft.Extensions.Localization;
using Microsoft.Extensions.Options;

namespace Guichet.Web.Api;

public sealed record TimeEntryView(Guid Id, PersonView Person, DateOnly WorkedOn, int Minutes, string Note, bool Billable);

public sealed record TicketTimeView(int Minutes, int BillableMinutes, IReadOnlyList<TimeEntryView> Entries);

/// <summary>
/// Time to log: <c>minutes</c> from 1 to 1440; <c>workedOn</c> the day (today, UTC, when left out; never a day to
/// come); <c>billable</c> for agents (true when left out; a customer's time never is).
/// </summary>
public sealed record NewTimeEntryInput([property: NonNull] int? Minutes, DateOnly? WorkedOn = null, string? Note = null, bool? Billable = null);

/// <summary>
/// A correction of a time entry: only what is sent changes. <c>minutes</c> from 1 to 1440, <c>workedOn</c> never a day to
/// come, <c>note</c> (null: none), <c>billable</c> (agents; a customer's time never is).
/// </summary>
public sealed record TimeEntryChangeInput([property: NonNull] int? Minutes = null, [property: NonNull] DateOnly? WorkedOn = null, string? Note = null,
    [property: NonNull] bool? Billable = null);

/// <summary>A person's or an organization's time; <c>id</c> null for the tickets of no organization.</summary>
public sealed record TimeTotalView(Guid? Id, string Name, int Minutes, int BillableMinutes);

public sealed record TicketTimeTotalView(long Number, string Subject, string? Organization, int Minutes, int BillableMinutes);

public sealed record TimeReportView(DateOnly From, DateOnly To, int Minutes, int BillableMinutes, int Entries,
    IReadOnlyList<TimeTotalView> People, IReadOnlyList<TimeTotalView> Organizations, IReadOnlyList<TicketTimeTotalView> Tickets);

/// <summary>
/// Time tracking in /api/v1, under the same rules as the pages (<see cref="TimeEntries"/>, <see cref="TimeReport"/>):
/// a ticket's timesheet through the visibility rule, customers only where the portal shares it; the report for staff.
/// </summary>
public static class TimeEndpoints
{
    public static void Map(RouteGroupBuilder api)
    {
        var time = api.MapGroup("/tickets/{number:long}/time").WithTags("Time");
        time.MapGet("/", SheetAsync).WithName("GetTicketTime")
            .WithSummary("The time logged on a ticket, with its totals (customers: where the portal shares the timesheet)")
            .ProducesProblem(StatusCodes.Status403Forbidden).ProducesProblem(StatusCodes.Status404NotFound);
        time.MapPost("/", LogAsync).WithName("LogTime").WithSummary("Log time spent on a ticket")
            .Accepts<NewTimeEntryInput>("application/json")
            .Produces<TimeEntryView>(StatusCodes.Status201Created)
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status403Forbidden).ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status415UnsupportedMediaType);
        time.MapPatch("/{id:guid}", ChangeAsync).WithName("ChangeTime").WithSummary("Correct a time entry: your own (admins: anyone's); only what is sent changes")
            .Accepts<TimeEntryChangeInput>("application/json", "application/merge-patch+json")
            .Produces<TimeEntryView>()
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status403Forbidden).ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status415UnsupportedMediaType);
        time.MapDelete("/{id:guid}", RemoveAsync).WithName("RemoveTime").WithSummary("Take off a time entry: your own (admins: anyone's)")
            .Produces(StatusCodes.Status204NoContent)
            .ProducesProblem(StatusCodes.Status403Forbidden).ProducesProblem(StatusCodes.Status404NotFound);
        api.MapGet("/time", ReportAsync).WithName("TimeReport").WithTags("Time")
            .WithSummary("Agents and admins: the time logged from one day to another (both included, this month by default) on the tickets you may see, per person, organization and ticket")
            .ProducesValidationProblem().ProducesProblem(StatusCodes.Status403Forbidden);
    }

    private static async Task<Results<Ok<TicketTimeView>, ProblemHttpResult>> SheetAsync(long number, ApiCaller caller, GuichetDbContext db,
        TimeEntries entries, ApiProblems problems, CancellationToken ct)
    {
        var viewer = await caller.ViewerAsync(ct);
        var ticketId = await db.Tickets.VisibleTo(viewer).Where(t => t.Number == number).Select(t => (Guid?)t.Id).FirstOrDefaultAsync(ct);
        if (ticketId is null) return problems.NotFound();
        if (!await entries.SharedWithAsync(viewer, ct)) return problems.TimeNotShared();
        var sheet = await entries.OfTicketAsync(ticketId.Value, ct);
        return TypedResults.Ok(new TicketTimeView(sheet.Minutes, sheet.BillableMinutes, sheet.Lines.Select(View).ToList()));
    }

    private static async Task<Results<Created<TimeEntryView>, ValidationProblem, ProblemHttpResult>> LogAsync(long number, HttpRequest request,
        ApiCaller caller, TicketConversation conversation, TimeEntries entries, ApiProblems problems, IStringLocalizer<SharedResource> L,
        IOptions<JsonOptions> json, CancellationToken ct)
    {
        NewTimeEntryInput? input;
        try { input = await JsonSerializer.DeserializeAsync<NewTimeEntryInput>(request.Body, json.Value.SerializerOptions, ct); }
        catch (JsonException) { input = null; }
        if (input is null) return problems.MalformedJson();
        var viewer = await caller.ViewerAsync(ct);
        var today = entries.Today(TimeZoneInfo.Utc);
        var errors = new Dictionary<string, string[]>();
        if (input.Minutes is not (> 0 and <= Durations.MaxMinutes)) errors["minutes"] = [L["Give a number of minutes from 1 to {0}.", Durations.MaxMinutes]];
        if (input.WorkedOn > today) errors["workedOn"] = [L["Choose today or a day before."]];
        if ((input.Note?.Length ?? 0) > TimeEntry.MaxNoteLength) errors["note"] = [L["Use at most {1} characters.", "", TimeEntry.MaxNoteLength]];
        if (errors.Count > 0) return problems.Invalid(errors);

        var ticket = await conversation.FindAsync(number, viewer, ct);
        if (ticket is null) return problems.NotFound();
        var (outcome, entry) = await entries.LogAsync(ticket, viewer, input.Minutes!.Value, input.WorkedOn ?? today, input.Note, input.Billable ?? true, ct);
        if (outcome == TimeEntries.Outcome.NotShared || entry is null) return problems.TimeNotShared();
        var sheet = await entries.OfTicketAsync(ticket.Id, ct);
        return TypedResults.Created($"/api/v1/tickets/{number}/time", View(sheet.Lines.Single(l => l.Id == entry.Id)));
    }

    /// <summary>Read as a document, so that a member sent as null (refused, but for the note) is told from one left out (kept).</summary>
    private static async Task<Results<Ok<TimeEntryView>, ValidationProblem, ProblemHttpResult>> ChangeAsync(long number, Guid id, HttpRequest request,
        ApiCaller caller, TicketConversation conversation, TimeEntries entries, ApiProblems problems, IStringLocalizer<SharedResource> L,
        IOptions<JsonOptions> json, CancellationToken ct)
    {
        using var document = await ApiJson.ReadAsync<JsonDocument>(request, json.Value, ct);
        if (document?.RootElement is not { ValueKind: JsonValueKind.Object } body) return problems.MalformedJson();
        TimeEntryChangeInput? input;
        try { input = body.Deserialize<TimeEntryChangeInput>(json.Value.SerializerOptions); }
        catch (JsonException) { input = null; }
        if (input is null) return problems.MalformedJson();
        var sent = body.EnumerateObject().Select(p => p.Name).ToHashSet(StringComparer.OrdinalIgnoreCase);

        var today = entries.Today(TimeZoneInfo.Utc);
        var errors = new Dictionary<string, string[]>();
        if (sent.Contains("minutes") && input.Minutes is not (> 0 and <= Durations.MaxMinutes))
            errors["minutes"] = [L["Give a number of minutes from 1 to {0}.", Durations.MaxMinutes]];
        if (sent.Contains("workedOn") && (input.WorkedOn is null || input.WorkedOn > today)) errors["workedOn"] = [L["Choose today or a day before."]];
        if ((input.Note?.Length ?? 0) > TimeEntry.MaxNoteLength) errors["note"] = [L["Use at most {1} characters.", "", TimeEntry.MaxNoteLength]];
        if (sent.Contains("billable") && input.Billable is null) errors["billable"] = [L["Send true or false."]];
        if (errors.Count > 0) return problems.Invalid(errors);

        var viewer = await caller.ViewerAsync(ct);
        var ticket = await conversation.FindAsync(number, viewer, ct);
        if (ticket is null) return problems.NotFound();
        if (!await entries.SharedWithAsync(viewer, ct)) return problems.TimeNotShared();
        if ((await entries.OfTicketAsync(ticket.Id, ct)).Lines.FirstOrDefault(l => l.Id == id) is not { } line) return problems.NotFound();
        var outcome = await entries.ChangeAsync(ticket, viewer, id, input.Minutes ?? line.Minutes, input.WorkedOn ?? line.WorkedOn,
            sent.Contains("note") ? input.Note : line.Note, input.Billable ?? line.Billable, ct);
        if (outcome == TimeEntries.Outcome.NotYours) return problems.NotYourEntry();
        return TypedResults.Ok(View((await entries.OfTicketAsync(ticket.Id, ct)).Lines.Single(l => l.Id == id)));
    }

    private static async Task<Results<NoContent, ProblemHttpResult>> RemoveAsync(long number, Guid id, ApiCaller caller, TicketConversation conversation,
        TimeEntries entries, ApiProblems problems, CancellationToken ct)
    {
        var viewer = await caller.ViewerAsync(ct);
        var ticket = await conversation.FindAsync(number, viewer, ct);
        if (ticket is null) return problems.NotFound();
        return await entries.RemoveAsync(ticket, viewer, id, ct) switch
        {
            TimeEntries.Outcome.Removed => TypedResults.NoContent(),
            TimeEntries.Outcome.NotShared => problems.TimeNotShared(),
            TimeEntries.Outcome.NotYours => problems.NotYourEntry(),
            _ => problems.NotFound(),
        };
    }

    private static async Task<Results<Ok<TimeReportView>, ValidationProblem, ProblemHttpResult>> ReportAsync(DateOnly? from, DateOnly? to,
        Guid? organizationId, Guid? userId, ApiCaller caller, TimeReport report, TimeEntries entries, ApiProblems problems,
        IStringLocalizer<SharedResource> L, CancellationToken ct)
    {
        var viewer = await caller.ViewerAsync(ct);
        if (!viewer.IsStaff) return problems.StaffOnly();
        var today = entries.Today(TimeZoneInfo.Utc);
        var (start, end) = (from ?? new DateOnly(today.Year, today.Month, 1), to ?? today);
        if (start > end) return problems.Invalid("to", L["The period ends before it starts."]);
        var summary = await report.SummarizeAsync(viewer, new TimeReport.Filter(start, end, organizationId, userId), ct);
        return TypedResults.Ok(new TimeReportView(start, end, summary.Minutes, summary.BillableMinutes, summary.Entries,
            summary.People.Select(Total).ToList(), summary.Organizations.Select(Total).ToList(),
            summary.Tickets.Select(t => new TicketTimeTotalView(t.Number, t.Subject, t.Organization, t.Minutes, t.BillableMinutes)).ToList()));
    }

    private static TimeEntryView View(TimeEntries.Line line) =>
        new(line.Id, new PersonView(line.Who), line.WorkedOn, line.Minutes, line.Note, line.Billable);

    private static TimeTotalView Total(TimeReport.Total total) =>
        new(Guid.TryParse(total.Key, out var id) ? id : null, total.Name, total.Minutes, total.BillableMinutes);
}
