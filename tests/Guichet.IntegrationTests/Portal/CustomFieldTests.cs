using System.Net;
using System.Text;
using AngleSharp.Dom;
using AngleSharp.Html.Dom;
using Guichet.IntegrationTests.Api;
using Guichet.IntegrationTests.Infrastructure;
using Guichet.Web.Accounts;
using Guichet.Web.Tickets;
using Microsoft.EntityFrameworkCore;

namespace Guichet.IntegrationTests.Portal;

/// <summary>Custom fields on the request form, the request's side panel, the agent's page, the list and the export.</summary>
public sealed class CustomFieldTests
{
    [Theory, Databases]
    public async Task An_admin_adds_a_required_list_and_customers_must_choose_from_it_in_their_language(Db db)
    {
        await using var app = await GuichetApp.StartAsync(db);
        await app.CreateUserAsync("admin@example.org", Roles.Admin);
        var camille = await app.CreateUserAsync("camille@example.org", first: "Camille", last: "Dupont");
        await app.SetCultureAsync(camille, "fr");
        var bug = await app.TypeIdAsync("Bug report");
        using var admin = await app.SignInAsync("admin@example.org");

        // The key is made from the English name; the second choice is put first by its order.
        var saved = await admin.SubmitAndFollowAsync(await admin.GetAsync("/admin/fields/edit"), "main form", new Dictionary<string, string>
        {
            ["Input.Kind"] = "Dropdown",
            ["Input.Labels[en]"] = "Support plan", ["Input.Labels[fr]"] = "Formule de support",
            ["Input.Help[en]"] = "As written on your contract.", ["Input.Help[fr]"] = "Comme indiqué sur votre contrat.",
            ["Input.Options[0].Labels[en]"] = "Gold", ["Input.Options[0].Labels[fr]"] = "Or", ["Input.Options[0].Order"] = "2",
            ["Input.Options[1].Labels[en]"] = "Silver", ["Input.Options[1].Labels[fr]"] = "Argent", ["Input.Options[1].Order"] = "1",
        });
        Assert.Equal("support_plan", saved.QuerySelector("#key code")?.TextContent);
        var fieldId = saved.QuerySelector("input[name='Id']")!.GetAttribute("value")!;
        Assert.Contains("Support plan", (await admin.GetAsync("/admin/fields")).MainText());

        var typePage = await admin.GetAsync($"/admin/requesttypes/edit?id={bug}");
        var row = typePage.QuerySelector($"input[name$='.FieldId'][value='{fieldId}']")!.GetAttribute("name")![..^".FieldId".Length];
        var typeSaved = await admin.SubmitAsync(typePage, "main form", new Dictionary<string, string> { [$"{row}.Shown"] = "true", [$"{row}.Required"] = "true" });
        Assert.Equal(HttpStatusCode.Redirect, typeSaved.StatusCode);

        using var customer = await app.SignInAsync("camille@example.org");
        // Not on a question's form (only kept, hidden, for when the kind changes)...
        var question = (await customer.GetAsync("/requests/new")).QuerySelector("[data-custom-field='support_plan']")!;
        Assert.True(question.HasAttribute("hidden"));
        // ...but on a bug report's, in French, required, the choices in their order.
        var form = await customer.GetAsync($"/requests/new?type={bug}");
        var plan = form.QuerySelector("[data-custom-field='support_plan']")!;
        Assert.False(plan.HasAttribute("hidden"));
        Assert.Equal("Formule de support *", Text(plan.QuerySelector("label")));
        Assert.False(plan.QuerySelector("[data-required-marker]")!.HasAttribute("hidden"));
        Assert.Equal("Comme indiqué sur votre contrat.", Text(plan.QuerySelector(".hint")));
        Assert.Equal(["Choisir…", "Argent", "Or"], plan.QuerySelectorAll("option").Select(Text));

        var refused = await PageClient.ParseAsync(await customer.SubmitAsync(form, "main form", new Dictionary<string, string>
        {
            ["Input.Subject"] = "L'export PDF plante",
            ["Input.Description"] = "Depuis la mise à jour de lundi.",
            ["cf.where_in_application"] = "Rapports › Export",
            ["cf.version"] = "4.2",
            ["cf.reproducible"] = "sometimes",
        }));
        plan = refused.QuerySelector("[data-custom-field='support_plan']")!;
        Assert.Equal("Choisissez une valeur.", Text(plan.QuerySelector(".field-error")));
        Assert.Equal("true", plan.QuerySelector("select")!.GetAttribute("aria-invalid"));
        Assert.Equal("Rapports › Export", refused.QuerySelector("#cf-where_in_application")!.GetAttribute("value"));
        Assert.Equal("4.2", refused.QuerySelector("#cf-version")!.GetAttribute("value"));
        Assert.Equal("sometimes", refused.QuerySelector("#cf-reproducible option[selected]")?.GetAttribute("value"));
        Assert.Equal("L'export PDF plante", refused.QuerySelector("#Input_Subject")!.GetAttribute("value"));
        Assert.Equal(0, await app.WithDbAsync(d => d.Tickets.CountAsync()));

        var ticket = await customer.SubmitAndFollowAsync(refused, "main form", new Dictionary<string, string> { ["cf.support_plan"] = "gold" });
        Assert.Equal("L'export PDF plante", Text(ticket.QuerySelector("h1")));
        Assert.Equal("Or", Fact(ticket, "Formule de support"));
        Assert.Equal("Rapports › Export", Fact(ticket, "Où dans l'application ?"));
        Assert.Equal("4.2", Fact(ticket, "Version"));
        Assert.Equal("Parfois", Fact(ticket, "Cela se reproduit-il ?"));
    }

