using Guichet.Web.Data;
using Guichet.Web.Tickets;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using Guichet.Web.Text;

namespace Guichet.Web.TimeTracking;

/// <summary>
/// Time logged over a period, on the tickets the viewer may see (staff: their groups', or all for admins): totals per
/// person, per organization and per ticket, and every entry as a file (CSV or XLSX) for billing.
/// </summary>
public sealed class TimeReport(GuichetDbContext db, IStringLocalizer<SharedResource> L)
{
    public sealed record Filter(DateOnly From, DateOnly To, Guid? OrganizationId = null, Guid? UserId = null);

    public sealed record Total(string Key, string Name, int Minutes, int BillableMinutes);

    public sealed record TicketTotal(long Number, string Subject, string? Organization, int Minutes, int BillableMinutes);

    public sealed record Summary(int Minutes, int BillableMinutes, int Entries, IReadOnlyList<Total> People, IReadOnlyList<Total> Organizations,
        IReadOnlyList<TicketTotal> Tickets);

    /// <summary>How many tickets the summary lists (the most time first); the file has them all.</summary>
    public const int TicketsShown = 50;

    private IQueryable<TimeEntry> Entries(Viewer viewer, Filter filter)
    {
        var tickets = db.Tickets.VisibleTo(viewer);
        if (filter.OrganizationId is { } organization) tickets = tickets.Where(t => t.OrganizationId == organization);
        var entries = db.TimeEntries.AsNoTracking().Where(e => e.WorkedOn >= filter.From && e.WorkedOn <= filter.To);
        if (filter.UserId is { } user) entries = entries.Where(e => e.UserId == user);
        return entries.Where(e => tickets.Any(t => t.Id == e.TicketId));
    }

    public async Task<Summary> SummarizeAsync(Viewer viewer, Filter filter, CancellationToken ct)
    {
        var entries = Entries(viewer, filter);
        var people = await entries.GroupBy(e => e.UserId)
            .Select(g => new { g.Key, Minutes = g.Sum(e => e.Minutes), Billable = g.Sum(e => e.Billable ? e.Minutes : 0), Count = g.Count() })
            .Join(db.Users, g => g.Key, u => u.Id, (g, u) => new
            {
                g.Key, Name = (u.FirstName + " " + u.LastName).Trim() == "" ? u.Email! : (u.FirstName + " " + u.LastName).Trim(), g.Minutes, g.Billable, g.Count,
            })
            .ToListAsync(ct);
        var organizations = await entries.Join(db.Tickets, e => e.TicketId, t => t.Id, (e, t) => new { t.OrganizationId, e.Minutes, e.Billable })
            .GroupBy(x => x.OrganizationId)
            .Select(g => new { g.Key, Minutes = g.Sum(x => x.Minutes), Billable = g.Sum(x => x.Billable ? x.Minutes : 0) })
            .ToListAsync(ct);
        var organizationIds = organizations.Where(o => o.Key != null).Select(o => o.Key!.Value).ToList();
        var names = await db.Organizations.AsNoTracking().Where(o => organizationIds.Contains(o.Id)).ToDictionaryAsync(o => o.Id, o => o.Name, ct);
        var tickets = await entries.Join(db.Tickets, e => e.TicketId, t => t.Id, (e, t) => new { t.Id, e.Minutes, e.Billable })
            .GroupBy(x => x.Id)
            .Select(g => new { g.Key, Minutes = g.Sum(x => x.Minutes), Billable = g.Sum(x => x.Billable ? x.Minutes : 0) })
            .OrderByDescending(g => g.Minutes).Take(TicketsShown)
            .Join(db.Tickets, g => g.Key, t => t.Id, (g, t) => new TicketTotal(t.Number, t.Subject, t.Organization != null ? t.Organization.Name : null, g.Minutes, g.Billable))
            .ToListAsync(ct);
        return new Summary(people.Sum(p => p.Minutes), people.Sum(p => p.Billable), people.Sum(p => p.Count),
            people.OrderByDescending(p => p.Minutes).ThenBy(p => p.Name, StringComparer.CurrentCulture)
                .Select(p => new Total(p.Key.ToString(), p.Name, p.Minutes, p.Billable)).ToList(),
            organizations.Select(o => new Total(o.Key?.ToString() ?? "", o.Key is { } id ? names.GetValueOrDefault(id, "?") : L["No organization"].Value, o.Minutes, o.Billable))
                .OrderByDescending(o => o.Minutes).ThenBy(o => o.Name, StringComparer.CurrentCulture).ToList(),
            tickets.OrderByDescending(t => t.Minutes).ThenBy(t => t.Number).ToList());
    }

    /// <summary>Every entry of the period as a file: a day, a ticket, a person, minutes and hours, billable or not, the note.</summary>
    public async Task<(byte[] Content, string ContentType, string FileName)> ExportAsync(Viewer viewer, Filter filter, string format, CancellationToken ct)
    {
        var rows = await Entries(viewer, filter)
            .Join(db.Tickets, e => e.TicketId, t => t.Id, (e, t) => new { e, t.Number, t.Subject, Organization = t.Organization != null ? t.Organization.Name : null })
            .Join(db.Users, x => x.e.UserId, u => u.Id, (x, u) => new
            {
                x.e.WorkedOn, x.Number, x.Subject, x.Organization, Who = (u.FirstName + " " + u.LastName).Trim() == "" ? u.Email! : (u.FirstName + " " + u.LastName).Trim(),
                x.e.Minutes, x.e.Billable, x.e.Note, x.e.CreatedAt,
            })
            .ToListAsync(ct);
        string[] headings = [L["Date"], L["Number"], L["Subject"], L["Organization"], L["Person"], L["Minutes"], L["Hours"], L["Billable"], L["Note"]];
        var lines = rows.OrderBy(r => r.WorkedOn).ThenBy(r => r.Number).ThenBy(r => r.CreatedAt).Select(r => new object?[]
        {
            r.WorkedOn, r.Number, r.Subject, r.Organization ?? "", r.Who, r.Minutes, Math.Round(r.Minutes / 60m, 2), r.Billable ? L["Yes"].Value : L["No"].Value, r.Note,
        }).ToList();
        return await TableFile.WriteAsync(format, $"time-{filter.From:yyyy-MM-dd}-{filter.To:yyyy-MM-dd}", headings, lines, ct);
    }
}
