using System.Globalization;
using Guichet.Web.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace Guichet.Web.Tickets;

/// <summary>
/// The rules of custom field values, whichever door they come through (portal form, side panel, API):
/// which fields a request type has, who may fill them, how what was typed becomes a stored value, and
/// how a stored value reads in the reader's language.
/// </summary>
public sealed class CustomFieldValues(GuichetDbContext db, TicketQueries queries, TicketCatalog catalog, IStringLocalizer<SharedResource> L)
{
    public const int TextMaxLength = 500;
    public const int LongTextMaxLength = 10_000;

    /// <summary>A value ready to store; <see cref="Value"/> null means the field is empty.</summary>
    public sealed record FieldValue(CustomField Field, string? Value, double? Number);

    /// <summary>What a form or request body said about some fields: the values to store, and errors by field key.</summary>
    public sealed record Reading(IReadOnlyList<FieldValue> Values, IReadOnlyDictionary<string, string> Errors)
    {
        public bool IsValid => Errors.Count == 0;

        /// <summary>The values, by field key, in the form <see cref="TicketIntake.Request.Fields"/> takes.</summary>
        public IReadOnlyDictionary<string, string> ToStore() =>
            Values.Where(v => v.Value is not null).ToDictionary(v => v.Field.Key, v => v.Value!);
    }

    /// <summary>A custom field of a ticket as the viewer may see it: its value in stored form (null when empty).</summary>
    public sealed record TicketField(CustomField Field, string? Value, bool Required);

    /// <summary>
    /// A ticket's fields: those of its type in its order, then any other it has a value for (its type
    /// changed, or the field left the type); only those the viewer may see.
    /// </summary>
    public async Task<IReadOnlyList<TicketField>> OfTicketAsync(Guid ticketId, int typeId, bool isStaff, CancellationToken ct)
    {
        var ofType = await OfTypeAsync(typeId, ct);
        var values = (await queries.FieldValuesOf(db, ticketId).ToListAsync(ct)).ToDictionary(v => v.CustomFieldId, v => v.Value);
        var elsewhere = values.Keys.Where(id => ofType.All(f => f.CustomFieldId != id)).ToList();
        var others = elsewhere.Count == 0 ? [] : (await catalog.GetAsync(ct)).Fields.Where(f => elsewhere.Contains(f.Id)).OrderBy(f => f.Id).ToList();
        return ofType.Select(f => new TicketField(f.CustomField, values.GetValueOrDefault(f.CustomFieldId), f.IsRequired))
            .Concat(others.Select(f => new TicketField(f, values[f.Id], false)))
            .Where(l => MaySee(l.Field, isStaff))
            .ToList();
    }

    /// <summary>The active fields a request type shows, in its order, with their options.</summary>
    public async Task<IReadOnlyList<RequestTypeField>> OfTypeAsync(int typeId, CancellationToken ct) =>
        (await OfTypesAsync([typeId], ct))[typeId].ToList();

    public async Task<ILookup<int, RequestTypeField>> OfTypesAsync(IReadOnlyCollection<int> typeIds, CancellationToken ct) =>
        (await catalog.GetAsync(ct)).FieldsOf(typeIds);

    /// <summary>Customers fill only the fields they may edit; staff fill every field.</summary>
    public static bool MayEdit(CustomField field, bool isStaff) => isStaff || field.CustomerAccess == CustomerAccess.Editable;

    public static bool MaySee(CustomField field, bool isStaff) => isStaff || field.CustomerAccess != CustomerAccess.Hidden;

    /// <summary>Customers change fields while the request lives; a closed or cancelled one is history.</summary>
    public static bool MayChange(StatusCategory status, bool isStaff) =>
        isStaff || status is not (StatusCategory.Closed or StatusCategory.Cancelled);

