using System.Text.RegularExpressions;
using Guichet.BrowserTests.Infrastructure;
using Guichet.Web.KnowledgeBase;
using Guichet.Web.Localization;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using Xunit.Abstractions;

namespace Guichet.BrowserTests.Agent;

[Collection(BrowserCollection.Name)]
public sealed class KbPickerTests(Chromium chromium, ITestOutputHelper output)
{
    [Fact]
    public async Task An_agent_finds_an_article_and_inserts_a_link_to_it_at_the_caret_by_keyboard_but_no_link_to_an_internal_one()
    {
        await using var app = await BrowserApp.StartAsync(output);
        var email = People.UniqueEmail("ada");
        var agent = await app.CreateSupportAgentAsync(email, "Ada", "Lovelace");
        var customer = await app.CreateUserAsync(People.UniqueEmail("rosalind"), "Rosalind", "Franklin");
        var number = (await app.OpenRequestAsync(customer, "Locked out")).Number;
        using (var scope = app.Services.CreateScope())
        {
            var authoring = scope.ServiceProvider.GetRequiredService<KbAuthoring>();
            var names = new LocalizedText(new Dictionary<string, string> { ["en"] = "Accounts" });
            var (category, _) = await authoring.SaveCategoryAsync(null, names, names, 1, default);
            var (section, _) = await authoring.SaveSectionAsync(null, category!.Id, names, names, 1, default);
            foreach (var (title, visibility) in new[] { ("Reset your password", KbVisibility.Public), ("Team vault procedure", KbVisibility.Internal) })
            {
                var (article, _) = await authoring.CreateAsync(agent.Id, section!.Id, "en", new KbText(title, "Click **Forgot your password?**", ""), visibility, [], default);
                await authoring.PublishAsync(agent.Id, article!.Id, null, default);
            }
        }

        await using var context = await chromium.NewContextAsync(app);
        var page = await context.NewPageAsync();
        await page.SignInAsync(email, People.Password);
        await page.GotoAsync($"/agent/tickets/{number}");
        await page.Locator("#Reply_Body").FillAsync("Hello Rosalind, this should help:");
        var search = page.GetByLabel("Find an article");
        await search.FillAsync("passw");
        await Expect(page.GetByRole(AriaRole.Status).Filter(new() { HasText = "Articles found" })).ToHaveTextAsync("Articles found: 2");
        var internalOne = page.Locator(".kb-picker__result", new() { HasText = "Team vault" });
        await Expect(internalOne.Locator(".badge--warning")).ToHaveTextAsync("Internal");

        // A public reply gets no link the requester could not open.
        await internalOne.GetByRole(AriaRole.Button, new() { Name = "Insert a link" }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Status).Filter(new() { HasText = "could not open" })).ToBeVisibleAsync();
        await Expect(page.Locator("#Reply_Body")).ToHaveValueAsync("Hello Rosalind, this should help:");

        // By keyboard: down from the search box to the first article's "Insert a link", then Enter.
        await search.FocusAsync();
        await search.PressAsync("ArrowDown");
        await Expect(page.Locator(".kb-picker__result").First.GetByRole(AriaRole.Button, new() { Name = "Insert a link" })).ToBeFocusedAsync();
        await page.Keyboard.PressAsync("Enter");
        await Expect(page.Locator("#Reply_Body")).ToHaveValueAsync(
            new Regex(@"^Hello Rosalind, this should help: \[Reset your password\]\(http://[^)]+/kb/articles/\d+-reset-your-password\)$"));
        await Expect(page.Locator("#Reply_Body")).ToBeFocusedAsync();
        await Layout.AssertFitsAPhoneAsync(page);
        await PageChecks.AssertAccessibleAsync(page);
    }
}
