using System.Text.Json;
using Guichet.Web.Data;
using Guichet.Web.Organizations;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Http.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using Microsoft.Extensions.Options;
using FromQueryAttribute = Microsoft.AspNetCore.Mvc.FromQueryAttribute;

namespace Guichet.Web.Api;

/// <summary>
/// The team's notes on an organization; <c>notes</c> null when there are none. <c>revision</c> counts the saves (0: none
/// since the history is kept); the ETag says it too.
/// </summary>
public sealed record OrganizationNotesView(Guid Id, string Name, string? Notes, int Revision);

/// <summary><c>notes</c>: the whole text (blank or null: none).</summary>
public sealed record OrganizationNotesInput(string? Notes);

/// <summary>
/// One saved version of the notes: <c>notes</c> null when they were emptied; <c>by</c> (the person's id) and <c>byName</c>,
/// and <c>at</c>, null for the notes written before the history was kept.
/// </summary>
public sealed record OrganizationNoteRevisionView(int Revision, string? Notes, Guid? By, string? ByName, DateTimeOffset? At);

/// <summary><c>nextBefore</c>: the <c>before</c> of the next (older) page, null on the last one.</summary>
public sealed record OrganizationNotesHistoryPage(IReadOnlyList<OrganizationNoteRevisionView> Items, int? NextBefore);

/// <summary>
/// /api/v1/organizations/{id}/notes: the team's notes on an organization, as beside a request on the agent's ticket page
/// (<see cref="OrganizationNotes"/>, the same code), and their history. For agents and admins only; no view a customer
/// gets carries them.
/// </summary>
public static class OrganizationEndpoints
{
    public static void Map(RouteGroupBuilder api)
    {
        var notes = api.MapGroup("/organizations/{id:guid}/notes").WithTags("Organizations");
        notes.MapGet("/", GetAsync).WithName("GetOrganizationNotes").WithSummary("Agents and admins: the team's notes on an organization (with an ETag)")
            .ProducesProblem(StatusCodes.Status403Forbidden).ProducesProblem(StatusCodes.Status404NotFound);
        notes.MapPut("/", SetAsync).WithName("SetOrganizationNotes")
            .WithSummary("Agents and admins: write the team's notes on an organization (If-Match: only if they are still as read, else 412)")
            .Accepts<OrganizationNotesInput>("application/json")
            .Produces<OrganizationNotesView>()
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status403Forbidden).ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status412PreconditionFailed)
            .ProducesProblem(StatusCodes.Status415UnsupportedMediaType);
        notes.MapGet("/history", HistoryAsync).WithName("GetOrganizationNotesHistory")
            .WithSummary("Agents and admins: every saved version of the notes, newest first, 50 a page (before: the nextBefore of the previous page)")
            .ProducesProblem(StatusCodes.Status403Forbidden).ProducesProblem(StatusCodes.Status404NotFound);
    }

    /// <summary>The notes' revision as an entity tag: a PUT with If-Match is refused once the notes changed since.</summary>
    private static string ETag(int revision) => $"\"notes-{revision}\"";

    private static async Task<Results<Ok<OrganizationNotesView>, ProblemHttpResult>> GetAsync(Guid id, HttpResponse response, ApiCaller caller,
        GuichetDbContext db, ApiProblems problems, CancellationToken ct)
    {
        if (!(await caller.ViewerAsync(ct)).IsStaff) return problems.StaffOnly();
        var view = await db.Organizations.AsNoTracking().Where(o => o.Id == id)
            .Select(o => new OrganizationNotesView(o.Id, o.Name, o.Notes, o.NotesRevision)).SingleOrDefaultAsync(ct);
        if (view is null) return problems.NotFound();
        response.Headers.ETag = ETag(view.Revision);
        return TypedResults.Ok(view);
    }

    private static async Task<Results<Ok<OrganizationNotesView>, ValidationProblem, ProblemHttpResult>> SetAsync(Guid id, HttpRequest request,
        ApiCaller caller, GuichetDbContext db, OrganizationNotes notes, ApiProblems problems, IStringLocalizer<SharedResource> L,
        IOptions<JsonOptions> json, CancellationToken ct)
    {
        if (!(await caller.ViewerAsync(ct)).IsStaff) return problems.StaffOnly();
        var organization = await db.Organizations.SingleOrDefaultAsync(o => o.Id == id, ct);
        if (organization is null) return problems.NotFound();
        using var document = await ApiJson.ReadAsync<JsonDocument>(request, json.Value, ct);
        if (document?.RootElement is not { ValueKind: JsonValueKind.Object } body) return problems.MalformedJson();
        // Left out is not "none": a PUT says the whole text, null included.
        if (!body.TryGetProperty("notes", out var sent)) return problems.Invalid("notes", L["Send the notes, or null for none."]);
        if (sent.ValueKind is not (JsonValueKind.String or JsonValueKind.Null)) return problems.MalformedJson();
        var checkedRevision = request.Headers.IfMatch.Count > 0;
        if (checkedRevision && TicketETag.Refuses(request, ETag(organization.NotesRevision))) return problems.NotesChangedSinceRead();
        var outcome = await notes.SetAsync(organization, sent.GetString(), checkedRevision ? organization.NotesRevision : null, caller.Id, ct);
        if (outcome.Meanwhile is not null) return problems.NotesChangedSinceRead();
        if (outcome.Refusal is { } refusal) return problems.Invalid("notes", refusal);
        request.HttpContext.Response.Headers.ETag = ETag(organization.NotesRevision);
        return TypedResults.Ok(new OrganizationNotesView(organization.Id, organization.Name, organization.Notes, organization.NotesRevision));
    }

    private static async Task<Results<Ok<OrganizationNotesHistoryPage>, ProblemHttpResult>> HistoryAsync(Guid id, [FromQuery] int? before,
        ApiCaller caller, GuichetDbContext db, OrganizationNotes notes, ApiProblems problems, CancellationToken ct)
    {
        if (!(await caller.ViewerAsync(ct)).IsStaff) return problems.StaffOnly();
        if (!await db.Organizations.AnyAsync(o => o.Id == id, ct)) return problems.NotFound();
        var revisions = await notes.HistoryAsync(id, before, ct);
        var items = revisions.Select(r => new OrganizationNoteRevisionView(r.Number, r.Notes, r.ById, r.By, r.At)).ToList();
        // A full page may have more behind it; revision 1 is the first there is.
        return TypedResults.Ok(new OrganizationNotesHistoryPage(items, items.Count == OrganizationNotes.PageSize && items[^1].Revision > 1 ? items[^1].Revision : null));
    }
}
