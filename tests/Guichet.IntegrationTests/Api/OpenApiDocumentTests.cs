using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Guichet.IntegrationTests.Infrastructure;
using Guichet.IntegrationTests.KnowledgeBase;
using Guichet.Web.Accounts;
using Guichet.Web.Api;
using Guichet.Web.KnowledgeBase;
using Guichet.Web.Tickets;
using Microsoft.EntityFrameworkCore;

namespace Guichet.IntegrationTests.Api;

/// <summary>
/// /openapi/v1.json held to what the API does, over every operation it lists: what it says is
/// required and nullable is what the API asks and accepts, each answer it lists is one the API gives
/// (with that content type and body shape), and a client generated from it works.
/// </summary>
public sealed class OpenApiDocumentTests
{
    /// <summary>What the scenarios need: people with tokens, a product, a ticket with a file, a closed ticket.</summary>
    private sealed record Scene(
        GuichetApp App, Api.World World, HttpClient Alice, HttpClient Agent, HttpClient Anonymous,
        int TypeId, int ProductId, Guid AcmeId, long Ticket, string AttachmentUrl, long ClosedTicket,
        HttpClient Admin, int MacroId, int SupportGroupId, int SolvedStatusId, Guid AdminId, int BillingGroupId, Guid BenId, Guid LeaverId, int ViewId,
        int KbSectionId, int KbArticleId, int KbInternalId, Guid KbFileId)
    {
        public string TicketUrl => $"/api/v1/tickets/{Ticket}";
    }

    private static async Task<(Scene Scene, OpenApi Document)> StartAsync(Db db)
    {
        // Requests for tokens are rate limited per address: low enough here for the 429 to be reached.
        var app = await GuichetApp.StartAsync(db, new Dictionary<string, string?>
        {
            ["Guichet:Accounts:AccountPermitsPerMinute"] = "40",
            ["Guichet:Attachments:MaxFileBytes"] = "65536",
            ["Guichet:Attachments:MaxTotalBytesPerMessage"] = "65536",
        });
        var world = await app.CreateWorldAsync();
        var productId = await app.WithDbAsync(async d =>
        {
            var product = new Product { Name = "ERP", SortOrder = 1 };
            d.Products.Add(product);
            await d.SaveChangesAsync();
            return product.Id;
        });
        var acmeId = await app.WithDbAsync(d => d.Organizations.Where(o => o.Name == "Acme").Select(o => o.Id).SingleAsync());
        var alice = await app.ApiClientAsync("alice@acme.test");
        var agent = await app.ApiClientAsync("agent@support.test");
        var typeId = await app.FirstTypeIdAsync();

        using var form = Multipart("ticket", new { typeId, subject = "Report attached", description = "See the file." }, ("report.txt", "All is well."u8.ToArray()));
        var created = await (await alice.PostAsync("/api/v1/tickets", form)).JsonAsync();
        var closed = await alice.OpenTicketAsync(typeId, "Done with");
        await app.SetStatusAsync(closed, StatusCategory.Closed, world.Agent.Id);

        var adminUser = await app.CreateUserAsync("admin@support.test", Roles.Admin, "Ada", "Admin");
        var admin = await app.ApiClientAsync("admin@support.test");
        var ben = await app.CreateUserAsync("ben@support.test", Roles.Agent, "Ben", "Bauer");
        var leaver = await app.CreateUserAsync("leaver@support.test", Roles.Agent, "Lea", "Ver");
        var billing = await app.WithDbAsync(async d =>
        {
            var group = new Group { Name = "Billing" };
            d.Groups.Add(group);
            await d.SaveChangesAsync();
            return group.Id;
        });
        var macro = await (await agent.PostAsJsonAsync("/api/v1/macros", new { name = "Thanks", bodies = new { en = "Hello {{ requester.first_name }}" } })).JsonAsync();
        var view = await (await agent.PostAsJsonAsync("/api/v1/views", new { name = "Everything", address = "/agent?queue=all" })).JsonAsync();
        var editor = await app.EditorAsync();
        var kbSection = await app.SectionAsync();
        var kbArticle = await app.ArticleAsync(editor, kbSection, "Download an invoice", "From the billing page.");
        var kbInternal = await app.ArticleAsync(editor, kbSection, "Invoice corrections", "Only the team.", visibility: KbVisibility.Internal);
        var kbFile = await app.FileAsync(kbArticle, editor, "invoice.pdf", "application/pdf", Attachments.Files.Pdf);

        var scene = new Scene(app, world, alice, agent, app.NewClient(), typeId, productId, acmeId, created.GetProperty("number").GetInt64(),
            created.GetProperty("messages")[0].GetProperty("attachments")[0].GetProperty("url").GetString()!, closed,
            admin, macro.GetProperty("id").GetInt32(), await app.SupportGroupIdAsync(), await app.StatusIdAsync(StatusCategory.Solved),
            adminUser.Id, billing, ben.Id, leaver.Id, view.GetProperty("id").GetInt32(), kbSection, kbArticle, kbInternal, kbFile.Id);
        var response = await app.NewClient().GetAsync("/openapi/v1.json");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return (scene, new OpenApi(await response.JsonAsync()));
    }

    private static MultipartFormDataContent Multipart(string part, object json, params (string Name, byte[] Content)[] files)
    {
        var content = new MultipartFormDataContent { { JsonContent.Create(json), part } };
        foreach (var (name, bytes) in files) content.Add(new ByteArrayContent(bytes), "files", name);
        return content;
    }

    private static StringContent Json(JsonNode body) => new(body.ToJsonString(), Encoding.UTF8, "application/json");

    /// <summary>A valid body with every property the document lists for the operation's JSON body, and how to send one.</summary>
    private sealed record BodySample(Func<Scene, JsonObject> Full, Func<Scene, HttpContent, Task<HttpResponseMessage>> Send);

    /// <summary>One sample per operation that takes a JSON body; the test fails when the document has one more.</summary>
    private static readonly Dictionary<string, BodySample> Bodies = new()
    {
        ["POST /api/v1/auth/token"] = new(
            _ => new JsonObject { ["email"] = "alice@acme.test", ["password"] = People.Password, ["name"] = "script" },
            (s, body) => s.Anonymous.PostAsync("/api/v1/auth/token", body)),
        ["POST /api/v1/tickets"] = new(
            s => new JsonObject
            {
                ["subject"] = "Badge reader", ["description"] = "It blinks red.", ["typeId"] = s.TypeId, ["priority"] = "high",
                ["productId"] = s.ProductId, ["environment"] = "production", ["cc"] = new JsonArray("colleague@acme.test"),
                ["organizationId"] = s.AcmeId, ["followUpOf"] = s.ClosedTicket, ["fields"] = new JsonObject(),
            },
            (s, body) => s.Alice.PostAsync("/api/v1/tickets", body)),
        ["PATCH /api/v1/tickets/{number}"] = new(
            s => new JsonObject
            {
                ["status"] = "open", ["priority"] = "high", ["productId"] = s.ProductId, ["environment"] = "staging",
                ["assigneeId"] = s.World.Agent.Id, ["fields"] = new JsonObject(), ["tags"] = new JsonArray("vip"), ["typeId"] = s.TypeId,
                ["groupId"] = s.SupportGroupId,
            },
            (s, body) => s.Agent.PatchAsync(s.TicketUrl, body)),
        ["POST /api/v1/tickets/{number}/messages"] = new(
            _ => new JsonObject { ["body"] = "Still happening.", ["internal"] = false },
            (s, body) => s.Alice.PostAsync($"{s.TicketUrl}/messages", body)),
        ["POST /api/v1/macros"] = new(
            Macro,
            (s, body) => s.Agent.PostAsync("/api/v1/macros", body)),
        ["PUT /api/v1/macros/{id}"] = new(
            Macro,
            (s, body) => s.Agent.PutAsync($"/api/v1/macros/{s.MacroId}", body)),
        ["POST /api/v1/views"] = new(
            s => new JsonObject { ["name"] = "Urgent", ["address"] = "/agent?queue=all&priority=Urgent", ["groupId"] = s.SupportGroupId },
            (s, body) => s.Agent.PostAsync("/api/v1/views", body)),
        ["PUT /api/v1/views/{id}"] = new(
            s => new JsonObject { ["name"] = "Everything", ["address"] = "/agent?queue=all&columns=subject,tags", ["groupId"] = s.SupportGroupId },
            (s, body) => s.Agent.PutAsync($"/api/v1/views/{s.ViewId}", body)),
        ["POST /api/v1/tickets/bulk"] = new(
            s => new JsonObject
            {
                ["numbers"] = new JsonArray(s.Ticket), ["change"] = new JsonObject { ["priority"] = "high" },
                ["matching"] = new JsonObject { ["queue"] = "all" }, ["upTo"] = 1_000_000,
            },
            (s, body) => s.Agent.PostAsync("/api/v1/tickets/bulk", body)),
        ["POST /api/v1/groups"] = new(
            _ => new JsonObject { ["name"] = $"Team {Guid.NewGuid():N}" },
            (s, body) => s.Admin.PostAsync("/api/v1/groups", body)),
        ["PUT /api/v1/groups/{id}"] = new(
            s => new JsonObject { ["name"] = "Billing", ["memberIds"] = new JsonArray(s.BenId) },
            (s, body) => s.Admin.PutAsync($"/api/v1/groups/{s.BillingGroupId}", body)),
        ["PUT /api/v1/agents/{id}"] = new(
            s => new JsonObject { ["role"] = "agent", ["groupIds"] = new JsonArray(s.BillingGroupId) },
            (s, body) => s.Admin.PutAsync($"/api/v1/agents/{s.BenId}", body)),
        ["POST /api/v1/agents/{id}/deactivate"] = new(
            s => new JsonObject { ["handOverTo"] = s.BenId },
            (s, body) => s.Admin.PostAsync($"/api/v1/agents/{s.LeaverId}/deactivate", body)),
        ["POST /api/v1/tickets/{number}/merge"] = new(
            s => new JsonObject { ["into"] = s.Ticket },
            async (s, body) => await s.Agent.PostAsync($"/api/v1/tickets/{await s.Alice.OpenTicketAsync(s.TypeId, "Duplicate")}/merge", body)),
        ["POST /api/v1/tickets/{number}/messages/{messageId}/split"] = new(
            _ => new JsonObject { ["subject"] = "A question of its own" },
            async (s, body) => await s.Agent.PostAsync(await SplittableAsync(s), body)),
        ["PUT /api/v1/organizations/{id}/notes"] = new(
            _ => new JsonObject { ["notes"] = "Pays late." },
            (s, body) => s.Agent.PutAsync($"/api/v1/organizations/{s.AcmeId}/notes", body)),
        ["POST /api/v1/me/notifications/read"] = new(
            s => new JsonObject { ["ticket"] = s.Ticket },
            (s, body) => s.Agent.PostAsync("/api/v1/me/notifications/read", body)),
        ["PUT /api/v1/me/agent-settings"] = new(
            s => new JsonObject
            {
                ["signature"] = new JsonObject { ["en"] = "Agathe" }, ["byMail"] = new JsonArray("mentioned"), ["inApp"] = new JsonArray("assignedToMe", "mentioned"),
                ["away"] = true, ["backOn"] = DateOnly.FromDateTime(s.App.Time.GetUtcNow().UtcDateTime).AddDays(7).ToString("yyyy-MM-dd"),
            },
            (s, body) => s.Agent.PutAsync("/api/v1/me/agent-settings", body)),
        ["POST /api/v1/tickets/{number}/time"] = new(
            _ => new JsonObject { ["minutes"] = 45, ["workedOn"] = "2026-11-01", ["note"] = "Diagnosis", ["billable"] = false },
            (s, body) => s.Agent.PostAsync($"{s.TicketUrl}/time", body)),
        ["PATCH /api/v1/tickets/{number}/time/{id}"] = new(
            _ => new JsonObject { ["minutes"] = 50, ["workedOn"] = "2026-11-02", ["note"] = "Diagnosis, then a call", ["billable"] = true },
            async (s, body) => await s.Agent.PatchAsync(await TimeEntryUrlAsync(s), body)),
        ["POST /api/v1/tickets/{number}/participants"] = new(
            _ => new JsonObject { ["emails"] = new JsonArray("colleague@acme.test") },
            (s, body) => s.Agent.PostAsync($"{s.TicketUrl}/participants", body)),
        ["PUT /api/v1/kb/articles/{id}/vote"] = new(
            _ => new JsonObject { ["helpful"] = false, ["comment"] = "Which page?" },
            (s, body) => s.Alice.PutAsync($"/api/v1/kb/articles/{s.KbArticleId}/vote", body)),
        ["POST /api/v1/agents"] = new(
            s => new JsonObject
            {
                ["email"] = "newcomer@support.test", ["firstName"] = "Nina", ["lastName"] = "Neu", ["role"] = "agent",
                ["groupIds"] = new JsonArray(s.BillingGroupId), ["language"] = "de",
            },
            async (s, body) => await s.Admin.PostAsync("/api/v1/agents", await WithNewEmailAsync(body))),
    };

