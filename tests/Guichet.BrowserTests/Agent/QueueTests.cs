using Guichet.BrowserTests.Infrastructure;
using Guichet.Web.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using Xunit.Abstractions;

namespace Guichet.BrowserTests.Agent;

[Collection(BrowserCollection.Name)]
public sealed class QueueTests(Chromium chromium, ITestOutputHelper output)
{
    [Fact]
    public async Task An_agent_goes_through_the_queues_and_filters_them_with_the_keyboard_in_German()
    {
        await using var app = await BrowserApp.StartAsync(output);
        var email = People.UniqueEmail("agent");
        var agent = await app.CreateSupportAgentAsync(email, "Ada", "Agent");
        var customer = await app.CreateUserAsync(People.UniqueEmail("customer"), "Rosalind", "Franklin");
        await app.OpenRequestAsync(customer, "Printer on fire");
        var mine = await app.OpenRequestAsync(customer, "Scanner jammed");
        using (var scope = app.Services.CreateScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<GuichetDbContext>();
            var ticket = await db.Tickets.SingleAsync(t => t.Number == mine.Number);
            ticket.Assign(agent.Id, agent.Id, scope.ServiceProvider.GetRequiredService<TimeProvider>().GetUtcNow());
            await db.SaveChangesAsync();
        }
        await using var context = await chromium.NewContextAsync(app);
        var page = await context.NewPageAsync();
        await page.SignInAsync(email, People.Password);
        await page.GotoAsync("/agent");
        await page.SwitchLanguageAsync("de");
        await Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync("Offen in meinen Gruppen");
        await Expect(page.GetByRole(AriaRole.Status)).ToHaveTextAsync("2 Tickets");

        var queues = page.GetByRole(AriaRole.Navigation, new() { Name = "Warteschlangen" });
        await queues.GetByRole(AriaRole.Link, new() { Name = "Mir zugewiesen" }).FocusAsync();
        await page.Keyboard.PressAsync("Enter");
        await Expect(page).ToHaveURLAsync(new System.Text.RegularExpressions.Regex("queue=mine"));
        await Expect(page.GetByRole(AriaRole.Row).Filter(new() { HasText = "Scanner jammed" })).ToBeVisibleAsync();
        await Expect(page.GetByRole(AriaRole.Status)).ToHaveTextAsync("1 Ticket");

        // Back to the group's queue, only what nobody has taken.
        await queues.GetByRole(AriaRole.Link, new() { Name = "Offen in meinen Gruppen" }).ClickAsync();
        // The filter, not the column of the same name in the columns chooser.
        await page.GetByRole(AriaRole.Listbox, new() { Name = "Zugewiesen an", Exact = true }).SelectOptionAsync(new SelectOptionValue { Label = "Niemand" });
        await page.GetByRole(AriaRole.Button, new() { Name = "Anwenden" }).PressAsync("Enter");
        await Expect(page.GetByRole(AriaRole.Status)).ToHaveTextAsync("1 Ticket");
        await Expect(page.GetByRole(AriaRole.Row).Filter(new() { HasText = "Printer on fire" })).ToBeVisibleAsync();

        // Ticked with the space bar, taken with the keyboard: the bulk form.
        await page.GetByRole(AriaRole.Checkbox, new() { Name = "#1001 anhaken" }).FocusAsync();
        await page.Keyboard.PressAsync("Space");
        await page.GetByLabel("Zuweisen an").SelectOptionAsync(new SelectOptionValue { Label = "Mir" });
        await page.GetByRole(AriaRole.Button, new() { Name = "Angehakte Tickets ändern" }).PressAsync("Enter");
        await Expect(page.Locator(".flash")).ToContainTextAsync("Geändert: 1.");
        await Expect(page.GetByRole(AriaRole.Row).Filter(new() { HasText = "Printer on fire" })).ToHaveCountAsync(0);

        await page.GotoAsync("/agent");
        await PageChecks.ScreenshotAsync(page, "agent-queues-de");
        await Layout.AssertFitsAPhoneAsync(page);
        await PageChecks.AssertAccessibleAsync(page);
    }
}
