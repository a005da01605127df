using Guichet.BrowserTests.Infrastructure;
using Guichet.BrowserTests.Portal;
using Microsoft.Playwright;
using Xunit.Abstractions;

namespace Guichet.BrowserTests.Agent;

/// <summary>Live updates between browsers: a customer and two agents on the same request, nobody reloading.</summary>
[Collection(BrowserCollection.Name)]
public sealed class LiveUpdateTests(Chromium chromium, ITestOutputHelper output)
{
    [Fact]
    public async Task Customer_and_agents_see_each_others_changes_without_reloading_and_the_note_never_reaches_the_customer()
    {
        await using var app = await BrowserApp.StartAsync(output);
        var customerEmail = People.UniqueEmail("rosalind");
        var customer = await app.CreateUserAsync(customerEmail, "Rosalind", "Franklin");
        var adaEmail = People.UniqueEmail("ada");
        await app.CreateSupportAgentAsync(adaEmail, "Ada", "Lovelace");
        var benEmail = People.UniqueEmail("ben");
        await app.CreateSupportAgentAsync(benEmail, "Ben", "Bauer");
        var number = (await app.OpenRequestAsync(customer, "Printer on fire")).Number;

        await using var customerContext = await chromium.NewContextAsync(app);
        var customerPage = await customerContext.NewPageAsync();
        await customerPage.SignInAsync(customerEmail, People.Password);
        await customerPage.GotoAsync($"/requests/{number}");

        await using var adaContext = await chromium.NewContextAsync(app);
        var ada = await adaContext.NewPageAsync();
        await ada.SignInAsync(adaEmail, People.Password);
        await ada.GotoAsync($"/agent/tickets/{number}");
        await ada.SwitchLanguageAsync("fr");

        // The customer writes; the agent's page shows it.
        await customerPage.GetByLabel("Your reply").FillAsync("It is the one near the kitchen.");
        await customerPage.GetByRole(AriaRole.Button, new() { Name = "Send my reply" }).ClickAsync();
        await Expect(ada.Locator("#conversation")).ToContainTextAsync("It is the one near the kitchen.");
        await Expect(ada.Locator("#live-status")).ToHaveTextAsync("La demande a été mise à jour.");

        // The agent answers and writes a note; the customer's page shows the answer, never the note.
        await ada.GetByLabel("Message").FillAsync("We restarted the print server.");
        await ada.GetByRole(AriaRole.Button, new() { Name = "Envoyer", Exact = true }).ClickAsync();
        await Expect(customerPage.Locator("#conversation")).ToContainTextAsync("We restarted the print server.");
        await Expect(customerPage.StatusBadge()).ToHaveTextAsync("In progress");
        await ada.GetByLabel("Message").FillAsync("Third fire this month: check the fuser.");
        await ada.GetByLabel("Note interne (les clients ne la voient pas)").CheckAsync();
        await ada.GetByRole(AriaRole.Button, new() { Name = "Envoyer", Exact = true }).ClickAsync();
        await Expect(ada.Locator("#conversation")).ToContainTextAsync("Third fire this month");

        // A colleague opens the same request and starts a reply: each sees the other.
        await using var benContext = await chromium.NewContextAsync(app);
        var ben = await benContext.NewPageAsync();
        await ben.SignInAsync(benEmail, People.Password);
        await ben.GotoAsync($"/agent/tickets/{number}");
        await Expect(ada.Locator("#live-presence")).ToHaveTextAsync("Également sur cette demande : Ben Bauer");
        await Expect(ben.Locator("#live-presence")).ToHaveTextAsync("Also on this request: Ada Lovelace");
        await ben.GetByLabel("Message").PressSequentiallyAsync("Have you tried");
        await Expect(ada.Locator("#live-presence")).ToHaveTextAsync("Également sur cette demande : Ben Bauer (rédige une réponse)");

        // Ada is choosing a priority when the customer writes again: her choice stays, the conversation moves on.
        await ada.GetByLabel("Priorité").SelectOptionAsync("Urgent");
        await customerPage.GetByLabel("Your reply").FillAsync("It smells of toast now.");
        await customerPage.GetByRole(AriaRole.Button, new() { Name = "Send my reply" }).ClickAsync();
        await Expect(ada.Locator("#conversation")).ToContainTextAsync("It smells of toast now.");
        await Expect(ada.GetByLabel("Priorité")).ToHaveValueAsync("Urgent");
        await Expect(ada.Locator("#live-status")).ToContainTextAsync("vos modifications non enregistrées sont conservées");
        // What Ben typed is still his.
        await Expect(ben.GetByLabel("Message")).ToHaveValueAsync("Have you tried");
        await Expect(ben.Locator("#conversation")).ToContainTextAsync("It smells of toast now.");

        await Expect(customerPage.Locator("#conversation")).ToContainTextAsync("It smells of toast now.");
        await Expect(customerPage.Locator("body")).Not.ToContainTextAsync("Third fire this month");
        await PageChecks.ScreenshotAsync(ada, "agent-ticket-live-fr");
        await PageChecks.AssertAccessibleAsync(ada);
        await Layout.AssertFitsAPhoneAsync(ada);
        await PageChecks.AssertAccessibleAsync(customerPage);
    }
}
