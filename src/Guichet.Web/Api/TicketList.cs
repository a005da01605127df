using Guichet.Web.Data;
using Guichet.Web.Queues;
using Guichet.Web.Search;
using Guichet.Web.Tickets;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.OpenApi;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using Microsoft.OpenApi;

namespace Guichet.Web.Api;

/// <summary>
/// The query string of GET /api/v1/tickets. Properties rather than a positional record: the request delegate generator
/// writes typeof(string?) for a record's nullable parameters, which does not compile.
/// </summary>
public sealed record TicketListParameters
{
    [FromQuery(Name = "q")] public string? Q { get; init; }
    [FromQuery(Name = "queue")] public string? Queue { get; init; }
    [FromQuery(Name = "status")] public int[]? Status { get; init; }
    [FromQuery(Name = "type")] public int[]? Type { get; init; }
    [FromQuery(Name = "priority")] public string[]? Priority { get; init; }
    [FromQuery(Name = "requester")] public string[]? Requester { get; init; }
    [FromQuery(Name = "product")] public int[]? Product { get; init; }
    [FromQuery(Name = "environment")] public string[]? Environment { get; init; }
    [FromQuery(Name = "tag")] public string[]? Tag { get; init; }
    [FromQuery(Name = "group")] public int[]? Group { get; init; }
    [FromQuery(Name = "assignee")] public string[]? Assignee { get; init; }
    [FromQuery(Name = "organization")] public Guid[]? Organization { get; init; }
    [FromQuery(Name = "noReplyHours")] public int? NoReplyHours { get; init; }
    [FromQuery(Name = "createdFrom")] public DateTimeOffset? CreatedFrom { get; init; }
    [FromQuery(Name = "createdTo")] public DateTimeOffset? CreatedTo { get; init; }
    [FromQuery(Name = "updatedFrom")] public DateTimeOffset? UpdatedFrom { get; init; }
    [FromQuery(Name = "updatedTo")] public DateTimeOffset? UpdatedTo { get; init; }
    [FromQuery(Name = "sort")] public string? Sort { get; init; }
    [FromQuery(Name = "direction")] public string? Direction { get; init; }
    [FromQuery(Name = "cursor")] public string? Cursor { get; init; }
    [FromQuery(Name = "limit")] public int? Limit { get; init; }
}

/// <summary>
/// A page of the tickets the caller may see, filtered and sorted, with keyset pagination: the
/// next page starts after the last row's sort value and number, so pages stay fast and nothing is
/// skipped or repeated when tickets are added meanwhile.
/// </summary>
public sealed class TicketList(GuichetDbContext db, TicketSearch search, AgentQueues queues, TicketCatalog catalog, TimeProvider time, IStringLocalizer<SharedResource> L)
{
    public const int DefaultLimit = 50;
    public const int MaxLimit = 200;

    /// <summary>
    /// The parameters as the OpenAPI document describes them. Set by an operation transformer:
    /// [Description] on an [AsParameters] record breaks the document generator (dotnet/aspnetcore#65348).
    /// </summary>
    public static readonly IReadOnlyDictionary<string, string> ParameterDescriptions = new Dictionary<string, string>
    {
        ["q"] = "Words to look for in the subject and the messages (full-text search).",
        ["queue"] = "Agents and admins: one of the workspace's queues, unassigned, mine, waiting, open, solved or all (docs/agents.md).",
        ["status"] = "A status id; repeat for several (status=2&status=3).",
        ["type"] = "A request type id; repeatable.",
        ["priority"] = "low, normal, high or urgent; repeatable.",
        ["requester"] = "The requester's user id or email address; repeatable.",
        ["product"] = "A product id; repeatable.",
        ["environment"] = "production, staging or test; repeatable.",
        ["tag"] = "Agents and admins: a tag; repeatable, any of them (tag=vip&tag=printer).",
        ["group"] = "Agents and admins: a group id; repeatable.",
        ["assignee"] = "Agents and admins: the assignee's user id, me, or nobody (tickets nobody has taken); repeatable.",
        ["organization"] = "An organization id; repeatable.",
        ["noReplyHours"] = "Agents and admins: no public reply from the team for at least this many hours (counted from the opening when none yet; internal notes do not count).",
        ["createdFrom"] = "Created at or after this time (ISO 8601).",
        ["createdTo"] = "Created before this time (ISO 8601).",
        ["updatedFrom"] = "Last activity at or after this time (ISO 8601).",
        ["updatedTo"] = "Last activity before this time (ISO 8601).",
        ["sort"] = "updated (default), created, number or subject.",
        ["direction"] = "asc or desc; desc by default, asc for subject.",
        ["cursor"] = "The nextCursor of the previous page, with the same filters and sort.",
        ["limit"] = "Tickets per page, 1 to 200; 50 by default.",
    };

