using Guichet.BrowserTests.Infrastructure;
using Guichet.Web.Data;
using Guichet.Web.Localization;
using Guichet.Web.Macros;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using Xunit.Abstractions;

namespace Guichet.BrowserTests.Agent;

[Collection(BrowserCollection.Name)]
public sealed class MacroSearchTests(Chromium chromium, ITestOutputHelper output)
{
    [Fact]
    public async Task An_agent_finds_a_macro_by_typing_words_of_its_text_and_inserts_it_with_Enter()
    {
        await using var app = await BrowserApp.StartAsync(output);
        var email = People.UniqueEmail("ada");
        var agent = await app.CreateSupportAgentAsync(email, "Ada", "Lovelace");
        var customer = await app.CreateUserAsync(People.UniqueEmail("rosalind"), "Rosalind", "Franklin");
        var number = (await app.OpenRequestAsync(customer, "Invoice twice")).Number;
        using (var scope = app.Services.CreateScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<GuichetDbContext>();
            foreach (var (name, text) in new[] { ("Greeting", "Hello {{ requester.first_name }}"), ("Refund", "Your refund of the invoice is on its way."), ("Password", "Use the reset link.") })
                db.Macros.Add(new Macro { Name = name, Bodies = new LocalizedText(new Dictionary<string, string> { ["en"] = text }), OwnerId = agent.Id });
            await db.SaveChangesAsync();
        }

        await using var context = await chromium.NewContextAsync(app);
        var page = await context.NewPageAsync();
        await page.SignInAsync(email, People.Password);
        await page.GotoAsync($"/agent/tickets/{number}");
        var search = page.GetByLabel("Find a macro");
        await search.FillAsync("refund invoice");
        await Expect(page.Locator("#macroId")).ToHaveValueAsync(await page.Locator("#macroId option", new() { HasText = "Refund" }).GetAttributeAsync("value") ?? "");
        await Expect(page.GetByRole(AriaRole.Status).Filter(new() { HasText = "Macros found" })).ToHaveTextAsync("Macros found: 1");
        await search.PressAsync("Enter");
        await Expect(page.Locator("#Reply_Body")).ToHaveValueAsync(new System.Text.RegularExpressions.Regex("Your refund of the invoice is on its way"));
        await Layout.AssertFitsAPhoneAsync(page);
        await PageChecks.AssertAccessibleAsync(page);
    }
}
