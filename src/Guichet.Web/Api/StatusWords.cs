using Guichet.Web.Tickets;

namespace Guichet.Web.Api;

/// <summary>
/// The English words an API client may set a status with instead of its id: each category's own name
/// ("solved", as the API shows it) and the words people use for it ("resolved"). A word leads to the
/// default status of its category. Customers have the words of what the portal lets them do.
/// </summary>
public static class StatusWords
{
    private static readonly Dictionary<string, StatusCategory> Words = new(StringComparer.OrdinalIgnoreCase)
    {
        ["new"] = StatusCategory.New,
        ["open"] = StatusCategory.Open,
        ["reopened"] = StatusCategory.Open,
        ["in progress"] = StatusCategory.Open,
        ["pending"] = StatusCategory.Pending,
        ["waiting"] = StatusCategory.Pending,
        ["on hold"] = StatusCategory.Pending,
        ["solved"] = StatusCategory.Solved,
        ["resolved"] = StatusCategory.Solved,
        ["closed"] = StatusCategory.Closed,
        ["cancelled"] = StatusCategory.Cancelled,
        ["canceled"] = StatusCategory.Cancelled,
    };

    /// <summary>What a customer may do to a request: resolve, cancel, reopen.</summary>
    private static readonly StatusCategory[] CustomerCategories = [StatusCategory.Solved, StatusCategory.Cancelled, StatusCategory.Open];

    /// <summary>The category a word leads to, when the caller may use that word.</summary>
    public static StatusCategory? Find(string? word, bool isStaff) =>
        word is not null && Words.TryGetValue(word.Trim(), out var category) && (isStaff || CustomerCategories.Contains(category)) ? category : null;

    /// <summary>The words the caller may use, for an error message and the statuses list.</summary>
    public static IEnumerable<string> For(StatusCategory category, bool isStaff) =>
        isStaff || CustomerCategories.Contains(category) ? Words.Where(w => w.Value == category).Select(w => w.Key) : [];

    public static IEnumerable<string> All(bool isStaff) => Enum.GetValues<StatusCategory>().SelectMany(c => For(c, isStaff));
}
