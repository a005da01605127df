using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Guichet.IntegrationTests.Infrastructure;
using Guichet.Web.Tickets;
using Microsoft.EntityFrameworkCore;

namespace Guichet.IntegrationTests.Api;

/// <summary>What an API client finds out before it sends anything: request types and their fields, statuses, products, the default type.</summary>
public sealed class CatalogTests
{
    [Theory, Databases]
    public async Task A_client_lists_the_request_types_it_may_choose_with_their_fields_in_its_language(Db db)
    {
        await using var app = await GuichetApp.StartAsync(db);
        var world = await app.CreateWorldAsync();
        await app.RestrictTypeAsync("Configuration request", "Globex");
        await app.SetRequiredAsync("Bug report", "version", required: true);
        await app.SetCultureAsync(world.Alice, "fr");
        var alice = await app.ApiClientAsync("alice@acme.test");
        var bob = await app.ApiClientAsync("bob@globex.test");
        var agent = await app.ApiClientAsync("agent@support.test");

        var types = await TypesAsync(alice);
        Assert.Equal(["Question / assistance", "Gestion des utilisateurs", "Signalement d'anomalie", "Suggestion d'amélioration"], types.Keys);
        Assert.True(types["Question / assistance"].GetProperty("isDefault").GetBoolean());
        Assert.False(types["Signalement d'anomalie"].GetProperty("isDefault").GetBoolean());
        Assert.StartsWith("Quelque chose ne fonctionne pas", types["Signalement d'anomalie"].GetProperty("description").GetString());
        Assert.Contains("Configuration request", (await TypesAsync(bob)).Keys);

        // A customer gets the fields they may see: what they must send, what they may set, never the hidden ones.
        var bug = FieldsOf(types["Signalement d'anomalie"]);
        Assert.Equal(["where_in_application", "version", "reproducible", "fixed_in_version"], bug.Keys);
        Assert.Equal(("text", true, true), Shape(bug["version"]));
        Assert.Equal(("text", false, false), Shape(bug["fixed_in_version"]));
        Assert.Equal(("dropdown", false, true), Shape(bug["reproducible"]));
        Assert.Equal(["always", "sometimes", "once"], bug["reproducible"].GetProperty("choices").EnumerateArray().Select(c => c.GetProperty("key").GetString()));
        Assert.Equal("À chaque fois", bug["reproducible"].GetProperty("choices")[0].GetProperty("label").GetString());
        Assert.Empty(bug["version"].GetProperty("choices").EnumerateArray());
        Assert.Equal("multiSelect", FieldsOf(types["Gestion des utilisateurs"])["access_rights"].GetProperty("kind").GetString());

        // Staff see and set every field.
        var agentBug = FieldsOf((await TypesAsync(agent))["Bug report"]);
        Assert.Equal(["where_in_application", "version", "reproducible", "fixed_in_version", "development_ticket"], agentBug.Keys);
        Assert.All(agentBug.Values, f => Assert.True(f.GetProperty("editable").GetBoolean()));
        Assert.Equal("Version", agentBug["version"].GetProperty("label").GetString());

        // What the list said is what the API takes.
        var created = await alice.PostAsJsonAsync("/api/v1/tickets", new
        {
            typeId = types["Signalement d'anomalie"].GetProperty("id").GetInt32(), subject = "Export fails", description = "Since this morning.",
            fields = new { version = "4.2", reproducible = "always" },
        });
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
    }

    [Theory, Databases]
    public async Task Statuses_and_products_are_listed_with_what_sets_them(Db db)
    {
        await using var app = await GuichetApp.StartAsync(db);
        var world = await app.CreateWorldAsync();
        await app.WithDbAsync(d =>
        {
            d.Products.AddRange(new Product { Name = "ERP", SortOrder = 2 }, new Product { Name = "CRM", SortOrder = 1 }, new Product { Name = "Old", IsActive = false });
            return d.SaveChangesAsync();
        });
        await app.SetCultureAsync(world.Alice, "fr");
        var alice = await app.ApiClientAsync("alice@acme.test");
        var agent = await app.ApiClientAsync("agent@support.test");

        var statuses = (await (await alice.GetAsync("/api/v1/statuses")).JsonAsync()).EnumerateArray().ToList();
        Assert.Equal(["Nouvelle", "En cours", "En attente du client", "Résolue", "Fermée", "Annulée"], statuses.Select(s => s.GetProperty("name").GetString()));
        Assert.Equal(["new", "open", "pending", "solved", "closed", "cancelled"], statuses.Select(s => s.GetProperty("category").GetString()));
        Assert.All(statuses, s => Assert.True(s.GetProperty("isActive").GetBoolean() && s.GetProperty("isDefaultForCategory").GetBoolean()));
        // A customer's words are those of what the portal lets them do.
        Assert.Equal(["solved", "resolved"], Words(statuses[3]));
        Assert.Equal(["cancelled", "canceled"], Words(statuses[5]));
        Assert.Empty(Words(statuses[2]));
        var agentStatuses = (await (await agent.GetAsync("/api/v1/statuses")).JsonAsync()).EnumerateArray().ToList();
        Assert.Equal(["pending", "waiting", "on hold"], Words(agentStatuses[2]));
        Assert.Equal("Waiting for customer", agentStatuses[2].GetProperty("name").GetString());

        var products = (await (await alice.GetAsync("/api/v1/products")).JsonAsync()).EnumerateArray().Select(p => p.GetProperty("name").GetString());
        Assert.Equal(["CRM", "ERP"], products);
    }

