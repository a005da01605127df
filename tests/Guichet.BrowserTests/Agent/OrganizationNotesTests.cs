using System.Text.RegularExpressions;
using Guichet.BrowserTests.Infrastructure;
using Microsoft.Playwright;
using Xunit.Abstractions;

namespace Guichet.BrowserTests.Agent;

/// <summary>Two agents writing the team's notes on an organization at once, and the notes' history.</summary>
[Collection(BrowserCollection.Name)]
public sealed class OrganizationNotesTests(Chromium chromium, ITestOutputHelper output)
{
    [Fact]
    public async Task A_save_from_older_notes_is_refused_with_the_colleagues_text_the_agents_kept_and_the_history_lists_both_in_German()
    {
        await using var app = await BrowserApp.StartAsync(output);
        var adaEmail = People.UniqueEmail("ada");
        await app.CreateSupportAgentAsync(adaEmail, "Ada", "Lovelace");
        var benEmail = People.UniqueEmail("ben");
        await app.CreateSupportAgentAsync(benEmail, "Ben", "Bauer");
        var customer = await app.CreateUserAsync(People.UniqueEmail("rosalind"), "Rosalind", "Franklin");
        var organization = await app.CreateOrganizationAsync("Acme Labs");
        await app.AddMemberAsync(organization, customer);
        var number = (await app.OpenRequestAsync(customer, "Printer on fire")).Number;

        await using var adaContext = await chromium.NewContextAsync(app);
        var ada = await adaContext.NewPageAsync();
        await ada.SignInAsync(adaEmail, People.Password);
        await ada.GotoAsync($"/agent/tickets/{number}");
        await ada.SwitchLanguageAsync("de");
        await ada.Locator("#organization summary").ClickAsync();
        await ada.Locator("#notes").FillAsync("VIP-Kunde.");

        // Meanwhile Ben, on his own page, saves his notes first.
        await using var benContext = await chromium.NewContextAsync(app);
        var ben = await benContext.NewPageAsync();
        await ben.SignInAsync(benEmail, People.Password);
        await ben.GotoAsync($"/agent/tickets/{number}");
        await ben.Locator("#organization summary").ClickAsync();
        await ben.Locator("#notes").FillAsync("Call Maud before any visit.");
        await ben.Locator("#organization").GetByRole(AriaRole.Button).ClickAsync();
        await Expect(ben.Locator("#organization .organization-notes")).ToHaveTextAsync("Call Maud before any visit.");

        // Ada's save is refused: her text is still in the box, his is shown with his name, and the box says why.
        await ada.GetByRole(AriaRole.Button, new() { Name = "Notizen speichern" }).ClickAsync();
        await Expect(ada.Locator("#notes")).ToHaveValueAsync("VIP-Kunde.");
        await Expect(ada.Locator("#notes-error")).ToContainTextAsync("Ein Kollege hat diese Notizen geändert");
        await Expect(ada.Locator("#notes-meanwhile")).ToContainTextAsync("Ben Bauer");
        await Expect(ada.Locator("#notes-meanwhile")).ToContainTextAsync("Call Maud before any visit.");
        await PageChecks.ScreenshotAsync(ada, "agent-ticket-notes-refused-de");
        await BellTests.AssertAccessibleAtBothWidthsAsync(ada);

        // She writes both, saves again, and reads the history.
        await ada.Locator("#notes").FillAsync("Call Maud before any visit. VIP-Kunde.");
        await ada.GetByRole(AriaRole.Button, new() { Name = "Notizen speichern" }).ClickAsync();
        await Expect(ada.Locator("#organization .organization-notes")).ToHaveTextAsync("Call Maud before any visit. VIP-Kunde.");
        await ada.GetByRole(AriaRole.Link, new() { Name = "Frühere Fassungen der Notizen" }).ClickAsync();
        await Expect(ada).ToHaveURLAsync(new Regex("/agent/organizations/[0-9a-f-]+/notes$"));
        await Expect(ada.GetByRole(AriaRole.Heading, new() { Name = "Notizen zu Acme Labs: Verlauf", Level = 1 })).ToBeVisibleAsync();
        var versions = ada.Locator(".note-history > li");
        await Expect(versions).ToHaveCountAsync(2);
        await Expect(versions.Nth(0)).ToContainTextAsync("Ada Lovelace");
        await Expect(versions.Nth(1)).ToContainTextAsync("Ben Bauer");
        await PageChecks.ScreenshotAsync(ada, "agent-organization-notes-history-de");
        await BellTests.AssertAccessibleAtBothWidthsAsync(ada);
    }
}
