using System.Globalization;
using Guichet.Web.Text;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace Guichet.Web.Tickets;

/// <summary>
/// A list of tickets as a file (CSV or XLSX): every matching row, not just the page shown, with
/// the headings in the reader's language and times in their time zone. Only what the list shows
/// customers: no internal notes, no internal fields.
/// </summary>
public sealed class TicketExport(CustomFieldValues fieldValues, IStringLocalizer<SharedResource> L)
{
    /// <summary>The most rows an export holds (the list's first, in its order); narrow the list for the rest.</summary>
    public const int MaxRows = 50_000;

    private sealed record Row(Guid Id, long Number, string Subject, string Requester, string? Organization, int TypeId, int StatusId,
        TicketPriority Priority, DateTimeOffset CreatedAt, DateTimeOffset LastActivityAt, string? Group, string? Assignee, DateTimeOffset? AnsweredAt);

    /// <summary>
    /// The file of a list. <paramref name="columns"/>: the workspace's chosen columns (<c>Queues/QueueColumns</c>'s names, a
    /// field's as "field:key"), in their order; null for the whole set, the built-in columns then every field given.
    /// </summary>
    public async Task<(byte[] Content, string ContentType, string FileName)> WriteAsync(IQueryable<Ticket> tickets, string format,
        IReadOnlyList<Status> statuses, IReadOnlyList<RequestType> types, IReadOnlyList<CustomField> fields, TimeZoneInfo zone, DateTimeOffset now,
        IReadOnlyList<string>? columns, CancellationToken ct)
    {
        // A file a spreadsheet opens, and a node's memory holds: the first rows of the list, said in the file's name.
        tickets = tickets.Take(MaxRows);
        var rows = await tickets.Select(t => new Row(t.Id, t.Number, t.Subject, (t.Requester.FirstName + " " + t.Requester.LastName).Trim(),
            t.Organization != null ? t.Organization.Name : null, t.RequestTypeId, t.StatusId, t.Priority, t.CreatedAt, t.LastActivityAt,
            t.Group != null ? t.Group.Name : null, t.Assignee != null ? (t.Assignee.FirstName + " " + t.Assignee.LastName).Trim() : null,
            t.AnsweredAt)).ToListAsync(ct);
        if (columns is not null) return await WriteChosenAsync(tickets, rows, format, statuses, types, fields, zone, now, columns, ct);

        // One column per custom field the reader may see, after the built-in ones; headed by the field's
        // label, made unique, since a spreadsheet's columns are keyed by their heading.
        var fieldIds = fields.Select(f => f.Id).ToList();
        var values = fields.Count == 0 ? [] : (await tickets.SelectMany(t => t.FieldValues).Where(v => fieldIds.Contains(v.CustomFieldId))
            .Select(v => new { v.TicketId, v.CustomFieldId, v.Value }).ToListAsync(ct))
            .ToDictionary(v => (v.TicketId, v.CustomFieldId), v => v.Value);
        string[] builtIn = [L["Number"], L["Subject"], L["Requester"], L["Organization"], L["Kind of request"], L["Status"], L["Priority"], L["Created"], L["Last activity"]];
        var headings = builtIn.ToList();
        foreach (var field in fields)
        {
            var label = field.Labels.ToString();
            headings.Add(headings.Contains(label) ? $"{label} ({field.Key})" : label);
        }
        var lines = rows.Select(r => new object?[]
        {
            r.Number, r.Subject, r.Requester, r.Organization ?? "",
            types.FirstOrDefault(t => t.Id == r.TypeId)?.Names.ToString() ?? "",
            statuses.FirstOrDefault(s => s.Id == r.StatusId)?.Names.ToString() ?? "",
            TicketLabels.Priority(L, r.Priority).Value,
            TimeZoneInfo.ConvertTime(r.CreatedAt, zone).DateTime, TimeZoneInfo.ConvertTime(r.LastActivityAt, zone).DateTime,
        }.Concat(fields.Select(f => Cell(f, r, values.GetValueOrDefault((r.Id, f.Id)), types))).ToArray()).ToList();
        return await TableFile.WriteAsync(format, $"requests-{TimeZoneInfo.ConvertTime(now, zone):yyyy-MM-dd}", headings, lines, ct);
    }

