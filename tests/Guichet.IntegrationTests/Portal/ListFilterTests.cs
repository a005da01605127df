using System.Text;
using System.Text.Json;
using Guichet.IntegrationTests.Api;
using Guichet.IntegrationTests.Infrastructure;
using Guichet.Web.Accounts;
using Guichet.Web.Data;
using Guichet.Web.Tickets;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Guichet.IntegrationTests.Portal;

public sealed class ListFilterTests
{
    /// <summary>Acme (Maud the manager, Alice, Bob) and Globex (Carol); two products; requests in each environment.</summary>
    private sealed record Desk(User Manager, User Alice, User Bob, User Carol, int Erp, int Crm);

    private static async Task<Desk> ArrangeAsync(GuichetApp app)
    {
        var manager = await app.CreateUserAsync("maud@acme.test", first: "Maud", last: "Chef");
        var alice = await app.CreateUserAsync("alice@acme.test", first: "Alice", last: "Martin");
        var bob = await app.CreateUserAsync("bob@acme.test", first: "Bob", last: "Durand");
        var carol = await app.CreateUserAsync("carol@globex.test", first: "Carol", last: "Globex");
        var acme = await app.CreateOrganizationAsync("Acme", "acme.test");
        var globex = await app.CreateOrganizationAsync("Globex", "globex.test");
        await app.AddMemberAsync(acme, manager, manager: true);
        await app.AddMemberAsync(acme, alice);
        await app.AddMemberAsync(acme, bob);
        await app.AddMemberAsync(globex, carol);
        var (erp, crm) = await app.WithDbAsync(async db =>
        {
            var erp = new Product { Name = "ERP", SortOrder = 1 };
            var crm = new Product { Name = "CRM", SortOrder = 2 };
            db.Products.AddRange(erp, crm);
            await db.SaveChangesAsync();
            return (erp.Id, crm.Id);
        });

        await OpenAsync(app, alice, "Alice ERP production", erp, TicketEnvironment.Production);
        await OpenAsync(app, alice, "Alice CRM staging", crm, TicketEnvironment.Staging);
        await OpenAsync(app, bob, "Bob ERP test", erp, TicketEnvironment.Test);
        await OpenAsync(app, bob, "Bob no product", null, null);
        await OpenAsync(app, carol, "Carol ERP production", erp, TicketEnvironment.Production);
        return new Desk(manager, alice, bob, carol, erp, crm);
    }

    private static Task<Ticket> OpenAsync(GuichetApp app, User requester, string subject, int? product, TicketEnvironment? environment) =>
        app.WithScopeAsync(async sp =>
        {
            var db = sp.GetRequiredService<GuichetDbContext>();
            var type = await db.RequestTypes.OrderBy(t => t.SortOrder).FirstAsync();
            return await sp.GetRequiredService<TicketIntake>().OpenAsync(new TicketIntake.Request(
                requester.Id, type.Id, subject, "Details.", TicketPriority.Normal, product, environment, [], MessageSource.Portal), CancellationToken.None);
        });

    private static List<string> Subjects(AngleSharp.Dom.IDocument page) =>
        page.QuerySelectorAll("table.requests tbody a[href^='/requests/']").Select(a => a.TextContent).Order().ToList();

