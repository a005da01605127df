using Guichet.Web.Tickets;

namespace Guichet.Web.Queues;

/// <summary>
/// The columns of a workspace list, chosen and ordered by the agent and kept in the list's own address
/// (<c>columns=subject,number,tags,field:contract</c>), so that a saved view keeps them and a shared link shows them.
/// The subject is always there: it holds the link and the tick box. A custom field's column is "field:" and its key
/// (<see cref="ListColumns.Field"/>).
/// </summary>
public static class QueueColumns
{
    public const string Parameter = "columns";
    public const string Subject = "subject";

    public static readonly IReadOnlyList<string> BuiltIn =
        [Subject, "number", "requester", "organization", "status", "priority", "assignee", "group", "tags", "type", "created", "activity", "answered"];

    public static readonly IReadOnlyList<string> Default = [Subject, "number", "requester", "group", "assignee", "priority", "status", "activity"];

    /// <summary>The columns a list may be sorted by (<see cref="TicketListQuery"/>'s sorts).</summary>
    public static bool IsSortable(string column) =>
        column is "subject" or "number" or "created" or "activity" or "status" or "priority" || ListColumns.FieldKey(column) is not null;

    /// <summary>
    /// The columns an address names, in its order: unknown names and fields that are gone are dropped, the subject comes
    /// first if missing, and nothing (or nothing known) is the default.
    /// </summary>
    public static IReadOnlyList<string> Parse(string? value, IReadOnlyCollection<string> fieldColumns)
    {
        var chosen = (value ?? "").Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Where(c => BuiltIn.Contains(c) || fieldColumns.Contains(c)).Distinct().ToList();
        if (chosen.Count == 0) return Default;
        if (!chosen.Contains(Subject)) chosen.Insert(0, Subject);
        return chosen;
    }

    /// <summary><see cref="Parse(string?, IReadOnlyCollection{string})"/> with every column these fields give.</summary>
    public static IReadOnlyList<string> Parse(string? value, IEnumerable<CustomField> fields) =>
        Parse(value, [.. fields.Select(f => ListColumns.Field(f.Key))]);

    /// <summary>The address's value for the chosen columns (null for the default, which the address leaves out).</summary>
    public static string? Write(IReadOnlyList<string> columns) => columns.SequenceEqual(Default) ? null : string.Join(',', columns);

    /// <summary>
    /// From the chooser's form: the ticked columns, each in the place its number gives. Two with the same number: the one
    /// given a new place goes there, the one already there moves after it ("2" typed for a column puts it second); then
    /// the offered order.
    /// </summary>
    public static IReadOnlyList<string> Chosen(IEnumerable<string> ticked, IReadOnlyDictionary<string, int> positions, IReadOnlyList<string> offered,
        IReadOnlyList<string> current)
    {
        var currentList = current.ToList();
        var offeredList = offered.ToList();
        var chosen = ticked.Where(offered.Contains).Distinct()
            .OrderBy(c => positions.GetValueOrDefault(c, int.MaxValue))
            .ThenBy(c => currentList.IndexOf(c) + 1 == positions.GetValueOrDefault(c, int.MaxValue))
            .ThenBy(c => offeredList.IndexOf(c)).ToList();
        if (!chosen.Contains(Subject)) chosen.Insert(0, Subject);
        return chosen;
    }
}