    /// <summary>
    /// Changes the fields <paramref name="sent"/> names on a ticket, each with its event, if every one is
    /// right; the caller saves. Fields not sent stay as they are. Nothing changes when there are errors.
    /// </summary>
    public async Task<Reading> ChangeAsync(Ticket ticket, Func<CustomField, IReadOnlyList<string>?> sent, bool isStaff, Guid actorId,
        DateTimeOffset now, CultureInfo culture, CancellationToken ct)
    {
        var fields = await OfTypeAsync(ticket.RequestTypeId, ct);
        await db.Entry(ticket).Collection(t => t.FieldValues).LoadAsync(ct);
        var current = ticket.FieldValues.ToDictionary(v => v.CustomFieldId, v => v.Value);
        var reading = Read(fields, sent, isStaff, partial: true, culture, current);
        if (reading.IsValid)
            foreach (var value in reading.Values) ticket.ChangeField(value, actorId, now);
        return reading;
    }

    /// <summary>
    /// Reads the fields of a form the person may edit. <paramref name="sent"/> gives what was sent for a
    /// field, or null when the field was not sent at all: a whole form treats that as empty, a partial
    /// change (<paramref name="partial"/>, an API PATCH) leaves that field alone.
    /// </summary>
    public Reading Read(IReadOnlyList<RequestTypeField> fields, Func<CustomField, IReadOnlyList<string>?> sent, bool isStaff,
        bool partial, CultureInfo culture, IReadOnlyDictionary<int, string>? current = null)
    {
        var values = new List<FieldValue>();
        var errors = new Dictionary<string, string>();
        foreach (var shown in fields.Where(f => MayEdit(f.CustomField, isStaff)))
        {
            var field = shown.CustomField;
            var raw = sent(field);
            if (raw is null && partial) continue;
            var (value, error) = Parse(field, raw ?? [], culture, current?.GetValueOrDefault(field.Id));
            if (error is null && value.Value is null && shown.IsRequired) error = RequiredMessage(field);
            if (error is not null) errors[field.Key] = error;
            else values.Add(value);
        }
        return new Reading(values, errors);
    }

