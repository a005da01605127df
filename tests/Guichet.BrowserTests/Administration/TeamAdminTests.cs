using Guichet.BrowserTests.Infrastructure;
using Guichet.Web.Accounts;
using Guichet.Web.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using Xunit.Abstractions;

namespace Guichet.BrowserTests.Administration;

[Collection(BrowserCollection.Name)]
public sealed class TeamAdminTests(Chromium chromium, ITestOutputHelper output)
{
    [Fact]
    public async Task An_admin_builds_the_team_in_French_with_the_keyboard_on_pages_everyone_can_use()
    {
        await using var app = await BrowserApp.StartAsync(output);
        var email = People.UniqueEmail("admin");
        await app.CreateSupportAgentAsync(email, "Ada", "Admin", Roles.Admin);
        var leaving = await app.CreateSupportAgentAsync(People.UniqueEmail("leaving"), "Léa", "Départ");
        await using var context = await chromium.NewContextAsync(app);
        var page = await context.NewPageAsync();
        await page.SignInAsync(email, People.Password);
        await page.GotoAsync("/admin/agents");
        await page.SwitchLanguageAsync("fr");

        // A new group, by its label and the Enter key.
        await page.GotoAsync("/admin/groups");
        await page.GetByLabel("Nom", new() { Exact = true }).FillAsync("Facturation");
        await page.GetByLabel("Nom", new() { Exact = true }).PressAsync("Enter");
        await Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync("Facturation");
        await PageChecks.ScreenshotAsync(page, "admin-group-fr");
        await Layout.AssertFitsAPhoneAsync(page);
        await PageChecks.AssertAccessibleAsync(page);

        // An agent invited into it.
        await page.GotoAsync("/admin/agents");
        await page.GetByLabel("Prénom").FillAsync("Noé");
        await page.GetByLabel("Nom", new() { Exact = true }).FillAsync("Nouveau");
        await page.GetByLabel("E-mail", new() { Exact = true }).FillAsync("noe@example.test");
        await page.GetByRole(AriaRole.Checkbox, new() { Name = "Facturation" }).CheckAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Envoyer l'invitation" }).PressAsync("Enter");
        await Expect(page.GetByText("Invitation envoyée à noe@example.test.")).ToBeVisibleAsync();
        var row = page.GetByRole(AriaRole.Row).Filter(new() { HasText = "noe@example.test" });
        await Expect(row).ToContainTextAsync("Invité");
        await Expect(row).ToContainTextAsync("Facturation");
        await PageChecks.ScreenshotAsync(page, "admin-agents-fr");
        await Layout.AssertFitsAPhoneAsync(page);
        await PageChecks.AssertAccessibleAsync(page);

        // The leaving agent's page: deactivation, with whom their tickets go to.
        await page.GotoAsync($"/admin/agents/{leaving.Id}");
        await Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync("Léa Départ");
        await PageChecks.ScreenshotAsync(page, "admin-agent-fr");
        await Layout.AssertFitsAPhoneAsync(page);
        await PageChecks.AssertAccessibleAsync(page);
        await page.GetByRole(AriaRole.Button, new() { Name = "Désactiver le compte" }).ClickAsync();
        await Expect(page.GetByText("Le compte est désactivé.")).ToBeVisibleAsync();

        using var scope = app.Services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<GuichetDbContext>();
        Assert.NotNull(await db.Users.Where(u => u.Id == leaving.Id).Select(u => u.DeactivatedAt).SingleAsync());
    }
}
