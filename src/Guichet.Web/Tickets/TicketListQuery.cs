using System.Linq.Expressions;
using Microsoft.EntityFrameworkCore.Query;

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

    /// <summary>No public reply from the team for this many hours (since the opening, if none yet), counted from <see cref="At"/>. Staff only, as tags.</summary>
    public int? NoReplyHours { get; set; }

    private DateTimeOffset? now;

    /// <summary>The instant the list is made at (a method, not a value the query string could set).</summary>
    public TicketListQuery At(DateTimeOffset instant)
    {
        now = instant;
        return this;
    }

    /// <summary>The team's tags (any of them). Staff only: the customers' list ignores it, as tags are internal.</summary>
    public List<string> Tag { get; set; } = [];

    /// <summary>
    /// Filters on custom fields, by field key, as the address writes them (<see cref="FieldFilter"/>). Set by
    /// <see cref="Read"/> only (never bound from a form): <see cref="Apply"/> uses those of the fields it is given, the
    /// ones the viewer may see, so that nobody can sort or narrow a list by a value they may not read.
    /// </summary>
    public Dictionary<string, FieldFilter> Fields { get; } = new(StringComparer.Ordinal);

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
        && Environment.Count == 0 && Group.Count == 0 && Assignee.Count == 0 && Organization.Count == 0 && Tag.Count == 0 && Fields.Values.All(f => f.IsEmpty) && NoReplyHours is null && CreatedFrom is null && CreatedTo is null && ActivityFrom is null && ActivityTo is null;

    /// <summary>The filters as query string values, named as the list pages bind them back.</summary>
    public IEnumerable<KeyValuePair<string, string?>> FilterValues()
    {
        static IEnumerable<KeyValuePair<string, string?>> Each<T>(string name, IEnumerable<T> values) =>
            values.Select(v => new KeyValuePair<string, string?>(name, v?.ToString()));
        foreach (var v in Each("status", Status).Concat(Each("type", Type)).Concat(Each("priority", Priority)).Concat(Each("requester", Requester))
                     .Concat(Each("product", Product)).Concat(Each("environment", Environment)).Concat(Each("group", Group))
                     .Concat(Each("assignee", Assignee)).Concat(Each("organization", Organization)).Concat(Each("tag", Tag)))
            yield return v;
        if (NoReplyHours is { } hours) yield return new("noReplyHours", hours.ToString(System.Globalization.CultureInfo.InvariantCulture));
        if (CreatedFrom is { } cf) yield return new("createdFrom", cf.ToString("yyyy-MM-dd"));
        if (CreatedTo is { } ct) yield return new("createdTo", ct.ToString("yyyy-MM-dd"));
        if (ActivityFrom is { } af) yield return new("activityFrom", af.ToString("yyyy-MM-dd"));
        if (ActivityTo is { } at) yield return new("activityTo", at.ToString("yyyy-MM-dd"));
        foreach (var (key, filter) in Fields.OrderBy(f => f.Key, StringComparer.Ordinal))
        {
            foreach (var value in filter.Values) yield return new(FieldFilter.Prefix + key, value);
            if (filter.Exact) yield return new(FieldFilter.Prefix + key + FieldFilter.MatchSuffix, FieldFilter.ExactMatch);
            if (filter.Min is { } min) yield return new(FieldFilter.Prefix + key + FieldFilter.MinSuffix, min);
            if (filter.Max is { } max) yield return new(FieldFilter.Prefix + key + FieldFilter.MaxSuffix, max);
        }
    }

    /// <summary>
    /// A list as an address's query string describes it, with the names <see cref="FilterValues"/> writes (one reading for
    /// the workspace's page, a saved view and the API's view lists). A value that does not read is left out, as a form's
    /// binding would leave it out.
    /// </summary>
    public static TicketListQuery Read(IEnumerable<KeyValuePair<string, Microsoft.Extensions.Primitives.StringValues>> query)
    {
        var list = new TicketListQuery();
        var inv = System.Globalization.CultureInfo.InvariantCulture;
        foreach (var (name, values) in query)
        {
            var texts = values.Where(v => !string.IsNullOrWhiteSpace(v)).Select(v => v!.Trim()).ToList();
            if (texts.Count == 0) continue;
            var last = texts[^1];
            switch (name.ToLowerInvariant())
            {
                case "scope": list.Scope = last; break;
                case "q": list.Q = values[^1]; break;
                case "status": list.Status.AddRange(Ints(texts)); break;
                case "type": list.Type.AddRange(Ints(texts)); break;
                case "priority": list.Priority.AddRange(Enums<TicketPriority>(texts)); break;
                case "requester": list.Requester.AddRange(Guids(texts)); break;
                case "product": list.Product.AddRange(Ints(texts)); break;
                case "environment": list.Environment.AddRange(Enums<TicketEnvironment>(texts)); break;
                case "group": list.Group.AddRange(Ints(texts)); break;
                case "assignee": list.Assignee.AddRange(Guids(texts)); break;
                case "organization": list.Organization.AddRange(Guids(texts)); break;
                case "tag": list.Tag.AddRange(texts); break;
                case "noreplyhours": list.NoReplyHours = int.TryParse(last, inv, out var hours) ? hours : null; break;
                case "createdfrom": list.CreatedFrom = Day(last); break;
                case "createdto": list.CreatedTo = Day(last); break;
                case "activityfrom": list.ActivityFrom = Day(last); break;
                case "activityto": list.ActivityTo = Day(last); break;
                case "sort": list.Sort = last; break;
                case "desc": list.Desc = !bool.TryParse(last, out var desc) || desc; break;
                case "page": list.Page = int.TryParse(last, inv, out var page) ? page : 1; break;
                default: FieldFilter.Read(list.Fields, name, texts); break;
            }
        }
        return list;

        static IEnumerable<int> Ints(List<string> texts) => texts.Select(t => int.TryParse(t, System.Globalization.CultureInfo.InvariantCulture, out var n) ? n : (int?)null).OfType<int>();
        static IEnumerable<Guid> Guids(List<string> texts) => texts.Select(t => Guid.TryParse(t, out var g) ? g : (Guid?)null).OfType<Guid>();
        static IEnumerable<T> Enums<T>(List<string> texts) where T : struct, Enum =>
            texts.Select(t => Enum.TryParse<T>(t, ignoreCase: true, out var e) && Enum.IsDefined(e) ? e : (T?)null).OfType<T>();
        static DateOnly? Day(string text) => DateOnly.TryParseExact(text, "yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture, System.Globalization.DateTimeStyles.None, out var d) ? d : null;
    }

    /// <summary>The tickets the filters keep, in no order: what a count needs, without paying for a sort.</summary>
    public IQueryable<Ticket> Matching(IQueryable<Ticket> scoped, TimeZoneInfo zone, IReadOnlyList<CustomField>? fields = null) =>
        FieldFilter.Apply(Filter(scoped, zone), Fields, fields);

    /// <summary>
    /// Applies filters and sort to tickets already narrowed to the scope, to what the viewer may see
    /// and to what <see cref="Q"/> finds (<c>TicketSearch.FilterForListAsync</c> does all three).
    /// </summary>
    /// <paramref name="fields"/>: the custom fields the viewer may see, which they may sort by.
    public IQueryable<Ticket> Apply(IQueryable<Ticket> scoped, TimeZoneInfo zone, IReadOnlyList<CustomField>? fields = null)
    {
        var q = Matching(scoped, zone, fields);
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

        return Ordered(q, backwards: false);
    }

    /// <summary>
    /// The tickets that come after <paramref name="current"/> in this list (before it, <paramref name="backwards"/>), nearest
    /// first: the list's "next ticket" is the first. Read from where the ticket stands in the sort (a keyset), so it costs
    /// one indexed look-up whatever the list's length, and it still works once the ticket itself has left the list.
    /// </summary>
    public IQueryable<Ticket> Beyond(IQueryable<Ticket> scoped, TimeZoneInfo zone, Ticket current, bool backwards, IReadOnlyList<CustomField>? fields = null)
    {
        var t = Expression.Parameter(typeof(Ticket), "t");
        // (k1 beyond v1) or (k1 = v1 and k2 beyond v2) or …: the order's own tie-breaks, the last key unique (the number).
        Expression? beyond = null, leading = null;
        Expression equalSoFar = Expression.Constant(true);
        foreach (var key in SortKeys())
        {
            var (column, value) = Comparable(ReplacingExpressionVisitor.Replace(key.Of.Parameters[0], t, key.Of.Body), key.Of.Compile(preferInterpretation: true).DynamicInvoke(current));
            var further = key.Descending != backwards ? Expression.LessThan(column, value) : Expression.GreaterThan(column, value);
            // The first key's bound, said once more on its own: the or-ed terms hide it from the planner, which then reads
            // the index from its start instead of seeking to the current ticket (a list's last page read every row before it).
            leading ??= key.Descending != backwards ? Expression.LessThanOrEqual(column, value) : Expression.GreaterThanOrEqual(column, value);
            beyond = beyond is null ? further : Expression.OrElse(beyond, Expression.AndAlso(equalSoFar, further));
            equalSoFar = Expression.AndAlso(equalSoFar, Expression.Equal(column, value));
        }
        return Ordered(Matching(scoped, zone, fields).Where(Expression.Lambda<Func<Ticket, bool>>(Expression.AndAlso(leading!, beyond!), t)), backwards);
    }

    /// <summary>
    /// The list in the order <see cref="Beyond"/> pages it (the API's view lists): a custom field's sort reads as the
    /// default one, newest activity first, as a keyset over a field's value is not offered.
    /// </summary>
    public IQueryable<Ticket> Keyed(IQueryable<Ticket> scoped, TimeZoneInfo zone, IReadOnlyList<CustomField>? fields = null) =>
        Ordered(Matching(scoped, zone, fields), backwards: false);

    /// <summary>The filters, without the sort.</summary>
    private IQueryable<Ticket> Filter(IQueryable<Ticket> scoped, TimeZoneInfo zone)
    {
        var q = scoped;
        if (Status.Count > 0) q = q.Where(t => Status.Contains(t.StatusId));
        if (Type.Count > 0) q = q.Where(t => Type.Contains(t.RequestTypeId));
        if (Priority.Count > 0) q = q.Where(t => Priority.Contains(t.Priority));
        if (Requester.Count > 0) q = q.Where(t => Requester.Contains(t.RequesterId));
        if (Product.Count > 0) q = q.Where(t => t.ProductId != null && Product.Contains(t.ProductId.Value));
        if (Environment.Count > 0) q = q.Where(t => t.Environment != null && Environment.Contains(t.Environment.Value));
        if (Group.Count > 0) q = q.Where(t => t.GroupId != null && Group.Contains(t.GroupId.Value));
        if (Assignee.Count > 0) q = AssignedTo(q, Assignee);
        if (Organization.Count > 0) q = q.Where(t => t.OrganizationId != null && Organization.Contains(t.OrganizationId.Value));
        if (NoReplyHours is { } hours && now is { } instant) q = NoReplyFor(q, hours, instant);
        if (Tag.SelectMany(t => TicketTag.Parse(t).Tags).ToList() is { Count: > 0 } tags) q = q.Where(t => t.Tags.Any(x => tags.Contains(x.Name)));
        if (CreatedFrom is { } cf) { var from = Start(cf, zone); q = q.Where(t => t.CreatedAt >= from); }
        if (CreatedTo is { } ct) { var to = Start(ct.AddDays(1), zone); q = q.Where(t => t.CreatedAt < to); }
        if (ActivityFrom is { } af) { var from = Start(af, zone); q = q.Where(t => t.LastActivityAt >= from); }
        if (ActivityTo is { } at) { var to = Start(at.AddDays(1), zone); q = q.Where(t => t.LastActivityAt < to); }
        return q;
    }

    /// <summary>The tickets assigned to one of <paramref name="assignees"/>, or to nobody if <see cref="Nobody"/> is among them (the queues and the API).</summary>
    public static IQueryable<Ticket> AssignedTo(IQueryable<Ticket> q, IReadOnlyCollection<Guid> assignees)
    {
        var people = assignees.Where(a => a != Nobody).ToList();
        return assignees.Contains(Nobody)
            ? q.Where(t => t.AssigneeId == null || (t.AssigneeId != null && people.Contains(t.AssigneeId.Value)))
            : q.Where(t => t.AssigneeId != null && people.Contains(t.AssigneeId.Value));
    }

    /// <summary>The longest wait "no reply from us for" counts, in hours (a year and a day).</summary>
    public const int MaxNoReplyHours = 24 * 366;

    /// <summary>
    /// No public reply from the team for <paramref name="hours"/> at <paramref name="now"/> (the queues and the API): internal
    /// notes do not count (<see cref="Ticket.AnsweredAt"/> is the last public reply of the team).
    /// </summary>
    public static IQueryable<Ticket> NoReplyFor(IQueryable<Ticket> q, int hours, DateTimeOffset now)
    {
        var cutoff = now.AddHours(-Math.Clamp(hours, 0, MaxNoReplyHours));
        // Counted from the opening when nobody answered yet: a request opened five minutes ago is not late.
        return q.Where(t => (t.AnsweredAt ?? t.CreatedAt) < cutoff);
    }

    /// <summary>One key of a list's order and which way it runs (see <see cref="SortKeys"/>).</summary>
    private sealed record SortKey(LambdaExpression Of, bool Descending);

    private static SortKey Key<TKey>(Expression<Func<Ticket, TKey>> of, bool descending) => new(of, descending);

    /// <summary>The order of the built-in sorts, each ending with the number so that every ticket has one place.</summary>
    private IReadOnlyList<SortKey> SortKeys() => Sort switch
    {
        "number" => [Key(t => t.Number, Desc)],
        "subject" => [Key(t => t.Subject, Desc), Key(t => t.Number, true)],
        "created" => [Key(t => t.CreatedAt, Desc), Key(t => t.Number, Desc)],
        "status" => [Key(t => t.Status.SortOrder, Desc), Key(t => t.LastActivityAt, true), Key(t => t.Number, true)],
        "priority" => [Key(t => t.Priority, Desc), Key(t => t.LastActivityAt, true), Key(t => t.Number, true)],
        // Newest activity first unless asked otherwise, and for any sort this list does not know.
        _ => Sort == "activity" && !Desc
            ? [Key(t => t.LastActivityAt, false), Key(t => t.Number, false)]
            : [Key(t => t.LastActivityAt, true), Key(t => t.Number, true)],
    };

    /// <summary>The tickets in the list's order, or in the opposite one.</summary>
    private IQueryable<Ticket> Ordered(IQueryable<Ticket> q, bool backwards)
    {
        var first = true;
        foreach (var key in SortKeys())
        {
            var method = (first ? "OrderBy" : "ThenBy") + (key.Descending != backwards ? "Descending" : "");
            q = q.Provider.CreateQuery<Ticket>(Expression.Call(typeof(Queryable), method, [typeof(Ticket), key.Of.ReturnType], q.Expression, Expression.Quote(key.Of)));
            first = false;
        }
        return q;
    }

    /// <summary>
    /// A key's column and the current ticket's value, ready for &lt; and &gt; as C# would write them: text through
    /// string.Compare, an enumeration as its number. The value is read from a captured object, so that EF sends it as a
    /// parameter (one statement for every ticket) rather than writing it into the SQL.
    /// </summary>
    private static (Expression Column, Expression Value) Comparable(Expression column, object? value)
    {
        var captured = Expression.Property(Expression.Constant(new Captured(value)), nameof(Captured.Value));
        Expression typed = Expression.Convert(captured, column.Type);
        if (column.Type == typeof(string))
        {
            var compare = typeof(string).GetMethod(nameof(string.Compare), [typeof(string), typeof(string)])!;
            return (Expression.Call(compare, column, typed), Expression.Constant(0));
        }
        if (column.Type.IsEnum) return (Expression.Convert(column, Enum.GetUnderlyingType(column.Type)), Expression.Convert(typed, Enum.GetUnderlyingType(column.Type)));
        return (column, typed);
    }

    private sealed record Captured(object? Value);

    private IOrderedQueryable<Ticket> Then<TKey>(IOrderedQueryable<Ticket> query, Expression<Func<Ticket, TKey>> key) =>
        Desc ? query.ThenByDescending(key) : query.ThenBy(key);

    /// <summary>Midnight of a day in the viewer's time zone, in UTC: "created on the 3rd" means their 3rd.</summary>
    private static DateTimeOffset Start(DateOnly day, TimeZoneInfo zone)
    {
        var local = day.ToDateTime(TimeOnly.MinValue, DateTimeKind.Unspecified);
        return new DateTimeOffset(local, zone.GetUtcOffset(local)).ToUniversalTime();
    }
}