    [Theory, Databases]
    public async Task Each_kind_of_field_reads_what_is_typed_and_shows_it_in_the_readers_language(Db db)
    {
        await using var app = await GuichetApp.StartAsync(db);
        const string question = "Question / assistance";
        await app.AddFieldAsync(question, "amount", CustomFieldKind.Number, "Amount", "Montant");
        await app.AddFieldAsync(question, "due", CustomFieldKind.Date, "Due date", "Échéance");
        await app.AddFieldAsync(question, "modules", CustomFieldKind.MultiSelect, "Modules", "Modules concernés", options:
            [("billing", "Billing", "Facturation"), ("stock", "Stock", "Stocks"), ("hr", "HR", "RH")]);
        await app.AddFieldAsync(question, "blocking", CustomFieldKind.Checkbox, "It blocks my work", "Cela bloque mon travail");
        await app.AddFieldAsync(question, "steps", CustomFieldKind.LongText, "Steps", "Étapes");
        var claire = await app.CreateUserAsync("claire@example.org", first: "Claire", last: "Martin");
        await app.SetCultureAsync(claire, "fr");
        await app.CreateUserAsync("emma@example.org", first: "Emma", last: "Brown");

        using var french = await app.SignInAsync("claire@example.org");
        var form = await french.GetAsync("/requests/new");
        Tick(form, "cf.modules", "billing");
        Tick(form, "cf.modules", "hr");
        Tick(form, "cf.blocking", "true");
        var refused = await PageClient.ParseAsync(await french.SubmitAsync(form, "main form", new Dictionary<string, string>
        {
            ["Input.Subject"] = "Facture en double",
            ["Input.Description"] = "Deux factures pour un seul achat.",
            ["cf.amount"] = "douze",
            ["cf.due"] = "31/02/2026",
            ["cf.steps"] = "Ouvrir la facture.\nCliquer sur Valider.",
        }));
        Assert.Equal("Saisissez un nombre.", Text(refused.QuerySelector("[data-custom-field='amount'] .field-error")));
        Assert.Equal("Saisissez une date, par exemple 31/03/2026.", Text(refused.QuerySelector("[data-custom-field='due'] .field-error")));
        Assert.Equal("douze", refused.QuerySelector("#cf-amount")!.GetAttribute("value"));
        Assert.Equal(["billing", "hr"], refused.QuerySelectorAll("input[name='cf.modules'][checked]").Select(i => i.GetAttribute("value")));
        Assert.True(refused.QuerySelector("input[name='cf.blocking'][type='checkbox']")!.HasAttribute("checked"));
        Assert.Equal("Ouvrir la facture.\nCliquer sur Valider.", refused.QuerySelector("#cf-steps")!.TextContent.Trim());

        var ticket = await french.SubmitAndFollowAsync(refused, "main form", new Dictionary<string, string>
        {
            ["cf.amount"] = "1 234,5",
            ["cf.due"] = "31/03/2026",
        });
        Assert.Equal("1 234,5", Spaces(Fact(ticket, "Montant")));
        Assert.Equal("31/03/2026", Fact(ticket, "Échéance"));
        Assert.Equal("Facturation, RH", Fact(ticket, "Modules concernés"));
        Assert.Equal("Oui", Fact(ticket, "Cela bloque mon travail"));
        Assert.Contains("Cliquer sur Valider.", Fact(ticket, "Étapes"));
        // Stored the same whatever the language: an English reader reads it their way.
        var stored = await app.WithDbAsync(d => d.TicketFieldValues.Where(v => v.Value.StartsWith("1234")).Select(v => new { v.Value, v.Number }).SingleAsync());
        Assert.Equal(("1234.5", 1234.5), (stored.Value, stored.Number!.Value));

        using var english = await app.SignInAsync("emma@example.org");
        var mine = await english.SubmitAndFollowAsync(await english.GetAsync("/requests/new"), "main form", new Dictionary<string, string>
        {
            ["Input.Subject"] = "Duplicate invoice",
            ["Input.Description"] = "Two invoices for one purchase.",
            ["cf.amount"] = "1234.5",
            ["cf.due"] = "2026-03-31",   // what a date input sends
        });
        Assert.Equal("1,234.5", Fact(mine, "Amount"));
        Assert.Equal("3/31/2026", Fact(mine, "Due date"));
        Assert.Equal("—", Fact(mine, "Modules"));
        Assert.Equal("No", Fact(mine, "It blocks my work"));
        Assert.Equal("—", Fact(mine, "Steps"));
        // The side panel's form offers the same values back, as typed in a date input.
        Assert.Equal("2026-03-31", mine.QuerySelector("details.edit-fields #cf-due")!.GetAttribute("value"));
    }

