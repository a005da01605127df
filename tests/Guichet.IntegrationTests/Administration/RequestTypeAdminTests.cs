using Guichet.IntegrationTests.Infrastructure;
using Guichet.Web.Accounts;
using Microsoft.EntityFrameworkCore;

namespace Guichet.IntegrationTests.Administration;

public sealed class RequestTypeAdminTests
{
    [Theory, Databases]
    public async Task An_admin_adds_renames_restricts_reorders_and_retires_request_types(Db db)
    {
        await using var app = await GuichetApp.StartAsync(db);
        await app.CreateUserAsync("admin@example.org", Roles.Admin);
        var acmeUser = await app.CreateUserAsync("ann@acme.example");
        await app.CreateUserAsync("gus@globex.example");
        var acme = await app.CreateOrganizationAsync("Acme", "acme.example");
        await app.AddMemberAsync(acme, acmeUser);
        using var admin = await app.SignInAsync("admin@example.org");

        var form = await admin.GetAsync("/admin/requesttypes/edit");
        var refused = await PageClient.ParseAsync(await admin.SubmitAsync(form, "main form", new Dictionary<string, string> { ["Input.Names[fr]"] = "Seulement en français" }));
        Assert.Contains("Enter at least the English name", refused.MainText());
        Assert.Equal("Seulement en français", refused.QuerySelector("#name-fr")?.GetAttribute("value"));

        await admin.SubmitAndFollowAsync(refused, "main form", new Dictionary<string, string>
        {
            ["Input.Names[en]"] = "Licence request",
            ["Input.Names[fr]"] = "Demande de licence",
            ["Input.Descriptions[en]"] = "Ask for more seats.",
            ["Input.OrganizationIds"] = acme.Id.ToString(),
        });
        var list = await admin.GetAsync("/admin/requesttypes");
        Assert.Contains("Licence request", list.MainText());

        using var ann = await app.SignInAsync("ann@acme.example");
        ann.Http.DefaultRequestHeaders.AcceptLanguage.ParseAdd("fr");
        Assert.Contains("Demande de licence", (await ann.GetAsync("/requests/new")).MainText());
        using var gus = await app.SignInAsync("gus@globex.example");
        Assert.DoesNotContain("Licence request", (await gus.GetAsync("/requests/new")).MainText());

        // Moving the new (last) type up puts it before the one that was fourth.
        var rows = list.QuerySelectorAll("tbody tr");
        await admin.SubmitAsync(list, $"tbody tr:nth-child({rows.Length}) form:first-of-type");
        var names = await app.WithDbAsync(d => d.RequestTypes.OrderBy(t => t.SortOrder).Select(t => t.Id).ToListAsync());
        Assert.Equal(6, names.Count);
        var newId = await app.WithDbAsync(d => d.RequestTypes.OrderByDescending(t => t.Id).Select(t => t.Id).FirstAsync());
        Assert.Equal(newId, names[4]);

        var edit = await admin.GetAsync($"/admin/requesttypes/edit?id={newId}");
        await admin.SubmitAndFollowAsync(edit, "main form", new Dictionary<string, string> { ["Input.IsActive"] = "false" });
        Assert.DoesNotContain("Demande de licence", (await ann.GetAsync("/requests/new")).MainText());
    }

    [Theory, Databases]
    public async Task An_admin_chooses_the_default_request_type_and_only_one_type_is_the_default(Db db)
    {
        await using var app = await GuichetApp.StartAsync(db);
        await app.CreateUserAsync("admin@example.org", Roles.Admin);
        using var admin = await app.SignInAsync("admin@example.org");
        var bug = await app.TypeIdAsync("Bug report");
        var idea = await app.TypeIdAsync("Improvement suggestion");

        var list = await admin.GetAsync("/admin/requesttypes");
        Assert.Equal(["Question / assistance"], DefaultRows(list));

        await admin.SubmitAndFollowAsync(await admin.GetAsync($"/admin/requesttypes/edit?id={bug}"), "main form",
            new Dictionary<string, string> { ["Input.IsDefault"] = "true" });
        Assert.Equal(["Bug report"], DefaultRows(await admin.GetAsync("/admin/requesttypes")));
        Assert.Equal("checked", (await admin.GetAsync($"/admin/requesttypes/edit?id={bug}")).QuerySelector("#default")?.GetAttribute("checked"));

        // An inactive type cannot be the default: the form says so and nothing changes.
        var refused = await PageClient.ParseAsync(await admin.SubmitAsync(await admin.GetAsync($"/admin/requesttypes/edit?id={idea}"), "main form",
            new Dictionary<string, string> { ["Input.IsDefault"] = "true", ["Input.IsActive"] = "false" }));
        Assert.Equal("The default type must be active.", refused.FieldError("Input.IsDefault"));
        Assert.Equal(["Bug report"], DefaultRows(await admin.GetAsync("/admin/requesttypes")));

        // Unticked, no type is the default any more.
        await admin.SubmitAndFollowAsync(await admin.GetAsync($"/admin/requesttypes/edit?id={bug}"), "main form",
            new Dictionary<string, string> { ["Input.IsDefault"] = "false" });
        Assert.Empty(DefaultRows(await admin.GetAsync("/admin/requesttypes")));
    }

    private static List<string> DefaultRows(AngleSharp.Dom.IDocument list) =>
        list.QuerySelectorAll("tbody tr").Where(r => r.QuerySelector(".badge") is not null)
            .Select(r => r.QuerySelector("td:nth-child(2) a")!.TextContent.Trim()).ToList();

    [Theory, Databases]
    public async Task Products_added_by_an_admin_appear_in_the_form_until_retired(Db db)
    {
        await using var app = await GuichetApp.StartAsync(db);
        await app.CreateUserAsync("admin@example.org", Roles.Admin);
        await app.CreateUserAsync("cust@example.org");
        using var admin = await app.SignInAsync("admin@example.org");
        using var customer = await app.SignInAsync("cust@example.org");
        Assert.Null((await customer.GetAsync("/requests/new")).QuerySelector("#Input_ProductId"));

        var page = await admin.GetAsync("/admin/products");
        page = await admin.SubmitAndFollowAsync(page, "form[action*='handler=Add']", new Dictionary<string, string> { ["Input.Name"] = "Billing module" });
        Assert.Contains("Billing module", (await customer.GetAsync("/requests/new")).QuerySelector("#Input_ProductId")?.TextContent);

        await admin.SubmitAndFollowAsync(page, "form[action*='handler=Update']", new Dictionary<string, string> { ["active"] = "false" });
        Assert.Null((await customer.GetAsync("/requests/new")).QuerySelector("#Input_ProductId"));
    }
}
