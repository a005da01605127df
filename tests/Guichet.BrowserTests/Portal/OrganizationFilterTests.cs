using System.Text.RegularExpressions;
using Guichet.BrowserTests.Infrastructure;
using Guichet.Web.Accounts;
using Guichet.Web.Data;
using Guichet.Web.Tickets;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using Xunit.Abstractions;

namespace Guichet.BrowserTests.Portal;

[Collection(BrowserCollection.Name)]
public sealed class OrganizationFilterTests(Chromium chromium, ITestOutputHelper output)
{
    [Fact]
    public async Task A_manager_finds_a_colleagues_request_by_requester_product_and_environment_and_the_URL_keeps_the_filters()
    {
        await using var app = await BrowserApp.StartAsync(output);
        var managerEmail = People.UniqueEmail("maud");
        var manager = await app.CreateUserAsync(managerEmail, "Maud", "Chef");
        var alice = await app.CreateUserAsync(People.UniqueEmail("alice"), "Alice", "Martin");
        var bob = await app.CreateUserAsync(People.UniqueEmail("bob"), "Bob", "Durand");
        var acme = await app.CreateOrganizationAsync("Acme");
        await app.AddMemberAsync(acme, manager, manager: true);
        await app.AddMemberAsync(acme, alice);
        await app.AddMemberAsync(acme, bob);
        var erp = await AddProductAsync(app, "ERP");
        await AddProductAsync(app, "CRM");
        await OpenAsync(app, alice, "Invoices print twice", erp, TicketEnvironment.Production);
        await OpenAsync(app, bob, "Test invoices lost", erp, TicketEnvironment.Test);
        await OpenAsync(app, bob, "Login page slow", null, TicketEnvironment.Production);

        await using var context = await chromium.NewContextAsync(app);
        var page = await context.NewPageAsync();
        await page.SignInAsync(managerEmail, People.Password);
        await page.GotoAsync("/requests");
        await page.GetByRole(AriaRole.Link, new() { Name = "My organization's" }).ClickAsync();
        await Expect(Subjects(page)).ToHaveCountAsync(3);

        var filters = page.GetByRole(AriaRole.Search);
        await Expect(filters.GetByLabel("Requester").Locator("option")).ToHaveTextAsync(["Alice Martin", "Bob Durand", "Maud Chef"]);
        await filters.GetByLabel("Requester").SelectOptionAsync(new SelectOptionValue { Label = "Bob Durand" });
        await filters.GetByLabel("Product or module").SelectOptionAsync(new SelectOptionValue { Label = "ERP" });
        await filters.GetByLabel("Environment").SelectOptionAsync([new SelectOptionValue { Label = "Staging" }, new SelectOptionValue { Label = "Test" }]);
        await filters.GetByRole(AriaRole.Button, new() { Name = "Apply" }).ClickAsync();

        await Expect(page).ToHaveURLAsync(new Regex($"requester={bob.Id}.*product={erp}.*environment=Staging&environment=Test"));
        await Expect(Subjects(page)).ToHaveTextAsync(["Test invoices lost"]);
        await page.ReloadAsync();
        await Expect(Subjects(page)).ToHaveTextAsync(["Test invoices lost"]);
        await Expect(filters.GetByLabel("Environment").Locator("option:checked")).ToHaveTextAsync(["Staging", "Test"]);
        await Expect(filters.GetByLabel("Requester").Locator("option:checked")).ToHaveTextAsync(["Bob Durand"]);
        await Expect(page.GetByRole(AriaRole.Link, new() { Name = "CSV" })).ToHaveAttributeAsync("href", new Regex($"requester={bob.Id}.*product={erp}.*environment=Test.*handler=export"));
        await ScreenshotAsync(page, "requests-filtered");
        await AssertAccessibleAsync(page);

        // Clear brings back the whole organization.
        await page.GetByRole(AriaRole.Link, new() { Name = "Clear" }).ClickAsync();
        await Expect(Subjects(page)).ToHaveCountAsync(3);
    }

    private static ILocator Subjects(IPage page) => page.GetByRole(AriaRole.Table).Locator("tbody tr td:first-child");

    private static async Task<int> AddProductAsync(BrowserApp app, string name)
    {
        using var scope = app.Services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<GuichetDbContext>();
        var product = new Product { Name = name };
        db.Products.Add(product);
        await db.SaveChangesAsync();
        return product.Id;
    }

    private static async Task OpenAsync(BrowserApp app, User requester, string subject, int? product, TicketEnvironment environment)
    {
        using var scope = app.Services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<GuichetDbContext>();
        var type = await db.RequestTypes.AsNoTracking().OrderBy(t => t.SortOrder).FirstAsync();
        await scope.ServiceProvider.GetRequiredService<TicketIntake>().OpenAsync(new TicketIntake.Request(
            requester.Id, type.Id, subject, "Details.", TicketPriority.Normal, product, environment, [], MessageSource.Portal), CancellationToken.None);
    }
}
