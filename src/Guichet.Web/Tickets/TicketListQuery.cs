using System.Linq.Expressions;

namespace Guichet.Web.Tickets;

/// <summary>
/// A list of tickets as the URL describes it (scope, filters, search, sort, page), so that a list
/// can be bookmarked and shared. The same query serves the page, the export and the API.
/// </summary>
public sealed class TicketListQuery
{
    public const int PageSize = 25;

    public string Scope { get; set; } = "mine";
    public string? Q { get; set; }
    public List<int> Status { get; set; } = [];
    public List<int> Type { get; set; } = [];
    public List<TicketPriority> Priority { get; set; } = [];
    public List<Guid> Requester { get; set; } = [];
    public List<int> Product { get; set; } = [];
    public List<TicketEnvironment> Environment { get; set; } = [];

    /// <summary>Agents' filters: the groups, the assignees (<see cref="Nobody"/> for none) and the organizations.</summary>
    public List<int> Group { get; set; } = [];
    public List<Guid> Assignee { get; set; } = [];
    public List<Guid> Organization { get; set; } = [];

    /// <summary>In <see cref="Assignee"/>: the tickets nobody has taken.</summary>
    public static readonly Guid Nobody = Guid.Empty;
    public DateOnly? CreatedFrom { get; set; }
    public DateOnly? CreatedTo { get; set; }
    public DateOnly? ActivityFrom { get; set; }
    public DateOnly? ActivityTo { get; set; }
    public string Sort { get; set; } = "activity";
    public bool Desc { get; set; } = true;
    public int Page { get; set; } = 1;

    /// <summary>No filter but the statuses (which may be none): the scope's tickets in these statuses, whatever the sort and page.</summary>
    public bool FiltersOnlyByStatus => Type.Count == 0 && Priority.Count == 0 && Requester.Count == 0 && Product.Count == 0
        && Environment.Count == 0 && Group.Count == 0 && Assignee.Count == 0 && Organization.Count == 0 && CreatedFrom is null && CreatedTo is null && ActivityFrom is null && ActivityTo is null;

    /// <summary>The filters as query string values, named as the list pages bind them back.</summary>
    public IEnumerable<KeyValuePair<string, string?>> FilterValues()
    {
        static IEnumerable<KeyValuePair<string, string?>> Each<T>(string name, IEnumerable<T> values) =>
            values.Select(v => new KeyValuePair<string, string?>(name, v?.ToString()));
        foreach (var v in Each("status", Status).Concat(Each("type", Type)).Concat(Each("priority", Priority)).Concat(Each("requester", Requester))
                     .Concat(Each("product", Product)).Concat(Each("environment", Environment)).Concat(Each("group", Group))
                     .Concat(Each("assignee", Assignee)).Concat(Each("organization", Organization)))
            yield return v;
        if (CreatedFrom is { } cf) yield return new("createdFrom", cf.ToString("yyyy-MM-dd"));
        if (CreatedTo is { } ct) yield return new("createdTo", ct.ToString("yyyy-MM-dd"));
        if (ActivityFrom is { } af) yield return new("activityFrom", af.ToString("yyyy-MM-dd"));
        if (ActivityTo is { } at) yield return new("activityTo", at.ToString("yyyy-MM-dd"));
    }

