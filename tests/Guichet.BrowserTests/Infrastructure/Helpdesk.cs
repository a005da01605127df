using Guichet.Web.Accounts;
using Guichet.Web.Data;
using Guichet.Web.Organizations;
using Guichet.Web.Tickets;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Guichet.BrowserTests.Infrastructure;

/// <summary>
/// Arranges what a request test starts from (agents, organizations, requests) straight through the
/// app's own services, for the steps a test is not about.
/// </summary>
public static class Helpdesk
{
    /// <summary>The five request types as seeded, in their order on the form (English names).</summary>
    public static readonly string[] SeededTypes =
        ["Question / assistance", "Configuration request", "User management", "Bug report", "Improvement suggestion"];

    /// <summary>An agent in the seeded "Support" group, the group new requests go to.</summary>
    public static async Task<User> CreateSupportAgentAsync(this BrowserApp app, string email, string first = "Ada", string last = "Agent",
        string role = Roles.Agent)
    {
        var agent = await app.CreateUserAsync(email, first, last);
        using var scope = app.Services.CreateScope();
        var sp = scope.ServiceProvider;
        await sp.GetRequiredService<AdminAccounts>().EnsureRolesAsync();
        var users = sp.GetRequiredService<UserManager<User>>();
        var added = await users.AddToRoleAsync((await users.FindByIdAsync(agent.Id.ToString()))!, role);
        Assert.True(added.Succeeded, string.Join(" ", added.Errors.Select(e => e.Description)));
        var db = sp.GetRequiredService<GuichetDbContext>();
        var support = await db.Groups.SingleAsync(g => g.Name == "Support");
        db.Set<GroupMember>().Add(new GroupMember { GroupId = support.Id, UserId = agent.Id });
        await db.SaveChangesAsync();
        return agent;
    }

    public static async Task<Organization> CreateOrganizationAsync(this BrowserApp app, string name, bool membersSeeEachOthersRequests = false)
    {
        using var scope = app.Services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<GuichetDbContext>();
        var time = scope.ServiceProvider.GetRequiredService<TimeProvider>();
        var organization = new Organization(Guid.NewGuid(), name, time.GetUtcNow()) { MembersSeeEachOthersRequests = membersSeeEachOthersRequests };
        db.Organizations.Add(organization);
        await db.SaveChangesAsync();
        return organization;
    }

    public static async Task AddMemberAsync(this BrowserApp app, Organization organization, User user, bool manager = false)
    {
        using var scope = app.Services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<GuichetDbContext>();
        db.OrganizationMemberships.Add(new OrganizationMembership { OrganizationId = organization.Id, UserId = user.Id, IsManager = manager });
        await db.SaveChangesAsync();
    }

    /// <summary>A request opened as the portal would (type by its English name, first type if none).</summary>
    public static async Task<Ticket> OpenRequestAsync(this BrowserApp app, User requester, string subject, string description = "It *really* is.",
        string? type = null, TicketPriority priority = TicketPriority.Normal)
    {
        using var scope = app.Services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<GuichetDbContext>();
        var types = await db.RequestTypes.AsNoTracking().OrderBy(t => t.SortOrder).ToListAsync();
        var chosen = type is null ? types[0] : types.Single(t => t.Names.In("en") == type);
        return await scope.ServiceProvider.GetRequiredService<TicketIntake>().OpenAsync(new TicketIntake.Request(
            requester.Id, chosen.Id, subject, description, priority, null, null, [], MessageSource.Portal), CancellationToken.None);
    }
}
