using Guichet.BrowserTests.Infrastructure;
using Microsoft.Playwright;
using Xunit.Abstractions;

namespace Guichet.BrowserTests.Portal;

[Collection(BrowserCollection.Name)]
public sealed class VisibilityTests(Chromium chromium, ITestOutputHelper output)
{
    private const string Subject = "Invoices of March are missing";
    private const string Description = "The March invoices do not appear in the archive.";

    [Fact]
    public async Task A_manager_of_the_same_organization_reads_the_request()
    {
        await using var app = await BrowserApp.StartAsync(output);
        var (number, acme) = await ArrangeAsync(app);
        var managerEmail = People.UniqueEmail("manager");
        var manager = await app.CreateUserAsync(managerEmail, "Margaret", "Hamilton");
        await app.AddMemberAsync(acme, manager, manager: true);
        await using var context = await chromium.NewContextAsync(app);
        var page = await context.NewPageAsync();
        await page.SignInAsync(managerEmail, People.Password);

        var response = await page.GotoAsync($"/requests/{number}");
        Assert.Equal(200, response!.Status);
        await Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync(Subject);
        await Expect(page.Locator("ol.conversation")).ToContainTextAsync(Description);
        await Expect(page.Fact("Requester")).ToHaveTextAsync("Katherine Johnson");
        await Expect(page.Fact("Organization")).ToHaveTextAsync("Acme Pumps");
        // Not the requester: may follow, may not change the CC list.
        await Expect(page.GetByLabel("Add someone by email")).ToHaveCountAsync(0);
        await page.GetByRole(AriaRole.Button, new() { Name = "Follow this request" }).ClickAsync();
        var keptInformed = page.GetByRole(AriaRole.Region, new() { Name = "Kept informed" });
        await Expect(keptInformed.GetByRole(AriaRole.Listitem)).ToHaveTextAsync(["Margaret Hamilton Follows"]);
        await Expect(page.GetByRole(AriaRole.Button, new() { Name = "Stop following" })).ToBeVisibleAsync();

        // Also listed under the organization's tab, with who asked.
        await page.GotoAsync("/requests");
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "No request yet" })).ToHaveCountAsync(0);
        await page.GetByRole(AriaRole.Navigation, new() { Name = "Which requests" }).GetByRole(AriaRole.Link, new() { Name = "My organization's" }).ClickAsync();
        var row = page.GetByRole(AriaRole.Row).Filter(new() { HasText = Subject });
        await Expect(row).ToContainTextAsync("Katherine Johnson");
        await Expect(row).ToContainTextAsync($"#{number}");
    }

    [Fact]
    public async Task A_member_of_another_organization_gets_the_not_found_page()
    {
        await using var app = await BrowserApp.StartAsync(output);
        var (number, _) = await ArrangeAsync(app);
        var strangerEmail = People.UniqueEmail("stranger");
        var stranger = await app.CreateUserAsync(strangerEmail, "Grace", "Stranger");
        var globex = await app.CreateOrganizationAsync("Globex");
        // Even a manager, of another organization.
        await app.AddMemberAsync(globex, stranger, manager: true);
        await using var context = await chromium.NewContextAsync(app);
        var page = await context.NewPageAsync();
        await page.SignInAsync(strangerEmail, People.Password);

        var response = await page.GotoAsync($"/requests/{number}");
        Assert.Equal(404, response!.Status);
        await Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync("Page not found");
        await Expect(page.GetByText(Subject)).ToHaveCountAsync(0);
        await Expect(page.GetByText(Description)).ToHaveCountAsync(0);
        await ScreenshotAsync(page, "request-not-found");
        await AssertAccessibleAsync(page);

        // Same answer for a number that does not exist at all: nothing tells them apart.
        var missing = await page.GotoAsync($"/requests/{number + 1000}");
        Assert.Equal(404, missing!.Status);
        await Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync("Page not found");
    }

    [Fact]
    public async Task A_plain_member_of_the_same_organization_does_not_see_it_unless_the_organization_shares()
    {
        await using var app = await BrowserApp.StartAsync(output);
        var (number, acme) = await ArrangeAsync(app);
        var memberEmail = People.UniqueEmail("member");
        var member = await app.CreateUserAsync(memberEmail, "Dorothy", "Vaughan");
        await app.AddMemberAsync(acme, member);
        await using var context = await chromium.NewContextAsync(app);
        var page = await context.NewPageAsync();
        await page.SignInAsync(memberEmail, People.Password);

        var response = await page.GotoAsync($"/requests/{number}");
        Assert.Equal(404, response!.Status);
        await Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync("Page not found");
    }

    [Fact]
    public async Task The_agent_sees_who_follows_the_request_even_when_nobody_is_in_CC()
    {
        await using var app = await BrowserApp.StartAsync(output);
        var (number, acme) = await ArrangeAsync(app);
        var managerEmail = People.UniqueEmail("manager");
        var manager = await app.CreateUserAsync(managerEmail, "Margaret", "Hamilton");
        await app.AddMemberAsync(acme, manager, manager: true);
        var agentEmail = People.UniqueEmail("agent");
        await app.CreateSupportAgentAsync(agentEmail);

        await using var managerContext = await chromium.NewContextAsync(app);
        var managerPage = await managerContext.NewPageAsync();
        await managerPage.SignInAsync(managerEmail, People.Password);
        await managerPage.GotoAsync($"/requests/{number}");
        await managerPage.GetByRole(AriaRole.Button, new() { Name = "Follow this request" }).ClickAsync();
        await Expect(managerPage.GetByRole(AriaRole.Button, new() { Name = "Stop following" })).ToBeVisibleAsync();

        await using var agentContext = await chromium.NewContextAsync(app);
        var agentPage = await agentContext.NewPageAsync();
        await agentPage.SignInAsync(agentEmail, People.Password);
        await agentPage.GotoAsync($"/agent/tickets/{number}");
        await Expect(agentPage.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync(Subject);
        // App bug: Pages/Agent/Tickets/Details.cshtml shows "Kept informed" only when there is a CC,
        // though it lists CC and followers: a follower alone is never shown to the agent.
        var side = agentPage.GetByRole(AriaRole.Complementary);
        await Expect(side.GetByRole(AriaRole.Heading, new() { Name = "Kept informed" })).ToBeVisibleAsync(new() { Timeout = 5_000 });
        await Expect(side.GetByRole(AriaRole.Listitem).Filter(new() { HasText = "Margaret Hamilton" })).ToBeVisibleAsync(new() { Timeout = 5_000 });
    }

    /// <summary>Katherine, of "Acme Pumps", has opened a request; returns its number and her organization.</summary>
    private static async Task<(long Number, Guichet.Web.Organizations.Organization Acme)> ArrangeAsync(BrowserApp app)
    {
        var requester = await app.CreateUserAsync(People.UniqueEmail("katherine"), "Katherine", "Johnson");
        var acme = await app.CreateOrganizationAsync("Acme Pumps");
        await app.AddMemberAsync(acme, requester);
        return ((await app.OpenRequestAsync(requester, Subject, Description)).Number, acme);
    }
}