    /// <summary>
    /// Applies filters and sort to tickets already narrowed to the scope, to what the viewer may see
    /// and to what <see cref="Q"/> finds (<c>TicketSearch.FilterForListAsync</c> does all three).
    /// </summary>
    /// <paramref name="fields"/>: the custom fields the viewer may see, which they may sort by.
    public IQueryable<Ticket> Apply(IQueryable<Ticket> scoped, TimeZoneInfo zone, IReadOnlyList<CustomField>? fields = null)
    {
        var q = scoped;
        if (Status.Count > 0) q = q.Where(t => Status.Contains(t.StatusId));
        if (Type.Count > 0) q = q.Where(t => Type.Contains(t.RequestTypeId));
        if (Priority.Count > 0) q = q.Where(t => Priority.Contains(t.Priority));
        if (Requester.Count > 0) q = q.Where(t => Requester.Contains(t.RequesterId));
        if (Product.Count > 0) q = q.Where(t => t.ProductId != null && Product.Contains(t.ProductId.Value));
        if (Environment.Count > 0) q = q.Where(t => t.Environment != null && Environment.Contains(t.Environment.Value));
        if (Group.Count > 0) q = q.Where(t => t.GroupId != null && Group.Contains(t.GroupId.Value));
        if (Assignee.Count > 0)
        {
            var people = Assignee.Where(a => a != Nobody).ToList();
            q = Assignee.Contains(Nobody)
                ? q.Where(t => t.AssigneeId == null || (t.AssigneeId != null && people.Contains(t.AssigneeId.Value)))
                : q.Where(t => t.AssigneeId != null && people.Contains(t.AssigneeId.Value));
        }
        if (Organization.Count > 0) q = q.Where(t => t.OrganizationId != null && Organization.Contains(t.OrganizationId.Value));
        if (CreatedFrom is { } cf) { var from = Start(cf, zone); q = q.Where(t => t.CreatedAt >= from); }
        if (CreatedTo is { } ct) { var to = Start(ct.AddDays(1), zone); q = q.Where(t => t.CreatedAt < to); }
        if (ActivityFrom is { } af) { var from = Start(af, zone); q = q.Where(t => t.LastActivityAt >= from); }
        if (ActivityTo is { } at) { var to = Start(at.AddDays(1), zone); q = q.Where(t => t.LastActivityAt < to); }

        if (ListColumns.FieldKey(Sort) is { } key && fields?.FirstOrDefault(f => f.Key == key) is { } field)
        {
            var id = field.Id;
            // Numbers by their value (9 before 10), the rest by their stored text (dates are yyyy-MM-dd); empty ones last
            // either way (SQLite and PostgreSQL put NULL at opposite ends on their own).
            var sorted = field.Kind == CustomFieldKind.Number
                ? Then(q.OrderBy(t => t.FieldValues.Where(v => v.CustomFieldId == id).Select(v => v.Number).FirstOrDefault() == null),
                    t => t.FieldValues.Where(v => v.CustomFieldId == id).Select(v => v.Number).FirstOrDefault())
                : Then(q.OrderBy(t => t.FieldValues.Where(v => v.CustomFieldId == id).Select(v => v.Value).FirstOrDefault() == null),
                    t => t.FieldValues.Where(v => v.CustomFieldId == id).Select(v => v.Value).FirstOrDefault());
            return sorted.ThenByDescending(t => t.Number);
        }

        return (Sort, Desc) switch
        {
            ("number", false) => q.OrderBy(t => t.Number),
            ("number", true) => q.OrderByDescending(t => t.Number),
            ("subject", false) => q.OrderBy(t => t.Subject).ThenByDescending(t => t.Number),
            ("subject", true) => q.OrderByDescending(t => t.Subject).ThenByDescending(t => t.Number),
            ("created", false) => q.OrderBy(t => t.CreatedAt).ThenBy(t => t.Number),
            ("created", true) => q.OrderByDescending(t => t.CreatedAt).ThenByDescending(t => t.Number),
            ("status", false) => q.OrderBy(t => t.Status.SortOrder).ThenByDescending(t => t.LastActivityAt),
            ("status", true) => q.OrderByDescending(t => t.Status.SortOrder).ThenByDescending(t => t.LastActivityAt),
            ("priority", false) => q.OrderBy(t => t.Priority).ThenByDescending(t => t.LastActivityAt),
            ("priority", true) => q.OrderByDescending(t => t.Priority).ThenByDescending(t => t.LastActivityAt),
            ("activity", false) => q.OrderBy(t => t.LastActivityAt).ThenBy(t => t.Number),
            _ => q.OrderByDescending(t => t.LastActivityAt).ThenByDescending(t => t.Number),
        };
    }

    private IOrderedQueryable<Ticket> Then<TKey>(IOrderedQueryable<Ticket> query, Expression<Func<Ticket, TKey>> key) =>
        Desc ? query.ThenByDescending(key) : query.ThenBy(key);

    /// <summary>Midnight of a day in the viewer's time zone, in UTC: "created on the 3rd" means their 3rd.</summary>
    private static DateTimeOffset Start(DateOnly day, TimeZoneInfo zone)
    {
        var local = day.ToDateTime(TimeOnly.MinValue, DateTimeKind.Unspecified);
        return new DateTimeOffset(local, zone.GetUtcOffset(local)).ToUniversalTime();
    }
}
