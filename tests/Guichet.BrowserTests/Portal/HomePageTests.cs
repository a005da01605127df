using Guichet.BrowserTests.Infrastructure;
using Microsoft.Playwright;
using Xunit.Abstractions;

namespace Guichet.BrowserTests.Portal;

[Collection(BrowserCollection.Name)]
public sealed class HomePageTests(Chromium chromium, ITestOutputHelper output)
{
    [Fact]
    public async Task Visitor_switches_the_home_page_to_French_with_the_language_picker()
    {
        await using var app = await BrowserApp.StartAsync(output);
        await using var context = await chromium.NewContextAsync(app);
        var page = await context.NewPageAsync();

        await page.GotoAsync("/");
        await Expect(page.Locator("html")).ToHaveAttributeAsync("lang", "en");
        await Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToBeVisibleAsync();
        await ScreenshotAsync(page, "home-en");
        await AssertAccessibleAsync(page);

        await page.GetByLabel("Language").SelectOptionAsync("fr");
        // Without JavaScript the picker needs its button; with it, choosing may already submit.
        var change = page.GetByRole(AriaRole.Button, new() { Name = "Change" });
        if (await change.IsVisibleAsync()) await change.ClickAsync();

        await Expect(page.Locator("html")).ToHaveAttributeAsync("lang", "fr");
        await Expect(page).ToHaveURLAsync(app.BaseUrl + "/");
        // By id: once translated, the label is no longer "Language".
        await Expect(page.Locator("#language-picker")).ToHaveValueAsync("fr");
        await ScreenshotAsync(page, "home-fr");
        await AssertAccessibleAsync(page);
    }
}
