using System.Net;
using System.Text.Json;
using Guichet.IntegrationTests.Api;
using Guichet.IntegrationTests.Infrastructure;
using Guichet.IntegrationTests.Search;
using Guichet.Web.Accounts;
using Guichet.Web.Queues;
using Guichet.Web.Tickets;
using Microsoft.EntityFrameworkCore;

namespace Guichet.IntegrationTests.Agent;

/// <summary>The workspace's lists: columns chosen in the address, filters on custom fields, organizations and requesters, the views' counts and rules.</summary>
public sealed class QueueColumnsAndFiltersTests
{
    private const string Question = "Question / assistance";

    [Theory, Databases]
    public async Task An_agent_filters_a_list_by_custom_fields_hidden_ones_included_and_customers_cannot(Db db)
    {
        await using var app = await GuichetApp.StartAsync(db);
        var world = await app.CreateWorldAsync();
        await app.AddFieldAsync(Question, "contract", CustomFieldKind.Text, "Contract", "Contrat", CustomerAccess.Hidden);
        await app.AddFieldAsync(Question, "amount", CustomFieldKind.Number, "Amount", "Montant");
        await app.AddFieldAsync(Question, "due", CustomFieldKind.Date, "Due date", "Échéance");
        await app.AddFieldAsync(Question, "modules", CustomFieldKind.MultiSelect, "Modules", "Modules", options:
            [("billing", "Billing", "Facturation"), ("stock", "Stock", "Stocks"), ("hr", "HR", "RH")]);
        await app.AddFieldAsync(Question, "blocking", CustomFieldKind.Checkbox, "Blocking", "Bloquant");
        await app.OpenTicketAsync(world.Alice, Question, "Invoice wrong", new Dictionary<string, string>
            { ["contract"] = "ACME-12", ["amount"] = "120", ["due"] = "2026-12-01", ["modules"] = "billing\nhr", ["blocking"] = "true" });
        await app.OpenTicketAsync(world.Alice, Question, "Stock count", new Dictionary<string, string>
            { ["contract"] = "ACME-7", ["amount"] = "9", ["due"] = "2027-01-15", ["modules"] = "stock" });
        await app.OpenTicketAsync(world.Bob, Question, "Nothing set", new Dictionary<string, string>());
        using var agent = await app.SignInAsync(world.Agent.Email!);

        Assert.Equal(["Invoice wrong", "Stock count"], Subjects(await agent.GetAsync("/agent?queue=all&f.contract=acme")));
        Assert.Equal(["Stock count"], Subjects(await agent.GetAsync("/agent?queue=all&f.contract=acme-7&f.contract.match=is")));
        Assert.Equal(["Invoice wrong"], Subjects(await agent.GetAsync("/agent?queue=all&f.amount.min=10")));
        Assert.Equal(["Stock count"], Subjects(await agent.GetAsync("/agent?queue=all&f.amount.max=9")));
        Assert.Equal(["Stock count"], Subjects(await agent.GetAsync("/agent?queue=all&f.due.min=2027-01-01&f.due.max=2027-01-31")));
        // Any of the options, each as a whole line: "hr" does not match inside another key.
        Assert.Equal(["Invoice wrong"], Subjects(await agent.GetAsync("/agent?queue=all&f.modules=hr")));
        Assert.Equal(["Invoice wrong", "Stock count"], Subjects(await agent.GetAsync("/agent?queue=all&f.modules=hr&f.modules=stock")));
        Assert.Equal(["Invoice wrong"], Subjects(await agent.GetAsync("/agent?queue=all&f.blocking=true")));
        Assert.Equal(["Nothing set", "Stock count"], Subjects(await agent.GetAsync("/agent?queue=all&f.blocking=false")));

        // The filter form offers each field by its kind, and sends the same address.
        var form = await agent.GetAsync("/agent?queue=all&f.amount.min=10");
        Assert.NotNull(form.QuerySelector("select[name='f.modules'][multiple] option[value=stock]"));
        Assert.NotNull(form.QuerySelector("input[name='f.contract']"));
        Assert.Equal("10", form.QuerySelector("input[name='f.amount.min']")!.GetAttribute("value"));
        Assert.NotNull(form.QuerySelector("input[type=date][name='f.due.max']"));

        // A customer's list never reads them: a hidden field could otherwise be probed.
        using var alice = await app.SignInAsync(world.Alice.Email!);
        Assert.Equal(2, (await alice.GetAsync("/requests?f.contract=ACME-7&f.contract.match=is")).QuerySelectorAll("table.requests tbody tr").Length);
    }

