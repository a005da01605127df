using Guichet.BrowserTests.Infrastructure;
using Guichet.Web.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using Xunit.Abstractions;

namespace Guichet.BrowserTests.Portal;

[Collection(BrowserCollection.Name)]
public sealed class CustomFieldTests(Chromium chromium, ITestOutputHelper output)
{
    [Fact]
    public async Task Switching_the_kind_shows_its_fields_keeps_what_was_typed_and_the_values_reach_the_request()
    {
        await using var app = await BrowserApp.StartAsync(output);
        // "Where in the application?" is on three kinds; required only on a bug report.
        await RequireAsync(app, "Bug report", "where_in_application");
        var email = People.UniqueEmail("grace");
        await app.CreateUserAsync(email, "Grace", "Hopper");
        await using var context = await chromium.NewContextAsync(app);
        var page = await context.NewPageAsync();
        await page.SignInAsync(email, People.Password);

        await page.GotoAsync("/requests/new");
        var where = page.GetByRole(AriaRole.Textbox, new() { Name = "Where in the application?" });
        var version = page.GetByRole(AriaRole.Textbox, new() { Name = "Version" });
        var reproducible = page.GetByRole(AriaRole.Combobox, new() { Name = "Does it happen again?" });
        var wantedBy = page.GetByLabel("Wanted by");
        var whereMarker = page.Locator("[data-custom-field='where_in_application'] [data-required-marker]");
        // A question asks where, optionally, and nothing about versions.
        await Expect(where).ToBeVisibleAsync();
        await Expect(whereMarker).ToBeHiddenAsync();
        await Expect(version).ToBeHiddenAsync();
        await where.FillAsync("Reports › Export");

        await page.TypeChoice("Bug report").CheckAsync();
        await Expect(version).ToBeVisibleAsync();
        await Expect(reproducible).ToBeVisibleAsync();
        await Expect(whereMarker).ToBeVisibleAsync();
        await Expect(where).ToHaveAttributeAsync("aria-required", "true");
        await Expect(where).ToHaveValueAsync("Reports › Export");
        await version.FillAsync("4.2");
        await reproducible.SelectOptionAsync(new SelectOptionValue { Label = "Sometimes" });
        // In the bug report's order.
        await Expect(page.Locator("[data-custom-field]:visible")).ToHaveCountAsync(3);
        Assert.Equal(["where_in_application", "version", "reproducible"],
            await page.Locator("[data-custom-field]:visible").EvaluateAllAsync<string[]>("fields => fields.map(f => f.dataset.customField)"));

        await page.TypeChoice("Question / assistance").CheckAsync();
        await Expect(version).ToBeHiddenAsync();
        await Expect(reproducible).ToBeHiddenAsync();
        await Expect(whereMarker).ToBeHiddenAsync();
        await Expect(where).Not.ToHaveAttributeAsync("aria-required", "true");
        await Expect(where).ToHaveValueAsync("Reports › Export");
        await page.TypeChoice("Configuration request").CheckAsync();
        await Expect(wantedBy).ToBeVisibleAsync();
        await Expect(where).ToBeVisibleAsync();

        await page.TypeChoice("Bug report").CheckAsync();
        await Expect(wantedBy).ToBeHiddenAsync();
        await Expect(version).ToHaveValueAsync("4.2");
        await Expect(reproducible).ToHaveValueAsync("sometimes");
        await Expect(whereMarker).ToBeVisibleAsync();
        await ScreenshotAsync(page, "request-new-fields");
        await AssertAccessibleAsync(page);

        var number = await page.SendNewRequestAsync("Bug report", "Export stops at page 10", "Every export of more than ten pages stops.");
        await Expect(page.Fact("Where in the application?")).ToHaveTextAsync("Reports › Export");
        await Expect(page.Fact("Version")).ToHaveTextAsync("4.2");
        await Expect(page.Fact("Does it happen again?")).ToHaveTextAsync("Sometimes");
        await Expect(page.Fact("Fixed in version")).ToHaveTextAsync("—");
        await Expect(page.GetByText("Development ticket")).ToHaveCountAsync(0);

        // Later, a detail changes in the side panel, and the history says so.
        var side = page.GetByRole(AriaRole.Complementary);
        await side.GetByText("Change these details").ClickAsync();
        await side.GetByRole(AriaRole.Textbox, new() { Name = "Version" }).FillAsync("4.2.1");
        await side.GetByRole(AriaRole.Button, new() { Name = "Save the details" }).ClickAsync();
        await Expect(page).ToHaveURLAsync($"{app.BaseUrl}/requests/{number}");
        await Expect(page.Fact("Version")).ToHaveTextAsync("4.2.1");
        await page.Locator("details.history summary").ClickAsync();
        await Expect(page.GetByText("Grace Hopper changed Version from 4.2 to 4.2.1.")).ToBeVisibleAsync();
        await ScreenshotAsync(page, "request-fields");
        await AssertAccessibleAsync(page);
    }

    private static async Task RequireAsync(BrowserApp app, string typeName, string key)
    {
        using var scope = app.Services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<GuichetDbContext>();
        var typeId = (await db.RequestTypes.AsNoTracking().ToListAsync()).Single(t => t.Names.In("en") == typeName).Id;
        var field = await db.RequestTypeFields.SingleAsync(f => f.RequestTypeId == typeId && f.CustomField.Key == key);
        field.IsRequired = true;
        await db.SaveChangesAsync();
    }
}
