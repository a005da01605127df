using Guichet.Web.Tickets;
using Guichet.Web.TimeTracking;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;

namespace Guichet.Web.Pages.Agent;

/// <summary>Time logged over a period on the tickets the agent sees: per person, per organization, per ticket; the entries as a file.</summary>
public sealed class TimeModel(TimeReport report, TimeEntries entries, CurrentViewer currentViewer, Accounts.CurrentUser me,
    IStringLocalizer<SharedResource> L) : PageModel
{
    [BindProperty(SupportsGet = true)] public DateOnly? From { get; set; }
    [BindProperty(SupportsGet = true)] public DateOnly? To { get; set; }
    [BindProperty(SupportsGet = true)] public Guid? Organization { get; set; }
    [BindProperty(SupportsGet = true)] public Guid? Person { get; set; }

    public TimeReport.Summary Summary { get; private set; } = null!;

    /// <summary>The period's people and organizations, whatever is chosen: the filters' choices.</summary>
    public TimeReport.Summary Choices { get; private set; } = null!;

    public async Task<IActionResult> OnGetAsync(string? format, CancellationToken ct)
    {
        // This month so far, in the agent's calendar.
        var today = entries.Today(me.TimeZone);
        From ??= new DateOnly(today.Year, today.Month, 1);
        To ??= today;
        if (From > To)
        {
            ModelState.AddModelError(nameof(To), L["The period ends before it starts."]);
            To = From;
        }
        var viewer = await currentViewer.GetAsync(ct);
        var filter = new TimeReport.Filter(From.Value, To.Value, Organization, Person);
        if (format is "csv" or "xlsx")
        {
            var (content, contentType, fileName) = await report.ExportAsync(viewer, filter, format, ct);
            return File(content, contentType, fileName);
        }
        Summary = await report.SummarizeAsync(viewer, filter, ct);
        Choices = Organization is null && Person is null ? Summary : await report.SummarizeAsync(viewer, filter with { OrganizationId = null, UserId = null }, ct);
        return Page();
    }

    public string Link(string? format = null)
    {
        var query = new List<string> { $"from={From:yyyy-MM-dd}", $"to={To:yyyy-MM-dd}" };
        if (Organization is { } organization) query.Add($"organization={organization}");
        if (Person is { } person) query.Add($"person={person}");
        if (format is not null) query.Add($"format={format}");
        return "/agent/time?" + string.Join('&', query);
    }
}
