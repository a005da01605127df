using System.Globalization;
using System.Linq.Expressions;

namespace Guichet.Web.Tickets;

/// <summary>
/// A list's filter on one custom field, written in the address under the field's key:
/// <c>f.contract=A12</c> (repeatable), <c>f.contract.match=is</c>, <c>f.amount.min=10</c>, <c>f.amount.max=99</c>. What the
/// values mean depends on the field's kind, known only when the list is made (<see cref="Apply"/>):
/// a choice keeps the tickets with any of the options (a multi-select: having any of them), a checkbox "true" or "false",
/// a text the tickets whose value contains the words (or is them, with <c>match=is</c>), ignoring case; numbers and dates a
/// range, both ends included.
/// </summary>
public sealed class FieldFilter
{
    public const string Prefix = "f.";
    public const string MatchSuffix = ".match";
    public const string ExactMatch = "is";
    public const string MinSuffix = ".min";
    public const string MaxSuffix = ".max";

    public List<string> Values { get; } = [];

    /// <summary>A text equal to the value rather than containing it.</summary>
    public bool Exact { get; set; }

    /// <summary>The range's ends as typed in invariant form (a number, or a yyyy-MM-dd day).</summary>
    public string? Min { get; set; }
    public string? Max { get; set; }

    public bool IsEmpty => Values.Count == 0 && Min is null && Max is null;

    /// <summary>Every field filter a query string holds, by field key (the API's ticket list reads them this way).</summary>
    public static Dictionary<string, FieldFilter> ReadAll(IEnumerable<KeyValuePair<string, Microsoft.Extensions.Primitives.StringValues>> query)
    {
        var filters = new Dictionary<string, FieldFilter>(StringComparer.Ordinal);
        foreach (var (name, values) in query)
        {
            var texts = values.Where(v => !string.IsNullOrWhiteSpace(v)).Select(v => v!.Trim()).ToList();
            if (texts.Count > 0) Read(filters, name, texts);
        }
        return filters;
    }

    /// <summary>Adds what one query string name says to <paramref name="filters"/>, if it names a field filter at all.</summary>
    internal static void Read(Dictionary<string, FieldFilter> filters, string name, IReadOnlyList<string> texts)
    {
        if (!name.StartsWith(Prefix, StringComparison.Ordinal)) return;
        var rest = name[Prefix.Length..];
        var suffix = rest.EndsWith(MatchSuffix, StringComparison.Ordinal) ? MatchSuffix
            : rest.EndsWith(MinSuffix, StringComparison.Ordinal) ? MinSuffix
            : rest.EndsWith(MaxSuffix, StringComparison.Ordinal) ? MaxSuffix : "";
        var key = rest[..^suffix.Length];
        if (!CustomFieldKeys.IsValid(key)) return;
        var filter = filters.TryGetValue(key, out var known) ? known : filters[key] = new FieldFilter();
        switch (suffix)
        {
            case MatchSuffix: filter.Exact = texts[^1] == ExactMatch; break;
            case MinSuffix: filter.Min = texts[^1]; break;
            case MaxSuffix: filter.Max = texts[^1]; break;
            default: filter.Values.AddRange(texts.Where(t => t.Length <= CustomFieldValues.TextMaxLength)); break;
        }
    }