    /// <summary>The address of a new time entry of the agent's on the scene's ticket.</summary>
    private static async Task<string> TimeEntryUrlAsync(Scene s)
    {
        var logged = await (await s.Agent.PostAsJsonAsync($"{s.TicketUrl}/time", new { minutes = 15 })).JsonAsync();
        return $"{s.TicketUrl}/time/{logged.GetProperty("id").GetString()}";
    }

    /// <summary>The same invitation for someone new each time (the same address twice is refused: already in the team).</summary>
    private static async Task<HttpContent> WithNewEmailAsync(HttpContent body)
    {
        var json = JsonNode.Parse(await body.ReadAsStringAsync())!.AsObject();
        if (json["email"] is not null) json["email"] = $"new-{Guid.NewGuid():N}@support.test";
        return Json(json);
    }

    /// <summary>A macro with everything a macro may have; "groupId" counts only for a group's macro, so null is as good.</summary>
    private static JsonObject Macro(Scene s) => new()
    {
        ["name"] = "Fixed", ["bodies"] = new JsonObject { ["en"] = "Hello {{ requester.first_name }}", ["fr"] = "Bonjour {{ requester.first_name }}" },
        ["scope"] = "personal", ["groupId"] = s.SupportGroupId, ["setStatusId"] = s.SolvedStatusId, ["setPriority"] = "low", ["asInternalNote"] = false,
    };

    [Theory, Databases]
    public async Task The_document_requires_what_the_API_requires_and_allows_null_where_the_API_does(Db db)
    {
        var (scene, document) = await StartAsync(db);
        await using var app = scene.App;
        var failures = new List<string>();

        foreach (var operation in document.Operations)
        {
            foreach (var (status, response) in operation.Responses.Where(r => r.Status >= 400))
            {
                var content = response.GetProperty("content").EnumerateObject().ToList();
                if (content.Select(c => c.Name).SingleOrDefault() != OpenApi.ProblemJson)
                    failures.Add($"{operation.Key} {status}: not documented as {OpenApi.ProblemJson} alone");
                else if (content[0].Value.GetProperty("schema").GetProperty("$ref").GetString()!.Split('/')[^1]
                         != (status == 400 ? "HttpValidationProblemDetails" : "ProblemDetails"))
                    failures.Add($"{operation.Key} {status}: not the ProblemDetails shape (HttpValidationProblemDetails for a 400)");
            }

            if (operation.JsonBody(document) is not { } bodySchema) continue;
            if (!Bodies.TryGetValue(operation.Key, out var sample))
            {
                failures.Add($"{operation.Key}: takes a JSON body but has no sample in {nameof(Bodies)}");
                continue;
            }
            var schema = document.Resolve(bodySchema);
            var required = OpenApi.Required(schema);
            var properties = OpenApi.Properties(schema).ToDictionary(p => p.Name, p => p.Value);
            // The first success is the usual one (a PATCH that takes a ticket out of the caller's sight answers 204 instead of 200).
            var success = operation.Responses.Where(r => r.Status is >= 200 and < 300).Min(r => r.Status);
            var full = sample.Full(scene);
            Assert.Equal(properties.Keys.Order(), full.Select(p => p.Key).Order());

            // Only what the document requires: the API must take it.
            var minimal = new JsonObject(full.Where(p => required.Contains(p.Key)).Select(p => KeyValuePair.Create(p.Key, p.Value?.DeepClone())));
            var answer = await sample.Send(scene, Json(minimal));
            if ((int)answer.StatusCode != success)
                failures.Add($"{operation.Key} with only its required properties {minimal.ToJsonString()}: {(int)answer.StatusCode} {await answer.Content.ReadAsStringAsync()}");

            // Each required property left out: a 400 that names it.
            foreach (var name in required)
            {
                var without = (JsonObject)minimal.DeepClone();
                without.Remove(name);
                var refused = await sample.Send(scene, Json(without));
                var errors = refused.StatusCode == HttpStatusCode.BadRequest ? (await refused.JsonAsync()).GetProperty("errors") : default;
                if (errors.ValueKind != JsonValueKind.Object || !errors.TryGetProperty(name, out _))
                    failures.Add($"{operation.Key} without required '{name}': {(int)refused.StatusCode}, not a 400 naming it");
            }

            // Each property sent as null: taken where the document says nullable, refused where it does not.
            foreach (var (name, property) in properties)
            {
                var withNull = (JsonObject)full.DeepClone();
                withNull[name] = null;
                var result = await sample.Send(scene, Json(withNull));
                var nullable = document.IsNullable(property);
                if (nullable && (int)result.StatusCode != success)
                    failures.Add($"{operation.Key} with '{name}': null: documented nullable, answered {(int)result.StatusCode} {await result.Content.ReadAsStringAsync()}");
                if (!nullable && result.IsSuccessStatusCode)
                    failures.Add($"{operation.Key} with '{name}': null: documented never null, yet taken");
            }
        }

        // What the issue was about: a new request with only what the document requires.
        var create = document.Resolve(document.Operations.Single(o => o.Key == "POST /api/v1/tickets").JsonBody(document)!.Value);
        Assert.Equal(new[] { "description", "subject" }, OpenApi.Required(create).Order());
        Assert.Empty(failures);
    }

