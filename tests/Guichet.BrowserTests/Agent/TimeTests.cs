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

    [Fact]
    public async Task The_timer_runs_on_across_a_reload_and_its_stop_fills_in_the_time_to_log()
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

        var timer = page.Locator("#timer");
        var shown = timer.GetByRole(AriaRole.Timer, new() { Name = "Timer" });
        await Expect(shown).ToHaveTextAsync("0:00:00");
        // With the keyboard: the focus goes to the next button to press, and what happened is said.
        await timer.GetByRole(AriaRole.Button, new() { Name = "Start the timer" }).FocusAsync();
        await page.Keyboard.PressAsync("Enter");
        var pause = timer.GetByRole(AriaRole.Button, new() { Name = "Pause the timer" });
        await Expect(pause).ToBeFocusedAsync();
        await Expect(timer.GetByRole(AriaRole.Status)).ToHaveTextAsync("The timer is running.");

        // Started 25 minutes ago, as far as this browser knows; a reload finds it running.
        await page.EvaluateAsync(@"() => {
            const key = Object.keys(localStorage).find(k => k.startsWith('guichet:timer:') && k.endsWith(':ticket:" + number + @"'));
            const kept = JSON.parse(localStorage.getItem(key));
            kept.startedAt -= 25 * 60000;
            localStorage.setItem(key, JSON.stringify(kept));
        }");
        await page.ReloadAsync();
        await Expect(shown).ToContainTextAsync("0:25:");
        await Expect(pause).ToBeVisibleAsync();
        await pause.ClickAsync();
        var resume = timer.GetByRole(AriaRole.Button, new() { Name = "Resume the timer" });
        await Expect(resume).ToBeFocusedAsync();
        await page.ReloadAsync();
        await Expect(resume).ToBeVisibleAsync();
        await Expect(shown).ToContainTextAsync("0:25:");
        await PageChecks.ScreenshotAsync(page, "agent-ticket-timer-paused");
        await PageChecks.AssertAccessibleAsync(page);

        // Stopped: the duration is in the form, for the agent to check and send; the timer starts again from nothing.
        await timer.GetByRole(AriaRole.Button, new() { Name = "Stop and fill in the time" }).ClickAsync();
        var duration = page.Locator("#time").GetByLabel("Time spent");
        await Expect(duration).ToHaveValueAsync("25m");
        await Expect(duration).ToBeFocusedAsync();
        await Expect(timer.GetByRole(AriaRole.Status)).ToContainTextAsync("25m is in the Log time form");
        await Expect(shown).ToHaveTextAsync("0:00:00");
        Assert.Equal(0, await page.EvaluateAsync<int>("() => Object.keys(localStorage).filter(k => k.startsWith('guichet:timer:')).length"));
        await PageChecks.AssertAccessibleAsync(page);
        await duration.PressAsync("Enter");
        await Expect(page.Locator(".flash")).ToHaveTextAsync("25 min logged.");
        await Expect(page.Locator("#time")).ToContainTextAsync("Total: 25 min");
    }
}