    /// <summary>
    /// The tickets that pass every filter of a field among <paramref name="fields"/> (those the viewer may see); filters on
    /// other keys, and values that do not read as the field's kind, are left out.
    /// </summary>
    internal static IQueryable<Ticket> Apply(IQueryable<Ticket> tickets, IReadOnlyDictionary<string, FieldFilter> filters, IReadOnlyList<CustomField>? fields)
    {
        if (filters.Count == 0 || fields is null) return tickets;
        foreach (var (key, filter) in filters)
        {
            if (filter.IsEmpty || fields.FirstOrDefault(f => f.Key == key) is not { } field) continue;
            var id = field.Id;
            switch (field.Kind)
            {
                case CustomFieldKind.Checkbox:
                    // An unticked box is often not stored at all: "false" is "not ticked".
                    if (filter.Values.Contains("true") && !filter.Values.Contains("false"))
                        tickets = tickets.Where(t => t.FieldValues.Any(v => v.CustomFieldId == id && v.Value == "true"));
                    else if (filter.Values.Contains("false") && !filter.Values.Contains("true"))
                        tickets = tickets.Where(t => !t.FieldValues.Any(v => v.CustomFieldId == id && v.Value == "true"));
                    break;
                case CustomFieldKind.Dropdown when filter.Values.Count > 0:
                    var options = filter.Values.ToList();
                    tickets = tickets.Where(t => t.FieldValues.Any(v => v.CustomFieldId == id && options.Contains(v.Value)));
                    break;
                case CustomFieldKind.MultiSelect when filter.Values.Count > 0:
                    tickets = tickets.Where(HasAnyOption(id, filter.Values));
                    break;
                case CustomFieldKind.Text or CustomFieldKind.LongText when filter.Values.Count > 0:
                    var text = filter.Values[^1].ToLowerInvariant();
                    // lower() on both sides: SQLite's and PostgreSQL's own comparisons disagree about case.
                    tickets = filter.Exact
                        ? tickets.Where(t => t.FieldValues.Any(v => v.CustomFieldId == id && v.Value.ToLower() == text))
                        : tickets.Where(t => t.FieldValues.Any(v => v.CustomFieldId == id && v.Value.ToLower().Contains(text)));
                    break;
                case CustomFieldKind.Number:
                    if (Number(filter.Min) is { } low) tickets = tickets.Where(t => t.FieldValues.Any(v => v.CustomFieldId == id && v.Number >= low));
                    if (Number(filter.Max) is { } high) tickets = tickets.Where(t => t.FieldValues.Any(v => v.CustomFieldId == id && v.Number <= high));
                    break;
                case CustomFieldKind.Date:
                    // Stored as yyyy-MM-dd: their order as text is their order as days.
                    if (Day(filter.Min) is { } from) tickets = tickets.Where(t => t.FieldValues.Any(v => v.CustomFieldId == id && string.Compare(v.Value, from) >= 0));
                    if (Day(filter.Max) is { } to) tickets = tickets.Where(t => t.FieldValues.Any(v => v.CustomFieldId == id && string.Compare(v.Value, to) <= 0));
                    break;
            }
        }
        return tickets;
    }

    /// <summary>A multi-select holds its option keys one a line: any of the options, as a whole line.</summary>
    private static Expression<Func<Ticket, bool>> HasAnyOption(int id, IReadOnlyList<string> options)
    {
        var v = Expression.Parameter(typeof(TicketFieldValue), "v");
        var lines = Expression.Call(typeof(string).GetMethod(nameof(string.Concat), [typeof(string), typeof(string), typeof(string)])!,
            Expression.Constant("\n"), Expression.Property(v, nameof(TicketFieldValue.Value)), Expression.Constant("\n"));
        var contains = typeof(string).GetMethod(nameof(string.Contains), [typeof(string)])!;
        Expression any = Expression.Constant(false);
        foreach (var option in options.Distinct())
            any = Expression.OrElse(any, Expression.Call(lines, contains, Expression.Property(Expression.Constant(new Captured("\n" + option + "\n")), nameof(Captured.Value))));
        var body = Expression.AndAlso(Expression.Equal(Expression.Property(v, nameof(TicketFieldValue.CustomFieldId)), Expression.Constant(id)), any);
        var valueMatches = Expression.Lambda<Func<TicketFieldValue, bool>>(body, v);
        return t => t.FieldValues.AsQueryable().Any(valueMatches);
    }

    // A captured value becomes a parameter of the statement rather than a literal in it.
    private sealed record Captured(string Value);

    private static double? Number(string? text) =>
        double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var n) ? n : null;

    private static string? Day(string? text) =>
        DateOnly.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var d) ? d.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) : null;
}
