using System.Text.RegularExpressions;
using Guichet.BrowserTests.Infrastructure;
using Guichet.Web.Data;
using Guichet.Web.Tickets;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using Xunit.Abstractions;

namespace Guichet.BrowserTests.Agent;

/// <summary>
/// The workspace's newer pages and side-panel sections, each used as an agent would and checked with axe at a phone's
/// and a desktop's width; across the tests every one of the five languages is shown.
/// </summary>
[Collection(BrowserCollection.Name)]
public sealed class WorkspacePagesTests(Chromium chromium, ITestOutputHelper output)
{
    [Fact]
    public async Task An_agent_sets_out_of_office_and_a_signature_with_the_keyboard_only_in_French()
    {
        await using var app = await BrowserApp.StartAsync(output);
        var email = People.UniqueEmail("ada");
        await app.CreateSupportAgentAsync(email, "Ada", "Lovelace");
        await using var context = await chromium.NewContextAsync(app);
        var page = await context.NewPageAsync();
        await page.SignInAsync(email, People.Password);
        await page.GotoAsync("/agent/profile");
        await page.SwitchLanguageAsync("fr");
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Vos réglages", Level = 1 })).ToBeVisibleAsync();
        // On a phone the table's rows are cards: each box keeps the name of its column beside it.
        var firstKind = page.Locator("table.requests tbody tr").First;
        await Expect(firstKind.Locator("td").Nth(0)).ToHaveAttributeAsync("data-label", "Par e-mail");
        await Expect(firstKind.Locator("td").Nth(1)).ToHaveAttributeAsync("data-label", "Dans la cloche");
        await PageChecks.ScreenshotAsync(page, "agent-profile-fr");
        await BellTests.AssertAccessibleAtBothWidthsAsync(page);

        var away = page.GetByLabel("Je suis absent");
        await away.FocusAsync();
        await page.Keyboard.PressAsync("Space");
        await Expect(away).ToBeCheckedAsync();
        await page.GetByLabel("Français").FocusAsync();
        await page.Keyboard.TypeAsync("Ada, support Guichet");
        // From the last signature, Tab reaches the button and Enter saves.
        await page.GetByLabel("Italiano").FocusAsync();
        await page.Keyboard.PressAsync("Tab");
        var save = page.GetByRole(AriaRole.Button, new() { Name = "Enregistrer", Exact = true });
        await Expect(save).ToBeFocusedAsync();
        await page.Keyboard.PressAsync("Enter");

        await Expect(page.GetByRole(AriaRole.Status).Filter(new() { HasText = "Vous êtes absent" })).ToBeVisibleAsync();
        await page.ReloadAsync();
        await Expect(page.GetByLabel("Je suis absent")).ToBeCheckedAsync();
        await Expect(page.GetByLabel("Français")).ToHaveValueAsync("Ada, support Guichet");
        await PageChecks.ScreenshotAsync(page, "agent-profile-away-fr");
        await BellTests.AssertAccessibleAtBothWidthsAsync(page);
    }

