using Guichet.Web.Accounts;
using Guichet.Web.Data;
using Guichet.Web.Tickets;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace Guichet.Web.Api;

public sealed record GroupRef(int Id, string Name);

/// <summary>A member of the support team, named as the workspace names them (their name, else their address).</summary>
public sealed record AgentRef(Guid Id, string Name);

/// <summary>A member of the active team: whom a ticket may be given to (<c>assigneeId</c>), with their role and groups.</summary>
public sealed record AgentView(Guid Id, string Name, string Email, AgentAccounts.Role Role, IReadOnlyList<GroupRef> Groups);

/// <summary>A group, with its active members.</summary>
public sealed record GroupView(int Id, string Name, IReadOnlyList<AgentRef> Members);

/// <summary>
/// The support team in /api/v1, as the workspace's menus and /admin/agents and /admin/groups read it
/// (<see cref="AgentAccounts"/>, <see cref="Groups"/>): for agents and admins, who may be given tickets and in which groups.
/// </summary>
public static class TeamEndpoints
{
    public static void Map(RouteGroupBuilder api)
    {
        api.MapGet("/agents", AgentsAsync).WithName("ListAgents").WithTags("Team")
            .WithSummary("Agents and admins: the active support team, by name, with each one's role and groups")
            .ProducesProblem(StatusCodes.Status403Forbidden);
        api.MapGet("/groups", GroupsAsync).WithName("ListGroups").WithTags("Team")
            .WithSummary("Agents and admins: the groups, by name, with their active members")
            .ProducesProblem(StatusCodes.Status403Forbidden);
    }

    private static async Task<Results<Ok<List<AgentView>>, ProblemHttpResult>> AgentsAsync(ApiCaller caller, GuichetDbContext db, ApiProblems problems,
        CancellationToken ct)
    {
        if (!(await caller.ViewerAsync(ct)).IsStaff) return problems.StaffOnly();
        var active = AgentAccounts.ActiveStaff(db);
        var people = await AgentAccounts.NamedAsync(active, ct);
        var emails = await active.Select(u => new { u.Id, u.Email }).ToDictionaryAsync(u => u.Id, u => u.Email ?? "", ct);
        var admins = await AgentAccounts.Admins(db).Select(u => u.Id).ToListAsync(ct);
        var groups = await MembershipsAsync(db, ct);
        return TypedResults.Ok(people.Select(p => new AgentView(p.Id, p.Name, emails.GetValueOrDefault(p.Id, ""),
            admins.Contains(p.Id) ? AgentAccounts.Role.Admin : AgentAccounts.Role.Agent,
            groups.Where(g => g.UserId == p.Id).Select(g => g.Group).ToList())).ToList());
    }

    private static async Task<Results<Ok<List<GroupView>>, ProblemHttpResult>> GroupsAsync(ApiCaller caller, GuichetDbContext db, ApiProblems problems,
        CancellationToken ct)
    {
        if (!(await caller.ViewerAsync(ct)).IsStaff) return problems.StaffOnly();
        var people = await AgentAccounts.NamedAsync(AgentAccounts.ActiveStaff(db), ct);
        var memberships = await MembershipsAsync(db, ct);
        var groups = await db.Groups.AsNoTracking().OrderBy(g => g.Name).Select(g => new GroupRef(g.Id, g.Name)).ToListAsync(ct);
        return TypedResults.Ok(groups.Select(g => new GroupView(g.Id, g.Name,
            people.Where(p => memberships.Any(m => m.UserId == p.Id && m.Group.Id == g.Id)).Select(p => new AgentRef(p.Id, p.Name)).ToList())).ToList());
    }

    private sealed record Membership(Guid UserId, GroupRef Group);

    /// <summary>Who is in which group, the groups by name.</summary>
    private static async Task<List<Membership>> MembershipsAsync(GuichetDbContext db, CancellationToken ct) =>
        (await db.Set<GroupMember>().AsNoTracking().Join(db.Groups, m => m.GroupId, g => g.Id, (m, g) => new { m.UserId, m.GroupId, g.Name }).ToListAsync(ct))
            .OrderBy(m => m.Name, StringComparer.CurrentCultureIgnoreCase)
            .Select(m => new Membership(m.UserId, new GroupRef(m.GroupId, m.Name))).ToList();
}
