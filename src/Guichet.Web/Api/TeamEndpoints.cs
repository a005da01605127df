using Guichet.Web.Accounts;
using Guichet.Web.Data;
using Guichet.Web.Localization;
using Guichet.Web.Tickets;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Http.Json;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using Microsoft.Extensions.Options;

namespace Guichet.Web.Api;

public sealed record GroupRef(int Id, string Name);

/// <summary>A member of the support team, named as the workspace names them (their name, else their address).</summary>
public sealed record AgentRef(Guid Id, string Name);

/// <summary>A member of the team, with their role and groups; <c>active</c> false once deactivated (then given no ticket).</summary>
public sealed record AgentView(Guid Id, string Name, string Email, AgentAccounts.Role Role, IReadOnlyList<GroupRef> Groups, bool Active);

/// <summary>A group, with its active members.</summary>
public sealed record GroupView(int Id, string Name, IReadOnlyList<AgentRef> Members);

/// <summary>A member's role and groups, both required: the groups become exactly these (<c>[]</c>: none).</summary>
public sealed record AgentChangeInput([property: NonNull] AgentAccounts.Role? Role, [property: NonNull] int[]? GroupIds);

/// <summary><c>handOverTo</c>: the active member of the team who gets the tickets still to handle; left out or null, their groups' queues.</summary>
public sealed record DeactivationInput(Guid? HandOverTo = null);

/// <summary>How many tickets the deactivation handed over.</summary>
public sealed record DeactivationView(int HandedOver);

/// <summary>
/// Someone to invite into the team, as /admin/agents asks: <c>email</c>, <c>firstName</c>, <c>lastName</c> required;
/// <c>role</c> agent when left out or null; <c>groupIds</c> none; <c>language</c> of the mail (en, fr, de, es, it), the caller's when left out.
/// </summary>
public sealed record AgentInviteInput([property: NonNull] string? Email, [property: NonNull] string? FirstName, [property: NonNull] string? LastName,
    AgentAccounts.Role? Role = null, int[]? GroupIds = null, string? Language = null);

/// <summary>How many tickets the deletion of a group handed to the other group.</summary>
public sealed record GroupDeletionView(int HandedOver);

public sealed record NewGroupInput([property: NonNull] string? Name);

/// <summary>A group's name and members, both required: the members become exactly these (<c>[]</c>: none; ids not of the team are left out).</summary>
public sealed record GroupChangeInput([property: NonNull] string? Name, [property: NonNull] Guid[]? MemberIds);

