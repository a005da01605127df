using Guichet.BrowserTests.Infrastructure;
using Microsoft.Playwright;
using Xunit.Abstractions;

namespace Guichet.BrowserTests.Agent;

[Collection(BrowserCollection.Name)]
public sealed class TimeTests(Chromium chromium, ITestOutputHelper output)
{
    [Fact]
    public async Task An_agent_logs_time_with_the_keyboard_and_finds_it_in_the_report_in_Italian()
    {
        await using var app = await BrowserApp.StartAsync(output);
        var email = People.UniqueEmail("ada");
        await app.CreateSupportAgentAsync(email, "Ada", "Lovelace");
        var customer = await app.CreateUserAsync(People.UniqueEmail("rosalind"), "Rosalind", "Franklin");
        var number = (await app.OpenRequestAsync(customer, "Printer on fire")).Number;

        await using var context = await chromium.NewContextAsync(app);
        var page = await context.NewPageAsync();
        await page.SignInAsync(email, People.Password);
        await page.GotoAsync($"/agent/tickets/{number}");
        await page.SwitchLanguageAsync("it");

        var time = page.Locator("#time");
        await Expect(time.GetByRole(AriaRole.Heading)).ToHaveTextAsync("Tempo impiegato");
        await time.GetByText("Registra tempo").First.FocusAsync();
        await page.Keyboard.PressAsync("Enter");
        // A duration it cannot read: said next to the field, what was typed kept.
        await time.GetByLabel("Tempo impiegato").FillAsync("presto");
        await time.GetByLabel("Cosa è stato fatto (facoltativo)").FillAsync("Sostituito il fusore");
        await time.GetByLabel("Cosa è stato fatto (facoltativo)").PressAsync("Enter");
        await Expect(page.Locator("#Time_Duration-error")).ToContainTextAsync("Indichi la durata");
        await Expect(page.Locator("#time").GetByLabel("Cosa è stato fatto (facoltativo)")).ToHaveValueAsync("Sostituito il fusore");
        await page.Locator("#time").GetByLabel("Tempo impiegato").FillAsync("1h30");
        await page.Locator("#time").GetByLabel("Tempo impiegato").PressAsync("Enter");
        await Expect(page.Locator(".flash")).ToHaveTextAsync("1 h 30 min registrato.");
        await Expect(page.Locator("#time")).ToContainTextAsync("Totale: 1 h 30 min");
        await Expect(page.Locator("#time")).ToContainTextAsync("Sostituito il fusore");

        await page.GotoAsync("/agent/time");
        await Expect(page.GetByRole(AriaRole.Status)).ToContainTextAsync("1 h 30 min");
        await Expect(page.Locator("section[aria-labelledby=by-person]")).ToContainTextAsync("Ada Lovelace");
        await Expect(page.GetByRole(AriaRole.Link, new() { Name = $"#{number} Printer on fire" })).ToBeVisibleAsync();
        await PageChecks.ScreenshotAsync(page, "agent-time-report-it");
        await Layout.AssertFitsAPhoneAsync(page);
        await PageChecks.AssertAccessibleAsync(page);

        await page.GotoAsync($"/agent/tickets/{number}#time");
        await PageChecks.ScreenshotAsync(page, "agent-ticket-time-it");
        await PageChecks.AssertAccessibleAsync(page);
    }
}
