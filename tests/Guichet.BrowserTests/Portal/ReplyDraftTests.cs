using Guichet.BrowserTests.Infrastructure;
using Microsoft.Playwright;
using Xunit.Abstractions;

namespace Guichet.BrowserTests.Portal;

[Collection(BrowserCollection.Name)]
public sealed class ReplyDraftTests(Chromium chromium, ITestOutputHelper output)
{
    private const string DraftsInStorage = "() => Object.keys(localStorage).filter(k => k.startsWith('guichet:draft:')).length";

    [Fact]
    public async Task A_customer_reply_being_written_survives_a_reload_can_be_discarded_and_goes_once_sent_in_French()
    {
        await using var app = await BrowserApp.StartAsync(output);
        var email = People.UniqueEmail("rosalind");
        var customer = await app.CreateUserAsync(email, "Rosalind", "Franklin");
        var number = (await app.OpenRequestAsync(customer, "Printer on fire")).Number;

        await using var context = await chromium.NewContextAsync(app);
        var page = await context.NewPageAsync();
        await page.SignInAsync(email, People.Password);
        await page.GotoAsync($"/requests/{number}");
        await page.SwitchLanguageAsync("fr");

        var box = page.GetByLabel("Votre réponse");
        var restored = page.GetByText("Brouillon rétabli");
        await box.FillAsync("Il fume encore un peu.");
        await WaitForDraftsAsync(page, 1);
        await page.ReloadAsync();
        await Expect(box).ToHaveValueAsync("Il fume encore un peu.");
        await Expect(restored).ToBeVisibleAsync();
        await ScreenshotAsync(page, "portal-draft-restored-fr");
        await AssertAccessibleAsync(page);

        // Discarded: gone from the box and from the browser.
        await page.GetByRole(AriaRole.Button, new() { Name = "Abandonner le brouillon" }).ClickAsync();
        await Expect(box).ToHaveValueAsync("");
        await Expect(box).ToBeFocusedAsync();
        await WaitForDraftsAsync(page, 0);

        await box.FillAsync("Il ne fume plus, merci.");
        await WaitForDraftsAsync(page, 1);
        await page.GetByRole(AriaRole.Button, new() { Name = "Envoyer ma réponse" }).ClickAsync();
        await Expect(page.Locator(".flash")).ToHaveTextAsync("Votre réponse a été envoyée.");
        await WaitForDraftsAsync(page, 0);
        await page.ReloadAsync();
        await Expect(box).ToHaveValueAsync("");
        await Expect(restored).ToBeHiddenAsync();
    }

    /// <summary>The drafts are saved a moment after the typing stops (the page's CSP refuses Playwright's polling by eval).</summary>
    private static async Task WaitForDraftsAsync(IPage page, int count)
    {
        for (var i = 0; i < 50 && await page.EvaluateAsync<int>(DraftsInStorage) != count; i++) await Task.Delay(100);
        Assert.Equal(count, await page.EvaluateAsync<int>(DraftsInStorage));
    }
}