    [Theory, Databases]
    public async Task Customers_see_read_only_fields_but_never_hidden_ones_and_agents_change_both(Db db)
    {
        await using var app = await GuichetApp.StartAsync(db);
        await app.CreateWorldAsync();
        var bug = await app.TypeIdAsync("Bug report");
        using var alice = await app.SignInAsync("alice@acme.test");

        // The seeded bug report has a read-only "Fixed in version" and a hidden "Development ticket": neither is on the form.
        var form = await alice.GetAsync($"/requests/new?type={bug}");
        Assert.NotNull(form.QuerySelector("[name='cf.version']"));
        Assert.Null(form.QuerySelector("[name='cf.fixed_in_version']"));
        Assert.Null(form.QuerySelector("[name='cf.development_ticket']"));
        // Sent anyway, they are ignored.
        var created = await alice.SubmitAndFollowAsync(form, "main form", new Dictionary<string, string>
        {
            ["Input.Subject"] = "Totals are wrong",
            ["Input.Description"] = "The sum is off by one.",
            ["cf.version"] = "4.2",
            ["cf.fixed_in_version"] = "forged",
            ["cf.development_ticket"] = "forged",
        });
        var number = await app.WithDbAsync(d => d.Tickets.Select(t => t.Number).SingleAsync());
        Assert.Equal("—", Fact(created, "Fixed in version"));
        Assert.Equal(0, await app.WithDbAsync(d => d.TicketFieldValues.CountAsync(v => v.Value == "forged")));

        using var agent = await app.SignInAsync("agent@support.test");
        var agentPage = await agent.GetAsync($"/agent/tickets/{number}");
        Assert.Equal("—", Fact(agentPage, "Development ticket"));
        var changed = await agent.SubmitAndFollowAsync(agentPage, "details.edit-fields form", new Dictionary<string, string>
        {
            ["cf.fixed_in_version"] = "4.3",
            ["cf.development_ticket"] = "DEV-42",
        });
        Assert.Equal("4.3", Fact(changed, "Fixed in version"));
        Assert.Equal("DEV-42", Fact(changed, "Development ticket"));
        Assert.Contains("Agathe Support set Development ticket to DEV-42.", History(changed));

        var page = await alice.GetAsync($"/requests/{number}");
        Assert.Equal("4.3", Fact(page, "Fixed in version"));
        Assert.Equal("4.2", Fact(page, "Version"));
        Assert.Contains("Agathe Support set Fixed in version to 4.3.", History(page));
        Assert.DoesNotContain("Development ticket", page.Body!.TextContent);
        Assert.DoesNotContain("DEV-42", page.Body!.TextContent);
        var editForm = page.QuerySelector("details.edit-fields form")!;
        Assert.NotNull(editForm.QuerySelector("[name='cf.version']"));
        Assert.Null(editForm.QuerySelector("[name='cf.fixed_in_version']"));
        // A forged side-panel post changes what she may change, and nothing else.
        var forged = await alice.SubmitAsync(page, "details.edit-fields form", new Dictionary<string, string>
        {
            ["cf.version"] = "4.2.1",
            ["cf.fixed_in_version"] = "9.9",
            ["cf.development_ticket"] = "HACK",
        });
        Assert.Equal(HttpStatusCode.Redirect, forged.StatusCode);
        var after = await agent.GetAsync($"/agent/tickets/{number}");
        Assert.Equal(("4.2.1", "4.3", "DEV-42"), (Fact(after, "Version"), Fact(after, "Fixed in version"), Fact(after, "Development ticket")));

        // The API says the same: hidden fields do not exist for customers, read-only ones may not be set.
        var api = await app.ApiClientAsync("alice@acme.test");
        var fields = (await (await api.GetAsync($"/api/v1/tickets/{number}")).JsonAsync()).GetProperty("fields").EnumerateArray().ToList();
        Assert.DoesNotContain(fields, f => f.GetProperty("key").GetString() == "development_ticket");
        var fixedIn = fields.Single(f => f.GetProperty("key").GetString() == "fixed_in_version");
        Assert.Equal(("4.3", false), (fixedIn.GetProperty("value").GetString(), fixedIn.GetProperty("editable").GetBoolean()));
        Assert.True(fields.Single(f => f.GetProperty("key").GetString() == "version").GetProperty("editable").GetBoolean());
        var readOnly = await (await api.PatchJsonAsync($"/api/v1/tickets/{number}", new { fields = new { fixed_in_version = "5.0" } }))
            .ProblemAsync(HttpStatusCode.UnprocessableEntity);
        Assert.True(readOnly.GetProperty("errors").TryGetProperty("fields.fixed_in_version", out _));
        var hidden = await (await api.PatchJsonAsync($"/api/v1/tickets/{number}", new { fields = new { development_ticket = "x" } }))
            .ProblemAsync(HttpStatusCode.BadRequest);
        Assert.Equal("This field does not exist.", hidden.GetProperty("errors").GetProperty("fields.development_ticket")[0].GetString());
        var agentApi = await app.ApiClientAsync("agent@support.test");
        var byAgent = await agentApi.PatchJsonAsync($"/api/v1/tickets/{number}", new { fields = new Dictionary<string, object?> { ["fixed_in_version"] = "5.0", ["development_ticket"] = null } });
        Assert.Equal(HttpStatusCode.OK, byAgent.StatusCode);
        var agentFields = (await byAgent.JsonAsync()).GetProperty("fields").EnumerateArray().ToDictionary(f => f.GetProperty("key").GetString()!, f => f.GetProperty("value"));
        Assert.Equal("5.0", agentFields["fixed_in_version"].GetString());
        Assert.Equal(System.Text.Json.JsonValueKind.Null, agentFields["development_ticket"].ValueKind);

        // The export has a column per field customers may see, not the hidden one.
        var csv = await alice.Http.GetStringAsync("/requests?handler=export&format=csv");
        var heading = csv.Split("\r\n")[0];
        Assert.Contains("Fixed in version", heading);
        Assert.DoesNotContain("Development ticket", heading);
        Assert.Contains("5.0", csv.Split("\r\n")[1]);
    }