    [Theory, Databases]
    public async Task An_agent_chooses_the_columns_which_the_address_and_a_saved_view_keep(Db db)
    {
        await using var app = await GuichetApp.StartAsync(db);
        var world = await app.CreateWorldAsync();
        await app.AddFieldAsync(Question, "contract", CustomFieldKind.Text, "Contract", "Contrat", CustomerAccess.Hidden);
        var ticket = await app.OpenTicketAsync(world.Alice, Question, "Invoice wrong", new Dictionary<string, string> { ["contract"] = "ACME-12" });
        using var agent = await app.SignInAsync(world.Agent.Email!);
        var tags = await agent.SubmitAndFollowAsync(await agent.GetAsync($"/agent/tickets/{ticket.Number}"), "form[action*='handler=Tags']",
            new Dictionary<string, string> { ["tagsText"] = "vip, invoice" });

        // The default columns, then the chosen ones, in the order their numbers give.
        var list = await agent.GetAsync("/agent?queue=all&priority=Normal");
        Assert.Equal(["Subject", "Number", "Requester", "Group", "Assigned to", "Priority", "Status", "Last activity"], Headings(list));
        var token = list.QuerySelector("form[action*='handler=Columns'] input[name=__RequestVerificationToken]")!.GetAttribute("value")!;
        var action = list.QuerySelector("form[action*='handler=Columns']")!.GetAttribute("action")!;
        var response = await agent.Http.PostAsync(action, new FormUrlEncodedContent(
        [
            new("__RequestVerificationToken", token), new("columns", "subject"), new("columns", "tags"), new("columns", "field:contract"),
            new("columns", "organization"), new("positions[subject]", "1"), new("positions[tags]", "4"), new("positions[field:contract]", "2"),
            new("positions[organization]", "3"),
        ]));
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        var location = response.Headers.Location!.ToString();
        Assert.Contains("priority=Normal", location);
        Assert.Contains("columns=subject,field%3Acontract,organization,tags", location);
        var chosen = await agent.GetAsync(location);
        Assert.Equal(["Subject", "Contract", "Organization", "Tags"], Headings(chosen));
        var cells = chosen.QuerySelectorAll("table.requests tbody tr td").Select(td => td.TextContent.Trim()).ToList();
        Assert.Equal("ACME-12", cells[1]);
        Assert.Equal("Acme", cells[2]);
        Assert.Contains("vip", cells[3]);
        Assert.Contains("invoice", cells[3]);

        // The export follows them, in their order.
        var csv = await agent.Http.GetStringAsync(chosen.QuerySelector("a[href*='handler=export'][href*='format=csv']")!.GetAttribute("href")!);
        var lines = csv.TrimStart('\uFEFF').Split("\r\n");
        Assert.Equal("Subject,Contract,Organization,Tags", lines[0]);
        Assert.Equal("Invoice wrong,ACME-12,Acme,\"invoice, vip\"", lines[1]);

        // Sorting and filtering keep them; so does a saved view.
        Assert.Equal(["Subject", "Contract", "Organization", "Tags"], Headings(await agent.GetAsync(chosen.QuerySelector("th a")!.GetAttribute("href")!)));
        var saved = await agent.SubmitAndFollowAsync(chosen, "form[action*='handler=SaveView']", new Dictionary<string, string> { ["name"] = "Contracts" });
        Assert.Equal(["Subject", "Contract", "Organization", "Tags"], Headings(saved));
        Assert.Contains("columns=", await app.WithDbAsync(d => d.Set<SavedView>().Select(v => v.Address).SingleAsync()));
        Assert.NotNull(tags);
    }

    [Theory, Databases]
    public async Task The_organization_and_requester_filters_read_a_typed_name_and_keep_one_not_found(Db db)
    {
        await using var app = await GuichetApp.StartAsync(db);
        var world = await app.CreateWorldAsync();
        await app.OpenTicketAsync(world.Alice, "Acme's");
        await app.OpenTicketAsync(world.Bob, "Bob's");
        using var agent = await app.SignInAsync(world.Agent.Email!);

        var acme = await agent.FollowAsync(await agent.Http.GetAsync("/agent?queue=all&organization=acme"));
        var acmeId = await app.WithDbAsync(d => d.Organizations.Where(o => o.Name == "Acme").Select(o => o.Id).SingleAsync());
        Assert.Contains($"organization={acmeId}", acme.Url);
        Assert.Equal(["Acme's"], Subjects(acme));
        Assert.NotNull(acme.QuerySelector($"input[type=checkbox][name=organization][value='{acmeId}'][checked]"));

        Assert.Equal(["Bob's"], Subjects(await agent.FollowAsync(await agent.Http.GetAsync($"/agent?queue=all&requester={world.Bob.Email}"))));

        var unknown = await agent.GetAsync("/agent?queue=all&organization=Nowhere%20Ltd");
        Assert.Equal("Nowhere Ltd", unknown.QuerySelector("input#organization")!.GetAttribute("value"));
        Assert.Contains("No organization has this name.", unknown.QuerySelector("#organization-error")!.TextContent);

        using var suggestions = JsonDocument.Parse(await agent.Http.GetStringAsync("/agent?handler=Suggest&kind=organization&term=acm"));
        Assert.Equal("Acme", suggestions.RootElement[0].GetProperty("value").GetString());
    }

