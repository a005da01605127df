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

    /// <summary>The columns a stored value names, in its order; unknown names are dropped, the subject is kept first if missing.</summary>
    public static IReadOnlyList<string> Parse(string? stored)
    {
        var chosen = (stored ?? "").Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Where(All.Contains).Distinct().ToList();
        if (chosen.Count == 0) return Default;
        if (!chosen.Contains(Subject)) chosen.Insert(0, Subject);
        return chosen;
    }

    /// <summary>From the form: each column's checkbox and position.</summary>
    public static string Store(IEnumerable<string> selected, IReadOnlyDictionary<string, int> positions) =>
        string.Join(',', selected.Where(All.Contains).Distinct()
            .OrderBy(c => positions.GetValueOrDefault(c, int.MaxValue)).ThenBy(c => All.IndexOf(c)));

    private static int IndexOf(this IReadOnlyList<string> list, string item)
    {
        for (var i = 0; i < list.Count; i++) if (list[i] == item) return i;
        return -1;
    }
}