    public static Task DescribeParameters(OpenApiOperation operation, OpenApiOperationTransformerContext context, CancellationToken ct)
    {
        foreach (var parameter in operation.Parameters ?? [])
            if (parameter is OpenApiParameter p && p.Name is { } name && ParameterDescriptions.TryGetValue(name, out var description))
                p.Description = description;
        return Task.CompletedTask;
    }

    public sealed record Filter(
        string? Q, Queue? Queue, IReadOnlyList<int> Statuses, IReadOnlyList<int> Types, IReadOnlyList<TicketPriority> Priorities, IReadOnlyList<string> Requesters,
        IReadOnlyList<int> Products, IReadOnlyList<TicketEnvironment> Environments, IReadOnlyList<string> Tags,
        IReadOnlyList<int> Groups, IReadOnlyList<Guid> Assignees, bool AssignedToMe, IReadOnlyList<Guid> Organizations, int? NoReplyHours, DateTimeOffset? CreatedFrom, DateTimeOffset? CreatedTo, DateTimeOffset? UpdatedFrom, DateTimeOffset? UpdatedTo,
        TicketSort Sort, bool Descending, TicketCursor? Cursor, int Limit)
    {
        /// <summary>Filters on custom fields, as the workspace writes them (<c>f.contract=…</c>, <see cref="FieldFilter"/>).</summary>
        public IReadOnlyDictionary<string, FieldFilter> Fields { get; init; } = new Dictionary<string, FieldFilter>();
    }

    /// <summary>The filter, or the errors of each parameter that is not valid.</summary>
    public (Filter? Filter, Dictionary<string, string[]> Errors) Parse(TicketListParameters query)
    {
        var errors = new Dictionary<string, string[]>();
        var priorities = new List<TicketPriority>();
        foreach (var p in query.Priority ?? [])
        {
            if (Enum.TryParse<TicketPriority>(p, ignoreCase: true, out var priority) && Enum.IsDefined(priority)) priorities.Add(priority);
            else errors["priority"] = [L["Choose one of: {0}.", Names<TicketPriority>()]];
        }
        var environments = new List<TicketEnvironment>();
        foreach (var e in query.Environment ?? [])
        {
            if (Enum.TryParse<TicketEnvironment>(e, ignoreCase: true, out var environment) && Enum.IsDefined(environment)) environments.Add(environment);
            else errors["environment"] = [L["Choose one of: {0}.", Names<TicketEnvironment>()]];
        }
        // Assignees by id, "me" or "nobody" (TicketListQuery.Nobody), as the bulk change names them. "me" is the caller, known
        // when the list is made.
        var assignees = new List<Guid>();
        var me = false;
        foreach (var a in query.Assignee ?? [])
        {
            if (a.Trim().Equals("nobody", StringComparison.OrdinalIgnoreCase)) assignees.Add(TicketListQuery.Nobody);
            else if (a.Trim().Equals("me", StringComparison.OrdinalIgnoreCase)) me = true;
            else if (Guid.TryParse(a, out var id) && id != Guid.Empty) assignees.Add(id);
            else errors["assignee"] = [L["Give a user id, me or nobody."]];
        }
        if (query.NoReplyHours is < 1 or > TicketListQuery.MaxNoReplyHours)
            errors["noReplyHours"] = [L["Enter a number between {0} and {1}.", 1, TicketListQuery.MaxNoReplyHours]];
        Queue? queue = null;
        if (query.Queue is not null)
        {
            if (Enum.TryParse<Queue>(query.Queue, ignoreCase: true, out var q) && Enum.IsDefined(q)) queue = q;
            else errors["queue"] = [L["Choose one of: {0}.", Names<Queue>()]];
        }
        var sort = TicketSort.Updated;
        if (query.Sort is not null && !(Enum.TryParse(query.Sort, ignoreCase: true, out sort) && Enum.IsDefined(sort)))
            errors["sort"] = [L["Choose one of: {0}.", Names<TicketSort>()]];
        var direction = query.Direction?.ToLowerInvariant() ?? (sort is TicketSort.Subject ? "asc" : "desc");
        if (direction is not ("asc" or "desc"))
            errors["direction"] = [L["Choose one of: {0}.", "asc, desc"]];
        var limit = query.Limit ?? DefaultLimit;
        if (limit is < 1 or > MaxLimit)
            errors["limit"] = [L["Enter a number between {0} and {1}.", 1, MaxLimit]];
        TicketCursor? cursor = null;
        if (errors.Count == 0 && query.Cursor is { Length: > 0 } text && (cursor = TicketCursor.Decode(text, sort, direction == "desc")) is null)
            errors["cursor"] = [L["This cursor does not belong to this list. Start again without it."]];
        if (errors.Count > 0) return (null, errors);

        return (new Filter(
            string.IsNullOrWhiteSpace(query.Q) ? null : query.Q, queue, query.Status ?? [], query.Type ?? [], priorities,
            (query.Requester ?? []).Where(r => !string.IsNullOrWhiteSpace(r)).Select(r => r.Trim()).ToList(), query.Product ?? [], environments,
            [.. (query.Tag ?? []).SelectMany(t => TicketTag.Parse(t).Tags).Distinct()], query.Group ?? [], assignees, me, query.Organization ?? [],
            query.NoReplyHours, Utc(query.CreatedFrom), Utc(query.CreatedTo), Utc(query.UpdatedFrom), Utc(query.UpdatedTo), sort, direction == "desc", cursor, limit), errors);
    }