/// <summary>
/// The support team in /api/v1, as the workspace's menus and /admin/agents and /admin/groups read it
/// (<see cref="AgentAccounts"/>, <see cref="Groups"/>): for agents and admins, who may be given tickets and in which groups;
/// for admins, the changes of /admin/agents (role, groups, deactivation) and /admin/groups (name, members). A refusal of the
/// rules (the last administrator, one's own account) is a 409 with the rule's sentence.
/// </summary>
public static class TeamEndpoints
{
    public static void Map(RouteGroupBuilder api)
    {
        api.MapGet("/agents", AgentsAsync).WithName("ListAgents").WithTags("Team")
            .WithSummary("Agents and admins: the active support team, by name, with each one's role and groups (admins: includeDeactivated=true for everyone)")
            .ProducesProblem(StatusCodes.Status403Forbidden);
        api.MapGet("/groups", GroupsAsync).WithName("ListGroups").WithTags("Team")
            .WithSummary("Agents and admins: the groups, by name, with their active members")
            .ProducesProblem(StatusCodes.Status403Forbidden);
        api.MapGet("/groups/{id:int}", GroupAsync).WithName("GetGroup").WithTags("Team")
            .WithSummary("Agents and admins: one group, with its active members")
            .ProducesProblem(StatusCodes.Status403Forbidden).ProducesProblem(StatusCodes.Status404NotFound);
        api.MapPost("/groups", CreateGroupAsync).WithName("CreateGroup").WithTags("Team").WithSummary("Admins: make a group")
            .Accepts<NewGroupInput>("application/json")
            .Produces<GroupView>(StatusCodes.Status201Created)
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status403Forbidden).ProducesProblem(StatusCodes.Status415UnsupportedMediaType);
        api.MapPut("/groups/{id:int}", ChangeGroupAsync).WithName("ChangeGroup").WithTags("Team")
            .WithSummary("Admins: a group's name and members, both as sent")
            .Accepts<GroupChangeInput>("application/json")
            .Produces<GroupView>()
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status403Forbidden).ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status415UnsupportedMediaType);
        api.MapGet("/agents/{id:guid}", AgentAsync).WithName("GetAgent").WithTags("Team")
            .WithSummary("Agents and admins: one member of the team, with their role and groups (deactivated ones: admins only)")
            .ProducesProblem(StatusCodes.Status403Forbidden).ProducesProblem(StatusCodes.Status404NotFound);
        api.MapPost("/agents", InviteAsync).WithName("InviteAgent").WithTags("Team")
            .WithSummary("Admins: invite someone into the support team; they get a mail with a link to choose their password (an existing account is told to sign in)")
            .Accepts<AgentInviteInput>("application/json")
            .Produces<AgentView>(StatusCodes.Status201Created)
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status403Forbidden).ProducesProblem(StatusCodes.Status409Conflict)
            .ProducesProblem(StatusCodes.Status415UnsupportedMediaType);
        api.MapDelete("/groups/{id:int}", DeleteGroupAsync).WithName("DeleteGroup").WithTags("Team")
            .WithSummary("Admins: delete a group; its tickets and request types go to the group moveTo, which it needs when it has any")
            .Produces<GroupDeletionView>()
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status403Forbidden).ProducesProblem(StatusCodes.Status404NotFound);
        api.MapPut("/agents/{id:guid}", ChangeAgentAsync).WithName("ChangeAgent").WithTags("Team")
            .WithSummary("Admins: a member's role and groups, both as sent")
            .Accepts<AgentChangeInput>("application/json")
            .Produces<AgentView>()
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status403Forbidden).ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status409Conflict).ProducesProblem(StatusCodes.Status415UnsupportedMediaType);
        api.MapPost("/agents/{id:guid}/deactivate", DeactivateAsync).WithName("DeactivateAgent").WithTags("Team")
            .WithSummary("Admins: deactivate a member of the team, handing the tickets they still had to another, or back to their groups' queues")
            .Accepts<DeactivationInput>("application/json")
            .Produces<DeactivationView>()
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status403Forbidden).ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status409Conflict).ProducesProblem(StatusCodes.Status415UnsupportedMediaType);
        api.MapPost("/agents/{id:guid}/reactivate", ReactivateAsync).WithName("ReactivateAgent").WithTags("Team")
            .WithSummary("Admins: reactivate a member of the team, with the role and groups they had")
            .Produces<AgentView>()
            .ProducesProblem(StatusCodes.Status403Forbidden).ProducesProblem(StatusCodes.Status404NotFound);
    }

    private static async Task<Results<Ok<AgentView>, ProblemHttpResult>> AgentAsync(Guid id, ApiCaller caller, GuichetDbContext db, ApiProblems problems,
        CancellationToken ct)
    {
        var viewer = await caller.ViewerAsync(ct);
        if (!viewer.IsStaff) return problems.StaffOnly();
        var who = viewer.IsAdmin ? AgentAccounts.Staff(db) : AgentAccounts.ActiveStaff(db);
        return await AgentViewsAsync(db, who.Where(u => u.Id == id), ct) is [var agent] ? TypedResults.Ok(agent) : problems.NotFound();
    }

    /// <summary>The checks of /admin/agents' form (its input's attributes, which the API cannot share), then the same invitation.</summary>
    private static async Task<Results<Created<AgentView>, ValidationProblem, ProblemHttpResult>> InviteAsync(HttpRequest request, ApiCaller caller,
        AgentAccounts agents, UserManager<User> users, GuichetDbContext db, ApiProblems problems, IStringLocalizer<SharedResource> L,
        IOptions<JsonOptions> json, CancellationToken ct)
    {
        if (!(await caller.ViewerAsync(ct)).IsAdmin) return problems.AdminsOnly();
        if (await ApiJson.ReadAsync<AgentInviteInput>(request, json.Value, ct) is not { } input) return problems.MalformedJson();
        var errors = new Dictionary<string, string[]>();
        var email = input.Email?.Trim() ?? "";
        if (email.Length == 0) errors["email"] = [L["Enter the email address."]];
        else if (email.Length > 254) errors["email"] = [L["Use at most {1} characters.", "", 254]];
        else if (!new System.ComponentModel.DataAnnotations.EmailAddressAttribute().IsValid(email)) errors["email"] = [L["Enter a valid email address."]];
        foreach (var (name, value, missing) in new[] { ("firstName", input.FirstName, "Enter the first name."), ("lastName", input.LastName, "Enter the last name.") })
        {
            if (string.IsNullOrWhiteSpace(value)) errors[name] = [L[missing]];
            else if (value.Trim().Length > 100) errors[name] = [L["Use at most {1} characters.", "", 100]];
        }
        if (input.Role is { } role && !Enum.IsDefined(role)) errors["role"] = [L["Choose a role from the list."]];
        var groupIds = input.GroupIds ?? [];
        var known = await db.Groups.Where(g => groupIds.Contains(g.Id)).Select(g => g.Id).ToListAsync(ct);
        if (groupIds.Except(known).Any()) errors["groupIds"] = [L["Choose groups from the list."]];
        var culture = input.Language is null ? Cultures.Match(System.Globalization.CultureInfo.CurrentUICulture.TwoLetterISOLanguageName) ?? Cultures.Default
            : Cultures.Match(input.Language);
        if (culture is null) errors["language"] = [L["Choose one of: {0}.", string.Join(", ", Cultures.Supported)]];
        if (errors.Count > 0) return problems.Invalid(errors);

        var outcome = await agents.InviteAsync(new AgentAccounts.Invite(email, input.FirstName!.Trim(), input.LastName!.Trim(), input.Role ?? AgentAccounts.Role.Agent,
            groupIds, culture!), await ActorAsync(users, caller), ct);
        if (outcome.UserId is not { } invited) return problems.Refused(outcome.Error!);
        return TypedResults.Created($"/api/v1/agents/{invited}", (await AgentViewsAsync(db, AgentAccounts.Staff(db).Where(u => u.Id == invited), ct)).Single());
    }

    /// <summary><paramref name="moveTo"/>: the group that takes the tickets and request types, as on the group's page.</summary>
    private static async Task<Results<Ok<GroupDeletionView>, ValidationProblem, ProblemHttpResult>> DeleteGroupAsync(int id, int? moveTo, ApiCaller caller,
        Groups groups, GuichetDbContext db, ApiProblems problems, CancellationToken ct)
    {
        if (!(await caller.ViewerAsync(ct)).IsAdmin) return problems.AdminsOnly();
        if (!await db.Groups.AnyAsync(g => g.Id == id, ct)) return problems.NotFound();
        var outcome = await groups.DeleteAsync(id, moveTo, caller.Id, ct);
        // The group exists: what Groups refuses is the group to hand things to (none, itself, or one that does not exist).
        if (!outcome.Succeeded) return problems.Invalid("moveTo", outcome.Error!);
        return TypedResults.Ok(new GroupDeletionView(outcome.Tickets));
    }

    private static async Task<Results<Ok<AgentView>, ValidationProblem, ProblemHttpResult>> ChangeAgentAsync(Guid id, HttpRequest request,
        ApiCaller caller, AgentAccounts agents, UserManager<User> users, GuichetDbContext db, ApiProblems problems, IStringLocalizer<SharedResource> L,
        IOptions<JsonOptions> json, CancellationToken ct)
    {
        if (!(await caller.ViewerAsync(ct)).IsAdmin) return problems.AdminsOnly();
        if (!await AgentAccounts.Staff(db).AnyAsync(u => u.Id == id, ct)) return problems.NotFound();
        if (await ApiJson.ReadAsync<AgentChangeInput>(request, json.Value, ct) is not { } input) return problems.MalformedJson();
        var errors = new Dictionary<string, string[]>();
        if (input.Role is not { } role || !Enum.IsDefined(role)) errors["role"] = [L["Choose a role from the list."]];
        if (input.GroupIds is null) errors["groupIds"] = [L["Send a list, [] for none."]];
        if (errors.Count > 0) return problems.Invalid(errors);
        var outcome = await agents.ChangeAsync(id, input.Role!.Value, input.GroupIds!, isEditor: null, await ActorAsync(users, caller), ct);
        if (!outcome.Succeeded) return problems.Refused(outcome.Error!);
        return TypedResults.Ok((await AgentViewsAsync(db, AgentAccounts.Staff(db).Where(u => u.Id == id), ct)).Single());
    }

    private static async Task<Results<Ok<DeactivationView>, ValidationProblem, ProblemHttpResult>> DeactivateAsync(Guid id, HttpRequest request,
        ApiCaller caller, AgentAccounts agents, UserManager<User> users, GuichetDbContext db, ApiProblems problems, IOptions<JsonOptions> json,
        CancellationToken ct)
    {
        if (!(await caller.ViewerAsync(ct)).IsAdmin) return problems.AdminsOnly();
        if (!await AgentAccounts.Staff(db).AnyAsync(u => u.Id == id, ct)) return problems.NotFound();
        if (await ApiJson.ReadAsync<DeactivationInput>(request, json.Value, ct) is not { } input) return problems.MalformedJson();
        var outcome = await agents.DeactivateAsync(id, input.HandOverTo, await ActorAsync(users, caller), ct);
        if (outcome.About == "handOverTo") return problems.Invalid("handOverTo", outcome.Error!);
        if (!outcome.Succeeded) return problems.Refused(outcome.Error!);
        return TypedResults.Ok(new DeactivationView(outcome.Tickets));
    }

    private static async Task<Results<Ok<AgentView>, ProblemHttpResult>> ReactivateAsync(Guid id, ApiCaller caller, AgentAccounts agents,
        UserManager<User> users, GuichetDbContext db, ApiProblems problems, CancellationToken ct)
    {
        if (!(await caller.ViewerAsync(ct)).IsAdmin) return problems.AdminsOnly();
        if (!await AgentAccounts.Staff(db).AnyAsync(u => u.Id == id, ct)) return problems.NotFound();
        var outcome = await agents.ReactivateAsync(id, await ActorAsync(users, caller), ct);
        if (!outcome.Succeeded) return problems.Refused(outcome.Error!);
        return TypedResults.Ok((await AgentViewsAsync(db, AgentAccounts.Staff(db).Where(u => u.Id == id), ct)).Single());
    }

    private static async Task<Results<Ok<GroupView>, ProblemHttpResult>> GroupAsync(int id, ApiCaller caller, GuichetDbContext db, ApiProblems problems,
        CancellationToken ct)
    {
        if (!(await caller.ViewerAsync(ct)).IsStaff) return problems.StaffOnly();
        return await GroupViewsAsync(db, db.Groups.Where(g => g.Id == id), ct) is [var group] ? TypedResults.Ok(group) : problems.NotFound();
    }

    private static async Task<Results<Created<GroupView>, ValidationProblem, ProblemHttpResult>> CreateGroupAsync(HttpRequest request, ApiCaller caller,
        Groups groups, GuichetDbContext db, ApiProblems problems, IOptions<JsonOptions> json, CancellationToken ct)
    {
        if (!(await caller.ViewerAsync(ct)).IsAdmin) return problems.AdminsOnly();
        if (await ApiJson.ReadAsync<NewGroupInput>(request, json.Value, ct) is not { } input) return problems.MalformedJson();
        var outcome = await groups.CreateAsync(input.Name ?? "", ct);
        if (!outcome.Succeeded) return problems.Invalid("name", outcome.Error!);
        return TypedResults.Created($"/api/v1/groups/{outcome.Id}", (await GroupViewsAsync(db, db.Groups.Where(g => g.Id == outcome.Id), ct)).Single());
    }

    private static async Task<Results<Ok<GroupView>, ValidationProblem, ProblemHttpResult>> ChangeGroupAsync(int id, HttpRequest request, ApiCaller caller,
        Groups groups, GuichetDbContext db, ApiProblems problems, IStringLocalizer<SharedResource> L, IOptions<JsonOptions> json, CancellationToken ct)
    {
        if (!(await caller.ViewerAsync(ct)).IsAdmin) return problems.AdminsOnly();
        if (!await db.Groups.AnyAsync(g => g.Id == id, ct)) return problems.NotFound();
        if (await ApiJson.ReadAsync<GroupChangeInput>(request, json.Value, ct) is not { } input) return problems.MalformedJson();
        if (input.MemberIds is null) return problems.Invalid("memberIds", L["Send a list, [] for none."]);
        var renamed = await groups.RenameAsync(id, input.Name ?? "", ct);
        if (!renamed.Succeeded) return problems.Invalid("name", renamed.Error!);
        if (!(await groups.SetMembersAsync(id, input.MemberIds, ct)).Succeeded) return problems.NotFound();
        return TypedResults.Ok((await GroupViewsAsync(db, db.Groups.Where(g => g.Id == id), ct)).Single());
    }

    private static async Task<User> ActorAsync(UserManager<User> users, ApiCaller caller) =>
        await users.FindByIdAsync(caller.Id.ToString()) ?? throw new InvalidOperationException("The token's user is gone.");

    /// <summary><paramref name="includeDeactivated"/>: admins, the deactivated members too (to reactivate them).</summary>
    private static async Task<Results<Ok<List<AgentView>>, ProblemHttpResult>> AgentsAsync(bool? includeDeactivated, ApiCaller caller,
        GuichetDbContext db, ApiProblems problems, CancellationToken ct)
    {
        var viewer = await caller.ViewerAsync(ct);
        if (!viewer.IsStaff) return problems.StaffOnly();
        if (includeDeactivated is true && !viewer.IsAdmin) return problems.AdminsOnly();
        return TypedResults.Ok(await AgentViewsAsync(db, includeDeactivated is true ? AgentAccounts.Staff(db) : AgentAccounts.ActiveStaff(db), ct));
    }

    private static async Task<Results<Ok<List<GroupView>>, ProblemHttpResult>> GroupsAsync(ApiCaller caller, GuichetDbContext db, ApiProblems problems,
        CancellationToken ct)
    {
        if (!(await caller.ViewerAsync(ct)).IsStaff) return problems.StaffOnly();
        return TypedResults.Ok(await GroupViewsAsync(db, db.Groups, ct));
    }

    /// <summary>These members of the team by name, as the workspace's menus name them.</summary>
    private static async Task<List<AgentView>> AgentViewsAsync(GuichetDbContext db, IQueryable<User> staff, CancellationToken ct)
    {
        var people = await AgentAccounts.NamedAsync(staff, ct);
        var ids = people.Select(p => p.Id).ToList();
        var accounts = await db.Users.AsNoTracking().Where(u => ids.Contains(u.Id)).Select(u => new { u.Id, u.Email, u.DeactivatedAt })
            .ToDictionaryAsync(u => u.Id, ct);
        var admins = await AgentAccounts.Admins(db).Where(u => ids.Contains(u.Id)).Select(u => u.Id).ToListAsync(ct);
        var groups = await MembershipsAsync(db, ct);
        return people.Select(p => new AgentView(p.Id, p.Name, accounts[p.Id].Email ?? "",
            admins.Contains(p.Id) ? AgentAccounts.Role.Admin : AgentAccounts.Role.Agent,
            groups.Where(g => g.UserId == p.Id).Select(g => g.Group).ToList(), accounts[p.Id].DeactivatedAt is null)).ToList();
    }

    /// <summary>These groups by name, each with its active members.</summary>
    private static async Task<List<GroupView>> GroupViewsAsync(GuichetDbContext db, IQueryable<Group> which, CancellationToken ct)
    {
        var people = await AgentAccounts.NamedAsync(AgentAccounts.ActiveStaff(db), ct);
        var memberships = await MembershipsAsync(db, ct);
        var groups = await which.AsNoTracking().OrderBy(g => g.Name).Select(g => new GroupRef(g.Id, g.Name)).ToListAsync(ct);
        return groups.Select(g => new GroupView(g.Id, g.Name,
            people.Where(p => memberships.Any(m => m.UserId == p.Id && m.Group.Id == g.Id)).Select(p => new AgentRef(p.Id, p.Name)).ToList())).ToList();
    }

    private sealed record Membership(Guid UserId, GroupRef Group);

    /// <summary>Who is in which group, the groups by name.</summary>
    private static async Task<List<Membership>> MembershipsAsync(GuichetDbContext db, CancellationToken ct) =>
        (await db.Set<GroupMember>().AsNoTracking().Join(db.Groups, m => m.GroupId, g => g.Id, (m, g) => new { m.UserId, m.GroupId, g.Name }).ToListAsync(ct))
            .OrderBy(m => m.Name, StringComparer.CurrentCultureIgnoreCase)
            .Select(m => new Membership(m.UserId, new GroupRef(m.GroupId, m.Name))).ToList();
}
