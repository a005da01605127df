using System.Globalization;
using Guichet.Web.Accounts;
using Guichet.Web.Data;
using Guichet.Web.Search;
using Guichet.Web.Tickets;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.ModelBinding;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace Guichet.Web.Pages.Portal.Requests;

/// <summary>"My requests": the customer's requests, their organization's or those they follow; the whole query is in the URL.</summary>
[Authorize]
public sealed class IndexModel(GuichetDbContext db, TicketSearch search, CurrentViewer currentViewer, CurrentUser me, TicketCatalog catalog,
    NodeCache cache, TicketExport export, CustomFieldValues fieldValues, TimeProvider time) : PageModel
{
    public sealed record Row(long Number, string Subject, string Requester, DateTimeOffset CreatedAt, DateTimeOffset LastActivityAt,
        Status Status, TicketPriority Priority, string Type, string? Product, TicketEnvironment? Environment, string? Assignee);

    public sealed record Choice(int Id, string Name);
    public sealed record Person(Guid Id, string Name);

    /// <summary>Read from the query string alone (<see cref="BindQueryAsync"/>).</summary>
    public TicketListQuery Query { get; private set; } = new();
    public IReadOnlyList<Row> Rows { get; private set; } = [];
    public int Total { get; private set; }
    public int PageCount => Math.Max(1, (Total + TicketListQuery.PageSize - 1) / TicketListQuery.PageSize);
    public bool SeesOrganization { get; private set; }
    public IReadOnlyList<Status> Statuses { get; private set; } = [];
    public IReadOnlyList<Choice> Types { get; private set; } = [];
    public IReadOnlyList<Choice> Products { get; private set; } = [];
    /// <summary>The colleagues whose requests the organization tab shows, for the requester filter.</summary>
    public IReadOnlyList<Person> Requesters { get; private set; } = [];
    public bool HasAnyRequest { get; private set; }
    public IReadOnlyList<string> Columns { get; private set; } = ListColumns.Default;

    /// <summary>The custom fields customers may see: extra columns, and sorts.</summary>
    public IReadOnlyList<CustomField> Fields { get; private set; } = [];
    public IEnumerable<string> AllColumns => ListColumns.All.Concat(Fields.Select(f => ListColumns.Field(f.Key)));

    /// <summary>The page's custom field values as they read, by ticket number and field key.</summary>
    public IReadOnlyDictionary<(long Number, string Key), string> FieldTexts { get; private set; } = new Dictionary<(long Number, string Key), string>();

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        if (me.IsStaff) return Redirect("/agent/tickets");
        await BindQueryAsync();
        var viewer = await currentViewer.GetAsync(ct);
        SeesOrganization = viewer.OrganizationIds.Count > 0;
        if (Query.Scope == "organization" && !SeesOrganization) Query.Scope = "mine";
        Query.Page = Math.Max(1, Query.Page);
        var described = await catalog.GetAsync(ct);
        Fields = [.. described.CustomerVisibleFields];
        // Until the person chooses, lists of other people's requests say whose each one is.
        Columns = Request.Cookies.ContainsKey(ListColumns.CookieName)
            ? ListColumns.Parse(Request.Cookies[ListColumns.CookieName], Fields.Select(f => ListColumns.Field(f.Key)).ToList())
            : Query.Scope == "mine" ? ListColumns.Default : [.. ListColumns.Default.Take(2), "requester", .. ListColumns.Default.Skip(2)];
        Statuses = described.Statuses;
        Types = described.RequestTypes.Select(t => new Choice(t.Id, t.Names.ToString())).ToList();
        Products = described.Products.Where(p => p.IsActive || Query.Product.Contains(p.Id)).Select(p => new Choice(p.Id, p.Name)).ToList();
        await LoadRequestersAsync(viewer, ct);

        var visible = db.Tickets.AsNoTracking().VisibleTo(viewer);
        var found = await search.FilterForListAsync(db.Tickets.AsNoTracking(), Query.Q, viewer, Query.Scope, ct);
        var matching = Query.Apply(found.Tickets, me.TimeZone, Fields);
        var skip = (Query.Page - 1) * TicketListQuery.PageSize;
        IQueryable<Ticket> page;
        List<long>? shown = null;
        if (found.Few)
        {
            // A search's few matches sorted once give both the count and the page's numbers, in their order: a count
            // and a page would each read every match (bench).
            var order = await matching.Select(t => t.Number).ToListAsync(ct);
            Total = order.Count;
            shown = order.Skip(skip).Take(TicketListQuery.PageSize).ToList();
            // The page's rows by their numbers and the rule alone: with every match's number as well, SQLite looked each
            // match up again to read 25 rows (bench: 0.65 → 0.07 ms a page).
            page = db.Tickets.AsNoTracking().VisibleTo(viewer, Query.Scope).Where(t => EF.Parameter(shown).Contains(t.Number));
        }
        else
        {
            Total = await OrganizationTicketCount.TryCountAsync(db, viewer, Query, ct) ?? await matching.CountAsync(ct);
            page = matching.Skip(skip).Take(TicketListQuery.PageSize);
        }
        HasAnyRequest = Total > 0 || await visible.AnyAsync(ct);
        var rows = await page
            .Select(t => new
            {
                t.Number, t.Subject,
                Requester = (t.Requester.FirstName + " " + t.Requester.LastName).Trim(),
                t.CreatedAt, t.LastActivityAt, t.StatusId, t.Priority, t.RequestTypeId,
                Product = t.Product != null ? t.Product.Name : null, t.Environment,
                Assignee = t.Assignee != null ? (t.Assignee.FirstName + " " + t.Assignee.LastName).Trim() : null,
            })
            .ToListAsync(ct);
        if (shown is not null) rows = [.. rows.OrderBy(r => shown.IndexOf(r.Number))];
        Rows = rows.Select(r => new Row(r.Number, r.Subject, r.Requester, r.CreatedAt, r.LastActivityAt,
            Statuses.Single(s => s.Id == r.StatusId), r.Priority, Types.FirstOrDefault(t => t.Id == r.RequestTypeId)?.Name ?? "",
            r.Product, r.Environment, r.Assignee)).ToList();
        await LoadFieldTextsAsync(ct);
        return Page();
    }

    /// <summary>Only for the field columns shown: a list without them costs nothing more.</summary>
    private async Task LoadFieldTextsAsync(CancellationToken ct) =>
        FieldTexts = await fieldValues.TextsOfAsync([.. Fields.Where(f => Columns.Contains(ListColumns.Field(f.Key)))], [.. Rows.Select(r => r.Number)], ct);

    /// <summary>The colleagues of the organizations the viewer sees, as this node holds them.</summary>
    private async Task LoadRequestersAsync(Viewer viewer, CancellationToken ct)
    {
        if (viewer.OrganizationIds.Count == 0) return;
        var organizations = viewer.OrganizationIds;
        var people = await cache.GetAsync(db, CacheStamp.People, ("requesters", string.Join(',', organizations.Order())), async token =>
            (await db.OrganizationMemberships.AsNoTracking().Where(m => organizations.Contains(m.OrganizationId))
                .Select(m => new { m.UserId, m.User.FirstName, m.User.LastName, m.User.Email }).Distinct().ToListAsync(token))
            .Select(p => new Person(p.UserId, $"{p.FirstName} {p.LastName}".Trim() is { Length: > 0 } name ? name : p.Email ?? "")).ToList(), ct);
        Requesters = people.OrderBy(p => p.Name, StringComparer.CurrentCultureIgnoreCase).ToList();
    }

    // The route's own "page" value (the Razor page's name) would otherwise be read, and fail, as the page number.
    // Tags and the team's replies are the team's: a customer's list never filters by them (tags would tell which of theirs carry one).
    private async Task<bool> BindQueryAsync()
    {
        var bound = await TryUpdateModelAsync(Query, "", new QueryStringValueProvider(BindingSource.Query, Request.Query, CultureInfo.InvariantCulture));
        Query.Tag.Clear();
        Query.NoReplyHours = null;
        return bound;
    }

    /// <summary>Saves the chosen columns and their order for this browser, then shows the same list again.</summary>
    public IActionResult OnPostColumns(List<string> columns, Dictionary<string, int> positions, string? returnUrl)
    {
        Response.Cookies.Append(ListColumns.CookieName, ListColumns.Store(columns, positions), new CookieOptions
        {
            Expires = time.GetUtcNow().AddYears(1), HttpOnly = true, SameSite = SameSiteMode.Lax, IsEssential = true, Secure = Request.IsHttps,
        });
        var back = Hosting.LocalUrl.OrHome(returnUrl);
        return LocalRedirect(back.StartsWith("/requests", StringComparison.Ordinal) ? back : "/requests");
    }

    /// <summary>The whole list as the filters give it, every row, as CSV or XLSX.</summary>
    public async Task<IActionResult> OnGetExportAsync(string format, CancellationToken ct)
    {
        if (me.IsStaff) return Redirect("/agent/tickets");
        await BindQueryAsync();
        var viewer = await currentViewer.GetAsync(ct);
        var described = await catalog.GetAsync(ct);
        var fields = described.CustomerVisibleFields.ToList();
        var matching = Query.Apply((await search.FilterForListAsync(db.Tickets.AsNoTracking(), Query.Q, viewer, Query.Scope, ct)).Tickets, me.TimeZone, fields);
        var (content, contentType, fileName) = await export.WriteAsync(matching, format == "xlsx" ? "xlsx" : "csv",
            described.Statuses, described.RequestTypes, fields, me.TimeZone, time.GetUtcNow(), columns: null, ct);
        return File(content, contentType, fileName);
    }

    /// <summary>The current query with some values changed, as a URL: sorting, paging, scope tabs.</summary>
    public string Link(string? scope = null, string? sort = null, int? page = null)
    {
        var values = new List<KeyValuePair<string, string?>>
        {
            new("scope", scope ?? Query.Scope),
            new("q", Query.Q),
            new("sort", sort ?? Query.Sort),
            // A new column starts in its natural direction (newest and most urgent first, text A to Z); the same column flips.
            new("desc", (sort is null ? Query.Desc : sort == Query.Sort ? !Query.Desc : sort is "created" or "activity" or "priority" or "number").ToString().ToLowerInvariant()),
            new("page", (page ?? (scope is null && sort is null ? Query.Page : 1)).ToString()),
        };
        values.AddRange(Query.FilterValues());
        return "/requests" + Microsoft.AspNetCore.Http.QueryString.Create(values.Where(v => !string.IsNullOrEmpty(v.Value)));
    }

    /// <summary>The export of the current query (all pages) in a format.</summary>
    public string ExportLink(string format)
    {
        var link = Link(page: 1);
        return link + (link.Contains('?') ? "&" : "?") + "handler=export&format=" + format;
    }
}
