using Guichet.BrowserTests.Infrastructure;
using Microsoft.Playwright;
using Xunit.Abstractions;

namespace Guichet.BrowserTests.Accounts;

[Collection(BrowserCollection.Name)]
public sealed class ProfileTests(Chromium chromium, ITestOutputHelper output)
{
    [Fact]
    public async Task Choosing_another_language_in_the_profile_confirms_the_save_in_that_language()
    {
        await using var app = await BrowserApp.StartAsync(output);
        var email = People.UniqueEmail("emmy");
        await app.CreateUserAsync(email, "Emmy", "Noether");
        await using var context = await chromium.NewContextAsync(app);
        var page = await context.NewPageAsync();
        await page.SignInAsync(email, People.Password);

        await page.GotoAsync("/account/profile");
        var details = page.GetByRole(AriaRole.Region, new() { Name = "Your details" });
        await details.GetByLabel("Language").SelectOptionAsync(new SelectOptionValue { Label = "Deutsch" });
        await details.GetByRole(AriaRole.Button, new() { Name = "Save" }).ClickAsync();

        await Expect(page.Locator("html")).ToHaveAttributeAsync("lang", "de");
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Ihr Profil", Level = 1 })).ToBeVisibleAsync();
        // The whole page is German now, so the confirmation must be too (not English in a lang="de" page).
        // The page is already there: no need to wait a minute for a text that will not change.
        await Expect(page.GetByRole(AriaRole.Status)).ToHaveTextAsync("Ihr Profil wurde gespeichert.", new() { Timeout = 5_000 });
    }
}