    public async Task<TicketPage> PageAsync(Viewer viewer, Filter filter, CancellationToken ct)
    {
        var tickets = await MatchingAsync(viewer, filter, ct);
        if (filter.Cursor is { } cursor) tickets = After(tickets, cursor);

        var rows = await Order(tickets, filter.Sort, filter.Descending).Rows().Take(filter.Limit + 1).ToListAsync(ct);
        var next = rows.Count > filter.Limit ? TicketCursor.After(filter.Sort, filter.Descending, rows[filter.Limit - 1]).Encode() : null;
        return new TicketPage(rows.Take(filter.Limit).Select(TicketViews.ToSummary).ToList(), next);
    }

    /// <summary>Every ticket of the list the filter describes, whatever its page: the tickets the viewer sees, searched and filtered.</summary>
    public async Task<IQueryable<Ticket>> MatchingAsync(Viewer viewer, Filter filter, CancellationToken ct)
    {
        // The same full-text search as the portal: visibility and words in one query.
        var tickets = search.Filter(db.Tickets.AsNoTracking(), filter.Q, viewer);
        if (filter.Queue is { } queue) tickets = await queues.FilterAsync(tickets, queue, viewer, ct);
        if (filter.Statuses.Count > 0) tickets = tickets.Where(t => filter.Statuses.Contains(t.StatusId));
        if (filter.Types.Count > 0) tickets = tickets.Where(t => filter.Types.Contains(t.RequestTypeId));
        if (filter.Priorities.Count > 0) tickets = tickets.Where(t => filter.Priorities.Contains(t.Priority));
        if (filter.Requesters.Count > 0) tickets = ByRequester(tickets, filter.Requesters);
        if (filter.Products.Count > 0) tickets = tickets.Where(t => t.ProductId != null && filter.Products.Contains(t.ProductId.Value));
        if (filter.Environments.Count > 0) tickets = tickets.Where(t => t.Environment != null && filter.Environments.Contains(t.Environment.Value));
        // As the queues filter: any of the tags. Customers never get here with tags (the endpoint refuses them).
        if (filter.Tags.Count > 0) tickets = tickets.Where(t => t.Tags.Any(x => filter.Tags.Contains(x.Name)));
        if (filter.Groups.Count > 0) tickets = tickets.Where(t => t.GroupId != null && filter.Groups.Contains(t.GroupId.Value));
        if (filter.Assignees.Count > 0 || filter.AssignedToMe)
            tickets = TicketListQuery.AssignedTo(tickets, [.. filter.Assignees, .. filter.AssignedToMe ? [viewer.UserId] : Array.Empty<Guid>()]);
        if (filter.Organizations.Count > 0) tickets = tickets.Where(t => t.OrganizationId != null && filter.Organizations.Contains(t.OrganizationId.Value));
        if (filter.NoReplyHours is { } hours) tickets = TicketListQuery.NoReplyFor(tickets, hours, time.GetUtcNow());
        if (filter.CreatedFrom is { } createdFrom) tickets = tickets.Where(t => t.CreatedAt >= createdFrom);
        if (filter.CreatedTo is { } createdTo) tickets = tickets.Where(t => t.CreatedAt < createdTo);
        if (filter.UpdatedFrom is { } updatedFrom) tickets = tickets.Where(t => t.LastActivityAt >= updatedFrom);
        if (filter.UpdatedTo is { } updatedTo) tickets = tickets.Where(t => t.LastActivityAt < updatedTo);
        if (filter.Fields.Count > 0)
        {
            // Only on fields the caller may read: a customer cannot narrow a list by a field hidden from them.
            var visible = (await catalog.GetAsync(ct)).Fields.Where(f => CustomFieldValues.MaySee(f, viewer.IsStaff)).ToList();
            tickets = FieldFilter.Apply(tickets, filter.Fields, visible);
        }
        return tickets;
    }

