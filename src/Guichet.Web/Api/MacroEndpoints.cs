using Guichet.Web.Accounts;
using Guichet.Web.Data;
using Guichet.Web.Macros;
using Guichet.Web.Tickets;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Http.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Guichet.Web.Api;

/// <summary>
/// A macro: <c>bodies</c> its text by language (the languages it has), <c>scope</c> who may use it (<c>group</c> says
/// which), what it sets when the reply is sent; <c>mayUse</c> whether the caller may insert it (an admin lists every
/// shared macro, not only their groups'), <c>mayChange</c> whether they may change or delete it.
/// </summary>
public sealed record MacroView(int Id, string Name, IReadOnlyDictionary<string, string> Bodies, MacroScope Scope, GroupRef? Group, AgentRef Owner,
    int? SetStatusId, TicketPriority? SetPriority, bool AsInternalNote, bool MayUse, bool MayChange, DateTimeOffset UpdatedAt);

/// <summary>
/// A macro to write, whole (PUT replaces it): <c>name</c> and <c>bodies</c> (the text by language code, <c>en</c>, <c>fr</c>,
/// <c>de</c>, <c>es</c>, <c>it</c>; at least one) are required; <c>scope</c> is <c>personal</c> when left out, <c>groupId</c>
/// counts only for <c>group</c>.
/// </summary>
public sealed record MacroInput([property: NonNull] string? Name, [property: NonNull] Dictionary<string, string?>? Bodies, MacroScope? Scope = null,
    int? GroupId = null, int? SetStatusId = null, TicketPriority? SetPriority = null, bool AsInternalNote = false);

/// <summary>
/// A macro applied to a ticket, nothing sent: <c>body</c> in <c>language</c> (the requester's, else English, else one the
/// macro has), its placeholders filled; what sending it as a reply would set. Post it with POST /tickets/{number}/messages.
/// </summary>
public sealed record AppliedMacroView(int MacroId, string Body, string Language, int? StatusId, TicketPriority? Priority, bool Internal);