    [Fact]
    public async Task The_side_panel_tags_links_keeps_informed_notes_on_the_organization_refuses_then_asks_before_a_merge_and_offers_a_split_in_Italian()
    {
        await using var app = await BrowserApp.StartAsync(output);
        var email = People.UniqueEmail("ada");
        await app.CreateSupportAgentAsync(email, "Ada", "Lovelace");
        var customer = await app.CreateUserAsync(People.UniqueEmail("rosalind"), "Rosalind", "Franklin");
        var organization = await app.CreateOrganizationAsync("Acme Labs");
        await app.AddMemberAsync(organization, customer);
        var printer = (await app.OpenRequestAsync(customer, "Printer on fire")).Number;
        var scanner = (await app.OpenRequestAsync(customer, "Scanner jammed")).Number;
        using (var scope = app.Services.CreateScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<GuichetDbContext>();
            var ticket = await db.Tickets.Include(t => t.Status).SingleAsync(t => t.Number == printer);
            await scope.ServiceProvider.GetRequiredService<TicketConversation>().CustomerReplyAsync(ticket, customer.Id,
                "Also, the badge reader at the door is dead.", MessageSource.Portal, CancellationToken.None);
        }

        await using var context = await chromium.NewContextAsync(app);
        var page = await context.NewPageAsync();
        await page.SignInAsync(email, People.Password);
        await page.GotoAsync($"/agent/tickets/{printer}");
        await page.SwitchLanguageAsync("it");
        var side = page.GetByRole(AriaRole.Complementary);

        await page.Locator("#tags-text").FillAsync("hardware, fire");
        await page.Locator("#tags").GetByRole(AriaRole.Button).ClickAsync();
        await Expect(page.Locator("#tags ul.tags")).ToContainTextAsync("hardware");

        await page.Locator("#related-number").FillAsync(scanner.ToString());
        await page.Locator("#related form").Last.GetByRole(AriaRole.Button).ClickAsync();
        await Expect(page.Locator("#related")).ToContainTextAsync("Scanner jammed");

        await page.Locator("#addresses").FillAsync("grace@example.test");
        await page.Locator("#kept-informed form").Last.GetByRole(AriaRole.Button).ClickAsync();
        await Expect(page.Locator("#kept-informed")).ToContainTextAsync("grace@example.test");

        await page.Locator("#organization summary").ClickAsync();
        await page.Locator("#notes").FillAsync("Call before 10 am.");
        await page.Locator("#organization").GetByRole(AriaRole.Button).ClickAsync();
        await Expect(page.Locator("#organization .organization-notes")).ToHaveTextAsync("Call before 10 am.");
        await Expect(side).ToContainTextAsync("Acme Labs");

        // A customer's later message can become a request of its own.
        await page.GetByText("Farne una richiesta a sé").ClickAsync();
        await Expect(page.GetByRole(AriaRole.Button, new() { Name = "Separa in una nuova richiesta" })).ToBeVisibleAsync();
        await PageChecks.ScreenshotAsync(page, "agent-ticket-side-it");
        await BellTests.AssertAccessibleAtBothWidthsAsync(page);

        // A number that is no request: said under the field, with what was typed.
        await page.Locator("#merge-into").FillAsync("999999");
        await page.Locator("#merge").GetByRole(AriaRole.Button, new() { Name = "Continua" }).ClickAsync();
        await Expect(page.Locator("#merge-error")).Not.ToBeEmptyAsync();
        await Expect(page.Locator("#merge-into")).ToHaveValueAsync("999999");
        await Expect(page.Locator("#merge-into")).ToHaveAttributeAsync("aria-describedby", "merge-error");
        await PageChecks.ScreenshotAsync(page, "agent-ticket-merge-refused-it");
        await BellTests.AssertAccessibleAtBothWidthsAsync(page);

        // The right number: asked first.
        await page.Locator("#merge-into").FillAsync(scanner.ToString());
        await page.Locator("#merge").GetByRole(AriaRole.Button, new() { Name = "Continua" }).ClickAsync();
        var confirm = page.GetByRole(AriaRole.Button, new() { Name = $"Unisci a #{scanner}" });
        await Expect(confirm).ToBeVisibleAsync();
        await PageChecks.ScreenshotAsync(page, "agent-ticket-merge-confirm-it");
        await BellTests.AssertAccessibleAtBothWidthsAsync(page);
        await confirm.ClickAsync();
        await Expect(page).ToHaveURLAsync(new Regex($"/agent/tickets/({printer}|{scanner})"));
        await Expect(page.Locator("#conversation")).ToContainTextAsync("the badge reader at the door is dead");
    }

    [Fact]
    public async Task An_agent_writes_a_macro_in_Spanish_and_reads_the_shortcuts_in_English()
    {
        await using var app = await BrowserApp.StartAsync(output);
        var email = People.UniqueEmail("ada");
        await app.CreateSupportAgentAsync(email, "Ada", "Lovelace");
        await using var context = await chromium.NewContextAsync(app);
        var page = await context.NewPageAsync();
        await page.SignInAsync(email, People.Password);

        await page.GotoAsync("/agent/shortcuts");
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Keyboard shortcuts", Level = 1 })).ToBeVisibleAsync();
        await PageChecks.ScreenshotAsync(page, "agent-shortcuts-page-en");
        await BellTests.AssertAccessibleAtBothWidthsAsync(page);

        await page.GotoAsync("/agent/macros");
        await page.SwitchLanguageAsync("es");
        await PageChecks.ScreenshotAsync(page, "agent-macros-empty-es");
        await BellTests.AssertAccessibleAtBothWidthsAsync(page);

        await page.GotoAsync("/agent/macros/edit");
        await PageChecks.ScreenshotAsync(page, "agent-macro-new-es");
        await BellTests.AssertAccessibleAtBothWidthsAsync(page);
        // Sent empty: the errors are said under their fields.
        await page.GetByRole(AriaRole.Button, new() { Name = "Guardar", Exact = true }).ClickAsync();
        await Expect(page.Locator("#name-error")).Not.ToBeEmptyAsync();
        await PageChecks.ScreenshotAsync(page, "agent-macro-refused-es");
        await BellTests.AssertAccessibleAtBothWidthsAsync(page);

        await page.Locator("#name").FillAsync("Saludo");
        await page.Locator("#body-en").FillAsync("Hello {{ requester.first_name }},");
        await page.Locator("#body-es").FillAsync("Hola {{ requester.first_name }}:");
        await page.GetByRole(AriaRole.Button, new() { Name = "Guardar", Exact = true }).ClickAsync();
        await Expect(page).ToHaveURLAsync(new Regex("/agent/macros$"));
        await Expect(page.GetByRole(AriaRole.Main)).ToContainTextAsync("Saludo");
        await PageChecks.ScreenshotAsync(page, "agent-macros-es");
        await BellTests.AssertAccessibleAtBothWidthsAsync(page);
    }
}