    [Theory, Databases]
    public async Task A_request_that_does_not_say_its_type_gets_the_default_type(Db db)
    {
        await using var app = await GuichetApp.StartAsync(db);
        await app.CreateWorldAsync();
        var alice = await app.ApiClientAsync("alice@acme.test");

        Assert.Equal("Question / assistance", await TypeOfNewTicketAsync(alice));

        await app.MakeDefaultAsync("Bug report");
        Assert.Equal("Bug report", await TypeOfNewTicketAsync(alice));
        Assert.Equal(["Bug report"], await app.WithDbAsync(async d => (await d.RequestTypes.Where(t => t.IsDefault).ToListAsync()).Select(t => t.Names.In("en")).ToList()));

        // A default type restricted to other organizations is not Alice's to use: she must say which.
        await app.RestrictTypeAsync("Bug report", "Globex");
        var refused = await (await alice.PostAsJsonAsync("/api/v1/tickets", new { subject = "Which type?", description = "None said." }))
            .ProblemAsync(HttpStatusCode.BadRequest);
        Assert.Equal("Choose a request type: there is no default type.", refused.GetProperty("errors").GetProperty("typeId")[0].GetString());
        // A type she names still works.
        Assert.Equal(HttpStatusCode.Created, (await alice.PostAsJsonAsync("/api/v1/tickets",
            new { typeId = await app.TypeIdAsync("Improvement suggestion"), subject = "Dark mode", description = "Please." })).StatusCode);
    }

    [Theory, Databases]
    public async Task Statuses_are_set_with_the_words_people_use(Db db)
    {
        await using var app = await GuichetApp.StartAsync(db);
        await app.CreateWorldAsync();
        var alice = await app.ApiClientAsync("alice@acme.test");
        var agent = await app.ApiClientAsync("agent@support.test");
        var url = $"/api/v1/tickets/{await alice.OpenTicketAsync(await app.FirstTypeIdAsync(), "Printer offline")}";

        Assert.Equal("solved", await CategoryAfterAsync(alice, url, "resolved"));
        Assert.Equal("open", await CategoryAfterAsync(alice, url, "Reopened"));
        Assert.Equal("cancelled", await CategoryAfterAsync(alice, url, "canceled"));

        var other = $"/api/v1/tickets/{await alice.OpenTicketAsync(await app.FirstTypeIdAsync(), "Scanner offline")}";
        var refused = await (await alice.PatchJsonAsync(other, new { status = "waiting" })).ProblemAsync(HttpStatusCode.BadRequest);
        Assert.Equal("Choose one of: open, reopened, in progress, solved, resolved, cancelled, canceled.",
            refused.GetProperty("errors").GetProperty("status")[0].GetString());
        Assert.Equal("pending", await CategoryAfterAsync(agent, other, "on hold"));
        Assert.Equal("closed", await CategoryAfterAsync(agent, other, "closed"));
    }

    private static async Task<Dictionary<string, JsonElement>> TypesAsync(HttpClient client)
    {
        var response = await client.GetAsync("/api/v1/request-types");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return (await response.JsonAsync()).EnumerateArray().ToDictionary(t => t.GetProperty("name").GetString()!);
    }

    private static Dictionary<string, JsonElement> FieldsOf(JsonElement type) =>
        type.GetProperty("fields").EnumerateArray().ToDictionary(f => f.GetProperty("key").GetString()!);

    private static (string?, bool, bool) Shape(JsonElement field) =>
        (field.GetProperty("kind").GetString(), field.GetProperty("required").GetBoolean(), field.GetProperty("editable").GetBoolean());

    private static IEnumerable<string?> Words(JsonElement status) => status.GetProperty("words").EnumerateArray().Select(w => w.GetString());

    private static async Task<string?> TypeOfNewTicketAsync(HttpClient client)
    {
        var response = await client.PostAsJsonAsync("/api/v1/tickets", new { subject = "No type said", description = "Which type is this?" });
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        return (await response.JsonAsync()).GetProperty("type").GetProperty("name").GetString();
    }

    private static async Task<string?> CategoryAfterAsync(HttpClient client, string url, string word)
    {
        var response = await client.PatchJsonAsync(url, new { status = word });
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return (await response.JsonAsync()).GetProperty("status").GetProperty("category").GetString();
    }
}
