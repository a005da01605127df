using System.Net;
using Guichet.IntegrationTests.Infrastructure;
using Guichet.Web.Accounts;
using Microsoft.EntityFrameworkCore;

namespace Guichet.IntegrationTests.Api;

/// <summary>GET /api/v1/agents and /api/v1/groups: whom a ticket may be given to, for the support team.</summary>
public sealed class TeamApiTests
{
    [Theory, Databases]
    public async Task The_team_lists_its_active_members_with_their_role_and_groups_and_customers_get_a_403(Db db)
    {
        await using var app = await GuichetApp.StartAsync(db);
        var world = await app.CreateWorldAsync();
        var admin = await app.CreateUserAsync("admin@support.test", Roles.Admin, "Ada", "Admin");
        var gone = await app.CreateUserAsync("gone@support.test", Roles.Agent, "Gone", "Away");
        var support = await app.SupportGroupIdAsync();
        await app.AddToGroupAsync(support, gone);
        await app.WithDbAsync(async d =>
        {
            (await d.Users.SingleAsync(u => u.Id == gone.Id)).DeactivatedAt = app.Time.GetUtcNow();
            return await d.SaveChangesAsync();
        });
        var agent = await app.ApiClientAsync("agent@support.test");
        var alice = await app.ApiClientAsync("alice@acme.test");

        var agents = (await (await agent.GetAsync("/api/v1/agents")).JsonAsync()).EnumerateArray().ToList();
        Assert.Equal(["Ada Admin", "Agathe Support"], agents.Select(a => a.GetProperty("name").GetString()));
        var agathe = agents.Single(a => a.GetProperty("id").GetGuid() == world.Agent.Id);
        Assert.Equal("agent", agathe.GetProperty("role").GetString());
        Assert.Equal("agent@support.test", agathe.GetProperty("email").GetString());
        Assert.Equal([support], agathe.GetProperty("groups").EnumerateArray().Select(g => g.GetProperty("id").GetInt32()));
        Assert.Equal("admin", agents.Single(a => a.GetProperty("id").GetGuid() == admin.Id).GetProperty("role").GetString());

        var groups = (await (await agent.GetAsync("/api/v1/groups")).JsonAsync()).EnumerateArray().ToList();
        var supportGroup = groups.Single(g => g.GetProperty("id").GetInt32() == support);
        Assert.Equal([world.Agent.Id], supportGroup.GetProperty("members").EnumerateArray().Select(m => m.GetProperty("id").GetGuid()));

        await (await alice.GetAsync("/api/v1/agents")).ProblemAsync(HttpStatusCode.Forbidden);
        await (await alice.GetAsync("/api/v1/groups")).ProblemAsync(HttpStatusCode.Forbidden);
    }
}