    /// <summary>The chosen columns in their order: the built-in ones the agent reads, and the chosen fields only.</summary>
    private async Task<(byte[] Content, string ContentType, string FileName)> WriteChosenAsync(IQueryable<Ticket> tickets, List<Row> rows, string format,
        IReadOnlyList<Status> statuses, IReadOnlyList<RequestType> types, IReadOnlyList<CustomField> fields, TimeZoneInfo zone, DateTimeOffset now,
        IReadOnlyList<string> columns, CancellationToken ct)
    {
        var chosenFields = fields.Where(f => columns.Contains(ListColumns.Field(f.Key))).ToList();
        var fieldIds = chosenFields.Select(f => f.Id).ToList();
        var values = chosenFields.Count == 0 ? [] : (await tickets.SelectMany(t => t.FieldValues).Where(v => fieldIds.Contains(v.CustomFieldId))
            .Select(v => new { v.TicketId, v.CustomFieldId, v.Value }).ToListAsync(ct))
            .ToDictionary(v => (v.TicketId, v.CustomFieldId), v => v.Value);
        var tags = !columns.Contains("tags") ? null : (await (from x in tickets.SelectMany(t => t.Tags) select new { x.TicketId, x.Name }).ToListAsync(ct))
            .ToLookup(x => x.TicketId, x => x.Name);
        DateTime Local(DateTimeOffset at) => TimeZoneInfo.ConvertTime(at, zone).DateTime;
        var shown = columns.Where(c => ListColumns.FieldKey(c) is not { } key || chosenFields.Any(f => f.Key == key)).ToList();
        var headings = new List<string>();
        foreach (var column in shown)
        {
            var heading = ListColumns.FieldKey(column) is { } key ? chosenFields.First(f => f.Key == key).Labels.ToString() : column switch
            {
                "number" => L["Number"], "subject" => L["Subject"], "requester" => L["Requester"], "organization" => L["Organization"],
                "status" => L["Status"], "priority" => L["Priority"], "assignee" => L["Assigned to"], "group" => L["Group"], "tags" => L["Tags"],
                "type" => L["Kind of request"], "created" => L["Created"], "answered" => L["Last reply from us"], _ => L["Last activity"].Value,
            };
            headings.Add(headings.Contains(heading) ? $"{heading} ({column})" : heading);
        }
        var lines = rows.Select(r => shown.Select(column => ListColumns.FieldKey(column) is { } key
            ? Cell(chosenFields.First(f => f.Key == key), r, values.GetValueOrDefault((r.Id, chosenFields.First(f => f.Key == key).Id)), types)
            : column switch
            {
                "number" => r.Number, "subject" => r.Subject, "requester" => r.Requester, "organization" => r.Organization ?? "",
                "status" => statuses.FirstOrDefault(s => s.Id == r.StatusId)?.Names.ToString() ?? "",
                "priority" => TicketLabels.Priority(L, r.Priority).Value, "assignee" => r.Assignee ?? "", "group" => r.Group ?? "",
                "tags" => string.Join(", ", tags![r.Id].Order(StringComparer.Ordinal)),
                "type" => types.FirstOrDefault(t => t.Id == r.TypeId)?.Names.ToString() ?? "",
                "created" => Local(r.CreatedAt), "answered" => r.AnsweredAt is { } answered ? Local(answered) : "",
                _ => (object?)Local(r.LastActivityAt),
            }).ToArray()).ToList();
        return await TableFile.WriteAsync(format, $"requests-{TimeZoneInfo.ConvertTime(now, zone):yyyy-MM-dd}", headings, lines, ct);
    }

    /// <summary>
    /// A custom field's cell: numbers and dates as such, so that a spreadsheet can sum and sort them; the
    /// rest as the reader reads it. Empty when the ticket's type does not have the field (an unticked
    /// checkbox reads "No" only where the box was offered).
    /// </summary>
    private object? Cell(CustomField field, Row row, string? value, IReadOnlyList<RequestType> types)
    {
        if (value is null)
            return types.FirstOrDefault(t => t.Id == row.TypeId)?.Fields.Any(f => f.CustomFieldId == field.Id) == true
                ? fieldValues.Display(field, null, CultureInfo.CurrentCulture) : "";
        return field.Kind switch
        {
            CustomFieldKind.Number => CustomFieldValues.Stored(field, value).Number,
            CustomFieldKind.Date when DateOnly.TryParseExact(value, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date) => date,
            _ => fieldValues.Display(field, value, CultureInfo.CurrentCulture),
        };
    }
}
