using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Guichet.IntegrationTests.Infrastructure;
using Guichet.Web.Tickets;
using Microsoft.EntityFrameworkCore;

namespace Guichet.IntegrationTests.Api;

public sealed class FieldTests
{
    [Theory, Databases]
    public async Task Custom_fields_are_set_on_create_read_back_typed_and_patched_within_each_callers_rights(Db db)
    {
        await using var app = await GuichetApp.StartAsync(db);
        await app.CreateWorldAsync();
        var alice = await app.ApiClientAsync("alice@acme.test");
        var agent = await app.ApiClientAsync("agent@support.test");
        var users = await app.TypeIdAsync("User management");
        var idea = await app.TypeIdAsync("Improvement suggestion");
        var bug = await app.TypeIdAsync("Bug report");

        // Good values, each in its JSON type, read back typed and displayed in the caller's language.
        var created = await alice.PostAsJsonAsync("/api/v1/tickets", new
        {
            typeId = users, subject = "Account for Noé", description = "He starts on Monday.",
            fields = new Dictionary<string, object> { ["user_email"] = "noe@acme.test", ["user_action"] = "create", ["access_rights"] = new[] { "write", "read" }, ["manager_approved"] = true },
        });
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var number = (await created.JsonAsync()).GetProperty("number").GetInt64();
        var fields = Fields(await (await alice.GetAsync($"/api/v1/tickets/{number}")).JsonAsync());
        Assert.Equal("noe@acme.test", fields["user_email"].GetProperty("value").GetString());
        Assert.Equal(("create", "Create the account", "dropdown"),
            (fields["user_action"].GetProperty("value").GetString(), fields["user_action"].GetProperty("display").GetString(), fields["user_action"].GetProperty("kind").GetString()));
        Assert.Equal(["read", "write"], fields["access_rights"].GetProperty("value").EnumerateArray().Select(v => v.GetString()));
        Assert.Equal("Read, Write", fields["access_rights"].GetProperty("display").GetString());
        Assert.True(fields["manager_approved"].GetProperty("value").GetBoolean());
        Assert.All(fields.Values, f => Assert.True(f.GetProperty("editable").GetBoolean()));

        var numbered = await alice.PostAsJsonAsync("/api/v1/tickets", new
        {
            typeId = idea, subject = "Bulk edit", description = "Edit many rows at once.", fields = new { people_concerned = 1234.5, business_impact = "high" },
        });
        Assert.Equal(HttpStatusCode.Created, numbered.StatusCode);
        var ideaTicket = await numbered.JsonAsync();
        var ideaNumber = ideaTicket.GetProperty("number").GetInt64();
        fields = Fields(ideaTicket);
        Assert.Equal((1234.5, "1,234.5"), (fields["people_concerned"].GetProperty("value").GetDouble(), fields["people_concerned"].GetProperty("display").GetString()));

        // Bad values: each named; a field the type does not have, or that customers do not see, does not exist for them.
        var bad = await (await alice.PostAsJsonAsync("/api/v1/tickets", new
        {
            typeId = idea, subject = "Bad", description = "Bad values.",
            fields = new Dictionary<string, object> { ["people_concerned"] = "many", ["business_impact"] = "urgent", ["colour"] = "red", ["version"] = "4.2" },
        })).ProblemAsync(HttpStatusCode.BadRequest);
        var errors = bad.GetProperty("errors");
        Assert.Equal("Enter a number.", errors.GetProperty("fields.people_concerned")[0].GetString());
        Assert.Equal("Choose a value from the list.", errors.GetProperty("fields.business_impact")[0].GetString());
        Assert.Equal("This field does not exist.", errors.GetProperty("fields.colour")[0].GetString());
        Assert.Equal("This field does not exist.", errors.GetProperty("fields.version")[0].GetString());
        var hidden = await (await alice.PostAsJsonAsync("/api/v1/tickets", new
        {
            typeId = bug, subject = "Bad", description = "Not hers.", fields = new { development_ticket = "DEV-1", fixed_in_version = "4.3", version = new { major = 4 } },
        })).ProblemAsync(HttpStatusCode.BadRequest);
        Assert.Equal("This field does not exist.", hidden.GetProperty("errors").GetProperty("fields.development_ticket")[0].GetString());
        Assert.Equal("You may not set this field.", hidden.GetProperty("errors").GetProperty("fields.fixed_in_version")[0].GetString());
        Assert.True(hidden.GetProperty("errors").TryGetProperty("fields.version", out _));

        // A required field must be sent on create.
        await app.SetRequiredAsync("Improvement suggestion", "business_impact", true);
        var missing = await (await alice.PostAsJsonAsync("/api/v1/tickets", new { typeId = idea, subject = "Dark mode", description = "Please." }))
            .ProblemAsync(HttpStatusCode.BadRequest);
        Assert.Equal("Choose a value.", missing.GetProperty("errors").GetProperty("fields.business_impact")[0].GetString());
        Assert.Equal(2, await app.WithDbAsync(d => d.Tickets.CountAsync()));

        // PATCH: only the fields sent change; a required one cannot be emptied; agents change fields with the rest.
        var url = $"/api/v1/tickets/{ideaNumber}";
        var emptied = await (await alice.PatchJsonAsync(url, new { fields = new Dictionary<string, object?> { ["people_concerned"] = 9, ["business_impact"] = null } }))
            .ProblemAsync(HttpStatusCode.BadRequest);
        Assert.True(emptied.GetProperty("errors").TryGetProperty("fields.business_impact", out _));
        var patched = await alice.PatchJsonAsync(url, new { fields = new { people_concerned = "9" } });
        Assert.Equal(HttpStatusCode.OK, patched.StatusCode);
        fields = Fields(await patched.JsonAsync());
        Assert.Equal((9, "high"), (fields["people_concerned"].GetProperty("value").GetDouble(), fields["business_impact"].GetProperty("value").GetString()));
        await (await alice.PatchJsonAsync(url, new { fields = "people_concerned=10" })).ProblemAsync(HttpStatusCode.BadRequest);
        await (await alice.PatchJsonAsync(url, new { priority = "high", fields = new { people_concerned = 10 } })).ProblemAsync(HttpStatusCode.UnprocessableEntity);
        Assert.Equal(9, Fields(await (await alice.GetAsync(url)).JsonAsync())["people_concerned"].GetProperty("value").GetDouble());

        var byAgent = await agent.PatchJsonAsync(url, new { priority = "high", fields = new { business_impact = "low" } });
        Assert.Equal(HttpStatusCode.OK, byAgent.StatusCode);
        var seen = await byAgent.JsonAsync();
        Assert.Equal(("high", "Nice to have"), (seen.GetProperty("priority").GetString(), Fields(seen)["business_impact"].GetProperty("display").GetString()));

        // Once the request is closed, customers may not change its fields any more; agents still may.
        var closed = await app.WithDbAsync(d => d.Statuses.Where(s => s.Category == StatusCategory.Closed).Select(s => s.Id).FirstAsync());
        Assert.Equal(HttpStatusCode.OK, (await agent.PatchJsonAsync(url, new { status = closed })).StatusCode);
        Assert.False(Fields(await (await alice.GetAsync(url)).JsonAsync())["people_concerned"].GetProperty("editable").GetBoolean());
        var late = await (await alice.PatchJsonAsync(url, new { fields = new { people_concerned = 12 } })).ProblemAsync(HttpStatusCode.UnprocessableEntity);
        Assert.True(late.GetProperty("errors").TryGetProperty("fields", out _));
        Assert.Equal(HttpStatusCode.OK, (await agent.PatchJsonAsync(url, new { fields = new { people_concerned = 12 } })).StatusCode);
    }

    private static Dictionary<string, JsonElement> Fields(JsonElement ticket) =>
        ticket.GetProperty("fields").EnumerateArray().ToDictionary(f => f.GetProperty("key").GetString()!);
}