    /// <summary>
    /// One scenario per answer the document lists, keyed "METHOD path status". A new endpoint or a new
    /// documented status comes with its scenario, or the test fails; so does a scenario the document
    /// no longer lists.
    /// </summary>
    private static readonly Dictionary<string, Func<Scene, Task<HttpResponseMessage>>> Scenarios = new()
    {
        ["POST /api/v1/auth/token 200"] = s => s.Anonymous.PostAsJsonAsync("/api/v1/auth/token", new { email = "bob@globex.test", password = People.Password }),
        ["POST /api/v1/auth/token 400"] = s => s.Anonymous.PostAsJsonAsync("/api/v1/auth/token", new { password = People.Password }),
        ["POST /api/v1/auth/token 401"] = s => s.Anonymous.PostAsJsonAsync("/api/v1/auth/token", new { email = "bob@globex.test", password = "wrong" }),
        ["POST /api/v1/auth/token 415"] = s => s.Anonymous.PostAsync("/api/v1/auth/token", new StringContent("email=bob@globex.test", Encoding.UTF8, "text/plain")),
        ["POST /api/v1/auth/token 429"] = async s =>
        {
            for (var i = 0; ; i++)
            {
                var response = await s.Anonymous.PostAsJsonAsync("/api/v1/auth/token", new { email = "nobody@example.org", password = "x" });
                if (response.StatusCode != HttpStatusCode.Unauthorized || i == 50) return response;
            }
        },
        ["DELETE /api/v1/auth/token 204"] = async s => await (await s.App.ApiClientAsync("bob@globex.test")).DeleteAsync("/api/v1/auth/token"),
        ["DELETE /api/v1/auth/token 401"] = s => s.Anonymous.DeleteAsync("/api/v1/auth/token"),
        ["GET /api/v1/me 200"] = s => s.Alice.GetAsync("/api/v1/me"),
        ["GET /api/v1/me 401"] = s => s.Anonymous.GetAsync("/api/v1/me"),
        ["GET /api/v1/request-types 200"] = s => s.Alice.GetAsync("/api/v1/request-types"),
        ["GET /api/v1/request-types 401"] = s => s.Anonymous.GetAsync("/api/v1/request-types"),
        ["GET /api/v1/views 200"] = s => s.Agent.GetAsync("/api/v1/views"),
        ["GET /api/v1/views 401"] = s => s.Anonymous.GetAsync("/api/v1/views"),
        ["GET /api/v1/views 403"] = s => s.Alice.GetAsync("/api/v1/views"),
        ["GET /api/v1/views/{id} 200"] = s => s.Agent.GetAsync($"/api/v1/views/{s.ViewId}"),
        ["GET /api/v1/views/{id} 401"] = s => s.Anonymous.GetAsync($"/api/v1/views/{s.ViewId}"),
        ["GET /api/v1/views/{id} 403"] = s => s.Alice.GetAsync($"/api/v1/views/{s.ViewId}"),
        ["GET /api/v1/views/{id} 404"] = s => s.Admin.GetAsync($"/api/v1/views/{s.ViewId}"),
        ["POST /api/v1/views 201"] = s => s.Agent.PostAsJsonAsync("/api/v1/views", new { name = "Mine", address = "/agent?queue=mine" }),
        ["POST /api/v1/views 400"] = s => s.Agent.PostAsJsonAsync("/api/v1/views", new { name = "Elsewhere", address = "https://example.test/" }),
        ["POST /api/v1/views 401"] = s => s.Anonymous.PostAsJsonAsync("/api/v1/views", new { name = "Mine", address = "/agent" }),
        ["POST /api/v1/views 403"] = s => s.Alice.PostAsJsonAsync("/api/v1/views", new { name = "Mine", address = "/agent" }),
        ["POST /api/v1/views 415"] = s => s.Agent.PostAsync("/api/v1/views", new StringContent("name=Mine", Encoding.UTF8, "text/plain")),
        ["PUT /api/v1/views/{id} 200"] = s => s.Agent.PutAsJsonAsync($"/api/v1/views/{s.ViewId}", new { name = "Everything", address = "/agent?queue=all" }),
        ["PUT /api/v1/views/{id} 400"] = s => s.Agent.PutAsJsonAsync($"/api/v1/views/{s.ViewId}", new { name = " ", address = "/agent?queue=all" }),
        ["PUT /api/v1/views/{id} 401"] = s => s.Anonymous.PutAsJsonAsync($"/api/v1/views/{s.ViewId}", new { name = "Everything", address = "/agent" }),
        ["PUT /api/v1/views/{id} 403"] = s => s.Alice.PutAsJsonAsync($"/api/v1/views/{s.ViewId}", new { name = "Everything", address = "/agent" }),
        ["PUT /api/v1/views/{id} 404"] = s => s.Agent.PutAsJsonAsync("/api/v1/views/424242", new { name = "Everything", address = "/agent" }),
        ["PUT /api/v1/views/{id} 415"] = s => s.Agent.PutAsync($"/api/v1/views/{s.ViewId}", new StringContent("name=Everything", Encoding.UTF8, "text/plain")),
        ["DELETE /api/v1/views/{id} 204"] = async s =>
        {
            var made = await (await s.Agent.PostAsJsonAsync("/api/v1/views", new { name = "Gone soon", address = "/agent" })).JsonAsync();
            return await s.Agent.DeleteAsync($"/api/v1/views/{made.GetProperty("id").GetInt32()}");
        },
        ["DELETE /api/v1/views/{id} 401"] = s => s.Anonymous.DeleteAsync($"/api/v1/views/{s.ViewId}"),
        ["DELETE /api/v1/views/{id} 403"] = s => s.Alice.DeleteAsync($"/api/v1/views/{s.ViewId}"),
        ["DELETE /api/v1/views/{id} 404"] = s => s.Agent.DeleteAsync("/api/v1/views/424242"),
        ["POST /api/v1/views/{id}/move 200"] = s => s.Agent.PostAsync($"/api/v1/views/{s.ViewId}/move?direction=down", null),
        ["POST /api/v1/views/{id}/move 400"] = s => s.Agent.PostAsync($"/api/v1/views/{s.ViewId}/move?direction=sideways", null),
        ["POST /api/v1/views/{id}/move 401"] = s => s.Anonymous.PostAsync($"/api/v1/views/{s.ViewId}/move?direction=up", null),
        ["POST /api/v1/views/{id}/move 403"] = s => s.Alice.PostAsync($"/api/v1/views/{s.ViewId}/move?direction=up", null),
        ["POST /api/v1/views/{id}/move 404"] = s => s.Agent.PostAsync("/api/v1/views/424242/move?direction=up", null),
        ["GET /api/v1/views/{id}/tickets 200"] = s => s.Agent.GetAsync($"/api/v1/views/{s.ViewId}/tickets?limit=1"),
        ["GET /api/v1/views/{id}/tickets 400"] = s => s.Agent.GetAsync($"/api/v1/views/{s.ViewId}/tickets?cursor=nonsense"),
        ["GET /api/v1/views/{id}/tickets 401"] = s => s.Anonymous.GetAsync($"/api/v1/views/{s.ViewId}/tickets"),
        ["GET /api/v1/views/{id}/tickets 403"] = s => s.Alice.GetAsync($"/api/v1/views/{s.ViewId}/tickets"),
        ["GET /api/v1/views/{id}/tickets 404"] = s => s.Agent.GetAsync("/api/v1/views/424242/tickets"),
        ["GET /api/v1/views/{id}/export 200"] = s => s.Agent.GetAsync($"/api/v1/views/{s.ViewId}/export?format=xlsx"),
        ["GET /api/v1/views/{id}/export 400"] = s => s.Agent.GetAsync($"/api/v1/views/{s.ViewId}/export?format=pdf"),
        ["GET /api/v1/views/{id}/export 401"] = s => s.Anonymous.GetAsync($"/api/v1/views/{s.ViewId}/export"),
        ["GET /api/v1/views/{id}/export 403"] = s => s.Alice.GetAsync($"/api/v1/views/{s.ViewId}/export"),
        ["GET /api/v1/views/{id}/export 404"] = s => s.Agent.GetAsync("/api/v1/views/424242/export"),
        ["GET /api/v1/queues 200"] = s => s.Agent.GetAsync("/api/v1/queues"),
        ["GET /api/v1/queues 401"] = s => s.Anonymous.GetAsync("/api/v1/queues"),
        ["GET /api/v1/queues 403"] = s => s.Alice.GetAsync("/api/v1/queues"),
        ["GET /api/v1/statuses 200"] = s => s.Alice.GetAsync("/api/v1/statuses"),
        ["GET /api/v1/statuses 401"] = s => s.Anonymous.GetAsync("/api/v1/statuses"),
        ["GET /api/v1/products 200"] = s => s.Alice.GetAsync("/api/v1/products"),
        ["GET /api/v1/products 401"] = s => s.Anonymous.GetAsync("/api/v1/products"),
        ["GET /api/v1/tickets 200"] = s => s.Agent.GetAsync("/api/v1/tickets?limit=1"),
        ["GET /api/v1/tickets 400"] = s => s.Alice.GetAsync("/api/v1/tickets?limit=0"),
        ["GET /api/v1/tickets 401"] = s => s.Anonymous.GetAsync("/api/v1/tickets"),
        ["POST /api/v1/tickets 201"] = s => s.Alice.PostAsJsonAsync("/api/v1/tickets", new { typeId = s.TypeId, subject = "Printer", description = "Jammed." }),
        ["POST /api/v1/tickets 400"] = s => s.Alice.PostAsJsonAsync("/api/v1/tickets", new { typeId = s.TypeId, description = "No subject." }),
        ["POST /api/v1/tickets 401"] = s => s.Anonymous.PostAsJsonAsync("/api/v1/tickets", new { subject = "Printer", description = "Jammed." }),
        ["POST /api/v1/tickets 409"] = async s =>
        {
            // The first request with this key is still being processed (as another node would leave it).
            var body = JsonSerializer.SerializeToUtf8Bytes(new { typeId = s.TypeId, subject = "Twice", description = "Sent twice." });
            await s.App.WithDbAsync(async d =>
            {
                d.IdempotentRequests.Add(IdempotentRequest.Start(s.World.Alice.Id, "busy-key", IdempotencyKeys.Hash(body), s.App.Time.GetUtcNow()));
                return await d.SaveChangesAsync();
            });
            return await s.Alice.SendAsync(new HttpRequestMessage(HttpMethod.Post, "/api/v1/tickets")
            {
                Headers = { { TicketEndpoints.IdempotencyKeyHeader, "busy-key" } },
                Content = new ByteArrayContent(body) { Headers = { ContentType = new MediaTypeHeaderValue("application/json") } },
            });
        },
        ["POST /api/v1/tickets 413"] = s => s.Alice.PostAsync("/api/v1/tickets",
            Multipart("ticket", new { typeId = s.TypeId, subject = "Huge", description = "Too big." }, ("huge.bin", new byte[2 * 1024 * 1024]))),
        ["POST /api/v1/tickets 415"] = s => s.Alice.PostAsync("/api/v1/tickets", new StringContent("subject: Printer", Encoding.UTF8, "text/plain")),
        ["POST /api/v1/tickets 422"] = async s =>
        {
            await SendWithKeyAsync(s, "used-key", "First");
            return await SendWithKeyAsync(s, "used-key", "Another body");
        },
        ["GET /api/v1/tickets/{number} 200"] = s => s.Alice.GetAsync(s.TicketUrl),
        ["GET /api/v1/tickets/{number} 401"] = s => s.Anonymous.GetAsync(s.TicketUrl),
        ["GET /api/v1/tickets/{number} 404"] = s => s.Alice.GetAsync("/api/v1/tickets/424242"),
        ["PATCH /api/v1/tickets/{number} 200"] = s => s.Agent.PatchJsonAsync(s.TicketUrl, new { priority = "urgent" }),
        ["PATCH /api/v1/tickets/{number} 204"] = async s =>
            await s.Agent.PatchJsonAsync($"/api/v1/tickets/{await s.Alice.OpenTicketAsync(s.TypeId, "For billing")}", new { groupId = s.BillingGroupId }),
        ["PATCH /api/v1/tickets/{number} 400"] = s => s.Agent.PatchJsonAsync(s.TicketUrl, new { colour = "blue" }),
        ["PATCH /api/v1/tickets/{number} 401"] = s => s.Anonymous.PatchJsonAsync(s.TicketUrl, new { priority = "urgent" }),
        ["PATCH /api/v1/tickets/{number} 404"] = s => s.Alice.PatchJsonAsync("/api/v1/tickets/424242", new { status = "solved" }),
        ["PATCH /api/v1/tickets/{number} 409"] = s => s.Alice.PatchJsonAsync($"/api/v1/tickets/{s.ClosedTicket}", new { status = "cancelled" }),
        ["PATCH /api/v1/tickets/{number} 412"] = s => s.Agent.SendAsync(new HttpRequestMessage(HttpMethod.Patch, s.TicketUrl)
        {
            Headers = { { "If-Match", "\"00000000000000000000000000000000\"" } },
            Content = JsonContent.Create(new { priority = "low" }),
        }),
        ["PATCH /api/v1/tickets/{number} 415"] = s => s.Agent.PatchAsync(s.TicketUrl, Multipart("ticket", new { priority = "low" })),
        ["PATCH /api/v1/tickets/{number} 422"] = s => s.Alice.PatchJsonAsync(s.TicketUrl, new { priority = "urgent" }),
        ["POST /api/v1/tickets/{number}/messages 201"] = s => s.Alice.PostAsync($"{s.TicketUrl}/messages", Multipart("message", new { body = "Here is more." }, ("more.txt", "More."u8.ToArray()))),
        ["POST /api/v1/tickets/{number}/messages 400"] = s => s.Alice.PostAsJsonAsync($"{s.TicketUrl}/messages", new { body = " " }),
        ["POST /api/v1/tickets/{number}/messages 401"] = s => s.Anonymous.PostAsJsonAsync($"{s.TicketUrl}/messages", new { body = "Hello" }),
        ["POST /api/v1/tickets/{number}/messages 404"] = s => s.Alice.PostAsJsonAsync("/api/v1/tickets/424242/messages", new { body = "Hello" }),
        ["POST /api/v1/tickets/{number}/messages 409"] = s => s.Alice.PostAsJsonAsync($"/api/v1/tickets/{s.ClosedTicket}/messages", new { body = "Hello?" }),
        ["POST /api/v1/tickets/{number}/messages 412"] = s => s.Alice.SendAsync(new HttpRequestMessage(HttpMethod.Post, $"{s.TicketUrl}/messages")
        {
            Headers = { { "If-Match", "\"00000000000000000000000000000000\"" } },
            Content = JsonContent.Create(new { body = "Hello" }),
        }),
        ["POST /api/v1/tickets/{number}/messages 413"] = s => s.Alice.PostAsync($"{s.TicketUrl}/messages",
            Multipart("message", new { body = "Huge." }, ("huge.bin", new byte[2 * 1024 * 1024]))),
        ["POST /api/v1/tickets/{number}/messages 415"] = s => s.Alice.PostAsync($"{s.TicketUrl}/messages", new StringContent("Hello", Encoding.UTF8, "text/plain")),
        ["POST /api/v1/tickets/{number}/messages 422"] = s => s.Alice.PostAsJsonAsync($"{s.TicketUrl}/messages", new { body = "Psst", @internal = true }),
        ["GET /api/v1/tickets/{number}/time 200"] = s => s.Agent.GetAsync($"{s.TicketUrl}/time"),
        ["GET /api/v1/tickets/{number}/time 401"] = s => s.Anonymous.GetAsync($"{s.TicketUrl}/time"),
        ["GET /api/v1/tickets/{number}/time 403"] = s => s.Alice.GetAsync($"{s.TicketUrl}/time"),
        ["GET /api/v1/tickets/{number}/time 404"] = s => s.Agent.GetAsync("/api/v1/tickets/424242/time"),
        ["POST /api/v1/tickets/{number}/time 201"] = s => s.Agent.PostAsJsonAsync($"{s.TicketUrl}/time", new { minutes = 30, note = "Diagnosis" }),
        ["POST /api/v1/tickets/{number}/time 400"] = s => s.Agent.PostAsJsonAsync($"{s.TicketUrl}/time", new { minutes = 0 }),
        ["POST /api/v1/tickets/{number}/time 401"] = s => s.Anonymous.PostAsJsonAsync($"{s.TicketUrl}/time", new { minutes = 30 }),
        ["POST /api/v1/tickets/{number}/time 403"] = s => s.Alice.PostAsJsonAsync($"{s.TicketUrl}/time", new { minutes = 30 }),
        ["POST /api/v1/tickets/{number}/time 404"] = s => s.Agent.PostAsJsonAsync("/api/v1/tickets/424242/time", new { minutes = 30 }),
        ["POST /api/v1/tickets/{number}/time 415"] = s => s.Agent.PostAsync($"{s.TicketUrl}/time", new StringContent("30 minutes", Encoding.UTF8, "text/plain")),
        ["DELETE /api/v1/tickets/{number}/time/{id} 204"] = async s =>
        {
            var logged = await (await s.Agent.PostAsJsonAsync($"{s.TicketUrl}/time", new { minutes = 15 })).Content.ReadFromJsonAsync<JsonElement>();
            return await s.Agent.DeleteAsync($"{s.TicketUrl}/time/{logged.GetProperty("id").GetString()}");
        },
        ["PATCH /api/v1/tickets/{number}/time/{id} 200"] = async s => await s.Agent.PatchJsonAsync(await TimeEntryUrlAsync(s), new { minutes = 20 }),
        ["PATCH /api/v1/tickets/{number}/time/{id} 400"] = async s => await s.Agent.PatchJsonAsync(await TimeEntryUrlAsync(s), new { minutes = 2000 }),
        ["PATCH /api/v1/tickets/{number}/time/{id} 401"] = s => s.Anonymous.PatchJsonAsync($"{s.TicketUrl}/time/{Guid.NewGuid()}", new { minutes = 20 }),
        ["PATCH /api/v1/tickets/{number}/time/{id} 403"] = async s =>
        {
            // The admin's time, which an agent may not correct.
            var logged = await (await s.Admin.PostAsJsonAsync($"{s.TicketUrl}/time", new { minutes = 15 })).JsonAsync();
            return await s.Agent.PatchJsonAsync($"{s.TicketUrl}/time/{logged.GetProperty("id").GetString()}", new { minutes = 20 });
        },
        ["PATCH /api/v1/tickets/{number}/time/{id} 404"] = s => s.Agent.PatchJsonAsync($"{s.TicketUrl}/time/{Guid.NewGuid()}", new { minutes = 20 }),
        ["PATCH /api/v1/tickets/{number}/time/{id} 415"] = s => s.Agent.PatchAsync($"{s.TicketUrl}/time/{Guid.NewGuid()}", new StringContent("20", Encoding.UTF8, "text/plain")),
        ["GET /api/v1/tickets/{number}/participants 200"] = s => s.Agent.GetAsync($"{s.TicketUrl}/participants"),
        ["GET /api/v1/tickets/{number}/participants 401"] = s => s.Anonymous.GetAsync($"{s.TicketUrl}/participants"),
        ["GET /api/v1/tickets/{number}/participants 403"] = s => s.Alice.GetAsync($"{s.TicketUrl}/participants"),
        ["GET /api/v1/tickets/{number}/participants 404"] = s => s.Agent.GetAsync("/api/v1/tickets/424242/participants"),
        ["POST /api/v1/tickets/{number}/participants 200"] = s => s.Agent.PostAsJsonAsync($"{s.TicketUrl}/participants", new { emails = new[] { "boss@acme.test" } }),
        ["POST /api/v1/tickets/{number}/participants 400"] = s => s.Agent.PostAsJsonAsync($"{s.TicketUrl}/participants", new { emails = new[] { "boss at acme" } }),
        ["POST /api/v1/tickets/{number}/participants 401"] = s => s.Anonymous.PostAsJsonAsync($"{s.TicketUrl}/participants", new { emails = new[] { "boss@acme.test" } }),
        ["POST /api/v1/tickets/{number}/participants 403"] = s => s.Alice.PostAsJsonAsync($"{s.TicketUrl}/participants", new { emails = new[] { "boss@acme.test" } }),
        ["POST /api/v1/tickets/{number}/participants 404"] = s => s.Agent.PostAsJsonAsync("/api/v1/tickets/424242/participants", new { emails = new[] { "boss@acme.test" } }),
        ["POST /api/v1/tickets/{number}/participants 415"] = s => s.Agent.PostAsync($"{s.TicketUrl}/participants", new StringContent("boss@acme.test", Encoding.UTF8, "text/plain")),
        ["DELETE /api/v1/tickets/{number}/participants/{userId} 204"] = s => s.Agent.DeleteAsync($"{s.TicketUrl}/participants/{s.BenId}"),
        ["DELETE /api/v1/tickets/{number}/participants/{userId} 401"] = s => s.Anonymous.DeleteAsync($"{s.TicketUrl}/participants/{s.BenId}"),
        ["DELETE /api/v1/tickets/{number}/participants/{userId} 403"] = s => s.Alice.DeleteAsync($"{s.TicketUrl}/participants/{s.BenId}"),
        ["DELETE /api/v1/tickets/{number}/participants/{userId} 404"] = s => s.Agent.DeleteAsync($"/api/v1/tickets/424242/participants/{s.BenId}"),
        ["GET /api/v1/agents/{id} 200"] = s => s.Agent.GetAsync($"/api/v1/agents/{s.BenId}"),
        ["GET /api/v1/agents/{id} 401"] = s => s.Anonymous.GetAsync($"/api/v1/agents/{s.BenId}"),
        ["GET /api/v1/agents/{id} 403"] = s => s.Alice.GetAsync($"/api/v1/agents/{s.BenId}"),
        ["GET /api/v1/agents/{id} 404"] = s => s.Agent.GetAsync($"/api/v1/agents/{s.World.Alice.Id}"),
        ["POST /api/v1/agents 201"] = s => s.Admin.PostAsJsonAsync("/api/v1/agents", new { email = "nina@support.test", firstName = "Nina", lastName = "Neu" }),
        ["POST /api/v1/agents 400"] = s => s.Admin.PostAsJsonAsync("/api/v1/agents", new { email = "not an address", firstName = "Nina", lastName = "Neu" }),
        ["POST /api/v1/agents 401"] = s => s.Anonymous.PostAsJsonAsync("/api/v1/agents", new { email = "nina@support.test", firstName = "Nina", lastName = "Neu" }),
        ["POST /api/v1/agents 403"] = s => s.Agent.PostAsJsonAsync("/api/v1/agents", new { email = "nina@support.test", firstName = "Nina", lastName = "Neu" }),
        ["POST /api/v1/agents 409"] = s => s.Admin.PostAsJsonAsync("/api/v1/agents", new { email = "ben@support.test", firstName = "Ben", lastName = "Bauer" }),
        ["POST /api/v1/agents 415"] = s => s.Admin.PostAsync("/api/v1/agents", new StringContent("nina@support.test", Encoding.UTF8, "text/plain")),
        ["DELETE /api/v1/groups/{id} 200"] = async s =>
        {
            var made = await (await s.Admin.PostAsJsonAsync("/api/v1/groups", new { name = $"Short-lived {Guid.NewGuid():N}" })).JsonAsync();
            return await s.Admin.DeleteAsync($"/api/v1/groups/{made.GetProperty("id").GetInt32()}");
        },
        ["DELETE /api/v1/groups/{id} 400"] = s => s.Admin.DeleteAsync($"/api/v1/groups/{s.BillingGroupId}?moveTo={s.BillingGroupId}"),
        ["DELETE /api/v1/groups/{id} 401"] = s => s.Anonymous.DeleteAsync($"/api/v1/groups/{s.BillingGroupId}"),
        ["DELETE /api/v1/groups/{id} 403"] = s => s.Agent.DeleteAsync($"/api/v1/groups/{s.BillingGroupId}"),
        ["DELETE /api/v1/groups/{id} 404"] = s => s.Admin.DeleteAsync("/api/v1/groups/424242"),
        ["DELETE /api/v1/tickets/{number}/time/{id} 401"] = s => s.Anonymous.DeleteAsync($"{s.TicketUrl}/time/{Guid.NewGuid()}"),
        ["DELETE /api/v1/tickets/{number}/time/{id} 403"] = s => s.Alice.DeleteAsync($"{s.TicketUrl}/time/{Guid.NewGuid()}"),
        ["DELETE /api/v1/tickets/{number}/time/{id} 404"] = s => s.Agent.DeleteAsync($"{s.TicketUrl}/time/{Guid.NewGuid()}"),
        ["GET /api/v1/time 200"] = s => s.Agent.GetAsync("/api/v1/time?from=2026-11-01&to=2026-11-30"),
        ["GET /api/v1/time 400"] = s => s.Agent.GetAsync("/api/v1/time?from=2026-11-30&to=2026-11-01"),
        ["GET /api/v1/time 401"] = s => s.Anonymous.GetAsync("/api/v1/time"),
        ["GET /api/v1/time 403"] = s => s.Alice.GetAsync("/api/v1/time"),
        ["GET /api/v1/macros 200"] = s => s.Agent.GetAsync("/api/v1/macros"),
        ["GET /api/v1/macros 401"] = s => s.Anonymous.GetAsync("/api/v1/macros"),
        ["GET /api/v1/macros 403"] = s => s.Alice.GetAsync("/api/v1/macros"),
        ["GET /api/v1/macros/{id} 200"] = s => s.Agent.GetAsync($"/api/v1/macros/{s.MacroId}"),
        ["GET /api/v1/macros/{id} 401"] = s => s.Anonymous.GetAsync($"/api/v1/macros/{s.MacroId}"),
        ["GET /api/v1/macros/{id} 403"] = s => s.Alice.GetAsync($"/api/v1/macros/{s.MacroId}"),
        ["GET /api/v1/macros/{id} 404"] = s => s.Admin.GetAsync($"/api/v1/macros/{s.MacroId}"),
        ["POST /api/v1/macros 201"] = s => s.Agent.PostAsJsonAsync("/api/v1/macros", new { name = "Bye", bodies = new { en = "Bye {{ requester.name }}" } }),
        ["POST /api/v1/macros 400"] = s => s.Agent.PostAsJsonAsync("/api/v1/macros", new { name = "Broken", bodies = new { en = "Hello {{ requester.name " } }),
        ["POST /api/v1/macros 401"] = s => s.Anonymous.PostAsJsonAsync("/api/v1/macros", new { name = "Bye", bodies = new { en = "Bye" } }),
        ["POST /api/v1/macros 403"] = s => s.Alice.PostAsJsonAsync("/api/v1/macros", new { name = "Bye", bodies = new { en = "Bye" } }),
        ["POST /api/v1/macros 415"] = s => s.Agent.PostAsync("/api/v1/macros", new StringContent("name=Bye", Encoding.UTF8, "text/plain")),
        ["PUT /api/v1/macros/{id} 200"] = s => s.Agent.PutAsJsonAsync($"/api/v1/macros/{s.MacroId}", new { name = "Thanks", bodies = new { en = "Thank you {{ requester.first_name }}" } }),
        ["PUT /api/v1/macros/{id} 400"] = s => s.Agent.PutAsJsonAsync($"/api/v1/macros/{s.MacroId}", new { name = "Thanks", bodies = new { en = " " } }),
        ["PUT /api/v1/macros/{id} 401"] = s => s.Anonymous.PutAsJsonAsync($"/api/v1/macros/{s.MacroId}", new { name = "Thanks", bodies = new { en = "Hi" } }),
        ["PUT /api/v1/macros/{id} 403"] = s => s.Alice.PutAsJsonAsync($"/api/v1/macros/{s.MacroId}", new { name = "Thanks", bodies = new { en = "Hi" } }),
        ["PUT /api/v1/macros/{id} 404"] = s => s.Agent.PutAsJsonAsync("/api/v1/macros/424242", new { name = "Thanks", bodies = new { en = "Hi" } }),
        ["PUT /api/v1/macros/{id} 415"] = s => s.Agent.PutAsync($"/api/v1/macros/{s.MacroId}", new StringContent("name=Thanks", Encoding.UTF8, "text/plain")),
        ["DELETE /api/v1/macros/{id} 204"] = async s =>
        {
            var made = await (await s.Agent.PostAsJsonAsync("/api/v1/macros", new { name = "Gone soon", bodies = new { en = "Bye" } })).JsonAsync();
            return await s.Agent.DeleteAsync($"/api/v1/macros/{made.GetProperty("id").GetInt32()}");
        },
        ["DELETE /api/v1/macros/{id} 401"] = s => s.Anonymous.DeleteAsync($"/api/v1/macros/{s.MacroId}"),
        ["DELETE /api/v1/macros/{id} 403"] = s => s.Alice.DeleteAsync($"/api/v1/macros/{s.MacroId}"),
        ["DELETE /api/v1/macros/{id} 404"] = s => s.Agent.DeleteAsync("/api/v1/macros/424242"),
        ["GET /api/v1/tickets/{number}/macros/{id} 200"] = s => s.Agent.GetAsync($"{s.TicketUrl}/macros/{s.MacroId}"),
        ["GET /api/v1/tickets/{number}/macros/{id} 401"] = s => s.Anonymous.GetAsync($"{s.TicketUrl}/macros/{s.MacroId}"),
        ["GET /api/v1/tickets/{number}/macros/{id} 403"] = s => s.Alice.GetAsync($"{s.TicketUrl}/macros/{s.MacroId}"),
        ["GET /api/v1/tickets/{number}/macros/{id} 404"] = s => s.Agent.GetAsync($"{s.TicketUrl}/macros/424242"),
        ["POST /api/v1/tickets/bulk 200"] = s => s.Agent.PostAsJsonAsync("/api/v1/tickets/bulk", new { numbers = new[] { s.Ticket }, change = new { priority = "high" } }),
        ["POST /api/v1/tickets/bulk 400"] = s => s.Agent.PostAsJsonAsync("/api/v1/tickets/bulk", new { numbers = new[] { s.Ticket }, change = new { } }),
        ["POST /api/v1/tickets/bulk 401"] = s => s.Anonymous.PostAsJsonAsync("/api/v1/tickets/bulk", new { numbers = new[] { s.Ticket }, change = new { priority = "high" } }),
        ["POST /api/v1/tickets/bulk 403"] = s => s.Alice.PostAsJsonAsync("/api/v1/tickets/bulk", new { numbers = new[] { s.Ticket }, change = new { priority = "high" } }),
        ["POST /api/v1/tickets/bulk 415"] = s => s.Agent.PostAsync("/api/v1/tickets/bulk", new StringContent("priority=high", Encoding.UTF8, "text/plain")),
        ["GET /api/v1/agents 200"] = s => s.Agent.GetAsync("/api/v1/agents"),
        ["GET /api/v1/agents 401"] = s => s.Anonymous.GetAsync("/api/v1/agents"),
        ["GET /api/v1/agents 403"] = s => s.Alice.GetAsync("/api/v1/agents"),
        ["GET /api/v1/groups 200"] = s => s.Agent.GetAsync("/api/v1/groups"),
        ["GET /api/v1/groups 401"] = s => s.Anonymous.GetAsync("/api/v1/groups"),
        ["GET /api/v1/groups 403"] = s => s.Alice.GetAsync("/api/v1/groups"),
        ["GET /api/v1/groups/{id} 200"] = s => s.Agent.GetAsync($"/api/v1/groups/{s.SupportGroupId}"),
        ["GET /api/v1/groups/{id} 401"] = s => s.Anonymous.GetAsync($"/api/v1/groups/{s.SupportGroupId}"),
        ["GET /api/v1/groups/{id} 403"] = s => s.Alice.GetAsync($"/api/v1/groups/{s.SupportGroupId}"),
        ["GET /api/v1/groups/{id} 404"] = s => s.Agent.GetAsync("/api/v1/groups/424242"),
        ["POST /api/v1/groups 201"] = s => s.Admin.PostAsJsonAsync("/api/v1/groups", new { name = "Field service" }),
        ["POST /api/v1/groups 400"] = s => s.Admin.PostAsJsonAsync("/api/v1/groups", new { name = "support" }),
        ["POST /api/v1/groups 401"] = s => s.Anonymous.PostAsJsonAsync("/api/v1/groups", new { name = "Field service" }),
        ["POST /api/v1/groups 403"] = s => s.Agent.PostAsJsonAsync("/api/v1/groups", new { name = "Field service" }),
        ["POST /api/v1/groups 415"] = s => s.Admin.PostAsync("/api/v1/groups", new StringContent("name=Field", Encoding.UTF8, "text/plain")),
        ["PUT /api/v1/groups/{id} 200"] = s => s.Admin.PutAsJsonAsync($"/api/v1/groups/{s.BillingGroupId}", new { name = "Billing", memberIds = new[] { s.BenId } }),
        ["PUT /api/v1/groups/{id} 400"] = s => s.Admin.PutAsJsonAsync($"/api/v1/groups/{s.BillingGroupId}", new { name = " ", memberIds = Array.Empty<Guid>() }),
        ["PUT /api/v1/groups/{id} 401"] = s => s.Anonymous.PutAsJsonAsync($"/api/v1/groups/{s.BillingGroupId}", new { name = "Billing", memberIds = Array.Empty<Guid>() }),
        ["PUT /api/v1/groups/{id} 403"] = s => s.Agent.PutAsJsonAsync($"/api/v1/groups/{s.BillingGroupId}", new { name = "Billing", memberIds = Array.Empty<Guid>() }),
        ["PUT /api/v1/groups/{id} 404"] = s => s.Admin.PutAsJsonAsync("/api/v1/groups/424242", new { name = "Billing", memberIds = Array.Empty<Guid>() }),
        ["PUT /api/v1/groups/{id} 415"] = s => s.Admin.PutAsync($"/api/v1/groups/{s.BillingGroupId}", new StringContent("name=Billing", Encoding.UTF8, "text/plain")),
        ["PUT /api/v1/agents/{id} 200"] = s => s.Admin.PutAsJsonAsync($"/api/v1/agents/{s.BenId}", new { role = "agent", groupIds = new[] { s.BillingGroupId } }),
        ["PUT /api/v1/agents/{id} 400"] = s => s.Admin.PutAsJsonAsync($"/api/v1/agents/{s.BenId}", new { groupIds = new[] { s.BillingGroupId } }),
        ["PUT /api/v1/agents/{id} 401"] = s => s.Anonymous.PutAsJsonAsync($"/api/v1/agents/{s.BenId}", new { role = "agent", groupIds = Array.Empty<int>() }),
        ["PUT /api/v1/agents/{id} 403"] = s => s.Agent.PutAsJsonAsync($"/api/v1/agents/{s.BenId}", new { role = "admin", groupIds = Array.Empty<int>() }),
        ["PUT /api/v1/agents/{id} 404"] = s => s.Admin.PutAsJsonAsync($"/api/v1/agents/{s.World.Alice.Id}", new { role = "agent", groupIds = Array.Empty<int>() }),
        ["PUT /api/v1/agents/{id} 409"] = s => s.Admin.PutAsJsonAsync($"/api/v1/agents/{s.AdminId}", new { role = "agent", groupIds = Array.Empty<int>() }),
        ["PUT /api/v1/agents/{id} 415"] = s => s.Admin.PutAsync($"/api/v1/agents/{s.BenId}", new StringContent("role=agent", Encoding.UTF8, "text/plain")),
        ["POST /api/v1/agents/{id}/deactivate 200"] = s => s.Admin.PostAsJsonAsync($"/api/v1/agents/{s.LeaverId}/deactivate", new { handOverTo = s.BenId }),
        ["POST /api/v1/agents/{id}/deactivate 400"] = s => s.Admin.PostAsJsonAsync($"/api/v1/agents/{s.BenId}/deactivate", new { handOverTo = s.World.Alice.Id }),
        ["POST /api/v1/agents/{id}/deactivate 401"] = s => s.Anonymous.PostAsJsonAsync($"/api/v1/agents/{s.LeaverId}/deactivate", new { }),
        ["POST /api/v1/agents/{id}/deactivate 403"] = s => s.Agent.PostAsJsonAsync($"/api/v1/agents/{s.LeaverId}/deactivate", new { }),
        ["POST /api/v1/agents/{id}/deactivate 404"] = s => s.Admin.PostAsJsonAsync($"/api/v1/agents/{Guid.NewGuid()}/deactivate", new { }),
        ["POST /api/v1/agents/{id}/deactivate 409"] = s => s.Admin.PostAsJsonAsync($"/api/v1/agents/{s.AdminId}/deactivate", new { }),
        ["POST /api/v1/agents/{id}/deactivate 415"] = s => s.Admin.PostAsync($"/api/v1/agents/{s.LeaverId}/deactivate", new StringContent("now", Encoding.UTF8, "text/plain")),
        ["POST /api/v1/agents/{id}/reactivate 200"] = s => s.Admin.PostAsync($"/api/v1/agents/{s.LeaverId}/reactivate", null),
        ["POST /api/v1/agents/{id}/reactivate 401"] = s => s.Anonymous.PostAsync($"/api/v1/agents/{s.LeaverId}/reactivate", null),
        ["POST /api/v1/agents/{id}/reactivate 403"] = s => s.Agent.PostAsync($"/api/v1/agents/{s.LeaverId}/reactivate", null),
        ["POST /api/v1/agents/{id}/reactivate 404"] = s => s.Admin.PostAsync($"/api/v1/agents/{Guid.NewGuid()}/reactivate", null),
        ["POST /api/v1/tickets/{number}/merge 200"] = async s =>
            await s.Agent.PostAsJsonAsync($"/api/v1/tickets/{await s.Alice.OpenTicketAsync(s.TypeId, "Same again")}/merge", new { into = s.Ticket }),
        ["POST /api/v1/tickets/{number}/merge 400"] = s => s.Agent.PostAsJsonAsync($"{s.TicketUrl}/merge", new { }),
        ["POST /api/v1/tickets/{number}/merge 401"] = s => s.Anonymous.PostAsJsonAsync($"{s.TicketUrl}/merge", new { into = s.ClosedTicket }),
        ["POST /api/v1/tickets/{number}/merge 403"] = s => s.Alice.PostAsJsonAsync($"{s.TicketUrl}/merge", new { into = s.ClosedTicket }),
        ["POST /api/v1/tickets/{number}/merge 404"] = s => s.Agent.PostAsJsonAsync("/api/v1/tickets/424242/merge", new { into = s.Ticket }),
        ["POST /api/v1/tickets/{number}/merge 409"] = s => s.Agent.PostAsJsonAsync($"{s.TicketUrl}/merge", new { into = s.ClosedTicket }),
        ["POST /api/v1/tickets/{number}/merge 415"] = s => s.Agent.PostAsync($"{s.TicketUrl}/merge", new StringContent("into", Encoding.UTF8, "text/plain")),
        ["GET /api/v1/tickets/{number}/related 200"] = s => s.Agent.GetAsync($"{s.TicketUrl}/related"),
        ["GET /api/v1/tickets/{number}/related 401"] = s => s.Anonymous.GetAsync($"{s.TicketUrl}/related"),
        ["GET /api/v1/tickets/{number}/related 403"] = s => s.Alice.GetAsync($"{s.TicketUrl}/related"),
        ["GET /api/v1/tickets/{number}/related 404"] = s => s.Agent.GetAsync("/api/v1/tickets/424242/related"),
        ["PUT /api/v1/tickets/{number}/related/{other} 200"] = s => s.Agent.PutAsync($"{s.TicketUrl}/related/{s.ClosedTicket}", null),
        ["PUT /api/v1/tickets/{number}/related/{other} 401"] = s => s.Anonymous.PutAsync($"{s.TicketUrl}/related/{s.ClosedTicket}", null),
        ["PUT /api/v1/tickets/{number}/related/{other} 403"] = s => s.Alice.PutAsync($"{s.TicketUrl}/related/{s.ClosedTicket}", null),
        ["PUT /api/v1/tickets/{number}/related/{other} 404"] = s => s.Agent.PutAsync($"/api/v1/tickets/424242/related/{s.Ticket}", null),
        ["PUT /api/v1/tickets/{number}/related/{other} 409"] = s => s.Agent.PutAsync($"{s.TicketUrl}/related/{s.Ticket}", null),
        ["DELETE /api/v1/tickets/{number}/related/{other} 204"] = s => s.Agent.DeleteAsync($"{s.TicketUrl}/related/{s.ClosedTicket}"),
        ["DELETE /api/v1/tickets/{number}/related/{other} 401"] = s => s.Anonymous.DeleteAsync($"{s.TicketUrl}/related/{s.ClosedTicket}"),
        ["DELETE /api/v1/tickets/{number}/related/{other} 403"] = s => s.Alice.DeleteAsync($"{s.TicketUrl}/related/{s.ClosedTicket}"),
        ["DELETE /api/v1/tickets/{number}/related/{other} 404"] = s => s.Agent.DeleteAsync($"/api/v1/tickets/424242/related/{s.Ticket}"),
        ["POST /api/v1/tickets/{number}/messages/{messageId}/split 201"] = async s => await s.Agent.PostAsJsonAsync(await SplittableAsync(s), new { subject = "Another thing" }),
        ["POST /api/v1/tickets/{number}/messages/{messageId}/split 400"] = async s => await s.Agent.PostAsJsonAsync(await SplittableAsync(s), new { subject = "" }),
        ["POST /api/v1/tickets/{number}/messages/{messageId}/split 401"] = s => s.Anonymous.PostAsJsonAsync($"{s.TicketUrl}/messages/{Guid.NewGuid()}/split", new { subject = "Other" }),
        ["POST /api/v1/tickets/{number}/messages/{messageId}/split 403"] = s => s.Alice.PostAsJsonAsync($"{s.TicketUrl}/messages/{Guid.NewGuid()}/split", new { subject = "Other" }),
        ["POST /api/v1/tickets/{number}/messages/{messageId}/split 404"] = s => s.Agent.PostAsJsonAsync($"/api/v1/tickets/424242/messages/{Guid.NewGuid()}/split", new { subject = "Other" }),
        ["POST /api/v1/tickets/{number}/messages/{messageId}/split 409"] = s => s.Agent.PostAsJsonAsync($"{s.TicketUrl}/messages/{Guid.NewGuid()}/split", new { subject = "Other" }),
        ["POST /api/v1/tickets/{number}/messages/{messageId}/split 415"] = s => s.Agent.PostAsync($"{s.TicketUrl}/messages/{Guid.NewGuid()}/split", new StringContent("Other", Encoding.UTF8, "text/plain")),
        ["GET /api/v1/organizations/{id}/notes 200"] = s => s.Agent.GetAsync($"/api/v1/organizations/{s.AcmeId}/notes"),
        ["GET /api/v1/organizations/{id}/notes 401"] = s => s.Anonymous.GetAsync($"/api/v1/organizations/{s.AcmeId}/notes"),
        ["GET /api/v1/organizations/{id}/notes 403"] = s => s.Alice.GetAsync($"/api/v1/organizations/{s.AcmeId}/notes"),
        ["GET /api/v1/organizations/{id}/notes 404"] = s => s.Agent.GetAsync($"/api/v1/organizations/{Guid.NewGuid()}/notes"),
        ["PUT /api/v1/organizations/{id}/notes 200"] = s => s.Agent.PutAsJsonAsync($"/api/v1/organizations/{s.AcmeId}/notes", new { notes = "Pays late." }),
        ["PUT /api/v1/organizations/{id}/notes 400"] = s => s.Agent.PutAsJsonAsync($"/api/v1/organizations/{s.AcmeId}/notes", new { notes = new string('x', 4001) }),
        ["PUT /api/v1/organizations/{id}/notes 401"] = s => s.Anonymous.PutAsJsonAsync($"/api/v1/organizations/{s.AcmeId}/notes", new { notes = "Pays late." }),
        ["PUT /api/v1/organizations/{id}/notes 403"] = s => s.Alice.PutAsJsonAsync($"/api/v1/organizations/{s.AcmeId}/notes", new { notes = "Pays late." }),
        ["PUT /api/v1/organizations/{id}/notes 404"] = s => s.Agent.PutAsJsonAsync($"/api/v1/organizations/{Guid.NewGuid()}/notes", new { notes = "Pays late." }),
        ["PUT /api/v1/organizations/{id}/notes 412"] = s => s.Agent.SendAsync(new HttpRequestMessage(HttpMethod.Put, $"/api/v1/organizations/{s.AcmeId}/notes")
        {
            Headers = { { "If-Match", "\"notes-999\"" } },
            Content = JsonContent.Create(new { notes = "Pays late." }),
        }),
        ["GET /api/v1/organizations/{id}/notes/history 200"] = s => s.Agent.GetAsync($"/api/v1/organizations/{s.AcmeId}/notes/history"),
        ["GET /api/v1/organizations/{id}/notes/history 401"] = s => s.Anonymous.GetAsync($"/api/v1/organizations/{s.AcmeId}/notes/history"),
        ["GET /api/v1/organizations/{id}/notes/history 403"] = s => s.Alice.GetAsync($"/api/v1/organizations/{s.AcmeId}/notes/history"),
        ["GET /api/v1/organizations/{id}/notes/history 404"] = s => s.Agent.GetAsync($"/api/v1/organizations/{Guid.NewGuid()}/notes/history"),
        ["PUT /api/v1/organizations/{id}/notes 415"] = s => s.Agent.PutAsync($"/api/v1/organizations/{s.AcmeId}/notes", new StringContent("Pays late.", Encoding.UTF8, "text/plain")),
        ["GET /api/v1/me/notifications 200"] = s => s.Agent.GetAsync("/api/v1/me/notifications?unread=true"),
        ["GET /api/v1/me/notifications 401"] = s => s.Anonymous.GetAsync("/api/v1/me/notifications"),
        ["GET /api/v1/me/notifications 403"] = s => s.Alice.GetAsync("/api/v1/me/notifications"),
        ["POST /api/v1/me/notifications/read 200"] = s => s.Agent.PostAsJsonAsync("/api/v1/me/notifications/read", new { }),
        ["POST /api/v1/me/notifications/read 400"] = s => s.Agent.PostAsJsonAsync("/api/v1/me/notifications/read", new[] { 1 }),
        ["POST /api/v1/me/notifications/read 401"] = s => s.Anonymous.PostAsJsonAsync("/api/v1/me/notifications/read", new { }),
        ["POST /api/v1/me/notifications/read 403"] = s => s.Alice.PostAsJsonAsync("/api/v1/me/notifications/read", new { }),
        ["POST /api/v1/me/notifications/read 404"] = s => s.Agent.PostAsJsonAsync("/api/v1/me/notifications/read", new { ticket = 424242 }),
        ["POST /api/v1/me/notifications/read 415"] = s => s.Agent.PostAsync("/api/v1/me/notifications/read", new StringContent("all", Encoding.UTF8, "text/plain")),
        ["GET /api/v1/me/agent-settings 200"] = s => s.Agent.GetAsync("/api/v1/me/agent-settings"),
        ["GET /api/v1/me/agent-settings 401"] = s => s.Anonymous.GetAsync("/api/v1/me/agent-settings"),
        ["GET /api/v1/me/agent-settings 403"] = s => s.Alice.GetAsync("/api/v1/me/agent-settings"),
        ["PUT /api/v1/me/agent-settings 200"] = s => s.Agent.PutAsJsonAsync("/api/v1/me/agent-settings", new { signature = new { en = "Agathe" }, byMail = new[] { "mentioned" }, inApp = new[] { "mentioned" }, away = false }),
        ["PUT /api/v1/me/agent-settings 400"] = s => s.Agent.PutAsJsonAsync("/api/v1/me/agent-settings", new { signature = new { }, byMail = new[] { "mentioned" }, inApp = new[] { "mentioned" }, away = true, backOn = "2020-01-01" }),
        ["PUT /api/v1/me/agent-settings 401"] = s => s.Anonymous.PutAsJsonAsync("/api/v1/me/agent-settings", new { }),
        ["PUT /api/v1/me/agent-settings 403"] = s => s.Alice.PutAsJsonAsync("/api/v1/me/agent-settings", new { signature = new { }, byMail = new[] { "mentioned" }, inApp = new[] { "mentioned" }, away = false }),
        ["PUT /api/v1/me/agent-settings 415"] = s => s.Agent.PutAsync("/api/v1/me/agent-settings", new StringContent("away", Encoding.UTF8, "text/plain")),
        ["GET /api/v1/journal 200"] = s => s.Admin.GetAsync("/api/v1/journal"),
        ["GET /api/v1/journal 400"] = s => s.Admin.GetAsync("/api/v1/journal?kind=everything"),
        ["GET /api/v1/journal 401"] = s => s.Anonymous.GetAsync("/api/v1/journal"),
        ["GET /api/v1/journal 403"] = s => s.Agent.GetAsync("/api/v1/journal"),
        ["GET /api/v1/kb/categories 200"] = s => s.Alice.GetAsync("/api/v1/kb/categories"),
        ["GET /api/v1/kb/categories 400"] = s => s.Alice.GetAsync("/api/v1/kb/categories?lang=nl"),
        ["GET /api/v1/kb/categories 401"] = s => s.Anonymous.GetAsync("/api/v1/kb/categories"),
        ["GET /api/v1/kb/sections/{id} 200"] = s => s.Alice.GetAsync($"/api/v1/kb/sections/{s.KbSectionId}"),
        ["GET /api/v1/kb/sections/{id} 400"] = s => s.Alice.GetAsync($"/api/v1/kb/sections/{s.KbSectionId}?lang=nl"),
        ["GET /api/v1/kb/sections/{id} 401"] = s => s.Anonymous.GetAsync($"/api/v1/kb/sections/{s.KbSectionId}"),
        ["GET /api/v1/kb/sections/{id} 404"] = s => s.Alice.GetAsync("/api/v1/kb/sections/424242"),
        ["GET /api/v1/kb/articles 200"] = s => s.Agent.GetAsync("/api/v1/kb/articles?limit=1"),
        ["GET /api/v1/kb/articles 400"] = s => s.Alice.GetAsync("/api/v1/kb/articles?limit=0"),
        ["GET /api/v1/kb/articles 401"] = s => s.Anonymous.GetAsync("/api/v1/kb/articles"),
        ["GET /api/v1/kb/articles/{id} 200"] = s => s.Alice.GetAsync($"/api/v1/kb/articles/{s.KbArticleId}"),
        ["GET /api/v1/kb/articles/{id} 400"] = s => s.Alice.GetAsync($"/api/v1/kb/articles/{s.KbArticleId}?lang=nl"),
        ["GET /api/v1/kb/articles/{id} 401"] = s => s.Anonymous.GetAsync($"/api/v1/kb/articles/{s.KbArticleId}"),
        ["GET /api/v1/kb/articles/{id} 404"] = s => s.Alice.GetAsync($"/api/v1/kb/articles/{s.KbInternalId}"),
        ["GET /api/v1/kb/articles/search 200"] = s => s.Alice.GetAsync("/api/v1/kb/articles/search?q=invoice"),
        ["GET /api/v1/kb/articles/search 400"] = s => s.Alice.GetAsync("/api/v1/kb/articles/search"),
        ["GET /api/v1/kb/articles/search 401"] = s => s.Anonymous.GetAsync("/api/v1/kb/articles/search?q=invoice"),
        ["GET /api/v1/kb/suggestions 200"] = s => s.Alice.GetAsync("/api/v1/kb/suggestions?q=invo"),
        ["GET /api/v1/kb/suggestions 400"] = s => s.Alice.GetAsync("/api/v1/kb/suggestions?q=invo&lang=nl"),
        ["GET /api/v1/kb/suggestions 401"] = s => s.Anonymous.GetAsync("/api/v1/kb/suggestions?q=invo"),
        ["PUT /api/v1/kb/articles/{id}/vote 200"] = s => s.Alice.PutAsJsonAsync($"/api/v1/kb/articles/{s.KbArticleId}/vote", new { helpful = true }),
        ["PUT /api/v1/kb/articles/{id}/vote 400"] = s => s.Alice.PutAsJsonAsync($"/api/v1/kb/articles/{s.KbArticleId}/vote", new { comment = "?" }),
        ["PUT /api/v1/kb/articles/{id}/vote 401"] = s => s.Anonymous.PutAsJsonAsync($"/api/v1/kb/articles/{s.KbArticleId}/vote", new { helpful = true }),
        ["PUT /api/v1/kb/articles/{id}/vote 404"] = s => s.Alice.PutAsJsonAsync($"/api/v1/kb/articles/{s.KbInternalId}/vote", new { helpful = true }),
        ["PUT /api/v1/kb/articles/{id}/vote 415"] = s => s.Alice.PutAsync($"/api/v1/kb/articles/{s.KbArticleId}/vote", new StringContent("helpful", Encoding.UTF8, "text/plain")),
        ["DELETE /api/v1/kb/articles/{id}/vote 204"] = s => s.Alice.DeleteAsync($"/api/v1/kb/articles/{s.KbArticleId}/vote"),
        ["DELETE /api/v1/kb/articles/{id}/vote 401"] = s => s.Anonymous.DeleteAsync($"/api/v1/kb/articles/{s.KbArticleId}/vote"),
        ["DELETE /api/v1/kb/articles/{id}/vote 404"] = s => s.Alice.DeleteAsync($"/api/v1/kb/articles/{s.KbInternalId}/vote"),
        ["GET /api/v1/kb/articles/{id}/files/{fileId} 200"] = s => s.Alice.GetAsync($"/api/v1/kb/articles/{s.KbArticleId}/files/{s.KbFileId}"),
        ["GET /api/v1/kb/articles/{id}/files/{fileId} 401"] = s => s.Anonymous.GetAsync($"/api/v1/kb/articles/{s.KbArticleId}/files/{s.KbFileId}"),
        ["GET /api/v1/kb/articles/{id}/files/{fileId} 404"] = s => s.Alice.GetAsync($"/api/v1/kb/articles/{s.KbInternalId}/files/{s.KbFileId}"),
        ["GET /api/v1/tickets/{number}/attachments/{id} 200"] = s => s.Alice.GetAsync(s.AttachmentUrl),
        ["GET /api/v1/tickets/{number}/attachments/{id} 401"] = s => s.Anonymous.GetAsync(s.AttachmentUrl),
        ["GET /api/v1/tickets/{number}/attachments/{id} 404"] = s => s.Alice.GetAsync($"{s.TicketUrl}/attachments/{Guid.NewGuid()}"),
    };