    /// <summary>Requesters by id, or by email address.</summary>
    private static IQueryable<Ticket> ByRequester(IQueryable<Ticket> tickets, IReadOnlyList<string> requesters)
    {
        var ids = requesters.Select(r => Guid.TryParse(r, out var id) ? id : (Guid?)null).OfType<Guid>().ToList();
        var emails = requesters.Where(r => !Guid.TryParse(r, out _)).Select(r => r.ToUpperInvariant()).ToList();
        if (emails.Count == 0) return tickets.Where(t => ids.Contains(t.RequesterId));
        if (ids.Count == 0) return tickets.Where(t => emails.Contains(t.Requester.NormalizedEmail!));
        return tickets.Where(t => ids.Contains(t.RequesterId) || emails.Contains(t.Requester.NormalizedEmail!));
    }

    private static IQueryable<Ticket> Order(IQueryable<Ticket> tickets, TicketSort sort, bool descending) => (sort, descending) switch
    {
        (TicketSort.Created, false) => tickets.OrderBy(t => t.CreatedAt).ThenBy(t => t.Number),
        (TicketSort.Created, true) => tickets.OrderByDescending(t => t.CreatedAt).ThenByDescending(t => t.Number),
        (TicketSort.Updated, false) => tickets.OrderBy(t => t.LastActivityAt).ThenBy(t => t.Number),
        (TicketSort.Updated, true) => tickets.OrderByDescending(t => t.LastActivityAt).ThenByDescending(t => t.Number),
        (TicketSort.Subject, false) => tickets.OrderBy(t => t.Subject).ThenBy(t => t.Number),
        (TicketSort.Subject, true) => tickets.OrderByDescending(t => t.Subject).ThenByDescending(t => t.Number),
        (_, false) => tickets.OrderBy(t => t.Number),
        (_, true) => tickets.OrderByDescending(t => t.Number),
    };

    /// <summary>The rows after the cursor in the list's order: a later sort value, or the same one and a later number.</summary>
    private static IQueryable<Ticket> After(IQueryable<Ticket> tickets, TicketCursor c)
    {
        var n = c.Number;
        var at = new DateTimeOffset(c.Ticks ?? 0, TimeSpan.Zero);
        var s = c.Subject ?? "";
        return (c.Sort, c.Descending) switch
        {
            (TicketSort.Created, false) => tickets.Where(t => t.CreatedAt > at || (t.CreatedAt == at && t.Number > n)),
            (TicketSort.Created, true) => tickets.Where(t => t.CreatedAt < at || (t.CreatedAt == at && t.Number < n)),
            (TicketSort.Updated, false) => tickets.Where(t => t.LastActivityAt > at || (t.LastActivityAt == at && t.Number > n)),
            (TicketSort.Updated, true) => tickets.Where(t => t.LastActivityAt < at || (t.LastActivityAt == at && t.Number < n)),
            (TicketSort.Subject, false) => tickets.Where(t => string.Compare(t.Subject, s) > 0 || (t.Subject == s && t.Number > n)),
            (TicketSort.Subject, true) => tickets.Where(t => string.Compare(t.Subject, s) < 0 || (t.Subject == s && t.Number < n)),
            (_, false) => tickets.Where(t => t.Number > n),
            (_, true) => tickets.Where(t => t.Number < n),
        };
    }

    /// <summary>The team's own filters, which a customer may not use (the API answers them with a 400 naming the parameter).</summary>
    public static IEnumerable<string> StaffOnlyParameters(TicketListParameters query)
    {
        if (query.Tag is { Length: > 0 }) yield return "tag";
        if (query.Group is { Length: > 0 }) yield return "group";
        if (query.Assignee is { Length: > 0 }) yield return "assignee";
        if (query.NoReplyHours is not null) yield return "noReplyHours";
    }

    // Npgsql writes only UTC values to timestamptz; a client may well send +01:00.
    private static DateTimeOffset? Utc(DateTimeOffset? value) => value?.ToUniversalTime();

    private static string Names<T>() where T : struct, Enum => string.Join(", ", Enum.GetNames<T>().Select(n => n.ToLowerInvariant()));
}
