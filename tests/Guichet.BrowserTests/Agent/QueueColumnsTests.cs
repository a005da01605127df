using Guichet.BrowserTests.Infrastructure;
using Guichet.Web.Data;
using Guichet.Web.Localization;
using Guichet.Web.Tickets;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using Xunit.Abstractions;

namespace Guichet.BrowserTests.Agent;

[Collection(BrowserCollection.Name)]
public sealed class QueueColumnsTests(Chromium chromium, ITestOutputHelper output)
{
    [Fact]
    public async Task An_agent_chooses_columns_filters_on_a_hidden_field_and_sees_the_views_count()
    {
        await using var app = await BrowserApp.StartAsync(output);
        var email = People.UniqueEmail("agent");
        await app.CreateSupportAgentAsync(email, "Ada", "Agent");
        var customer = await app.CreateUserAsync(People.UniqueEmail("customer"), "Rosalind", "Franklin");
        var wanted = await app.OpenRequestAsync(customer, "Invoice wrong");
        await app.OpenRequestAsync(customer, "Printer on fire");
        using (var scope = app.Services.CreateScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<GuichetDbContext>();
            var field = new CustomField
            {
                Key = "contract", Kind = CustomFieldKind.Text, CustomerAccess = CustomerAccess.Hidden,
                Labels = new LocalizedText(new Dictionary<string, string> { ["en"] = "Contract" }), Help = new LocalizedText(new Dictionary<string, string>()),
            };
            db.CustomFields.Add(field);
            await db.SaveChangesAsync();
            db.TicketFieldValues.Add(new TicketFieldValue { TicketId = wanted.Id, CustomFieldId = field.Id, Value = "ACME-12" });
            await db.SaveChangesAsync();
        }
        await using var context = await chromium.NewContextAsync(app);
        var page = await context.NewPageAsync();
        await page.SignInAsync(email, People.Password);
        await page.GotoAsync("/agent?queue=all");

        // Columns: the contract, second.
        await page.GetByText("Columns", new() { Exact = true }).ClickAsync();
        await page.GetByRole(AriaRole.Checkbox, new() { Name = "Contract", Exact = true }).CheckAsync();
        await page.GetByLabel("Position of Contract").FillAsync("2");
        await page.GetByRole(AriaRole.Button, new() { Name = "Show these columns" }).ClickAsync();
        await Expect(page).ToHaveURLAsync(new System.Text.RegularExpressions.Regex("columns="));
        await Expect(page.GetByRole(AriaRole.Columnheader).Nth(1)).ToHaveTextAsync("Contract");

        // Filtered on the hidden field, from the form.
        await page.GetByText("Custom fields", new() { Exact = true }).ClickAsync();
        await page.Locator("input[name='f.contract']").FillAsync("acme");
        await page.GetByRole(AriaRole.Button, new() { Name = "Apply" }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Status)).ToHaveTextAsync("1 ticket");
        await Expect(page.GetByRole(AriaRole.Row).Filter(new() { HasText = "ACME-12" })).ToBeVisibleAsync();

        // Saved as a view: its count arrives after the page.
        await page.GetByText("Save these filters as a view").ClickAsync();
        await page.GetByLabel("Name of the view").FillAsync("Acme contracts");
        await page.GetByRole(AriaRole.Button, new() { Name = "Save as a new view" }).ClickAsync();
        await Expect(page.Locator("[data-view-count]")).ToHaveTextAsync("1");

        await page.GetByText("Columns", new() { Exact = true }).ClickAsync();
        await page.GetByText("Custom fields", new() { Exact = true }).ClickAsync();
        await PageChecks.ScreenshotAsync(page, "agent-queue-columns");
        foreach (var width in new[] { 375, 1440 })
        {
            await page.SetViewportSizeAsync(width, 900);
            await PageChecks.AssertAccessibleAsync(page);
        }
        await page.SetViewportSizeAsync(375, 900);
        await Layout.AssertFitsAPhoneAsync(page);
    }
}
