using System.Text;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using MiniExcelLibs;

namespace Guichet.Web.Tickets;

/// <summary>
/// A list of tickets as a file (CSV or XLSX): every matching row, not just the page shown, with
/// the headings in the reader's language and times in their time zone. Only what the list shows
/// customers: no internal notes, no internal fields.
/// </summary>
public sealed class TicketExport(IStringLocalizer<SharedResource> L)
{
    private sealed record Row(long Number, string Subject, string Requester, string? Organization, int TypeId, int StatusId,
        TicketPriority Priority, DateTimeOffset CreatedAt, DateTimeOffset LastActivityAt);

    public async Task<(byte[] Content, string ContentType, string FileName)> WriteAsync(IQueryable<Ticket> tickets, string format,
        IReadOnlyList<Status> statuses, IReadOnlyList<RequestType> types, TimeZoneInfo zone, DateTimeOffset now, CancellationToken ct)
    {
        var rows = await tickets.Select(t => new Row(t.Number, t.Subject, (t.Requester.FirstName + " " + t.Requester.LastName).Trim(),
            t.Organization != null ? t.Organization.Name : null, t.RequestTypeId, t.StatusId, t.Priority, t.CreatedAt, t.LastActivityAt)).ToListAsync(ct);

        string[] headings = [L["Number"], L["Subject"], L["Requester"], L["Organization"], L["Kind of request"], L["Status"], L["Priority"], L["Created"], L["Last activity"]];
        var lines = rows.Select(r => new object?[]
        {
            r.Number, r.Subject, r.Requester, r.Organization ?? "",
            types.FirstOrDefault(t => t.Id == r.TypeId)?.Names.ToString() ?? "",
            statuses.FirstOrDefault(s => s.Id == r.StatusId)?.Names.ToString() ?? "",
            TicketLabels.Priority(L, r.Priority).Value,
            TimeZoneInfo.ConvertTime(r.CreatedAt, zone).DateTime, TimeZoneInfo.ConvertTime(r.LastActivityAt, zone).DateTime,
        }).ToList();
        var name = $"requests-{TimeZoneInfo.ConvertTime(now, zone):yyyy-MM-dd}";

        if (format == "xlsx")
        {
            var sheet = lines.Select(line => headings.Zip(line).ToDictionary(p => p.First, p => p.Second)).ToList();
            using var stream = new MemoryStream();
            await stream.SaveAsAsync(sheet, cancellationToken: ct);
            return (stream.ToArray(), "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", name + ".xlsx");
        }

        var csv = new StringBuilder();
        csv.AppendJoin(',', headings.Select(Quote)).Append("\r\n");
        foreach (var line in lines)
            csv.AppendJoin(',', line.Select(v => Quote(v is DateTime d ? d.ToString("yyyy-MM-dd HH:mm") : Convert.ToString(v, System.Globalization.CultureInfo.InvariantCulture) ?? ""))).Append("\r\n");
        // A byte-order mark, or Excel reads UTF-8 as the local code page and accents break.
        return ([.. Encoding.UTF8.GetPreamble(), .. Encoding.UTF8.GetBytes(csv.ToString())], "text/csv; charset=utf-8", name + ".csv");
    }

    /// <summary>RFC 4180 quoting, and a leading quote on what a spreadsheet would run as a formula.</summary>
    private static string Quote(string value)
    {
        if (value.Length > 0 && value[0] is '=' or '+' or '-' or '@' or '\t' or '\r') value = "'" + value;
        return value.Contains('"') || value.Contains(',') || value.Contains('\n') || value.Contains('\r') ? $"\"{value.Replace("\"", "\"\"")}\"" : value;
    }
}