    /// <summary>The address that splits a new customer's reply off a new request of Alice's.</summary>
    private static async Task<string> SplittableAsync(Scene s)
    {
        var number = await s.Alice.OpenTicketAsync(s.TypeId, "Two questions");
        var reply = await (await s.Alice.PostAsJsonAsync($"/api/v1/tickets/{number}/messages", new { body = "And another thing." })).JsonAsync();
        return $"/api/v1/tickets/{number}/messages/{reply.GetProperty("id").GetGuid()}/split";
    }

    private static Task<HttpResponseMessage> SendWithKeyAsync(Scene s, string key, string subject) =>
        s.Alice.SendAsync(new HttpRequestMessage(HttpMethod.Post, "/api/v1/tickets")
        {
            Headers = { { TicketEndpoints.IdempotencyKeyHeader, key } },
            Content = JsonContent.Create(new { typeId = s.TypeId, subject, description = "Keyed." }),
        });

    [Theory, Databases]
    public async Task Every_answer_the_document_lists_is_one_the_API_gives_in_that_shape(Db db)
    {
        var (scene, document) = await StartAsync(db);
        await using var app = scene.App;
        var documented = document.Operations.SelectMany(o => o.Responses.Select(r => (Key: $"{o.Key} {r.Status}", r.Response))).ToList();

        Assert.Empty(documented.Select(d => d.Key).Except(Scenarios.Keys).Select(k => $"documented without a scenario: {k}"));
        Assert.Empty(Scenarios.Keys.Except(documented.Select(d => d.Key)).Select(k => $"a scenario the document does not list: {k}"));

        var failures = new List<string>();
        // The rate limit's scenario last: it spends the address's token requests for a minute.
        foreach (var (key, documentedResponse) in documented.OrderBy(d => d.Key.EndsWith(" 429", StringComparison.Ordinal)))
        {
            var response = await Scenarios[key](scene);
            var status = int.Parse(key.Split(' ')[^1]);
            var body = await response.Content.ReadAsStringAsync();
            if ((int)response.StatusCode != status)
            {
                failures.Add($"{key}: answered {(int)response.StatusCode} {body}");
                continue;
            }
            var content = documentedResponse.TryGetProperty("content", out var c) ? c.EnumerateObject().ToList() : [];
            if (content.Count == 0)
            {
                if (body.Length > 0) failures.Add($"{key}: documented without a body, answered {body}");
                continue;
            }
            var type = response.Content.Headers.ContentType;
            if (!OpenApi.Matches(type, content.Select(m => m.Name)))
            {
                failures.Add($"{key}: answered {type}, documented {string.Join(", ", content.Select(m => m.Name))}");
                continue;
            }
            if (type!.MediaType is "application/json" or OpenApi.ProblemJson)
                failures.AddRange(document.Check(JsonDocument.Parse(body).RootElement, content.Single(m => m.Name == type.MediaType).Value.GetProperty("schema"))
                    .Select(e => $"{key}: {e}"));
            if (status == 201 && response.Headers.Location is null) failures.Add($"{key}: no Location header");
        }
        Assert.Empty(failures);
    }