    [Theory, Databases]
    public async Task A_customer_changes_details_in_the_side_panel_until_the_request_is_closed(Db db)
    {
        await using var app = await GuichetApp.StartAsync(db);
        var hugo = await app.CreateUserAsync("hugo@example.org", first: "Hugo", last: "Blanc");
        var agent = await app.CreateUserAsync("agent@example.org", Roles.Agent);
        var ticket = await app.OpenTicketAsync(hugo, "Bug report", "Search finds nothing",
            new Dictionary<string, string> { ["where_in_application"] = "Search", ["version"] = "4.2" });
        using var client = await app.SignInAsync("hugo@example.org");

        var page = await client.GetAsync($"/requests/{ticket.Number}");
        Assert.Equal("4.2", page.QuerySelector("details.edit-fields #cf-version")!.GetAttribute("value"));
        Assert.False(page.QuerySelector("details.edit-fields")!.HasAttribute("open"));
        // A value that is not a choice is refused next to its field; what was typed stays, nothing is saved.
        var refused = await PageClient.ParseAsync(await client.SubmitAsync(page, "details.edit-fields form", new Dictionary<string, string>
        {
            ["cf.version"] = "4.3",
            ["cf.reproducible"] = "never",
        }));
        Assert.True(refused.QuerySelector("details.edit-fields")!.HasAttribute("open"));
        Assert.Equal("Choose a value from the list.", Text(refused.QuerySelector("details.edit-fields [data-custom-field='reproducible'] .field-error")));
        Assert.Equal("4.3", refused.QuerySelector("details.edit-fields #cf-version")!.GetAttribute("value"));
        Assert.Equal("4.2", Fact(refused, "Version"));

        var saved = await client.SubmitAndFollowAsync(refused, "details.edit-fields form", new Dictionary<string, string>
        {
            ["cf.reproducible"] = "always",
            ["cf.where_in_application"] = "",
        });
        Assert.Equal("4.3", Fact(saved, "Version"));
        Assert.Equal("Every time", Fact(saved, "Does it happen again?"));
        Assert.Equal("—", Fact(saved, "Where in the application?"));
        var history = History(saved);
        Assert.Contains("Hugo Blanc changed Version from 4.2 to 4.3.", history);
        Assert.Contains("Hugo Blanc set Does it happen again? to Every time.", history);
        Assert.Contains("Hugo Blanc emptied Where in the application?.", history);

        await app.SetStatusAsync(ticket.Number, StatusCategory.Closed, agent.Id);
        var closed = await client.GetAsync($"/requests/{ticket.Number}");
        Assert.Null(closed.QuerySelector("details.edit-fields"));
        Assert.Equal("4.3", Fact(closed, "Version"));
        var forged = await client.SubmitAsync(saved, "details.edit-fields form", new Dictionary<string, string> { ["cf.version"] = "5.0" });
        Assert.Equal(HttpStatusCode.OK, forged.StatusCode);
        Assert.Contains("can no longer be changed", (await PageClient.ParseAsync(forged)).MainText());
        Assert.Equal("4.3", Fact(await client.GetAsync($"/requests/{ticket.Number}"), "Version"));
    }

