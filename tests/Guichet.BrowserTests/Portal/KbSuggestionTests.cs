using Guichet.BrowserTests.Infrastructure;
using Guichet.Web.KnowledgeBase;
using Guichet.Web.Localization;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using Xunit.Abstractions;

namespace Guichet.BrowserTests.Portal;

[Collection(BrowserCollection.Name)]
public sealed class KbSuggestionTests(Chromium chromium, ITestOutputHelper output)
{
    [Fact]
    public async Task Typing_a_subject_suggests_help_articles_reached_with_the_keyboard_and_opened_in_a_new_tab()
    {
        await using var app = await BrowserApp.StartAsync(output);
        var vpn = await ArticleAsync(app, "Connect to the VPN from home", "Open the VPN client, choose **Office** and sign in with your usual password.");
        await ArticleAsync(app, "Printer driver setup", "Install the printer driver from the portal.");
        var email = People.UniqueEmail("noor");
        var noor = await app.CreateUserAsync(email, "Noor", "Haddad");
        var open = await app.OpenRequestAsync(noor, "VPN from home drops every hour");
        await using var context = await chromium.NewContextAsync(app);
        var page = await context.NewPageAsync();
        await page.SignInAsync(email, People.Password);
        await page.GotoAsync("/requests/new");

        await page.SubjectField().PressSequentiallyAsync("vpn from ho", new() { Delay = 40 });
        var status = page.Locator("[data-kb-suggestions-status]");
        await Expect(status).ToHaveTextAsync("1 article may answer your question", new() { Timeout = 15_000 });
        await Expect(status).ToHaveAttributeAsync("role", "status");
        var suggestion = page.Locator(".kb-suggestions__list").GetByRole(AriaRole.Link, new() { Name = "Connect to the VPN from home (opens in a new tab)" });
        await Expect(suggestion).ToBeVisibleAsync();
        await Expect(page.Locator(".kb-suggestions__excerpt mark").First).ToHaveTextAsync("VPN");
        // Their open requests that look the same come first, as before.
        var same = page.Locator("[data-similar-target]").GetByRole(AriaRole.Link, new() { Name = $"#{open.Number} VPN from home drops every hour" });
        await Expect(same).ToBeVisibleAsync();
        // The suggestions never take the focus from the person typing; Tab reaches them after the similar request.
        await Expect(page.SubjectField()).ToBeFocusedAsync();
        await page.Keyboard.PressAsync("Tab");
        await Expect(same).ToBeFocusedAsync();
        await page.Keyboard.PressAsync("Tab");
        await Expect(suggestion).ToBeFocusedAsync();
        await ScreenshotAsync(page, "request-new-kb-suggestions");
        await Layout.AssertFitsAPhoneAsync(page);
        await AssertAccessibleAsync(page);

        // Opened in a new tab through the form's key: the form keeps what was typed.
        var tab = await page.RunAndWaitForPopupAsync(() => page.Keyboard.PressAsync("Enter"));
        await Expect(tab).ToHaveURLAsync(new System.Text.RegularExpressions.Regex($"/kb/articles/{vpn}-connect-to-the-vpn-from-home$"));
        await tab.CloseAsync();
        await Expect(page.SubjectField()).ToHaveValueAsync("vpn from ho");

        // Typing on: nothing matches any more, and the list goes.
        await page.SubjectField().PressSequentiallyAsync("rizon", new() { Delay = 40 });
        await Expect(status).ToBeEmptyAsync(new() { Timeout = 15_000 });
        await Expect(page.Locator(".kb-suggestions__list")).ToHaveCountAsync(0);
        await page.SubjectField().FillAsync("printer dri");
        await Expect(status).ToHaveTextAsync("1 article may answer your question", new() { Timeout = 15_000 });
        await Expect(page.Locator(".kb-suggestions__list a")).ToHaveTextAsync("Printer driver setup (opens in a new tab)");
    }

    /// <summary>A public article in English, written and published by an admin through the knowledge base's own code.</summary>
    private static async Task<int> ArticleAsync(BrowserApp app, string title, string body)
    {
        var admin = await app.CreateSupportAgentAsync(People.UniqueEmail("editor"), role: Guichet.Web.Accounts.Roles.Admin);
        using var scope = app.Services.CreateScope();
        var authoring = scope.ServiceProvider.GetRequiredService<KbAuthoring>();
        var names = new LocalizedText(new Dictionary<string, string> { ["en"] = "Help" });
        var (category, _) = await authoring.SaveCategoryAsync(null, names, names, 1, default);
        var (section, _) = await authoring.SaveSectionAsync(null, category!.Id, names, names, 1, default);
        var (article, problem) = await authoring.CreateAsync(admin.Id, section!.Id, "en", new KbText(title, body, ""), KbVisibility.Public, [], default);
        Assert.Null(problem);
        Assert.Null(await authoring.PublishAsync(admin.Id, article!.Id, null, default));
        return article.Id;
    }
}
