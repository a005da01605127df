using System.Buffers.Text;
using System.Text.Json;
using Guichet.Web.Accounts;
using Guichet.Web.Data;
using Guichet.Web.Queues;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Http.Json;
using FromQueryAttribute = Microsoft.AspNetCore.Mvc.FromQueryAttribute;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using Microsoft.Extensions.Options;

namespace Guichet.Web.Api;

/// <summary>
/// A saved view: <c>address</c> is the workspace list it keeps (<c>/agent?queue=all&amp;priority=Urgent&amp;columns=…</c>, see
/// docs/agents.md); <c>group</c> whom it is shared with (null: only its owner); <c>position</c> its place among its owner's or
/// group's views; <c>mayChange</c> whether the caller may change, move or delete it.
/// </summary>
public sealed record SavedViewView(int Id, string Name, string Address, GroupRef? Group, AgentRef Owner, int Position, bool MayChange, DateTimeOffset UpdatedAt);

/// <summary>
/// A view to write, whole (PUT replaces it): <c>name</c> and <c>address</c> (a list of the workspace, <c>/agent?…</c>) are
/// required; <c>groupId</c> shares it with one of your groups (admins: any group), null keeps it to you.
/// </summary>
public sealed record SavedViewInput([property: NonNull] string? Name, [property: NonNull] string? Address, int? GroupId = null);

