using Guichet.Web.Data;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace Guichet.Web.Api;

public sealed record MembershipView(Guid Id, string Name, bool IsManager);

public sealed record MeView(
    Guid Id, string Email, string FirstName, string LastName, string? Language, string TimeZone,
    IReadOnlyList<MembershipView> Organizations, IReadOnlyList<string> Roles);

/// <summary>GET /api/v1/me: who the token belongs to.</summary>
public static class MeEndpoints
{
    public static void Map(RouteGroupBuilder api) =>
        api.MapGet("/me", MeAsync).WithName("GetMe").WithSummary("The person the token belongs to");

    private static async Task<Ok<MeView>> MeAsync(ApiCaller caller, GuichetDbContext db, CancellationToken ct)
    {
        var id = caller.Id;
        var user = await db.Users.AsNoTracking().SingleAsync(u => u.Id == id, ct);
        var organizations = await db.OrganizationMemberships.AsNoTracking().Where(m => m.UserId == id)
            .OrderBy(m => m.Organization.Name)
            .Select(m => new MembershipView(m.OrganizationId, m.Organization.Name, m.IsManager)).ToListAsync(ct);
        var roles = await db.UserRoles.Where(ur => ur.UserId == id)
            .Join(db.Roles, ur => ur.RoleId, r => r.Id, (_, r) => r.Name!).OrderBy(n => n).ToListAsync(ct);
        return TypedResults.Ok(new MeView(user.Id, user.Email ?? "", user.FirstName, user.LastName, user.Culture, user.TimeZone ?? "UTC",
            organizations, roles.Select(r => r.ToLowerInvariant()).ToList()));
    }
}
