using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using Guichet.IntegrationTests.Infrastructure;
using Guichet.Web.Accounts;
using Guichet.Web.Tickets;
using Microsoft.EntityFrameworkCore;

namespace Guichet.IntegrationTests.Api;

/// <summary>Intent methods for API tests: a world of customers, organizations and an agent; clients that carry a token.</summary>
public static class Api
{
    /// <summary>Two client companies, a customer in each, a manager in the first, and an agent of the Support group.</summary>
    public sealed record World(User Alice, User Manager, User Bob, User Agent);

    public static async Task<World> CreateWorldAsync(this GuichetApp app)
    {
        var alice = await app.CreateUserAsync("alice@acme.test", first: "Alice", last: "Martin");
        var manager = await app.CreateUserAsync("manager@acme.test", first: "Maud", last: "Chef");
        var bob = await app.CreateUserAsync("bob@globex.test", first: "Bob", last: "Durand");
        var agent = await app.CreateUserAsync("agent@support.test", Roles.Agent, "Agathe", "Support");
        var acme = await app.CreateOrganizationAsync("Acme", "acme.test");
        var globex = await app.CreateOrganizationAsync("Globex", "globex.test");
        await app.WithDbAsync(async db =>
        {
            db.OrganizationMemberships.AddRange(
                new OrganizationMembership { OrganizationId = acme.Id, UserId = alice.Id },
                new OrganizationMembership { OrganizationId = acme.Id, UserId = manager.Id, IsManager = true },
                new OrganizationMembership { OrganizationId = globex.Id, UserId = bob.Id });
            var support = await db.Groups.SingleAsync(g => g.Name == "Support");
            db.Set<GroupMember>().Add(new GroupMember { GroupId = support.Id, UserId = agent.Id });
            return await db.SaveChangesAsync();
        });
        return new World(alice, manager, bob, agent);
    }

    public static Task<int> FirstTypeIdAsync(this GuichetApp app) =>
        app.WithDbAsync(db => db.RequestTypes.OrderBy(t => t.SortOrder).Select(t => t.Id).FirstAsync());

    public static async Task<HttpResponseMessage> RequestTokenAsync(this GuichetApp app, string email, string password = People.Password) =>
        await app.NewClient().PostAsJsonAsync("/api/v1/auth/token", new { email, password, name = "tests" });

    /// <summary>A client whose requests carry a fresh token of this person, obtained through POST /api/v1/auth/token.</summary>
    public static async Task<HttpClient> ApiClientAsync(this GuichetApp app, string email)
    {
        var response = await app.RequestTokenAsync(email);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var token = (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("token").GetString()!;
        var client = app.NewClient();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        return client;
    }

    /// <summary>Opens a request through the API; returns its number.</summary>
    public static async Task<long> OpenTicketAsync(this HttpClient client, int typeId, string subject, string description = "It does not work.")
    {
        var response = await client.PostAsJsonAsync("/api/v1/tickets", new { typeId, subject, description });
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        return (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("number").GetInt64();
    }

    public static async Task<JsonElement> JsonAsync(this HttpResponseMessage response) => await response.Content.ReadFromJsonAsync<JsonElement>();

    public static Task<HttpResponseMessage> PatchJsonAsync(this HttpClient client, string url, object body) =>
        client.PatchAsync(url, JsonContent.Create(body));

    /// <summary>Asserts an RFC 9457 answer and returns its JSON.</summary>
    public static async Task<JsonElement> ProblemAsync(this HttpResponseMessage response, HttpStatusCode status)
    {
        Assert.Equal(status, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var problem = await response.JsonAsync();
        Assert.Equal((int)status, problem.GetProperty("status").GetInt32());
        Assert.False(string.IsNullOrWhiteSpace(problem.GetProperty("title").GetString()));
        return problem;
    }
}