/// <summary>
/// The saved views of /api/v1, under the rules of <see cref="SavedViews"/> (the same as the workspace's pages): each agent
/// lists their own and their groups'; a view's tickets are listed through the caller's own rules, a page at a time.
/// </summary>
public static class SavedViewEndpoints
{
    public static void Map(RouteGroupBuilder api)
    {
        var views = api.MapGroup("/views").WithTags("Views");
        views.MapGet("/", ListAsync).WithName("ListViews")
            .WithSummary("Agents and admins: your saved views, then your groups' views, each in its order")
            .ProducesProblem(StatusCodes.Status403Forbidden);
        views.MapGet("/{id:int}", GetAsync).WithName("GetView").WithSummary("Agents and admins: one of the views you see")
            .ProducesProblem(StatusCodes.Status403Forbidden).ProducesProblem(StatusCodes.Status404NotFound);
        views.MapPost("/", CreateAsync).WithName("CreateView")
            .WithSummary("Agents and admins: save a list of the workspace as a view, yours or shared with one of your groups")
            .Accepts<SavedViewInput>("application/json")
            .Produces<SavedViewView>(StatusCodes.Status201Created)
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status403Forbidden).ProducesProblem(StatusCodes.Status415UnsupportedMediaType);
        views.MapPut("/{id:int}", ReplaceAsync).WithName("ReplaceView")
            .WithSummary("Change a view, whole: your own (a shared one while you are in its group); admins, any shared one")
            .Accepts<SavedViewInput>("application/json")
            .Produces<SavedViewView>()
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status403Forbidden).ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status415UnsupportedMediaType);
        views.MapDelete("/{id:int}", DeleteAsync).WithName("DeleteView").WithSummary("Delete a view you may change")
            .Produces(StatusCodes.Status204NoContent)
            .ProducesProblem(StatusCodes.Status403Forbidden).ProducesProblem(StatusCodes.Status404NotFound);
        views.MapPost("/{id:int}/move", MoveAsync).WithName("MoveView")
            .WithSummary("Move a view you may change one place up or down among its owner's or group's views; the views you see, in their new order")
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status403Forbidden).ProducesProblem(StatusCodes.Status404NotFound);
        views.MapGet("/{id:int}/tickets", TicketsAsync).WithName("ListViewTickets")
            .WithSummary("Agents and admins: a page of a view's tickets, through your own rules, with cursor and limit as GET /tickets")
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status403Forbidden).ProducesProblem(StatusCodes.Status404NotFound);
        views.MapGet("/{id:int}/export", ExportAsync).WithName("ExportView")
            .WithSummary("Agents and admins: a view's tickets as a file (format=csv or xlsx), in its order and chosen columns, up to 50,000 rows, as the workspace's Export")
            .AddOpenApiOperationTransformer(ApiDocument.AnyFile).ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status403Forbidden).ProducesProblem(StatusCodes.Status404NotFound);
    }

    /// <summary>The file the view's page exports: the same list, the same columns (its chosen ones, else every field).</summary>
    private static async Task<Results<FileContentHttpResult, ValidationProblem, ProblemHttpResult>> ExportAsync(int id, [FromQuery] string? format,
        ApiCaller caller, CurrentUser me, SavedViews savedViews, AgentQueues queues, Tickets.TicketCatalog catalog, Tickets.TicketExport export, TimeProvider time,
        ApiProblems problems, IStringLocalizer<SharedResource> L, CancellationToken ct)
    {
        var viewer = await caller.ViewerAsync(ct);
        if (!viewer.IsStaff) return problems.StaffOnly();
        if ((await savedViews.ListAsync(viewer, ct)).FirstOrDefault(v => v.Id == id) is not { } view) return problems.NotFound();
        if ((format ?? "csv") is not ("csv" or "xlsx")) return problems.Invalid("format", L["Choose one of: {0}.", "csv, xlsx"]);
        var address = SavedViews.Read(view.Address);
        var described = await catalog.GetAsync(ct);
        var fields = described.Fields.ToList();
        var matching = await queues.ListAsync(AgentQueues.Named(address.Queue, viewer), address.Query, viewer, me.TimeZone, ct);
        var chosen = address.Columns is null ? null : QueueColumns.Parse(address.Columns, fields);
        var (content, contentType, fileName) = await export.WriteAsync(matching, format ?? "csv", described.Statuses, described.RequestTypes, fields,
            me.TimeZone, time.GetUtcNow(), chosen, ct);
        return TypedResults.File(content, contentType, fileName);
    }

    private static async Task<Results<Ok<List<SavedViewView>>, ProblemHttpResult>> ListAsync(ApiCaller caller, SavedViews savedViews, GuichetDbContext db,
        ApiProblems problems, CancellationToken ct)
    {
        var viewer = await caller.ViewerAsync(ct);
        if (!viewer.IsStaff) return problems.StaffOnly();
        return TypedResults.Ok(await ViewsAsync(await savedViews.ListAsync(viewer, ct), viewer, db, ct));
    }

    private static async Task<Results<Ok<SavedViewView>, ProblemHttpResult>> GetAsync(int id, ApiCaller caller, SavedViews savedViews, GuichetDbContext db,
        ApiProblems problems, CancellationToken ct)
    {
        var viewer = await caller.ViewerAsync(ct);
        if (!viewer.IsStaff) return problems.StaffOnly();
        if ((await savedViews.ListAsync(viewer, ct)).FirstOrDefault(v => v.Id == id) is not { } view) return problems.NotFound();
        return TypedResults.Ok((await ViewsAsync([view], viewer, db, ct))[0]);
    }

    private static async Task<Results<Created<SavedViewView>, ValidationProblem, ProblemHttpResult>> CreateAsync(HttpRequest request, ApiCaller caller,
        SavedViews savedViews, GuichetDbContext db, ApiProblems problems, IOptions<JsonOptions> json, CancellationToken ct)
    {
        var viewer = await caller.ViewerAsync(ct);
        if (!viewer.IsStaff) return problems.StaffOnly();
        if (await ApiJson.ReadAsync<SavedViewInput>(request, json.Value, ct) is not { } input) return problems.MalformedJson();
        var (view, refusal) = await savedViews.CreateAsync(input.Name, input.GroupId, input.Address, viewer, ct);
        if (view is null) return problems.Invalid(refusal!.Part, refusal.Message);
        return TypedResults.Created($"/api/v1/views/{view.Id}", (await ViewsAsync([view], viewer, db, ct))[0]);
    }

    private static async Task<Results<Ok<SavedViewView>, ValidationProblem, ProblemHttpResult>> ReplaceAsync(int id, HttpRequest request, ApiCaller caller,
        SavedViews savedViews, GuichetDbContext db, ApiProblems problems, IOptions<JsonOptions> json, CancellationToken ct)
    {
        var viewer = await caller.ViewerAsync(ct);
        if (!viewer.IsStaff) return problems.StaffOnly();
        if (await ApiJson.ReadAsync<SavedViewInput>(request, json.Value, ct) is not { } input) return problems.MalformedJson();
        // Whole: a name and an address are needed, as for a new view.
        if (string.IsNullOrWhiteSpace(input.Name)) return problems.Invalid("name", savedViews.NameNeeded);
        var (view, refusal) = await savedViews.ChangeAsync(id, input.Name, keepGroup: false, input.GroupId, input.Address ?? "", viewer, ct);
        return (view, refusal) switch
        {
            (null, null) => problems.NotFound(),
            (null, { Part: "id" }) => problems.NotYourView(),
            (null, { } why) => problems.Invalid(why.Part, why.Message),
            _ => TypedResults.Ok((await ViewsAsync([view!], viewer, db, ct))[0]),
        };
    }

    private static async Task<Results<NoContent, ProblemHttpResult>> DeleteAsync(int id, ApiCaller caller, SavedViews savedViews, ApiProblems problems,
        CancellationToken ct)
    {
        var viewer = await caller.ViewerAsync(ct);
        if (!viewer.IsStaff) return problems.StaffOnly();
        if (await savedViews.DeleteAsync(id, viewer, ct)) return TypedResults.NoContent();
        return (await savedViews.ListAsync(viewer, ct)).Any(v => v.Id == id) ? problems.NotYourView() : problems.NotFound();
    }

    private static async Task<Results<Ok<List<SavedViewView>>, ValidationProblem, ProblemHttpResult>> MoveAsync(int id, [FromQuery] string? direction, ApiCaller caller,
        SavedViews savedViews, GuichetDbContext db, ApiProblems problems, IStringLocalizer<SharedResource> L, CancellationToken ct)
    {
        var viewer = await caller.ViewerAsync(ct);
        if (!viewer.IsStaff) return problems.StaffOnly();
        if (direction is not ("up" or "down")) return problems.Invalid("direction", L["Choose one of: {0}.", "up, down"]);
        var seen = await savedViews.ListAsync(viewer, ct);
        if (seen.FirstOrDefault(v => v.Id == id) is not { } view) return problems.NotFound();
        if (!SavedViews.MayChange(view, viewer)) return problems.NotYourView();
        await savedViews.MoveAsync(id, direction == "up", viewer, ct);
        return TypedResults.Ok(await ViewsAsync(await savedViews.ListAsync(viewer, ct), viewer, db, ct));
    }

    private static async Task<Results<Ok<TicketPage>, ValidationProblem, ProblemHttpResult>> TicketsAsync(int id, [FromQuery] string? cursor, [FromQuery] int? limit,
        ApiCaller caller, CurrentUser me, SavedViews savedViews, AgentQueues queues, GuichetDbContext db, ApiProblems problems,
        IStringLocalizer<SharedResource> L, CancellationToken ct)
    {
        var viewer = await caller.ViewerAsync(ct);
        if (!viewer.IsStaff) return problems.StaffOnly();
        if ((await savedViews.ListAsync(viewer, ct)).FirstOrDefault(v => v.Id == id) is not { } view) return problems.NotFound();
        var size = limit ?? TicketList.DefaultLimit;
        if (size is < 1 or > TicketList.MaxLimit) return problems.Invalid("limit", L["Enter a number between {0} and {1}.", 1, TicketList.MaxLimit]);
        Tickets.Ticket? after = null;
        if (cursor is { Length: > 0 })
        {
            // The last ticket of the previous page, wherever it stands now: the next page starts after its place in the order.
            after = ViewCursor.Decode(cursor, view.Id) is { } number
                ? await db.Tickets.AsNoTracking().Include(t => t.Status).SingleOrDefaultAsync(t => t.Number == number, ct) : null;
            if (after is null) return problems.Invalid("cursor", L["This cursor does not belong to this list. Start again without it."]);
        }
        var address = SavedViews.Read(view.Address);
        var page = await queues.PageAfterAsync(AgentQueues.Named(address.Queue, viewer), address.Query, viewer, me.TimeZone, after, ct);
        var numbers = await page.Select(t => t.Number).Take(size + 1).ToListAsync(ct);
        var shown = numbers.Take(size).ToList();
        // The page's rows by number (the order is the numbers' own): the summary's joins for the rows shown only.
        var rows = (await db.Tickets.AsNoTracking().Where(t => shown.Contains(t.Number)).Rows().ToListAsync(ct)).ToDictionary(r => r.Number);
        var next = numbers.Count > size ? ViewCursor.Encode(view.Id, shown[^1]) : null;
        return TypedResults.Ok(new TicketPage(shown.Where(rows.ContainsKey).Select(n => TicketViews.ToSummary(rows[n])).ToList(), next));
    }

    private static async Task<List<SavedViewView>> ViewsAsync(IReadOnlyList<SavedView> views, Tickets.Viewer viewer, GuichetDbContext db, CancellationToken ct)
    {
        var groupIds = views.Select(v => v.GroupId).OfType<int>().Distinct().ToList();
        var groups = await db.Groups.AsNoTracking().Where(g => groupIds.Contains(g.Id)).ToDictionaryAsync(g => g.Id, g => g.Name, ct);
        var ownerIds = views.Select(v => v.OwnerId).Distinct().ToList();
        var owners = (await AgentAccounts.NamedAsync(db.Users.Where(u => ownerIds.Contains(u.Id)), ct)).ToDictionary(p => p.Id, p => p.Name);
        return views.Select(v => new SavedViewView(v.Id, v.Name, v.Address,
            v.GroupId is { } g && groups.TryGetValue(g, out var group) ? new GroupRef(g, group) : null,
            new AgentRef(v.OwnerId, owners.GetValueOrDefault(v.OwnerId, "")), v.Position, SavedViews.MayChange(v, viewer), v.UpdatedAt)).ToList();
    }

    /// <summary>Where a view's next page starts: the view and the last ticket shown. Opaque to clients (base64url JSON).</summary>
    private sealed record ViewCursor(int View, long Number)
    {
        public static string Encode(int view, long number) => Base64Url.EncodeToString(JsonSerializer.SerializeToUtf8Bytes(new ViewCursor(view, number)));

        public static long? Decode(string text, int view)
        {
            try
            {
                return JsonSerializer.Deserialize<ViewCursor>(Base64Url.DecodeFromChars(text)) is { } c && c.View == view ? c.Number : null;
            }
            catch (Exception e) when (e is FormatException or JsonException)
            {
                return null;
            }
        }
    }
}