    [Theory, Databases]
    public async Task A_client_generated_from_the_document_opens_a_request_with_a_file_and_reads_it_back(Db db)
    {
        var (scene, _) = await StartAsync(db);
        await using var app = scene.App;
        var json = await app.NewClient().GetStringAsync("/openapi/v1.json");
        var generated = await GeneratedClient.FromDocumentAsync(json, scene.Alice);

        var ticket = generated.New("NewTicketInput", new Dictionary<string, object?>
        {
            ["Subject"] = "Invoice is wrong", ["Description"] = "The total is off, see the **scan**.", ["TypeId"] = scene.TypeId,
        });
        var created = await generated.CallAsync("CreateTicket", new { ticket, files = generated.Files(("scan.pdf", Attachments.Files.Pdf, "application/pdf")) });
        long number = created!.Number;

        var read = await generated.CallAsync("GetTicket", new { number });
        Assert.Equal("Invoice is wrong", (string)read!.Subject);
        var message = ((IEnumerable<dynamic>)read.Messages).Single();
        var attachment = ((IEnumerable<dynamic>)message.Attachments).Single();
        Assert.Equal("scan.pdf", (string)attachment.FileName);
        Assert.Equal(Attachments.Files.Pdf.LongLength, (long)attachment.Length);

        using var download = await generated.CallAsync("DownloadAttachment", new { number, id = ((Guid)attachment.Id).ToString() });
        using var bytes = new MemoryStream();
        await ((Stream)download!.Stream).CopyToAsync(bytes);
        Assert.Equal(Attachments.Files.Pdf, bytes.ToArray());
    }
}
