using Guichet.BrowserTests.Infrastructure;
using Guichet.Web.KnowledgeBase;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using Xunit.Abstractions;

namespace Guichet.BrowserTests.Portal;

/// <summary>
/// The portal's side of <see cref="Agent.AccessibilitySweepTests"/>: the home page and every page of the help center, as a
/// customer reads them (and an article's draft as its editor previews it), in each of the five languages, at the widths
/// <see cref="AccessibilitySweep"/> says: axe finds nothing serious and nothing overflows the phone.
/// </summary>
[Collection(BrowserCollection.Name)]
public sealed class HelpCenterAccessibilitySweepTests(Chromium chromium, ITestOutputHelper output)
{
    [Theory]
    [InlineData("en")]
    [InlineData("fr")]
    [InlineData("de")]
    [InlineData("es")]
    [InlineData("it")]
    public async Task Every_help_center_page_is_accessible_at_both_widths(string culture)
    {
        await using var app = await BrowserApp.StartAsync(output);
        var editorEmail = People.UniqueEmail("edith");
        var editor = await app.CreateEditorAsync(editorEmail);
        var section = await app.CreateSectionAsync("Billing", "Invoices", "What you pay, when and how.");
        var article = await app.PublishArticleAsync(editor, section, "Download an invoice", "Open **Billing**, choose the month, click *Download*.",
            translations: [("de", "Eine Rechnung herunterladen", "Öffnen Sie **Abrechnung**.")]);
        await app.PublishArticleAsync(editor, section, "Pay by bank transfer", "Our bank details are on every invoice.");
        var draft = await app.PublishArticleAsync(editor, section, "Invoices in 2027", "What changes.", publish: false);
        var email = People.UniqueEmail("rosalind");
        var customer = await app.CreateUserAsync(email, "Rosalind", "Franklin");
        await app.OpenRequestAsync(customer, "Printer on fire");
        int category;
        using (var scope = app.Services.CreateScope())
        {
            var structure = await scope.ServiceProvider.GetRequiredService<KbLibrary>().StructureAsync(CancellationToken.None);
            category = structure.Section(section)!.CategoryId;
        }

        await using var context = await chromium.NewContextAsync(app);
        var page = await context.NewPageAsync();
        await page.SignInAsync(email, People.Password);
        if (culture != "en") await page.SwitchLanguageAsync(culture);
        // Answered "no": the article shows the answer and the box for what was missing.
        await page.GotoAsync($"/kb/articles/{article}");
        await page.Locator("form.kb-feedback__buttons button[value=false]").ClickAsync();
        await Expect(page.Locator("form.kb-feedback__comment")).ToBeVisibleAsync();

        string[] pages = ["/", "/kb", KbAddresses.Category(category), KbAddresses.Section(section), $"/kb/articles/{article}",
            $"/kb/articles/{article}?lang=de", "/kb/search?q=invoice", "/kb/search?q=nothingatall"];
        await page.SweepAsync(culture, pages);

        await using var editorContext = await chromium.NewContextAsync(app);
        var editorPage = await editorContext.NewPageAsync();
        await editorPage.SignInAsync(editorEmail, People.Password);
        if (culture != "en") await editorPage.SwitchLanguageAsync(culture);
        await editorPage.SweepAsync(culture, [$"/kb/articles/{draft}?preview=1", "/"]);
    }
}
