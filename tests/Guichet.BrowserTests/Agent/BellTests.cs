using System.Text.RegularExpressions;
using Guichet.BrowserTests.Infrastructure;
using Guichet.BrowserTests.Portal;
using Guichet.Web.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using Xunit.Abstractions;

namespace Guichet.BrowserTests.Agent;

/// <summary>The header's bell, brought up to date while an agent watches a queue and a customer writes in another browser.</summary>
[Collection(BrowserCollection.Name)]
public sealed class BellTests(Chromium chromium, ITestOutputHelper output)
{
    // "A couple of seconds after an event" (docs/agents.md): the dispatcher runs every second, the page asks two seconds later.
    private static readonly LocatorAssertionsToHaveTextOptions Soon = new() { Timeout = 10_000 };

    [Fact]
    public async Task The_bell_counts_a_new_request_and_a_customer_reply_without_reloading_and_empties_once_the_lines_are_followed_in_German()
    {
        await using var app = await BrowserApp.StartAsync(output);
        var customerEmail = People.UniqueEmail("rosalind");
        var customer = await app.CreateUserAsync(customerEmail, "Rosalind", "Franklin");
        var adaEmail = People.UniqueEmail("ada");
        var ada = await app.CreateSupportAgentAsync(adaEmail, "Ada", "Lovelace");
        var printer = (await app.OpenRequestAsync(customer, "Printer on fire")).Number;
        using (var scope = app.Services.CreateScope())
        {
            // Ada took it herself: nobody is told of their own action.
            var db = scope.ServiceProvider.GetRequiredService<GuichetDbContext>();
            var ticket = await db.Tickets.SingleAsync(t => t.Number == printer);
            ticket.Assign(ada.Id, ada.Id, scope.ServiceProvider.GetRequiredService<TimeProvider>().GetUtcNow());
            await db.SaveChangesAsync();
        }

        await using var adaContext = await chromium.NewContextAsync(app);
        var agent = await adaContext.NewPageAsync();
        await agent.SignInAsync(adaEmail, People.Password);
        await agent.GotoAsync("/agent/notifications");
        await agent.SwitchLanguageAsync("de");
        // The printer's "new request in your groups" line may or may not be written yet: read everything once it is.
        await ShowsLineAsync(agent, "Printer on fire");
        await agent.GetByRole(AriaRole.Button, new() { Name = "Alle als gelesen markieren" }).ClickAsync();
        await agent.GotoAsync("/agent");
        var bell = agent.Locator("#bell");
        var count = bell.Locator(".bell__count");
        await Expect(bell).ToHaveAttributeAsync("aria-label", "Benachrichtigungen: keine ungelesen");
        await Expect(count).ToBeHiddenAsync();

        // The customer, in her own browser, opens a request: it goes to Ada's group, and the bell says so.
        await using var customerContext = await chromium.NewContextAsync(app);
        var customerPage = await customerContext.NewPageAsync();
        await customerPage.SignInAsync(customerEmail, People.Password);
        await customerPage.GotoAsync("/requests/new");
        var scanner = await customerPage.SendNewRequestAsync(Helpdesk.SeededTypes[0], "Scanner jammed", "Paper everywhere.");
        await Expect(count).ToHaveTextAsync("1", Soon);
        await Expect(count).ToBeVisibleAsync();
        await Expect(bell).ToHaveAttributeAsync("aria-label", "Benachrichtigungen: 1 ungelesen");

        // She answers on the request assigned to Ada: one more.
        await customerPage.GotoAsync($"/requests/{printer}");
        await customerPage.GetByLabel("Your reply").FillAsync("It is the one near the kitchen.");
        await customerPage.GetByRole(AriaRole.Button, new() { Name = "Send my reply" }).ClickAsync();
        await Expect(customerPage.Locator("#conversation")).ToContainTextAsync("It is the one near the kitchen.");
        await Expect(count).ToHaveTextAsync("2", Soon);
        await Expect(bell).ToHaveAttributeAsync("aria-label", "Benachrichtigungen: 2 ungelesen");
        Assert.Equal(new Uri(app.BaseUrl + "/agent").AbsolutePath, new Uri(agent.Url).AbsolutePath);   // never reloaded away
        // On a phone the bell is folded into the menu: its toggle shows the number as well.
        var toggleCount = agent.Locator(".site-menu__toggle .bell__count");
        await Expect(toggleCount).ToHaveTextAsync("2");
        var desktop = agent.ViewportSize!;
        await agent.SetViewportSizeAsync(375, 667);
        await Expect(toggleCount).ToBeVisibleAsync();
        await PageChecks.ScreenshotAsync(agent, "agent-queue-bell-de");
        await agent.SetViewportSizeAsync(desktop.Width, desktop.Height);

        // The bell leads to the lines; each leads to its request and is read on the way.
        await bell.ClickAsync();
        await Expect(agent).ToHaveURLAsync(new Regex("/agent/notifications$"));
        var lines = agent.Locator("ol.notifications li");
        await Expect(lines.Filter(new() { HasText = "Ungelesen" })).ToHaveCountAsync(2);
        await PageChecks.ScreenshotAsync(agent, "agent-notifications-de");
        await AssertAccessibleAtBothWidthsAsync(agent);

        await lines.Filter(new() { HasText = "Printer on fire" }).Filter(new() { HasText = "Ungelesen" }).GetByRole(AriaRole.Link).ClickAsync();
        await Expect(agent).ToHaveURLAsync(new Regex($"/agent/tickets/{printer}$"));
        await Expect(agent.Locator("#conversation")).ToContainTextAsync("It is the one near the kitchen.");
        await Expect(bell).ToHaveAttributeAsync("aria-label", "Benachrichtigungen: 1 ungelesen");

        await bell.ClickAsync();
        await lines.Filter(new() { HasText = "Scanner jammed" }).GetByRole(AriaRole.Link).ClickAsync();
        await Expect(agent).ToHaveURLAsync(new Regex($"/agent/tickets/{scanner}$"));
        await Expect(bell).ToHaveAttributeAsync("aria-label", "Benachrichtigungen: keine ungelesen");
        await Expect(count).ToBeHiddenAsync();
        await Expect(toggleCount).ToBeHiddenAsync();
        await bell.ClickAsync();
        await Expect(lines.Filter(new() { HasText = "Ungelesen" })).ToHaveCountAsync(0);
    }

    /// <summary>
    /// The notifications page, reloaded until it lists a line with this text: the line is written by the event dispatcher
    /// (every second, slower while a fresh app compiles its first round), and this page does not follow changes itself.
    /// </summary>
    internal static async Task ShowsLineAsync(IPage page, string text)
    {
        var clock = System.Diagnostics.Stopwatch.StartNew();
        while (!(await page.Locator("ol.notifications").AllInnerTextsAsync()).Any(t => t.Contains(text, StringComparison.Ordinal)))
        {
            Assert.True(clock.Elapsed < TimeSpan.FromSeconds(15), $"No notification line with \"{text}\".");
            await Task.Delay(250);
            await page.ReloadAsync();
        }
    }

    internal static async Task AssertAccessibleAtBothWidthsAsync(IPage page)
    {
        var original = page.ViewportSize;
        foreach (var width in new[] { 375, 1440 })
        {
            await page.SetViewportSizeAsync(width, original?.Height ?? 900);
            await PageChecks.AssertAccessibleAsync(page);
        }
        if (original is not null) await page.SetViewportSizeAsync(original.Width, original.Height);
        await Layout.AssertFitsAPhoneAsync(page);
    }
}