    [Theory, Databases]
    public async Task Without_script_choosing_another_kind_redraws_the_form_with_its_fields_and_keeps_what_was_typed(Db db)
    {
        await using var app = await GuichetApp.StartAsync(db);
        await app.CreateUserAsync("noscript@example.org");
        await app.SetRequiredAsync("Bug report", "where_in_application", true);
        var question = await app.TypeIdAsync("Question / assistance");
        var bug = await app.TypeIdAsync("Bug report");
        using var client = await app.SignInAsync("noscript@example.org");

        var form = await client.GetAsync("/requests/new");
        Assert.True(Shown(form, "where_in_application"));
        Assert.False(Required(form, "where_in_application"));
        Assert.True(Hidden(form, "version"));
        var redrawn = await SwitchTypeAsync(client, form, new Dictionary<string, string>
        {
            ["Input.RequestTypeId"] = bug.ToString(),
            ["Input.Subject"] = "Export is slow",
            ["Input.Description"] = "Ten minutes for one page.",
            ["cf.where_in_application"] = "Reports",   // on both kinds
            ["cf.wanted_by"] = "2026-12-01",            // on neither (a configuration request's field)
        });
        Assert.Equal(bug.ToString(), redrawn.QuerySelector("input[name='Input.RequestTypeId'][checked]")?.GetAttribute("value"));
        Assert.Equal("Export is slow", redrawn.QuerySelector("#Input_Subject")!.GetAttribute("value"));
        Assert.Equal("Ten minutes for one page.", redrawn.QuerySelector("#Input_Description")!.TextContent.Trim());
        Assert.Equal("Reports", redrawn.QuerySelector("#cf-where_in_application")!.GetAttribute("value"));
        Assert.Equal("2026-12-01", redrawn.QuerySelector("#cf-wanted_by")!.GetAttribute("value"));
        Assert.True(Shown(redrawn, "where_in_application"));
        Assert.True(Required(redrawn, "where_in_application"));
        Assert.True(Shown(redrawn, "version"));
        Assert.True(Hidden(redrawn, "wanted_by"));
        // Redrawn, not refused: no error for the required field not checked yet.
        Assert.All(redrawn.QuerySelectorAll(".field-error").Select(Text), error => Assert.Equal("", error));

        var back = await SwitchTypeAsync(client, redrawn, new Dictionary<string, string>
        {
            ["Input.RequestTypeId"] = question.ToString(),
            ["cf.version"] = "4.2",
        });
        Assert.Equal("Reports", back.QuerySelector("#cf-where_in_application")!.GetAttribute("value"));
        Assert.False(Required(back, "where_in_application"));
        Assert.True(Hidden(back, "version"));
        Assert.Equal("4.2", back.QuerySelector("#cf-version")!.GetAttribute("value"));

        var again = await SwitchTypeAsync(client, back, new Dictionary<string, string> { ["Input.RequestTypeId"] = bug.ToString() });
        var ticket = await client.SubmitAndFollowAsync(again, "main form");
        Assert.Equal("Export is slow", Text(ticket.QuerySelector("h1")));
        Assert.Equal("Reports", Fact(ticket, "Where in the application?"));
        Assert.Equal("4.2", Fact(ticket, "Version"));
        // A field of another kind is not kept on the request.
        Assert.Equal(2, await app.WithDbAsync(d => d.TicketFieldValues.CountAsync()));
    }