    [Theory, Databases]
    public async Task The_views_counts_are_loaded_after_the_page_each_through_the_agents_own_rules(Db db)
    {
        await using var app = await GuichetApp.StartAsync(db);
        var world = await app.CreateWorldAsync();
        await app.OpenTicketAsync(world.Alice, "One");
        var urgent = await app.OpenTicketAsync(world.Bob, "Two");
        await app.ChangeAsync(urgent.Number, (t, _) => t.ChangePriority(TicketPriority.Urgent, world.Agent.Id, app.Time.GetUtcNow()));
        using var agent = await app.SignInAsync(world.Agent.Email!);
        await agent.SubmitAndFollowAsync(await agent.GetAsync("/agent?queue=all"), "form[action*='handler=SaveView']", new Dictionary<string, string> { ["name"] = "All" });
        await agent.SubmitAndFollowAsync(await agent.GetAsync("/agent?queue=all&priority=Urgent"), "form[action*='handler=SaveView']", new Dictionary<string, string> { ["name"] = "Urgent" });

        // The page holds no count for views (the menu's own queues keep theirs).
        var menu = (await agent.GetAsync("/agent")).QuerySelectorAll("[data-view-count]");
        Assert.Equal(2, menu.Length);
        Assert.All(menu, span => Assert.Equal("", span.TextContent));

        var views = await app.WithDbAsync(d => d.Set<SavedView>().OrderBy(v => v.Name).Select(v => v.Id).ToListAsync());
        using var counts = JsonDocument.Parse(await agent.Http.GetStringAsync("/agent/views?handler=Counts"));
        var byId = counts.RootElement.EnumerateArray().ToDictionary(c => c.GetProperty("id").GetInt32(), c => c.GetProperty("text").GetString());
        Assert.Equal("2", byId[views[0]]);
        Assert.Equal("1", byId[views[1]]);
    }

    [Theory, Databases]
    public async Task A_view_shared_with_a_group_is_changed_by_its_owner_only_while_a_member_and_by_admins(Db db)
    {
        await using var app = await GuichetApp.StartAsync(db);
        var world = await app.CreateWorldAsync();
        var ben = await app.CreateUserAsync("ben@support.test", Roles.Agent, "Ben", "Bauer");
        await app.CreateUserAsync("ada@support.test", Roles.Admin, "Ada", "Admin");
        var support = await app.SupportGroupIdAsync();
        await app.AddToGroupAsync(support, ben);
        using var agent = await app.SignInAsync(world.Agent.Email!);
        await agent.SubmitAndFollowAsync(await agent.GetAsync("/agent?queue=all"), "form[action*='handler=SaveView']",
            new Dictionary<string, string> { ["name"] = "Team's", ["group"] = support.ToString() });
        var view = await app.WithDbAsync(d => d.Set<SavedView>().SingleAsync());

        // A colleague of the group opens it but may not save into it, even by sending the form by hand.
        using var benPage = await app.SignInAsync("ben@support.test");
        var inView = await benPage.GetAsync($"/agent?queue=all&priority=Low&view={view.Id}");
        Assert.Null(inView.QuerySelector("form[action*='handler=SaveView'] button[name=id]"));
        var refused = await PageClient.ParseAsync(await benPage.SubmitAsync(inView, "form[action*='handler=SaveView']", new Dictionary<string, string> { ["id"] = view.Id.ToString() }));
        Assert.Contains("This view is not yours to change.", refused.QuerySelector("#view-error")!.TextContent);

        // Its owner, once out of the group, no longer changes it either; an admin does.
        await app.WithDbAsync(async d =>
        {
            d.Set<GroupMember>().Remove(await d.Set<GroupMember>().SingleAsync(m => m.GroupId == support && m.UserId == world.Agent.Id));
            return await d.SaveChangesAsync();
        });
        using var leaver = await app.SignInAsync(world.Agent.Email!);
        var mine = await leaver.GetAsync($"/agent?queue=all&priority=Low&view={view.Id}");
        Assert.Null(mine.QuerySelector("form[action*='handler=SaveView'] button[name=id]"));
        var leaverRefused = await PageClient.ParseAsync(await leaver.SubmitAsync(mine, "form[action*='handler=SaveView']", new Dictionary<string, string> { ["id"] = view.Id.ToString() }));
        Assert.Contains("This view is not yours to change.", leaverRefused.QuerySelector("#view-error")!.TextContent);
        Assert.DoesNotContain("priority", await app.WithDbAsync(d => d.Set<SavedView>().Select(v => v.Address).SingleAsync()));

        using var admin = await app.SignInAsync("ada@support.test");
        var adminPage = await admin.GetAsync($"/agent?queue=all&priority=Low&view={view.Id}");
        await admin.SubmitAndFollowAsync(adminPage, "form[action*='handler=SaveView']", new Dictionary<string, string> { ["id"] = view.Id.ToString() });
        Assert.Contains("priority=Low", await app.WithDbAsync(d => d.Set<SavedView>().Select(v => v.Address).SingleAsync()));
    }

    private static List<string> Subjects(AngleSharp.Dom.IDocument page) =>
        page.QuerySelectorAll("table.requests tbody tr td:first-child a").Select(a => a.TextContent.Trim()).Order().ToList();

    private static List<string> Headings(AngleSharp.Dom.IDocument page) =>
        page.QuerySelectorAll("table.requests thead th").Select(th => th.TextContent.Replace("↑", "").Replace("↓", "").Trim()).ToList();
}
