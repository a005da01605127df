using Guichet.BrowserTests.Infrastructure;
using Microsoft.Playwright;
using Xunit.Abstractions;

namespace Guichet.BrowserTests.Portal;

[Collection(BrowserCollection.Name)]
public sealed class ConversationTests(Chromium chromium, ITestOutputHelper output)
{
    private const string PublicReply = "We restarted the print server, please try again.";
    private const string InternalNote = "Third fire this month: check the fuser unit.";

    [Fact]
    public async Task Customer_and_agent_talk_the_note_stays_internal_and_the_customer_resolves_then_reopens()
    {
        await using var app = await BrowserApp.StartAsync(output);
        var customerEmail = People.UniqueEmail("rosalind");
        var customer = await app.CreateUserAsync(customerEmail, "Rosalind", "Franklin");
        var agentEmail = People.UniqueEmail("ada");
        await app.CreateSupportAgentAsync(agentEmail, "Ada", "Lovelace");
        var number = (await app.OpenRequestAsync(customer, "Printer on fire", "Smoke comes out of the *second* printer.")).Number;

        await using var customerContext = await chromium.NewContextAsync(app);
        var customerPage = await customerContext.NewPageAsync();
        await customerPage.SignInAsync(customerEmail, People.Password);
        await customerPage.GotoAsync($"/requests/{number}");
        await Expect(customerPage.StatusBadge()).ToHaveTextAsync("New");

        // The customer adds a detail.
        await customerPage.GetByLabel("Your reply").FillAsync("It is the one near the **kitchen**.");
        await customerPage.GetByRole(AriaRole.Button, new() { Name = "Send my reply" }).ClickAsync();
        await Expect(customerPage.GetByRole(AriaRole.Status)).ToHaveTextAsync("Your reply was sent.");
        await Expect(Messages(customerPage)).ToHaveCountAsync(2);
        await Expect(Messages(customerPage).Last).ToContainTextAsync("It is the one near the kitchen.");
        await Expect(Messages(customerPage).Last.Locator("strong", new() { HasText = "kitchen" })).ToBeVisibleAsync();
        await Expect(customerPage.GetByLabel("Your reply")).ToBeEmptyAsync();

        // The agent answers publicly, then writes a note for colleagues.
        await using var agentContext = await chromium.NewContextAsync(app);
        var agentPage = await agentContext.NewPageAsync();
        await agentPage.SignInAsync(agentEmail, People.Password);
        await agentPage.GotoAsync("/agent/tickets");
        var queueRow = agentPage.GetByRole(AriaRole.Row).Filter(new() { HasText = $"#{number}" });
        await Expect(queueRow).ToContainTextAsync("Rosalind Franklin");
        await Expect(queueRow).ToContainTextAsync("New");
        await ScreenshotAsync(agentPage, "agent-queue");
        await Layout.AssertFitsAPhoneAsync(agentPage);
        await AssertAccessibleAsync(agentPage);
        await queueRow.GetByRole(AriaRole.Link, new() { Name = "Printer on fire" }).ClickAsync();
        // Opened from the queue, the ticket's address says which (its "Next ticket" follows that queue).
        await Expect(agentPage).ToHaveURLAsync(new System.Text.RegularExpressions.Regex($"^{app.BaseUrl}/agent/tickets/{number}\\?from=%2Fagent%3Fqueue"));

        await agentPage.GetByLabel("Message").FillAsync(PublicReply);
        await agentPage.GetByRole(AriaRole.Button, new() { Name = "Send", Exact = true }).ClickAsync();
        await Expect(agentPage.Locator(".flash[role=status]")).ToHaveTextAsync("Your reply was sent.");
        await Expect(agentPage.StatusBadge()).ToHaveTextAsync("In progress");

        await agentPage.GetByLabel("Message").FillAsync(InternalNote);
        await agentPage.GetByLabel("Internal note (customers do not see it)").CheckAsync();
        await agentPage.GetByRole(AriaRole.Button, new() { Name = "Send", Exact = true }).ClickAsync();
        await Expect(agentPage.Locator(".flash[role=status]")).ToHaveTextAsync("Your note was added.");
        var note = Messages(agentPage).Filter(new() { HasText = InternalNote });
        await Expect(note).ToContainTextAsync("Internal note");
        await Expect(Messages(agentPage).Filter(new() { HasText = PublicReply })).Not.ToContainTextAsync("Internal note");
        await Expect(Messages(agentPage)).ToHaveCountAsync(4);
        await ScreenshotAsync(agentPage, "agent-ticket");
        await Layout.AssertFitsAPhoneAsync(agentPage);
        await AssertAccessibleAsync(agentPage);

        // The customer sees the reply, marked as support's, and not the note.
        await customerPage.ReloadAsync();
        await Expect(customerPage.StatusBadge()).ToHaveTextAsync("In progress");
        await Expect(Messages(customerPage)).ToHaveCountAsync(3);
        var reply = Messages(customerPage).Filter(new() { HasText = PublicReply });
        await Expect(reply).ToContainTextAsync("Ada Lovelace");
        await Expect(reply.Locator(".badge")).ToHaveTextAsync("Support");
        await Expect(customerPage.GetByText(InternalNote)).ToHaveCountAsync(0);
        await Expect(customerPage.GetByText("fuser")).ToHaveCountAsync(0);
        await ScreenshotAsync(customerPage, "request-customer");
        await Layout.AssertFitsAPhoneAsync(customerPage);
        await AssertAccessibleAsync(customerPage);

        // Solved, with a word of thanks.
        var whatNext = customerPage.GetByRole(AriaRole.Region, new() { Name = "What next?" });
        await whatNext.GetByLabel("Comment (optional)").FillAsync("Works again, thank you!");
        await whatNext.GetByRole(AriaRole.Button, new() { Name = "My problem is solved" }).ClickAsync();
        await Expect(customerPage.GetByRole(AriaRole.Status)).ToHaveTextAsync("The request is resolved. Thank you!");
        await Expect(customerPage.StatusBadge()).ToHaveTextAsync("Resolved");
        await Expect(customerPage.Fact("Status")).ToHaveTextAsync("Resolved");
        await Expect(Messages(customerPage).Last).ToContainTextAsync("Works again, thank you!");
        await Expect(whatNext.GetByRole(AriaRole.Button, new() { Name = "My problem is solved" })).ToHaveCountAsync(0);

        // Too soon: it burns again.
        await whatNext.GetByLabel("Comment (optional)").FillAsync("It caught fire again.");
        await whatNext.GetByRole(AriaRole.Button, new() { Name = "Reopen the request" }).ClickAsync();
        await Expect(customerPage.GetByRole(AriaRole.Status)).ToHaveTextAsync("The request is open again.");
        await Expect(customerPage.StatusBadge()).ToHaveTextAsync("In progress");
        await Expect(Messages(customerPage).Last).ToContainTextAsync("It caught fire again.");
        await Expect(whatNext.GetByRole(AriaRole.Button, new() { Name = "Reopen the request" })).ToHaveCountAsync(0);
        await Expect(whatNext.GetByRole(AriaRole.Button, new() { Name = "My problem is solved" })).ToBeVisibleAsync();

        // The history tells the customer what happened, without a word about the note.
        var history = customerPage.Locator("details.history");
        await history.GetByText("History", new() { Exact = true }).ClickAsync();
        await Expect(history).ToContainTextAsync("Ada Lovelace replied.");
        await Expect(history).ToContainTextAsync("Ada Lovelace changed the status from New to In progress.");
        await Expect(history).ToContainTextAsync("Rosalind Franklin changed the status from In progress to Resolved.");
        await Expect(history).ToContainTextAsync("Rosalind Franklin changed the status from Resolved to In progress.");
        await Expect(history).Not.ToContainTextAsync("internal note");

        // The agent sees all of it, the note included.
        await agentPage.ReloadAsync();
        await Expect(agentPage.StatusBadge()).ToHaveTextAsync("In progress");
        await Expect(Messages(agentPage)).ToHaveCountAsync(6);
        var agentHistory = agentPage.Locator("details.history");
        await agentHistory.GetByText("History", new() { Exact = true }).ClickAsync();
        await Expect(agentHistory).ToContainTextAsync("Ada Lovelace added an internal note.");
    }

    [Fact]
    public async Task An_empty_reply_is_refused_next_to_the_field()
    {
        await using var app = await BrowserApp.StartAsync(output);
        var email = People.UniqueEmail("emmy");
        var customer = await app.CreateUserAsync(email, "Emmy", "Noether");
        var number = (await app.OpenRequestAsync(customer, "Rings do not load")).Number;
        await using var context = await chromium.NewContextAsync(app);
        var page = await context.NewPageAsync();
        await page.SignInAsync(email, People.Password);

        await page.GotoAsync($"/requests/{number}");
        await page.GetByRole(AriaRole.Button, new() { Name = "Send my reply" }).ClickAsync();
        await Expect(page.GetByLabel("Your reply")).ToHaveAccessibleDescriptionAsync(new System.Text.RegularExpressions.Regex("Write your message\\."));
        await Expect(page.GetByLabel("Your reply")).ToHaveAttributeAsync("aria-invalid", "true");
        await Expect(Messages(page)).ToHaveCountAsync(1);
        await AssertAccessibleAsync(page);
    }

    private static ILocator Messages(IPage page) => page.Locator("ol.conversation > li");
}
