using Guichet.BrowserTests.Infrastructure;
using Microsoft.Playwright;
using Xunit.Abstractions;

namespace Guichet.BrowserTests.Agent;

/// <summary>Colleagues suggested while an agent types "@" in an internal note (wwwroot/js/mentions.js), chosen with the keyboard.</summary>
[Collection(BrowserCollection.Name)]
public sealed class MentionTests(Chromium chromium, ITestOutputHelper output)
{
    [Fact]
    public async Task An_agent_types_at_and_letters_in_a_note_picks_a_colleague_with_the_arrows_and_Enter_and_the_colleagues_bell_says_so_in_Spanish()
    {
        await using var app = await BrowserApp.StartAsync(output);
        var adaEmail = People.UniqueEmail("ada");
        await app.CreateSupportAgentAsync(adaEmail, "Ada", "Lovelace");
        var zoeEmail = People.UniqueEmail("zoe");
        await app.CreateSupportAgentAsync(zoeEmail, "Zoë", "Lefèvre");
        await app.CreateSupportAgentAsync(People.UniqueEmail("zacharie"), "Zacharie", "Lefebvre");
        var customer = await app.CreateUserAsync(People.UniqueEmail("rosalind"), "Rosalind", "Franklin");
        var number = (await app.OpenRequestAsync(customer, "Printer on fire")).Number;

        await using var adaContext = await chromium.NewContextAsync(app);
        var page = await adaContext.NewPageAsync();
        await page.SignInAsync(adaEmail, People.Password);
        await page.GotoAsync($"/agent/tickets/{number}");
        await page.SwitchLanguageAsync("es");
        await page.Locator("#Reply_Internal").CheckAsync();
        var box = page.Locator("#Reply_Body");
        var list = page.GetByRole(AriaRole.Listbox, new() { Name = "Compañeros a mencionar" });

        // Escape closes the list and only the list: the reply box keeps the focus (shortcuts.js would otherwise leave it).
        await box.PressSequentiallyAsync("Mira esto @LEFE");
        await Expect(list).ToBeVisibleAsync();
        await box.PressAsync("Escape");
        await Expect(list).ToBeHiddenAsync();
        await Expect(box).ToBeFocusedAsync();

        // Accents aside ("lefev" finds Lefèvre alone, "lefe" Lefebvre too), by name: the first is chosen, the arrow moves to the next.
        await box.PressSequentiallyAsync("v");
        var options = list.GetByRole(AriaRole.Option);
        await Expect(options).ToHaveCountAsync(1);
        await box.PressAsync("Backspace");
        await Expect(options).ToHaveCountAsync(2);
        await Expect(options.Nth(0)).ToContainTextAsync("Zacharie Lefebvre");
        await Expect(options.Nth(0)).ToHaveAttributeAsync("aria-selected", "true");
        await Expect(page.GetByRole(AriaRole.Status).Filter(new() { HasText = "Compañeros encontrados: 2" })).ToHaveCountAsync(1);
        await box.PressAsync("ArrowDown");
        await Expect(options.Nth(1)).ToHaveAttributeAsync("aria-selected", "true");
        await Expect(box).ToHaveAttributeAsync("aria-activedescendant", (await options.Nth(1).GetAttributeAsync("id"))!);
        await Expect(options.Nth(1)).ToContainTextAsync("Zoë Lefèvre");
        await PageChecks.ScreenshotAsync(page, "agent-ticket-mention-es");
        await BellTests.AssertAccessibleAtBothWidthsAsync(page);

        // Enter mentions her with the handle a note recognizes (the first part of her address), and sends nothing yet.
        await box.FocusAsync();
        await box.PressAsync("Backspace");
        await box.PressSequentiallyAsync("e");
        await Expect(options.Nth(0)).ToHaveAttributeAsync("aria-selected", "true");
        await box.PressAsync("ArrowDown");
        await box.PressAsync("Enter");
        await Expect(list).ToBeHiddenAsync();
        var handle = zoeEmail.Split('@')[0];
        await Expect(box).ToHaveValueAsync($"Mira esto @{handle} ");
        await Expect(page.GetByRole(AriaRole.Status).Filter(new() { HasText = "Mencionado: Zoë Lefèvre." })).ToHaveCountAsync(1);
        await box.PressSequentiallyAsync("¿puedes mirarlo?");
        await page.GetByRole(AriaRole.Button, new() { Name = "Enviar", Exact = true }).ClickAsync();
        await Expect(page.Locator("#conversation")).ToContainTextAsync($"Mira esto @{handle} ¿puedes mirarlo?");

        // Zoë's bell has the mention (and the new request of her group).
        await using var zoeContext = await chromium.NewContextAsync(app);
        var zoe = await zoeContext.NewPageAsync();
        await zoe.SignInAsync(zoeEmail, People.Password);
        await zoe.GotoAsync("/agent/notifications");
        await BellTests.ShowsLineAsync(zoe, $"Ada Lovelace mentioned you on #{number}");
        await Expect(zoe.Locator("#bell .bell__count")).ToHaveTextAsync("2", new() { Timeout = 10_000 });
    }
}
