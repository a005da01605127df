using System.Text.Json;
using Guichet.Web.Data;
using Guichet.Web.Organizations;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Http.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using Microsoft.Extensions.Options;

namespace Guichet.Web.Api;

/// <summary>The team's notes on an organization; <c>notes</c> null when there are none.</summary>
public sealed record OrganizationNotesView(Guid Id, string Name, string? Notes);

/// <summary><c>notes</c>: the whole text (blank or null: none).</summary>
public sealed record OrganizationNotesInput(string? Notes);

/// <summary>
/// /api/v1/organizations/{id}/notes: the team's notes on an organization, as beside a request on the agent's ticket page
/// (<see cref="OrganizationNotes"/>, the same code). For agents and admins only; no view a customer gets carries them.
/// </summary>
public static class OrganizationEndpoints
{
    public static void Map(RouteGroupBuilder api)
    {
        var notes = api.MapGroup("/organizations/{id:guid}/notes").WithTags("Organizations");
        notes.MapGet("/", GetAsync).WithName("GetOrganizationNotes").WithSummary("Agents and admins: the team's notes on an organization")
            .ProducesProblem(StatusCodes.Status403Forbidden).ProducesProblem(StatusCodes.Status404NotFound);
        notes.MapPut("/", SetAsync).WithName("SetOrganizationNotes").WithSummary("Agents and admins: write the team's notes on an organization")
            .Accepts<OrganizationNotesInput>("application/json")
            .Produces<OrganizationNotesView>()
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status403Forbidden).ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status415UnsupportedMediaType);
    }

    private static async Task<Results<Ok<OrganizationNotesView>, ProblemHttpResult>> GetAsync(Guid id, ApiCaller caller, GuichetDbContext db,
        ApiProblems problems, CancellationToken ct)
    {
        if (!(await caller.ViewerAsync(ct)).IsStaff) return problems.StaffOnly();
        var view = await db.Organizations.AsNoTracking().Where(o => o.Id == id)
            .Select(o => new OrganizationNotesView(o.Id, o.Name, o.Notes)).SingleOrDefaultAsync(ct);
        return view is null ? problems.NotFound() : TypedResults.Ok(view);
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
        if (await notes.SetAsync(organization, sent.GetString(), ct) is { } refusal) return problems.Invalid("notes", refusal);
        return TypedResults.Ok(new OrganizationNotesView(organization.Id, organization.Name, organization.Notes));
    }
}