/// <summary>
/// The macros of /api/v1, for the support team, under the rules of <see cref="MacroLibrary"/> (the same as the workspace's
/// pages): each lists what the caller may use; they change their own, and an admin any shared one.
/// </summary>
public static class MacroEndpoints
{
    public static void Map(RouteGroupBuilder api)
    {
        var macros = api.MapGroup("/macros").WithTags("Macros");
        macros.MapGet("/", ListAsync).WithName("ListMacros")
            .WithSummary("Agents and admins: the macros you may use (admins: and every shared one), by scope and name")
            .ProducesProblem(StatusCodes.Status403Forbidden);
        macros.MapGet("/{id:int}", GetAsync).WithName("GetMacro").WithSummary("Agents and admins: one macro you may use or change")
            .ProducesProblem(StatusCodes.Status403Forbidden).ProducesProblem(StatusCodes.Status404NotFound);
        macros.MapPost("/", CreateAsync).WithName("CreateMacro")
            .WithSummary("Agents and admins: write a macro (personal, for one of your groups, or, admins, for the whole team)")
            .Accepts<MacroInput>("application/json")
            .Produces<MacroView>(StatusCodes.Status201Created)
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status403Forbidden).ProducesProblem(StatusCodes.Status415UnsupportedMediaType);
        macros.MapPut("/{id:int}", ReplaceAsync).WithName("ReplaceMacro")
            .WithSummary("Change a macro, whole: your own (admins: any shared one)")
            .Accepts<MacroInput>("application/json")
            .Produces<MacroView>()
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status403Forbidden).ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status415UnsupportedMediaType);
        macros.MapDelete("/{id:int}", DeleteAsync).WithName("DeleteMacro").WithSummary("Delete a macro: your own (admins: any shared one)")
            .Produces(StatusCodes.Status204NoContent)
            .ProducesProblem(StatusCodes.Status403Forbidden).ProducesProblem(StatusCodes.Status404NotFound);
        api.MapGet("/tickets/{number:long}/macros/{id:int}", ApplyAsync).WithName("ApplyMacro").WithTags("Macros")
            .WithSummary("Agents and admins: a macro's text for this ticket, in the requester's language, and what it would set; nothing is sent")
            .ProducesProblem(StatusCodes.Status403Forbidden).ProducesProblem(StatusCodes.Status404NotFound);
    }

    private static async Task<Results<Ok<List<MacroView>>, ProblemHttpResult>> ListAsync(ApiCaller caller, MacroLibrary library, GuichetDbContext db,
        ApiProblems problems, CancellationToken ct)
    {
        var viewer = await caller.ViewerAsync(ct);
        if (!viewer.IsStaff) return problems.StaffOnly();
        var macros = await library.ListedFor(viewer).OrderBy(m => m.Scope).ThenBy(m => m.Name).ToListAsync(ct);
        return TypedResults.Ok(await ViewsAsync(macros, viewer, library, db, ct));
    }

    private static async Task<Results<Ok<MacroView>, ProblemHttpResult>> GetAsync(int id, ApiCaller caller, MacroLibrary library, GuichetDbContext db,
        ApiProblems problems, CancellationToken ct)
    {
        var viewer = await caller.ViewerAsync(ct);
        if (!viewer.IsStaff) return problems.StaffOnly();
        var macro = await library.ListedFor(viewer).SingleOrDefaultAsync(m => m.Id == id, ct);
        if (macro is null) return problems.NotFound();
        return TypedResults.Ok((await ViewsAsync([macro], viewer, library, db, ct))[0]);
    }

    private static async Task<Results<Created<MacroView>, ValidationProblem, ProblemHttpResult>> CreateAsync(HttpRequest request, ApiCaller caller,
        MacroLibrary library, GuichetDbContext db, ApiProblems problems, IOptions<JsonOptions> json, CancellationToken ct)
    {
        var viewer = await caller.ViewerAsync(ct);
        if (!viewer.IsStaff) return problems.StaffOnly();
        if (await ApiJson.ReadAsync<MacroInput>(request, json.Value, ct) is not { } input) return problems.MalformedJson();
        var saved = await library.SaveAsync(null, Draft(input), viewer, ct);
        if (saved.Macro is not { } macro) return problems.Invalid(saved.Errors.ToDictionary(e => e.Key, e => new[] { e.Value }));
        return TypedResults.Created($"/api/v1/macros/{macro.Id}", (await ViewsAsync([macro], viewer, library, db, ct))[0]);
    }

    private static async Task<Results<Ok<MacroView>, ValidationProblem, ProblemHttpResult>> ReplaceAsync(int id, HttpRequest request, ApiCaller caller,
        MacroLibrary library, GuichetDbContext db, ApiProblems problems, IOptions<JsonOptions> json, CancellationToken ct)
    {
        var viewer = await caller.ViewerAsync(ct);
        var (macro, refused) = await ChangeableAsync(id, viewer, library, problems, ct);
        if (macro is null) return refused!;
        if (await ApiJson.ReadAsync<MacroInput>(request, json.Value, ct) is not { } input) return problems.MalformedJson();
        var saved = await library.SaveAsync(macro, Draft(input), viewer, ct);
        if (saved.Macro is null) return problems.Invalid(saved.Errors.ToDictionary(e => e.Key, e => new[] { e.Value }));
        return TypedResults.Ok((await ViewsAsync([saved.Macro], viewer, library, db, ct))[0]);
    }

    private static async Task<Results<NoContent, ProblemHttpResult>> DeleteAsync(int id, ApiCaller caller, MacroLibrary library, ApiProblems problems,
        CancellationToken ct)
    {
        var (macro, refused) = await ChangeableAsync(id, await caller.ViewerAsync(ct), library, problems, ct);
        if (macro is null) return refused!;
        await library.DeleteAsync(macro, ct);
        return TypedResults.NoContent();
    }

    /// <summary>
    /// The macro to change, or why not: one the caller does not see is a 404 (another's personal macro is not told apart
    /// from none), one they see but may not change a 403 (a shared macro, to an agent who did not write it).
    /// </summary>
    private static async Task<(Macro? Macro, ProblemHttpResult? Refused)> ChangeableAsync(int id, Viewer viewer, MacroLibrary library,
        ApiProblems problems, CancellationToken ct)
    {
        if (!viewer.IsStaff) return (null, problems.StaffOnly());
        if (await library.FindToChangeAsync(id, viewer, ct) is { } macro) return (macro, null);
        return (null, await library.ListedFor(viewer).AnyAsync(m => m.Id == id, ct) ? problems.NotYourMacro() : problems.NotFound());
    }

    private static async Task<Results<Ok<AppliedMacroView>, ProblemHttpResult>> ApplyAsync(long number, int id, ApiCaller caller,
        TicketConversation conversation, MacroLibrary library, ApiProblems problems, CancellationToken ct)
    {
        var viewer = await caller.ViewerAsync(ct);
        if (!viewer.IsStaff) return problems.StaffOnly();
        var ticket = await conversation.ReadAsync(number, viewer, ct);
        if (ticket is null || await library.ApplyAsync(id, ticket, viewer, ct) is not { } applied) return problems.NotFound();
        return TypedResults.Ok(new AppliedMacroView(id, applied.Body, applied.Language, applied.StatusId, applied.Priority, applied.Internal));
    }

    private static MacroLibrary.Draft Draft(MacroInput input) => new(input.Name, input.Bodies ?? new(), input.Scope ?? MacroScope.Personal,
        input.GroupId, input.SetStatusId, input.SetPriority, input.AsInternalNote);

    private static async Task<List<MacroView>> ViewsAsync(IReadOnlyList<Macro> macros, Viewer viewer, MacroLibrary library, GuichetDbContext db,
        CancellationToken ct)
    {
        var ids = macros.Select(m => m.Id).ToList();
        var usable = await library.UsableBy(viewer).Where(m => ids.Contains(m.Id)).Select(m => m.Id).ToListAsync(ct);
        var groupIds = macros.Select(m => m.GroupId).OfType<int>().Distinct().ToList();
        var groups = await db.Groups.AsNoTracking().Where(g => groupIds.Contains(g.Id)).ToDictionaryAsync(g => g.Id, g => g.Name, ct);
        var ownerIds = macros.Select(m => m.OwnerId).Distinct().ToList();
        var owners = (await AgentAccounts.NamedAsync(db.Users.Where(u => ownerIds.Contains(u.Id)), ct)).ToDictionary(p => p.Id, p => p.Name);
        return macros.Select(m => new MacroView(m.Id, m.Name, m.Bodies.All, m.Scope,
            m.GroupId is { } g && groups.TryGetValue(g, out var group) ? new GroupRef(g, group) : null,
            new AgentRef(m.OwnerId, owners.GetValueOrDefault(m.OwnerId, "")), m.SetStatusId, m.SetPriority, m.AsInternalNote,
            usable.Contains(m.Id), MacroLibrary.MayChange(m, viewer), m.UpdatedAt)).ToList();
    }
}
