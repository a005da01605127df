using Guichet.BrowserTests.Infrastructure;
using Microsoft.Playwright;
using Xunit.Abstractions;

namespace Guichet.BrowserTests.Portal;

[Collection(BrowserCollection.Name)]
public sealed class PhoneLayoutTests(Chromium chromium, ITestOutputHelper output)
{
    [Fact]
    public async Task On_a_phone_the_header_is_one_line_whose_menu_opens_even_without_JavaScript_and_requests_are_cards()
    {
        await using var app = await BrowserApp.StartAsync(output);
        var email = People.UniqueEmail("ada");
        var customer = await app.CreateUserAsync(email, "Adélaïde", "Lovelace-Beaumarchais");
        var organization = await app.CreateOrganizationAsync("Compagnie générale des logiciels");
        await app.AddMemberAsync(organization, customer, manager: true);
        await app.OpenRequestAsync(customer, "L'imprimante du deuxième étage n'imprime plus les pages paires", type: "Bug report");
        await using var context = await chromium.NewContextAsync(app, "fr-FR");
        var page = await context.NewPageAsync();
        await page.SetViewportSizeAsync(375, 740);
        await SignInInFrenchAsync(page, email);
        await page.GotoAsync("/requests?scope=organization");

        // One line: the name and the menu button, nothing else of the header in sight.
        var header = page.Locator(".site-header");
        var toggle = header.GetByText("Menu", new() { Exact = true });
        await Expect(toggle).ToBeVisibleAsync();
        var nav = page.GetByRole(AriaRole.Navigation, new() { Name = "Menu principal" });
        await Expect(nav).ToBeHiddenAsync();
        Assert.True((await header.BoundingBoxAsync())!.Height < 60, "The header takes more than one line on a phone.");

        // Requests are cards: nothing scrolls sideways, each value has the name of its column.
        var card = page.GetByRole(AriaRole.Row).Filter(new() { HasText = "pages paires" });
        var cells = await card.GetByRole(AriaRole.Cell).EvaluateAllAsync<double[][]>(
            "cells => cells.map(c => { const r = c.getBoundingClientRect(); return [r.left, r.top, r.width]; })");
        // Stacked, not side by side; each as wide as the card.
        Assert.All(cells.Skip(1).Zip(cells), pair => Assert.True(pair.First[1] > pair.Second[1], "Cells are side by side."));
        Assert.All(cells, c => Assert.True(c[2] > 250, "A cell is narrower than the card."));
        Assert.Equal("\"Numéro\"", await card.GetByRole(AriaRole.Cell).Nth(1).EvaluateAsync<string>("c => getComputedStyle(c, '::before').content.split(' / ')[0]"));
        Assert.Equal(0, await page.Locator(".table-wrap").EvaluateAsync<int>("e => e.scrollWidth - e.clientWidth"));
        await Layout.AssertFitsAPhoneAsync(page);
        await AssertAccessibleAsync(page);

        await toggle.ClickAsync();
        await Expect(nav).ToBeVisibleAsync();
        await Expect(nav.GetByRole(AriaRole.Link, new() { Name = "Mes demandes" })).ToBeVisibleAsync();
        await Expect(page.Locator(".site-header .organization")).ToHaveTextAsync("Compagnie générale des logiciels");
        await Expect(page.Locator("#language-picker")).ToBeVisibleAsync();
        await ScreenshotAsync(page, "header-menu-open-fr");
        await AssertAccessibleAsync(page);

        // The menu's links work: My requests, then back in the bar on a wide screen with no menu button.
        await nav.GetByRole(AriaRole.Link, new() { Name = "Mes demandes" }).ClickAsync();
        await Expect(page).ToHaveURLAsync(app.BaseUrl + "/requests");
        await page.SetViewportSizeAsync(1440, 900);
        await Expect(toggle).ToBeHiddenAsync();
        await Expect(nav).ToBeVisibleAsync();
        Assert.True((await header.BoundingBoxAsync())!.Height < 60, "The header takes more than one line on a wide screen.");

        // Without JavaScript the menu opens and its links work all the same (nothing is evaluated
        // in this page: Playwright's scripts do not run where JavaScript is off).
        await using var noScript = await chromium.NewContextAsync(app, "fr-FR", javaScript: false);
        var plain = await noScript.NewPageAsync();
        await plain.SetViewportSizeAsync(375, 740);
        await SignInInFrenchAsync(plain, email);
        var plainNav = plain.GetByRole(AriaRole.Navigation, new() { Name = "Menu principal" });
        await Expect(plainNav).ToBeHiddenAsync();
        await plain.Locator(".site-header").GetByText("Menu", new() { Exact = true }).ClickAsync();
        await plainNav.GetByRole(AriaRole.Link, new() { Name = "Mes demandes" }).ClickAsync();
        await Expect(plain).ToHaveURLAsync(app.BaseUrl + "/requests");
    }

    private static async Task SignInInFrenchAsync(IPage page, string email)
    {
        await page.GotoAsync("/account/signin");
        await page.GetByLabel("E-mail").FillAsync(email);
        await page.GetByLabel("Mot de passe", new() { Exact = true }).FillAsync(People.Password);
        await page.GetByRole(AriaRole.Main).GetByRole(AriaRole.Button, new() { Name = "Se connecter" }).ClickAsync();
        await Expect(page).Not.ToHaveURLAsync(new System.Text.RegularExpressions.Regex("/account/signin"));
    }
}
