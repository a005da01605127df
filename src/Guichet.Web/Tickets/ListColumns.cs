namespace Guichet.Web.Tickets;

/// <summary>
/// The columns of "My requests", chosen and ordered by the person and remembered in a cookie
/// on their browser. The subject is always there: it is the link to the request.
/// </summary>
public static class ListColumns
{
    public const string CookieName = "guichet.columns";
    public const string Subject = "subject";

    public static readonly IReadOnlyList<string> All =
        [Subject, "number", "requester", "created", "activity", "status", "priority", "type", "product", "environment", "assignee"];

    public static readonly IReadOnlyList<string> Default = [Subject, "number", "created", "activity", "status"];

    /// <summary>A custom field's column: "field:" and the field's key.</summary>
    public static string Field(string key) => Ticket.FieldEventPrefix + key;

    public static string? FieldKey(string column) =>
        column.StartsWith(Ticket.FieldEventPrefix, StringComparison.Ordinal) ? column[Ticket.FieldEventPrefix.Length..] : null;

    /// <summary>
    /// The columns a stored value names, in its order; unknown names (and fields the person may not
    /// see, or that are gone) are dropped, the subject is kept first if missing.
    /// </summary>
    public static IReadOnlyList<string> Parse(string? stored, IReadOnlyCollection<string> fieldColumns)
    {
        var chosen = (stored ?? "").Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Where(c => All.Contains(c) || fieldColumns.Contains(c)).Distinct().ToList();
        if (chosen.Count == 0) return Default;
        if (!chosen.Contains(Subject)) chosen.Insert(0, Subject);
        return chosen;
    }

    /// <summary>From the form: each column's checkbox and position.</summary>
    public static string Store(IEnumerable<string> selected, IReadOnlyDictionary<string, int> positions) =>
        string.Join(',', selected.Where(c => All.Contains(c) || FieldKey(c) is { } key && CustomFieldKeys.IsValid(key)).Distinct()
            .OrderBy(c => positions.GetValueOrDefault(c, int.MaxValue)).ThenBy(c => All.IndexOf(c)));

    private static int IndexOf(this IReadOnlyList<string> list, string item)
    {
        for (var i = 0; i < list.Count; i++) if (list[i] == item) return i;
        return -1;
    }
}