    [Theory, Databases]
    public async Task A_field_column_shows_its_values_sorts_numbers_as_numbers_and_goes_into_the_export(Db db)
    {
        await using var app = await GuichetApp.StartAsync(db);
        var zoe = await app.CreateUserAsync("zoe@example.org");
        const string idea = "Improvement suggestion";
        await app.OpenTicketAsync(zoe, idea, "Nine", new Dictionary<string, string> { ["people_concerned"] = "9", ["business_impact"] = "medium" });
        await app.OpenTicketAsync(zoe, idea, "Nobody said", new Dictionary<string, string>());
        await app.OpenTicketAsync(zoe, idea, "A hundred", new Dictionary<string, string> { ["people_concerned"] = "100" });
        await app.OpenTicketAsync(zoe, idea, "Ten", new Dictionary<string, string> { ["people_concerned"] = "10" });
        using var client = await app.SignInAsync("zoe@example.org");

        var list = await client.GetAsync("/requests");
        var column = list.QuerySelector<IHtmlInputElement>("input[name='columns'][value='field:people_concerned']")!;
        Assert.False(column.IsChecked);
        column.IsChecked = true;
        await client.SubmitAndFollowAsync(list, "form[action*='handler=Columns']");

        list = await client.GetAsync("/requests");
        var headings = list.QuerySelectorAll("table.requests th").Select(Text).ToList();
        Assert.Equal("People who would use it", headings[^1]);
        Assert.Equal(["Ten", "A hundred", "Nobody said", "Nine"], Subjects(list));
        Assert.Equal(["10", "100", "", "9"], list.QuerySelectorAll("table.requests tbody tr td:last-child").Select(Text));

        var ascending = await client.GetAsync(list.QuerySelector("table.requests th:last-child a")!.GetAttribute("href")!);
        Assert.Equal(["Nine", "Ten", "A hundred", "Nobody said"], Subjects(ascending));
        Assert.Equal("ascending", ascending.QuerySelector("table.requests th:last-child")!.GetAttribute("aria-sort"));
        var descending = await client.GetAsync(ascending.QuerySelector("table.requests th:last-child a")!.GetAttribute("href")!);
        Assert.Equal(["A hundred", "Ten", "Nine", "Nobody said"], Subjects(descending));

        var csv = Encoding.UTF8.GetString(await client.Http.GetByteArrayAsync(descending.QuerySelector("a[href*='format=csv']")!.GetAttribute("href")!))
            .TrimStart('\uFEFF').Split("\r\n", StringSplitOptions.RemoveEmptyEntries);
        var heading = csv[0].Split(',').ToList();
        var people = heading.IndexOf("People who would use it");
        var impact = heading.IndexOf("Benefit for your work");
        Assert.True(people > 0 && impact > 0, csv[0]);
        Assert.Equal(["A hundred", "Ten", "Nine", "Nobody said"], csv[1..].Select(l => l.Split(',')[1]));
        Assert.Equal(["100", "10", "9", ""], csv[1..].Select(l => l.Split(',')[people]));
        Assert.Equal(["", "", "Saves time every week", ""], csv[1..].Select(l => l.Split(',')[impact]));
    }