    [Theory, Databases]
    public async Task A_manager_filters_the_organization_list_by_requester_product_and_environment_and_the_export_follows(Db db)
    {
        await using var app = await GuichetApp.StartAsync(db);
        var desk = await ArrangeAsync(app);
        using var client = await app.SignInAsync("maud@acme.test");

        // The requester list holds the colleagues of Acme, never people of another organization.
        var page = await client.GetAsync("/requests?scope=organization");
        var people = page.QuerySelectorAll("select#requester option").Select(o => o.TextContent).ToList();
        Assert.Equal(["Alice Martin", "Bob Durand", "Maud Chef"], people);
        Assert.Equal(["CRM", "ERP"], page.QuerySelectorAll("select#product option").Select(o => o.TextContent).Order().ToList());
        Assert.Equal(["Production", "Staging", "Test"], page.QuerySelectorAll("select#environment option").Select(o => o.TextContent).ToList());
        Assert.Equal(4, Subjects(page).Count);

        page = await client.GetAsync($"/requests?scope=organization&requester={desk.Bob.Id}");
        Assert.Equal(["Bob ERP test", "Bob no product"], Subjects(page));
        Assert.Equal("Bob Durand", page.QuerySelector("select#requester option:checked")?.TextContent);

        page = await client.GetAsync($"/requests?scope=organization&product={desk.Erp}");
        Assert.Equal(["Alice ERP production", "Bob ERP test"], Subjects(page));

        page = await client.GetAsync("/requests?scope=organization&environment=Staging&environment=Test");
        Assert.Equal(["Alice CRM staging", "Bob ERP test"], Subjects(page));
        Assert.Equal(["Staging", "Test"], page.QuerySelectorAll("select#environment option:checked").Select(o => o.TextContent).ToList());

        // Filters add up; sorting and paging links keep them.
        page = await client.GetAsync($"/requests?scope=organization&requester={desk.Alice.Id}&requester={desk.Bob.Id}&product={desk.Erp}&environment=Production");
        Assert.Equal(["Alice ERP production"], Subjects(page));
        var sortLink = page.QuerySelector("th a[href*='sort=number']")!.GetAttribute("href")!;
        Assert.Contains($"product={desk.Erp}", sortLink);
        Assert.Contains("environment=Production", sortLink);
        Assert.Contains($"requester={desk.Bob.Id}", sortLink);

        // The export link holds the same filters, and the file the same rows.
        var csvLink = page.QuerySelector("a[href*='format=csv']")!.GetAttribute("href")!;
        var csv = Encoding.UTF8.GetString((await client.Http.GetByteArrayAsync(csvLink))[3..]);
        var lines = csv.Split("\r\n", StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(2, lines.Length);
        Assert.Contains("Alice ERP production", lines[1]);

        csv = await client.Http.GetStringAsync($"/requests?handler=export&format=csv&scope=organization&environment=Test&environment=Staging");
        Assert.Equal(3, csv.Split("\r\n", StringSplitOptions.RemoveEmptyEntries).Length);
        Assert.DoesNotContain("Carol", csv);
    }

    [Theory, Databases]
    public async Task The_list_and_its_export_say_priority_and_environment_in_the_readers_language(Db db)
    {
        await using var app = await GuichetApp.StartAsync(db);
        await ArrangeAsync(app);
        using var client = await app.SignInAsync("maud@acme.test");
        client.Http.DefaultRequestHeaders.AcceptLanguage.ParseAdd("fr");

        var page = await client.GetAsync("/requests?scope=organization&environment=Staging");
        Assert.Equal(["Production", "Préproduction", "Test"], page.QuerySelectorAll("select#environment option").Select(o => o.TextContent).ToList());
        Assert.Contains("Normale", page.QuerySelectorAll("select#priority option").Select(o => o.TextContent));

        var csv = await client.Http.GetStringAsync("/requests?handler=export&format=csv&scope=organization&environment=Staging");
        var lines = csv.Split("\r\n", StringSplitOptions.RemoveEmptyEntries);
        Assert.StartsWith("Numéro,Objet", lines[0].TrimStart('\uFEFF'));
        Assert.Contains(",Normale,", lines[1]);
    }

    [Theory, Databases]
    public async Task A_member_who_sees_only_their_own_requests_is_offered_no_requester_filter_and_cannot_reach_others_through_it(Db db)
    {
        await using var app = await GuichetApp.StartAsync(db);
        var desk = await ArrangeAsync(app);
        using var client = await app.SignInAsync("alice@acme.test");

        var page = await client.GetAsync("/requests");
        Assert.Null(page.QuerySelector("select#requester"));
        Assert.Equal(["Alice CRM staging", "Alice ERP production"], Subjects(page));

        // A colleague's id typed in the address finds nothing Alice may not see, in any scope.
        foreach (var scope in new[] { "mine", "organization", "following", "all" })
        {
            page = await client.GetAsync($"/requests?scope={scope}&requester={desk.Bob.Id}");
            Assert.Empty(Subjects(page));
        }
        var csv = await client.Http.GetStringAsync($"/requests?handler=export&format=csv&scope=all&requester={desk.Bob.Id}&requester={desk.Carol.Id}");
        Assert.Single(csv.Split("\r\n", StringSplitOptions.RemoveEmptyEntries));
    }

    [Theory, Databases]
    public async Task The_API_list_filters_by_product_environment_and_several_requesters(Db db)
    {
        await using var app = await GuichetApp.StartAsync(db);
        var desk = await ArrangeAsync(app);
        var manager = await app.ApiClientAsync("maud@acme.test");

        async Task<List<string>> SubjectsAsync(string query)
        {
            var response = await manager.GetAsync($"/api/v1/tickets?{query}");
            Assert.Equal(System.Net.HttpStatusCode.OK, response.StatusCode);
            return (await response.JsonAsync()).GetProperty("items").EnumerateArray().Select(i => i.GetProperty("subject").GetString()!).Order().ToList();
        }

        Assert.Equal(["Alice ERP production", "Bob ERP test"], await SubjectsAsync($"product={desk.Erp}"));
        Assert.Equal(["Alice CRM staging", "Alice ERP production", "Bob ERP test"], await SubjectsAsync($"product={desk.Erp}&product={desk.Crm}"));
        Assert.Equal(["Alice CRM staging", "Bob ERP test"], await SubjectsAsync("environment=staging&environment=TEST"));
        Assert.Equal(["Alice ERP production"], await SubjectsAsync("environment=production"));
        Assert.Equal(["Alice CRM staging", "Alice ERP production", "Bob ERP test", "Bob no product"],
            await SubjectsAsync($"requester=alice@acme.test&requester={desk.Bob.Id}"));
        Assert.Equal(["Bob ERP test"], await SubjectsAsync($"requester=bob@acme.test&product={desk.Erp}&environment=test"));
        // Carol's request exists but is not Maud's to see.
        Assert.Empty(await SubjectsAsync("requester=carol@globex.test"));

        var problem = await (await manager.GetAsync("/api/v1/tickets?environment=moon")).ProblemAsync(System.Net.HttpStatusCode.BadRequest);
        Assert.True(problem.GetProperty("errors").TryGetProperty("environment", out _));

        // The parameters are described in the OpenAPI document.
        var openApi = await app.NewClient().GetAsync("/openapi/v1.json");
        Assert.True(openApi.IsSuccessStatusCode, await openApi.Content.ReadAsStringAsync());
        var document = await openApi.JsonAsync();
        var parameters = document.GetProperty("paths").GetProperty("/api/v1/tickets").GetProperty("get").GetProperty("parameters").EnumerateArray()
            .ToDictionary(p => p.GetProperty("name").GetString()!, p => p.TryGetProperty("description", out var d) ? d.GetString() : null);
        Assert.Contains("production", parameters["environment"]);
        Assert.Contains("product id", parameters["product"]);
        Assert.Contains("repeatable", parameters["requester"]);
        Assert.Equal(JsonValueKind.Object, document.ValueKind);
    }

    [Theory, Databases]
    public async Task Later_pages_hold_the_older_requests_and_say_where_they_are(Db db)
    {
        await using var app = await GuichetApp.StartAsync(db);
        var lea = await app.CreateUserAsync("lea@example.org");
        for (var i = 1; i <= 27; i++)
        {
            await app.OpenTicketAsync(lea, $"Request {i:00}");
            app.Time.Advance(TimeSpan.FromMinutes(1));
        }
        using var client = await app.SignInAsync("lea@example.org");

        var first = await client.GetAsync("/requests");
        Assert.Equal(25, Subjects(first).Count);
        Assert.Contains("Request 27", Subjects(first));
        var next = first.QuerySelector("nav.pager a[href*='page=2']")!.GetAttribute("href")!;

        var second = await client.GetAsync(next);
        Assert.Equal(["Request 01", "Request 02"], Subjects(second));
        Assert.Contains("Page 2 of 2", second.QuerySelector("nav.pager")!.TextContent);
        Assert.Null(second.QuerySelector("nav.pager a[href*='page=3']"));
    }

    [Theory, Databases]
    public async Task A_search_counts_its_matches_and_pages_them_in_the_chosen_order(Db db)
    {
        await using var app = await GuichetApp.StartAsync(db);
        var lea = await app.CreateUserAsync("lea@example.org");
        // 26 of the 34 match: every fourth is about something else.
        for (var i = 1; i <= 34; i++)
        {
            await app.OpenTicketAsync(lea, i % 4 == 0 ? $"Request {i:00} about something else" : $"Request {i:00} printer jam");
            app.Time.Advance(TimeSpan.FromMinutes(1));
        }
        using var client = await app.SignInAsync("lea@example.org");
        static List<string> Shown(AngleSharp.Dom.IDocument page) =>
            page.QuerySelectorAll("table.requests tbody a[href^='/requests/']").Select(a => a.TextContent).ToList();

        // The most recently active first, 25 to a page, and the count of every match.
        var first = await client.GetAsync("/requests?q=printer");
        Assert.Contains("26 requests", first.QuerySelector("main")!.TextContent);
        Assert.Equal(25, Shown(first).Count);
        Assert.Equal("Request 34 printer jam", Shown(first)[0]);
        Assert.DoesNotContain(Shown(first), s => s.Contains("something else", StringComparison.Ordinal));
        var second = await client.GetAsync("/requests?q=printer&page=2");
        Assert.Equal(["Request 01 printer jam"], Shown(second));
        Assert.Contains("26 requests", second.QuerySelector("main")!.TextContent);

        // Another order pages the same matches in that order.
        var byNumber = await client.GetAsync("/requests?q=printer&sort=number&desc=false");
        Assert.Equal(["Request 01 printer jam", "Request 02 printer jam", "Request 03 printer jam", "Request 05 printer jam"], Shown(byNumber).Take(4));
        Assert.Equal(["Request 34 printer jam"], Shown(await client.GetAsync("/requests?q=printer&sort=number&desc=false&page=2")));
    }

    [Theory, Databases]
    public async Task An_organizations_count_follows_every_creation_status_change_and_deletion_whatever_made_them(Db db)
    {
        await using var app = await GuichetApp.StartAsync(db);
        var desk = await ArrangeAsync(app);
        using var client = await app.SignInAsync("maud@acme.test");
        async Task<string> CountAsync(string query) =>
            (await client.GetAsync("/requests?scope=organization" + query)).QuerySelector("main p.hint[role=status]")!.TextContent;
        Assert.Equal("4 requests", await CountAsync(""));

        // Changed and deleted behind the application's back: the database keeps the counts itself.
        var (opened, solved) = await app.WithDbAsync(async d =>
        {
            var opened = await d.Tickets.Where(t => t.Subject == "Alice ERP production").Select(t => t.StatusId).SingleAsync();
            var solved = await d.Statuses.Where(s => s.Category == StatusCategory.Solved).Select(s => s.Id).FirstAsync();
            await d.Tickets.Where(t => t.Subject == "Alice ERP production").ExecuteUpdateAsync(s => s.SetProperty(t => t.StatusId, solved));
            await d.Tickets.Where(t => t.Subject == "Bob no product").ExecuteDeleteAsync();
            return (opened, solved);
        });
        Assert.Equal("3 requests", await CountAsync(""));
        Assert.Equal("1 request", await CountAsync($"&status={solved}"));
        Assert.Equal("2 requests", await CountAsync($"&status={opened}"));
        Assert.Equal("3 requests", await CountAsync($"&status={opened}&status={solved}"));
        await app.OpenTicketAsync(desk.Bob, "Bob again");
        Assert.Equal("4 requests", await CountAsync(""));

        // Through the application too: Alice resolves a request on its page (an EF save of the ticket).
        using (var alice = await app.SignInAsync("alice@acme.test"))
        {
            var number = await app.WithDbAsync(d => d.Tickets.Where(t => t.Subject == "Alice CRM staging").Select(t => t.Number).SingleAsync());
            await alice.SubmitAndFollowAsync(await alice.GetAsync($"/requests/{number}"), "form[action*='handler=Action']",
                new Dictionary<string, string> { ["action"] = "Resolve" });
        }
        Assert.Equal("2 requests", await CountAsync($"&status={solved}"));
        Assert.Equal("4 requests", await CountAsync(""));
        // Other filters count the rows themselves, and agree.
        Assert.Equal("2 requests", await CountAsync($"&requester={desk.Bob.Id}"));

        var kept = await app.WithDbAsync(d => d.Set<OrganizationTicketCount>().Where(c => c.Count > 0)
            .OrderBy(c => c.OrganizationId).ThenBy(c => c.StatusId).Select(c => new { c.OrganizationId, c.StatusId, c.Count }).ToListAsync());
        var counted = await app.WithDbAsync(d => d.Tickets.GroupBy(t => new { OrganizationId = t.OrganizationId!.Value, t.StatusId })
            .Select(g => new { g.Key.OrganizationId, g.Key.StatusId, Count = g.Count() }).OrderBy(c => c.OrganizationId).ThenBy(c => c.StatusId).ToListAsync());
        Assert.Equal(counted, kept);
    }
}
