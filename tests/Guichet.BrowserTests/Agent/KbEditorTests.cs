using Guichet.BrowserTests.Infrastructure;
using Guichet.Web.Accounts;
using Guichet.Web.KnowledgeBase;
using Guichet.Web.Localization;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using Xunit.Abstractions;

namespace Guichet.BrowserTests.Agent;

/// <summary>
/// An editor writes an article in a real browser: a draft, an image added with the text and shown in the preview; an
/// image chosen with a new article; a section's articles put in order with the keyboard.
/// </summary>
[Collection(BrowserCollection.Name)]
public sealed class KbEditorTests(Chromium chromium, ITestOutputHelper output)
{
    private static readonly byte[] Png = Convert.FromBase64String("iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==");

    [Fact]
    public async Task An_editor_writes_a_draft_adds_an_image_to_its_text_and_previews_it()
    {
        await using var app = await BrowserApp.StartAsync(output);
        var email = People.UniqueEmail("ada");
        await app.CreateSupportAgentAsync(email, "Ada", "Lovelace", Roles.Admin);
        using (var scope = app.Services.CreateScope())
        {
            var authoring = scope.ServiceProvider.GetRequiredService<KbAuthoring>();
            var names = LocalizedText.Of("Network", "Réseau", "Netzwerk", "Red", "Rete");
            var (category, _) = await authoring.SaveCategoryAsync(null, names, names, 1, CancellationToken.None);
            await authoring.SaveSectionAsync(null, category!.Id, LocalizedText.Of("VPN", "VPN", "VPN", "VPN", "VPN"), names, 1, CancellationToken.None);
        }
        await using var context = await chromium.NewContextAsync(app);
        var page = await context.NewPageAsync();
        await page.SignInAsync(email, People.Password);

        await page.GotoAsync("/agent");
        await page.GetByRole(AriaRole.Link, new() { Name = "Knowledge base" }).ClickAsync();
        await page.GetByRole(AriaRole.Link, new() { Name = "New article" }).ClickAsync();
        await page.GetByLabel("Title (English)").FillAsync("Connect to the VPN");
        await page.GetByLabel("Text", new() { Exact = true }).FillAsync("1. Open the client.\n2. Click **Connect**.");
        await page.GetByRole(AriaRole.Button, new() { Name = "Save the draft" }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync("Connect to the VPN");
        await Expect(page.Locator(".toolbar .kb-state")).ToHaveTextAsync("Draft");

        await page.GetByLabel("Attachments").SetInputFilesAsync(new FilePayload { Name = "client.png", MimeType = "image/png", Buffer = Png });
        await page.GetByLabel("Text", new() { Exact = true }).FillAsync("1. Open the client.\n2. Click **Connect**.\n\n![The client](attachment:client.png)");
        await page.GetByRole(AriaRole.Button, new() { Name = "Save the text" }).ClickAsync();
        await Expect(page.Locator(".kb-files")).ToContainTextAsync("![client.png](attachment:client.png)");

        await page.GetByRole(AriaRole.Button, new() { Name = "Preview" }).ClickAsync();
        await Expect(page.Locator(".kb-preview img")).ToHaveAttributeAsync("src", new System.Text.RegularExpressions.Regex("^/kb/files/"));
        await ScreenshotAsync(page, "kb-editor-article");
        await AssertAccessibleAsync(page);
    }

    [Fact]
    public async Task An_image_chosen_on_the_new_article_form_shows_in_its_first_text()
    {
        await using var app = await BrowserApp.StartAsync(output);
        var editor = await app.CreateEditorAsync(People.UniqueEmail("edith"));
        await app.CreateSectionAsync("Network", "VPN");
        await using var context = await chromium.NewContextAsync(app);
        var page = await context.NewPageAsync();
        await page.SignInAsync(editor.Email!, People.Password);

        await page.GotoAsync("/agent/kb/articles/new");
        await page.GetByLabel("Title (English)").FillAsync("Connect to the VPN");
        await page.GetByLabel("Text", new() { Exact = true }).FillAsync("Click **Connect**.\n\n![The client](attachment:client.png)");
        await page.GetByLabel("Attachments").SetInputFilesAsync(new FilePayload { Name = "client.png", MimeType = "image/png", Buffer = Png });
        await ScreenshotAsync(page, "kb-new-article-with-file");
        await AssertAccessibleAsync(page);
        await page.GetByRole(AriaRole.Button, new() { Name = "Save the draft" }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync("Connect to the VPN");
        await Expect(page.Locator(".kb-files")).ToContainTextAsync("![client.png](attachment:client.png)");

        // The draft as readers will see it: the image is loaded from the article's files.
        await page.GetByRole(AriaRole.Link, new() { Name = "Preview as readers see it" }).ClickAsync();
        var image = page.Locator("img[alt='The client']");
        await Expect(image).ToHaveAttributeAsync("src", new System.Text.RegularExpressions.Regex("^/kb/files/"));
        Assert.True(await image.EvaluateAsync<int>("img => img.complete ? img.naturalWidth : 0") > 0);
    }

    [Fact]
    public async Task An_editor_puts_a_sections_articles_in_order_with_the_keyboard()
    {
        await using var app = await BrowserApp.StartAsync(output);
        var editor = await app.CreateEditorAsync(People.UniqueEmail("edith"));
        var section = await app.CreateSectionAsync("Network", "VPN");
        var connect = await app.PublishArticleAsync(editor, section, "Connect to the VPN", "Open the client.");
        await app.PublishArticleAsync(editor, section, "VPN error 809", "Open UDP port 500.");
        await app.PublishArticleAsync(editor, section, "The VPN on a phone", "Install the app.", publish: false);
        await using var context = await chromium.NewContextAsync(app);
        var page = await context.NewPageAsync();
        await page.SignInAsync(editor.Email!, People.Password);

        await page.GotoAsync("/agent/kb/structure");
        await page.GetByRole(AriaRole.Link, new() { Name = "Order of the articles VPN" }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync("Order of the articles: VPN");
        await Expect(page.GetByRole(AriaRole.Button, new() { Name = "Move up “Connect to the VPN”" })).ToBeDisabledAsync();

        await page.GetByRole(AriaRole.Button, new() { Name = "Move down “Connect to the VPN”" }).FocusAsync();
        await page.Keyboard.PressAsync("Enter");
        await Expect(page.Locator(".flash")).ToHaveTextAsync("“Connect to the VPN” is now number 2 of 3.");
        await Expect(page.Locator(".kb-order > li .kb-order__article a")).ToHaveTextAsync(["VPN error 809", "Connect to the VPN", "The VPN on a phone"]);
        Assert.EndsWith($"#article-{connect}", page.Url);
        // The page comes back to the article moved: the next Tab reaches it, then its buttons, to move it again.
        await page.Keyboard.PressAsync("Tab");
        await Expect(page.Locator($"#article-{connect} .kb-order__article a")).ToBeFocusedAsync();
        await page.Keyboard.PressAsync("Tab");
        await Expect(page.GetByRole(AriaRole.Button, new() { Name = "Move up “Connect to the VPN”" })).ToBeFocusedAsync();
        await page.Keyboard.PressAsync("Enter");
        await Expect(page.Locator(".kb-order > li .kb-order__article a")).ToHaveTextAsync(["Connect to the VPN", "VPN error 809", "The VPN on a phone"]);
        await ScreenshotAsync(page, "kb-section-order");
        await AssertAccessibleAsync(page);
    }
}
