using System.Globalization;
using Guichet.Web.Accounts;
using Guichet.Web.Data;
using Guichet.Web.Queues;
using Guichet.Web.Search;
using Guichet.Web.Tickets;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.ModelBinding;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace Guichet.Web.Pages.Agent;

/// <summary>
/// The workspace's front page: the built-in queues with their counts, and the chosen queue's tickets, searched,
/// filtered, sorted and paged by the query string (<see cref="TicketListQuery"/>, as the customers' list).
/// </summary>
public sealed class IndexModel(GuichetDbContext db, AgentQueues queues, CurrentViewer currentViewer, CurrentUser me,
    TicketCatalog catalog, BulkChanges bulk, TicketMerge merge, Guichet.Web.Macros.MacroLibrary macroLibrary, Guichet.Web.Macros.MacroReplies macroReplies, SavedViews savedViews, TicketExport export, CustomFieldValues fieldValues, NodeCache cache, TimeProvider time, IStringLocalizer<SharedResource> L) : PageModel
{
    public const int PageSize = 50;

    public sealed record Row(long Number, string Subject, string Requester, string? Organization, string? Group, string? Assignee,
        Status Status, TicketPriority Priority, DateTimeOffset LastActivityAt, string Type, DateTimeOffset CreatedAt, DateTimeOffset? AnsweredAt);

    /// <summary>The list's columns in their order (<see cref="QueueColumns"/>), from the address.</summary>
    public IReadOnlyList<string> Columns { get; private set; } = QueueColumns.Default;

    /// <summary>Every custom field (hidden ones too: they are the team's), for the columns, the sorts and the filters.</summary>
    public IReadOnlyList<CustomField> Fields { get; private set; } = [];

    /// <summary>The columns the chooser offers: the built-in ones, then each active field's (and any chosen one's).</summary>
    public IReadOnlyList<string> OfferedColumns { get; private set; } = QueueColumns.BuiltIn;

    /// <summary>The page's tags and custom field values as they read, by ticket number (and field key): loaded only when shown.</summary>
    public ILookup<long, string> Tags { get; private set; } = Array.Empty<string>().ToLookup(t => 0L);
    public IReadOnlyDictionary<(long Number, string Key), string> FieldTexts { get; private set; } = new Dictionary<(long Number, string Key), string>();

    /// <summary>The organizations and requesters the list is narrowed to, by name, for their filters' boxes.</summary>
    public IReadOnlyList<Choice> ChosenOrganizations { get; private set; } = [];
    public IReadOnlyList<Choice> ChosenRequesters { get; private set; } = [];

    /// <summary>Typed into the organization or requester filter and not found: shown again with a sentence.</summary>
    public string? UnknownOrganization { get; private set; }
    public string? UnknownRequester { get; private set; }

    public sealed record Choice(string Value, string Name);

    public Queue Queue { get; private set; }
    public IReadOnlyList<Queue> Queues { get; private set; } = [];
    public IReadOnlyDictionary<Queue, int> Counts { get; private set; } = new Dictionary<Queue, int>();
    public TicketListQuery Query { get; private set; } = new();
    public IReadOnlyList<Row> Rows { get; private set; } = [];
    public int Total { get; private set; }
    public int PageCount => Math.Max(1, (Total + PageSize - 1) / PageSize);
    public IReadOnlyList<Status> Statuses { get; private set; } = [];
    public IReadOnlyList<Choice> Groups { get; private set; } = [];
    public IReadOnlyList<AgentAccounts.Person> Agents { get; private set; } = [];
    /// <summary>The agent's saved views (theirs, then their groups'), and the one shown, if the list is one.</summary>
    public IReadOnlyList<SavedView> Views { get; private set; } = [];
    public SavedView? CurrentView { get; private set; }
    public IReadOnlyList<Choice> MyGroups { get; private set; } = [];
    public bool MayChangeCurrentView { get; private set; }

    /// <summary>Writes knowledge base articles: the menu offers the editor's pages.</summary>
    public bool IsEditor { get; private set; }

    /// <summary>A saved view's list, saying which view it is.</summary>
    public static string ViewLink(SavedView view) => $"{view.Address}{(view.Address.Contains('?') ? '&' : '?')}view={view.Id}";

    /// <summary>The refusal of a "save as a view", and the name typed, shown again in its form.</summary>
    public string? ViewRefusal { get; private set; }
    public string? ViewNameTyped { get; private set; }

    public async Task<IActionResult> OnPostSaveViewAsync(string? queue, int? id, string? name, int? group, CancellationToken ct)
    {
        var (viewer, _) = await ListAsync(queue, ct);
        var (saved, refusal) = await savedViews.SaveAsync(id, name, group, Link(page: 1), viewer, ct);
        if (refusal is not null)
        {
            await OnGetAsync(queue, ct);
            (ViewRefusal, ViewNameTyped) = (refusal, name);
            return Page();
        }
        TempData["Flash"] = L["The view was saved."].Value;
        var view = (await savedViews.ListAsync(viewer, ct)).Single(v => v.Id == saved);
        return LocalRedirect(ViewLink(view));
    }

    /// <summary>
    /// The whole list as the filters give it (up to <see cref="TicketExport.MaxRows"/>), as CSV or XLSX, in the chosen
    /// columns, else with every custom field (hidden ones too).
    /// </summary>
    public async Task<IActionResult> OnGetExportAsync(string? queue, string format, CancellationToken ct)
    {
        var (_, matching) = await ListAsync(queue, ct);
        var described = await catalog.GetAsync(ct);
        var fields = described.Fields.ToList();
        // The columns the agent chose, if they chose any; else the whole set, every field included.
        var chosen = Request.Query.ContainsKey(QueueColumns.Parameter) ? Columns : null;
        var (content, contentType, fileName) = await export.WriteAsync(matching, format == "xlsx" ? "xlsx" : "csv",
            described.Statuses, described.RequestTypes, fields, me.TimeZone, time.GetUtcNow(), chosen, ct);
        return File(content, contentType, fileName);
    }

    public string ExportLink(string format)
    {
        var link = Link(page: 1);
        return link + (link.Contains('?') ? "&" : "?") + "handler=export&format=" + format;
    }

    /// <summary>The newest ticket when the page was shown: "all the tickets of the list" stops there.</summary>
    public long NewestNumber { get; private set; }

    public async Task<IActionResult> OnGetAsync(string? queue, CancellationToken ct)
    {
        var (viewer, matching) = await ListAsync(queue, ct);
        // An organization or a requester typed rather than chosen: found, the list's address names them by id.
        if (await ResolveTypedAsync(ct)) return LocalRedirect(Link());
        await ShowAsync(viewer, matching, ct);
        return Page();
    }

    /// <summary>
    /// The filter boxes' names (an organization's, a requester's address or name) read as ids; a name that matches
    /// nobody stays in its box with a sentence. True when a name was read and the list's address should say ids.
    /// </summary>
    private async Task<bool> ResolveTypedAsync(CancellationToken ct)
    {
        var typedOrganizations = Request.Query["organization"].Where(v => !string.IsNullOrWhiteSpace(v) && !Guid.TryParse(v, out _)).Select(v => v!.Trim()).ToList();
        var typedRequesters = Request.Query["requester"].Where(v => !string.IsNullOrWhiteSpace(v) && !Guid.TryParse(v, out _)).Select(v => v!.Trim()).ToList();
        if (typedOrganizations.Count == 0 && typedRequesters.Count == 0) return false;
        foreach (var name in typedOrganizations)
        {
            var upper = name.ToUpperInvariant();
            // As written, or in other capitals (SQLite's upper() knows only ASCII letters: "Société" is found as written).
            var found = await db.Organizations.AsNoTracking().Where(o => o.Name == name || o.Name.ToUpper() == upper).Select(o => o.Id).Take(10).ToListAsync(ct);
            if (found.Count == 0) UnknownOrganization = name;
            Query.Organization.AddRange(found);
        }
        foreach (var typed in typedRequesters)
        {
            var upper = typed.ToUpperInvariant();
            var found = await db.Users.AsNoTracking().Where(u => u.NormalizedEmail == upper || u.FirstName + " " + u.LastName == typed
                    || (u.FirstName + " " + u.LastName).ToUpper() == upper)
                .Select(u => u.Id).Take(10).ToListAsync(ct);
            if (found.Count == 0) UnknownRequester = typed;
            Query.Requester.AddRange(found);
        }
        return UnknownOrganization is null && UnknownRequester is null;
    }

    /// <summary>Suggestions for the organization and requester filters while typing (a datalist; the box works without them).</summary>
    public async Task<IActionResult> OnGetSuggestAsync(string? kind, string? term, CancellationToken ct)
    {
        await currentViewer.GetAsync(ct);
        var upper = (term ?? "").Trim().ToUpperInvariant();
        if (upper.Length < 2) return new JsonResult(Array.Empty<object>());
        var found = kind == "requester"
            ? await db.Users.AsNoTracking().Where(u => u.NormalizedEmail!.StartsWith(upper) || (u.FirstName + " " + u.LastName).ToUpper().Contains(upper))
                .OrderBy(u => u.Email).Take(10).Select(u => new { value = u.Email!, label = (u.FirstName + " " + u.LastName).Trim() }).ToListAsync(ct)
            : await db.Organizations.AsNoTracking().Where(o => o.Name.ToUpper().Contains(upper))
                .OrderBy(o => o.Name).Take(10).Select(o => new { value = o.Name, label = "" }).ToListAsync(ct);
        return new JsonResult(found);
    }

    /// <summary>The columns chosen in the chooser: the same list, showing them.</summary>
    public async Task<IActionResult> OnPostColumnsAsync(string? queue, [FromForm] List<string> columns, [FromForm] Dictionary<string, int> positions, CancellationToken ct)
    {
        await ListAsync(queue, ct);
        Columns = QueueColumns.Chosen(columns, positions, OfferedColumns, Columns);
        return LocalRedirect(Link());
    }

    private async Task ShowAsync(Viewer viewer, IQueryable<Ticket> matching, CancellationToken ct)
    {
        Counts = await queues.CountAsync(viewer, ct);
        NewestNumber = await db.Tickets.MaxAsync(t => (long?)t.Number, ct) ?? 0;
        // The team changes seldom and every page of the workspace shows it: held by the node.
        Groups = (await Guichet.Web.Tickets.Groups.AllAsync(db, cache, ct)).Select(g => new Choice(g.Id.ToString(CultureInfo.InvariantCulture), g.Name)).ToList();
        Macros = await macroLibrary.UsableBy(viewer).OrderBy(m => m.Name).Select(m => new Choice(m.Id.ToString(CultureInfo.InvariantCulture), m.Name)).ToListAsync(ct);
        MyGroups = Groups.Where(g => viewer.IsAdmin || viewer.GroupIds.Contains(int.Parse(g.Value, CultureInfo.InvariantCulture))).ToList();
        Agents = await cache.GetAsync(db, CacheStamp.People, ("agent-list-agents", CultureInfo.CurrentCulture.Name),
            c => AgentAccounts.NamedAsync(AgentAccounts.ActiveStaff(db), c), ct);

        // The queue as it is, unfiltered: its count is the one already read for the menu.
        Total = Query.FiltersOnlyByStatus && Query.Status.Count == 0 && SearchQuery.Parse(Query.Q).IsEmpty
            ? Counts[Queue]
            : await matching.CountAsync(ct);
        var rows = await matching.Skip((Query.Page - 1) * PageSize).Take(PageSize)
            .Select(t => new
            {
                t.Number, t.Subject, Requester = (t.Requester.FirstName + " " + t.Requester.LastName).Trim(), RequesterEmail = t.Requester.Email,
                Organization = t.Organization != null ? t.Organization.Name : null, Group = t.Group != null ? t.Group.Name : null,
                Assignee = t.Assignee != null ? (t.Assignee.FirstName + " " + t.Assignee.LastName).Trim() : null,
                t.StatusId, t.Priority, t.LastActivityAt, t.RequestTypeId, t.CreatedAt, t.AnsweredAt,
            }).ToListAsync(ct);
        var types = (await catalog.GetAsync(ct)).RequestTypes;
        Rows = rows.Select(r => new Row(r.Number, r.Subject, r.Requester == "" ? r.RequesterEmail ?? "" : r.Requester, r.Organization, r.Group,
            r.Assignee, Statuses.Single(s => s.Id == r.StatusId), r.Priority, r.LastActivityAt,
            types.FirstOrDefault(t => t.Id == r.RequestTypeId)?.Names.ToString() ?? "", r.CreatedAt, r.AnsweredAt)).ToList();
        await LoadShownExtrasAsync(ct);
        // The ids written in .NET's own form (the database may write them otherwise), as the address has them.
        ChosenOrganizations = Query.Organization.Count == 0 ? [] : (await db.Organizations.AsNoTracking().Where(o => Query.Organization.Contains(o.Id))
            .OrderBy(o => o.Name).Select(o => new { o.Id, o.Name }).ToListAsync(ct)).Select(o => new Choice(o.Id.ToString(), o.Name)).ToList();
        ChosenRequesters = Query.Requester.Count == 0 ? [] : (await db.Users.AsNoTracking().Where(u => Query.Requester.Contains(u.Id))
            .Select(u => new { u.Id, Name = (u.FirstName + " " + u.LastName).Trim(), u.Email }).ToListAsync(ct))
            .Select(u => new Choice(u.Id.ToString(), u.Name == "" ? u.Email ?? "" : $"{u.Name} <{u.Email}>")).OrderBy(c => c.Name).ToList();
    }

    /// <summary>The tags and the custom fields of the page's rows, when their columns are shown: one query each, not one per row.</summary>
    private async Task LoadShownExtrasAsync(CancellationToken ct)
    {
        var numbers = Rows.Select(r => r.Number).ToList();
        if (numbers.Count == 0) return;
        if (Columns.Contains("tags"))
            Tags = (await (from x in db.Set<TicketTag>().AsNoTracking()
                           join t in db.Tickets on x.TicketId equals t.Id
                           where numbers.Contains(t.Number)
                           select new { t.Number, x.Name }).ToListAsync(ct))
                .OrderBy(x => x.Name, StringComparer.Ordinal).ToLookup(x => x.Number, x => x.Name);
        FieldTexts = await fieldValues.TextsOfAsync([.. Fields.Where(f => Columns.Contains(ListColumns.Field(f.Key)))], numbers, ct);
    }

    /// <summary>
    /// One change to the tickets ticked on the page, or to every ticket of the list as its query string gives it
    /// (<paramref name="allMatching"/>); then the same list, with what was done and what was not.
    /// <paramref name="assignee"/>: "me", "nobody" or an agent's id.
    /// </summary>
    public async Task<IActionResult> OnPostBulkAsync(string? queue, [FromForm] List<long> numbers, [FromForm] bool allMatching, [FromForm] long? upTo,
        [FromForm] string? assignee, [FromForm] int? group, [FromForm] int? status, [FromForm] TicketPriority? priority,
        [FromForm] string? addTags, [FromForm] string? removeTags, CancellationToken ct)
    {
        var (viewer, matching) = await ListAsync(queue, ct);
        matching = AsShown(matching, upTo);
        var change = new BulkChanges.Change(
            AssignTo: assignee == "me" ? viewer.UserId : Guid.TryParse(assignee, out var id) ? id : null,
            Unassign: assignee == "nobody", GroupId: group, StatusId: status, Priority: priority,
            AddTags: TicketTag.Parse(addTags).Tags, RemoveTags: TicketTag.Parse(removeTags).Tags);
        var outcome = !allMatching && numbers.Count == 0
            ? new BulkChanges.Outcome(0, 0, [], L["Tick the tickets to change, or choose all the tickets of the list."])
            : await bulk.ApplyAsync(matching, allMatching ? null : numbers, change, viewer.UserId, ct);
        TempData["Flash"] = outcome.Error ?? Summary(outcome);
        return LocalRedirect(Link());
    }

    /// <summary>The macros the agent may send to the ticked tickets.</summary>
    public IReadOnlyList<Choice> Macros { get; private set; } = [];

    /// <summary>A macro sent to each ticked ticket, as from its own page.</summary>
    public async Task<IActionResult> OnPostBulkMacroAsync(string? queue, [FromForm] List<long> numbers, [FromForm] bool allMatching, [FromForm] long? upTo,
        [FromForm] int? macroId, CancellationToken ct)
    {
        var (viewer, matching) = await ListAsync(queue, ct);
        if (allMatching) numbers = await AllOfListAsync(matching, upTo, Guichet.Web.Macros.MacroReplies.MaxTickets, ct);
        var outcome = await macroReplies.SendToEachAsync(numbers, macroId ?? 0, viewer, ct);
        TempData["Flash"] = outcome.Error ?? L["Sent: {0}.", outcome.Sent].Value + NotChanged(outcome.Refused);
        return LocalRedirect(Link());
    }

    /// <summary>The ticked tickets merged into one request (typed by number), each as from its own page.</summary>
    public async Task<IActionResult> OnPostBulkMergeAsync(string? queue, [FromForm] List<long> numbers, [FromForm] bool allMatching, [FromForm] long? upTo,
        [FromForm] string? mergeInto, CancellationToken ct)
    {
        var (viewer, matching) = await ListAsync(queue, ct);
        if (allMatching) numbers = await AllOfListAsync(matching, upTo, MaxMergedAtOnce, ct);
        if (allMatching && numbers.Count > MaxMergedAtOnce)
            TempData["Flash"] = L["At most {0} requests are merged at once: narrow the list.", MaxMergedAtOnce].Value;
        else if (TicketNumbers.Typed(mergeInto) is not { } into)
            TempData["Flash"] = L["Type the number of the request to merge into."].Value;
        else if (numbers.Count == 0)
            TempData["Flash"] = L["Tick the tickets to merge."].Value;
        else
        {
            var (merged, refused) = await merge.MergeEachAsync(numbers, into, viewer, ct);
            TempData["Flash"] = L["Merged into #{0}: {1}.", into, merged].Value + NotChanged(refused);
        }
        return LocalRedirect(Link());
    }

    /// <summary>How many requests "all the tickets of the list" may merge into one: past it, the list is surely not a set of duplicates.</summary>
    public const int MaxMergedAtOnce = 100;

    /// <summary>"All the tickets of the list" as it was shown: none created since (<paramref name="upTo"/>, its newest number then).</summary>
    private static IQueryable<Ticket> AsShown(IQueryable<Ticket> matching, long? upTo) =>
        upTo is { } newest ? matching.Where(t => t.Number <= newest) : matching;

    /// <summary>
    /// The list as it was shown (<see cref="AsShown"/>), by number: at most one more than <paramref name="limit"/>, so
    /// that the action can refuse a list longer than it takes, rather than do part of it.
    /// </summary>
    private static Task<List<long>> AllOfListAsync(IQueryable<Ticket> matching, long? upTo, int limit, CancellationToken ct) =>
        AsShown(matching, upTo).Select(t => t.Number).Take(limit + 1).ToListAsync(ct);

    private string Summary(BulkChanges.Outcome outcome) =>
        L["Changed: {0}. Already so: {1}.", outcome.Changed, outcome.Unchanged].Value + NotChanged(outcome.Refused.Select(r => (r.Number, r.Reason)).ToList());

    /// <summary>What a change to several tickets did not do: the first refusals by number, each with its reason; the rest counted.</summary>
    private string NotChanged(IReadOnlyCollection<(long Number, string Reason)> refused)
    {
        if (refused.Count == 0) return "";
        var listed = string.Join("; ", refused.Take(20).Select(r => $"#{r.Number}: {r.Reason}"));
        return " " + L["Not changed: {0} ({1}).", refused.Count, refused.Count > 20 ? listed + "; …" : listed].Value;
    }

    /// <summary>The viewer, and the list the query string describes: the queue's tickets that they see, searched, filtered and sorted.</summary>
    private async Task<(Viewer Viewer, IQueryable<Ticket> Matching)> ListAsync(string? queue, CancellationToken ct)
    {
        // The route's own "page" value (the Razor page's name) would otherwise be read, and fail, as the page number.
        var address = SavedViews.Read(Request.Query);
        Query = address.Query;
        Query.Page = Math.Max(1, Query.Page);
        var viewer = await currentViewer.GetAsync(ct);
        IsEditor = viewer.IsEditor;
        Queues = AgentQueues.All;
        Queue = AgentQueues.Named(queue, viewer);
        var described = await catalog.GetAsync(ct);
        Statuses = described.Statuses;
        Fields = described.Fields;
        Columns = QueueColumns.Parse(address.Columns, Fields);
        OfferedColumns = [.. QueueColumns.BuiltIn, .. Fields.Where(f => f.IsActive || Columns.Contains(ListColumns.Field(f.Key))).Select(f => ListColumns.Field(f.Key))];
        Views = await savedViews.ListAsync(viewer, ct);
        CurrentView = int.TryParse(Request.Query["view"], out var viewId) ? Views.FirstOrDefault(v => v.Id == viewId) : null;
        MayChangeCurrentView = CurrentView is not null && SavedViews.MayChange(CurrentView, viewer);
        return (viewer, await queues.ListAsync(Queue, Query, viewer, me.TimeZone, ct));
    }

    /// <summary>A ticket of the list, whose page knows the list it was opened from (its "next ticket", its way back).</summary>
    public string TicketLink(long number) => $"/agent/tickets/{number}?from={escapedLink ??= Uri.EscapeDataString(Link())}";

    private string? escapedLink;

    /// <summary>This list with some of its choices changed: another queue or sort starts again at page 1.</summary>
    public string Link(Queue? queue = null, string? sort = null, int? page = null)
    {
        var values = new List<KeyValuePair<string, string?>>
        {
            new("queue", (queue ?? Queue).ToString().ToLowerInvariant()),
            new("q", queue is null ? Query.Q : null),
            new("sort", sort ?? Query.Sort),
            // A new column starts in its natural direction (newest and most urgent first, text A to Z); the same column flips.
            new("desc", (sort is null ? Query.Desc : sort == Query.Sort ? !Query.Desc : sort is "created" or "activity" or "priority" or "number").ToString().ToLowerInvariant()),
            new("page", (page ?? (queue is null && sort is null ? Query.Page : 1)).ToString(CultureInfo.InvariantCulture)),
        };
        // Another queue starts without the filters: they were chosen for this one. The columns are the agent's way of reading any list.
        if (queue is null) values.AddRange(Query.FilterValues());
        values.Add(new(QueueColumns.Parameter, QueueColumns.Write(Columns)));
        if (queue is null && CurrentView is not null) values.Add(new("view", CurrentView.Id.ToString(CultureInfo.InvariantCulture)));
        return "/agent" + QueryString.Create(values.Where(v => !string.IsNullOrEmpty(v.Value)));
    }
}