    /// <summary>One field's typed input as a stored value, or the localized reason it cannot be one.</summary>
    public (FieldValue Value, string? Error) Parse(CustomField field, IReadOnlyList<string> raw, CultureInfo culture, string? current = null)
    {
        var typed = raw.Select(r => r.Trim()).Where(r => r.Length > 0).ToList();
        var empty = new FieldValue(field, null, null);
        switch (field.Kind)
        {
            case CustomFieldKind.Checkbox:
                return (typed.Any(t => t.Equals("true", StringComparison.OrdinalIgnoreCase) || t.Equals("on", StringComparison.OrdinalIgnoreCase))
                    ? new FieldValue(field, "true", null) : empty, null);
            case CustomFieldKind.MultiSelect:
            {
                var allowed = Offered(field, current?.Split('\n'));
                var unknown = typed.Where(t => !allowed.Contains(t)).ToList();
                if (unknown.Count > 0) return (empty, L["Choose values from the list."]);
                var chosen = field.Options.OrderBy(o => o.SortOrder).Select(o => o.Key).Where(typed.Contains).ToList();
                return (chosen.Count == 0 ? empty : new FieldValue(field, string.Join('\n', chosen), null), null);
            }
        }
        if (typed.Count == 0) return (empty, null);
        if (typed.Count > 1) return (empty, L["Enter only one value."]);
        var text = typed[0];
        switch (field.Kind)
        {
            case CustomFieldKind.Text when text.Length > TextMaxLength:
                return (empty, L["Use at most {0} characters.", TextMaxLength]);
            case CustomFieldKind.LongText when text.Length > LongTextMaxLength:
                return (empty, L["Use at most {0} characters.", LongTextMaxLength]);
            case CustomFieldKind.Text:
            case CustomFieldKind.LongText:
                return (new FieldValue(field, text.ReplaceLineEndings("\n"), null), null);
            case CustomFieldKind.Number:
                // A number input sends "1234.5" whatever the language; someone typing by hand in French writes "1 234,5".
                if (!double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var number)
                    && !double.TryParse(text, NumberStyles.Number, culture, out number)
                    || !double.IsFinite(number))
                    return (empty, L["Enter a number."]);
                return (new FieldValue(field, number.ToString("R", CultureInfo.InvariantCulture), number), null);
            case CustomFieldKind.Date:
                if (!DateOnly.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date)
                    && !DateOnly.TryParse(text, culture, DateTimeStyles.None, out date))
                    return (empty, L["Enter a date, for example {0}.", new DateOnly(2026, 3, 31).ToString("d", culture)]);
                return (new FieldValue(field, date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture), null), null);
            case CustomFieldKind.Dropdown:
                return Offered(field, current is null ? null : [current]).Contains(text)
                    ? (new FieldValue(field, text, null), null)
                    : (empty, L["Choose a value from the list."]);
            default:
                throw new InvalidOperationException($"Unknown field kind {field.Kind}.");
        }
    }

    /// <summary>A value in its stored form (from <see cref="Read"/>) back into one to store.</summary>
    public static FieldValue Stored(CustomField field, string value) =>
        new(field, value, field.Kind == CustomFieldKind.Number ? double.Parse(value, CultureInfo.InvariantCulture) : null);

    /// <summary>A stored value in the reader's language: option labels, local number and date formats, yes or no.</summary>
    public string Display(CustomField field, string? value, CultureInfo culture)
    {
        if (field.Kind == CustomFieldKind.Checkbox) return value == "true" ? L["Yes"] : L["No"];
        if (string.IsNullOrEmpty(value)) return "";
        return field.Kind switch
        {
            CustomFieldKind.Number when double.TryParse(value, NumberStyles.Float, CultureInfo.InvariantCulture, out var n) => n.ToString("#,##0.##########", culture),
            CustomFieldKind.Date when DateOnly.TryParseExact(value, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var d) => d.ToString("d", culture),
            CustomFieldKind.Dropdown or CustomFieldKind.MultiSelect => string.Join(", ", value.Split('\n')
                .Select(key => field.Options.FirstOrDefault(o => o.Key == key)?.Labels.In(culture.TwoLetterISOLanguageName) ?? key)),
            _ => value,
        };
    }

    public string Display(TicketField line) => Display(line.Field, line.Value, CultureInfo.CurrentCulture);

    /// <summary>
    /// The values of <paramref name="shown"/> fields on a list's tickets (by number), as the reader reads them: a list's
    /// field columns, one statement for the page rather than one a row.
    /// </summary>
    public async Task<Dictionary<(long Number, string Key), string>> TextsOfAsync(IReadOnlyList<CustomField> shown, IReadOnlyCollection<long> numbers,
        CancellationToken ct)
    {
        var texts = new Dictionary<(long Number, string Key), string>();
        if (shown.Count == 0 || numbers.Count == 0) return texts;
        var ids = shown.Select(f => f.Id).ToList();
        var values = await (from v in db.TicketFieldValues
                            join t in db.Tickets on v.TicketId equals t.Id
                            where numbers.Contains(t.Number) && ids.Contains(v.CustomFieldId)
                            select new { t.Number, v.CustomFieldId, v.Value }).ToListAsync(ct);
        foreach (var v in values)
        {
            var field = shown.Single(f => f.Id == v.CustomFieldId);
            texts[(v.Number, field.Key)] = Display(field, v.Value, CultureInfo.CurrentCulture);
        }
        return texts;
    }

    private string RequiredMessage(CustomField field) => field.Kind switch
    {
        CustomFieldKind.Checkbox => L["Tick this box to go on."],
        CustomFieldKind.Dropdown or CustomFieldKind.MultiSelect => L["Choose a value."],
        _ => L["Fill in this field."],
    };

    /// <summary>The options one may choose: the active ones, and those the ticket already has (a retired option stays where it was).</summary>
    private static HashSet<string> Offered(CustomField field, IEnumerable<string>? current) =>
        [.. field.Options.Where(o => o.IsActive).Select(o => o.Key), .. current ?? []];
}