    private static string Text(IElement? element) => string.Join(' ', (element?.TextContent ?? "").Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries));

    private static string Spaces(string text) => text.Replace('\u202F', ' ').Replace('\u00A0', ' ');

    /// <summary>The value next to a term of the side panel's "Details".</summary>
    private static string Fact(IDocument page, string term)
    {
        var dt = page.QuerySelectorAll("aside dl.facts dt").FirstOrDefault(d => Text(d) == term)
            ?? throw new InvalidOperationException($"No '{term}' in the side panel: {string.Join(" | ", page.QuerySelectorAll("aside dl.facts dt").Select(Text))}");
        return Text(dt.NextElementSibling);
    }

    private static string History(IDocument page) => Text(page.QuerySelector("details.history"));

    private static List<string> Subjects(IDocument page) => page.QuerySelectorAll("table.requests tbody tr td:first-child").Select(Text).ToList();

    private static void Tick(IDocument page, string name, string value) =>
        page.QuerySelector<IHtmlInputElement>($"input[type='checkbox'][name='{name}'][value='{value}']")!.IsChecked = true;

    private static IElement Block(IDocument page, string key) => page.QuerySelector($"main form [data-custom-field='{key}']")!;
    private static bool Hidden(IDocument page, string key) => Block(page, key).HasAttribute("hidden");
    private static bool Shown(IDocument page, string key) => !Hidden(page, key);
    private static bool Required(IDocument page, string key) => !Block(page, key).QuerySelector("[data-required-marker]")!.HasAttribute("hidden");

    /// <summary>As the "show the fields" button (in noscript) does: the same form, to the SwitchType handler.</summary>
    private static async Task<IDocument> SwitchTypeAsync(PageClient client, IDocument page, Dictionary<string, string> fields)
    {
        var button = page.QuerySelector("main form button[formaction*='handler=SwitchType']")
            ?? throw new InvalidOperationException("No button to show the fields of the chosen kind.");
        page.QuerySelector("main form")!.SetAttribute("action", button.GetAttribute("formaction"));
        var response = await client.SubmitMultipartAsync(page, "main form", fields);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return await PageClient.ParseAsync(response);
    }
}
