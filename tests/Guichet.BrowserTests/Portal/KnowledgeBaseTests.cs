using Guichet.BrowserTests.Agent;
using Guichet.BrowserTests.Infrastructure;
using Guichet.Web.KnowledgeBase;
using Guichet.Web.Tickets;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using Xunit.Abstractions;

namespace Guichet.BrowserTests.Portal;

/// <summary>The help center and the portal's home, read on a phone: finding an article, reading it, saying it did not help.</summary>
[Collection(BrowserCollection.Name)]
public sealed class KnowledgeBaseTests(Chromium chromium, ITestOutputHelper output)
{
    private const string Invoice = """
        Your invoices are on the **Billing** page, one per month.

        ## Download one

        1. Open *Billing* from the menu.
        2. Choose the month.
        3. Click **Download PDF**.

        | Format | For |
        | --- | --- |
        | PDF | printing and archiving, with the company's stamp and the legal mentions required in every country we bill |
        | CSV | your accounting software |

        ```
        https://support.example.com/billing/invoices?month=2026-11&format=pdf&lang=en
        ```
        """;

    [Fact]
    public async Task A_customer_finds_an_article_from_the_home_page_on_a_phone_and_says_what_was_missing()
    {
        await using var app = await BrowserApp.StartAsync(output);
        var editor = await app.CreateEditorAsync(People.UniqueEmail("edith"));
        var section = await app.CreateSectionAsync("Billing and invoices", "Invoices", "Everything about what you pay, when and how.");
        var article = await app.PublishArticleAsync(editor, section, "Download an invoice as a PDF", Invoice,
            translations: ("de", "Eine Rechnung als PDF herunterladen", "Ihre Rechnungen finden Sie unter **Abrechnung**."));
        await app.PublishArticleAsync(editor, section, "Change the address on your invoices", "On your organization's page.");
        await app.PublishArticleAsync(editor, section, "Pay by bank transfer", "Our bank details are on every invoice.", KbVisibility.SignedIn);
        var email = People.UniqueEmail("rosalind");
        var customer = await app.CreateUserAsync(email, "Rosalind", "Franklin");
        var waiting = await app.OpenRequestAsync(customer, "The March invoice shows the wrong VAT number for our Lyon office");
        await app.OpenRequestAsync(customer, "Printer on fire");
        using (var scope = app.Services.CreateScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<Guichet.Web.Data.GuichetDbContext>();
            var ticket = await db.Tickets.Include(t => t.Status).SingleAsync(t => t.Id == waiting.Id);
            var status = db.Statuses.First(s => s.Category == StatusCategory.Pending);
            await scope.ServiceProvider.GetRequiredService<StatusWorkflow>().SetAsync(ticket!, status.Id, editor.Id, CancellationToken.None);
            await db.SaveChangesAsync();
        }

        await using var context = await chromium.NewContextAsync(app);
        var page = await context.NewPageAsync();
        await page.SetViewportSizeAsync(375, 740);
        await page.SignInAsync(email, People.Password);
        await page.GotoAsync("/");
        var waitingList = page.GetByRole(AriaRole.Region, new() { Name = "Waiting for your answer" });
        await Expect(waitingList.GetByRole(AriaRole.Link, new() { Name = $"#{waiting.Number} The March invoice" })).ToBeVisibleAsync();
        await Expect(page.GetByRole(AriaRole.Region, new() { Name = "Your open requests" }).GetByRole(AriaRole.Link, new() { NameRegex = new("Printer on fire") })).ToBeVisibleAsync();
        await Layout.AssertFitsAPhoneAsync(page);
        await ScreenshotAsync(page, "home-customer");
        await BellTests.AssertAccessibleAtBothWidthsAsync(page);

        // The one box: Enter searches the help center.
        await page.GetByLabel("Search the help center or your requests").FillAsync("invoice pdf");
        await page.GetByLabel("Search the help center or your requests").PressAsync("Enter");
        await Expect(page).ToHaveURLAsync(app.BaseUrl + "/kb/search?q=invoice+pdf");
        var hit = page.Locator(".kb-results > li").First;
        await Expect(hit.Locator("mark").First).ToBeVisibleAsync();
        await ScreenshotAsync(page, "kb-search");
        await BellTests.AssertAccessibleAtBothWidthsAsync(page);

        await hit.GetByRole(AriaRole.Link, new() { Name = "Download an invoice as a PDF" }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync("Download an invoice as a PDF");
        await Expect(page.GetByRole(AriaRole.Navigation, new() { Name = "Breadcrumbs" })).ToContainTextAsync("Billing and invoices");
        await Expect(page.GetByRole(AriaRole.Region, new() { Name = "Related articles" }).GetByRole(AriaRole.Link)).ToHaveCountAsync(2);
        await Layout.AssertFitsAPhoneAsync(page);
        await ScreenshotAsync(page, "kb-article");
        await BellTests.AssertAccessibleAtBothWidthsAsync(page);

        // "No", then what was missing: the box comes with the answer, and the thanks after.
        var feedback = page.GetByRole(AriaRole.Region, new() { Name = "Was this article helpful?" });
        await feedback.GetByRole(AriaRole.Button, new() { Name = "No" }).ClickAsync();
        await Expect(feedback.GetByRole(AriaRole.Status)).ToContainTextAsync("Tell us what was missing");
        await feedback.GetByLabel("What was missing?").FillAsync("Where is the VAT number?");
        await feedback.GetByRole(AriaRole.Button, new() { Name = "Send" }).ClickAsync();
        await Expect(feedback.GetByRole(AriaRole.Status)).ToContainTextAsync("your comment goes to the people who write our articles");
        await Expect(feedback).ToContainTextAsync("You found this not helpful — change");
        await ScreenshotAsync(page, "kb-article-feedback");
        await BellTests.AssertAccessibleAtBothWidthsAsync(page);

        // The other language, from the switch.
        await page.GetByRole(AriaRole.Navigation, new() { Name = "Other languages of this article" }).GetByRole(AriaRole.Link, new() { Name = "Deutsch" }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync("Eine Rechnung als PDF herunterladen");
        await Expect(page).ToHaveURLAsync(app.BaseUrl + KbAddresses.Article(article, "eine-rechnung-als-pdf-herunterladen") + "?lang=de");
    }

    [Fact]
    public async Task A_visitor_reads_the_public_help_center_in_French_with_the_note_that_the_article_is_in_English()
    {
        await using var app = await BrowserApp.StartAsync(output);
        var editor = await app.CreateEditorAsync(People.UniqueEmail("edith"));
        var section = await app.CreateSectionAsync("Getting started", "Your account");
        var article = await app.PublishArticleAsync(editor, section, "Reset your password", "Click **Forgot password** on the sign-in page.");
        await app.PublishArticleAsync(editor, section, "Members only", "Secret.", KbVisibility.SignedIn);

        await using var context = await chromium.NewContextAsync(app, "fr-FR");
        var page = await context.NewPageAsync();
        await page.SetViewportSizeAsync(375, 740);
        await page.GotoAsync("/");
        await Expect(page.GetByRole(AriaRole.Link, new() { Name = "Reset your password" })).ToBeVisibleAsync();
        await Expect(page.GetByText("Members only")).ToHaveCountAsync(0);
        await ScreenshotAsync(page, "home-visitor-fr");
        await BellTests.AssertAccessibleAtBothWidthsAsync(page);

        await page.GotoAsync("/kb");
        await ScreenshotAsync(page, "kb-home-fr");
        await BellTests.AssertAccessibleAtBothWidthsAsync(page);
        await page.GetByRole(AriaRole.Link, new() { Name = "Reset your password" }).First.ClickAsync();
        await Expect(page.Locator(".kb-fallback")).ToHaveTextAsync("Cet article n'est pas encore disponible en français ; le voici en anglais.");
        await Expect(page).ToHaveURLAsync(app.BaseUrl + KbAddresses.Article(article, "reset-your-password"));
        await ScreenshotAsync(page, "kb-article-fallback-fr");
        await BellTests.AssertAccessibleAtBothWidthsAsync(page);
    }
}
