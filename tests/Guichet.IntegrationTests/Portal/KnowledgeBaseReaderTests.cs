using System.Net;
using AngleSharp.Dom;
using Guichet.IntegrationTests.Infrastructure;
using Guichet.IntegrationTests.KnowledgeBase;
using Guichet.IntegrationTests.Search;
using Guichet.Web.KnowledgeBase;
using Guichet.Web.Tickets;

namespace Guichet.IntegrationTests.Portal;

/// <summary>The help center's reader pages (/kb): who reads which article, its languages, address, drafts, files and search.</summary>
public sealed class KnowledgeBaseReaderTests
{
    [Theory, Databases]
    public async Task Each_reader_opens_what_they_may_read_and_gets_the_same_not_found_for_the_rest(Db db)
    {
        await using var app = await GuichetApp.StartAsync(db);
        var acme = await app.CreateOrganizationAsync("Acme", "acme.example");
        var globex = await app.CreateOrganizationAsync("Globex", "globex.example");
        var editor = await app.EditorAsync();
        var billing = await app.SectionAsync("Billing", "Invoices");
        var acmeCorner = await app.SectionAsync("Acme corner", "Acme printers");
        var open = await app.ArticleAsync(editor, billing, "Download an invoice", "From the billing page.");
        var customers = await app.ArticleAsync(editor, billing, "Change the invoice address", "On your profile.", visibility: KbVisibility.SignedIn);
        var acmeOnly = await app.ArticleAsync(editor, acmeCorner, "Acme printer fleet", "Ask Bob.", visibility: KbVisibility.Organizations, organizations: [acme.Id]);
        var internalOnly = await app.ArticleAsync(editor, billing, "Refund procedure", "Team only.", visibility: KbVisibility.Internal);
        var draft = await app.ArticleAsync(editor, billing, "Invoices in 2027", "Coming.", publish: false);
        await app.CustomerAsync("ana@acme.example", acme);
        await app.CustomerAsync("gus@globex.example", globex);
        await app.AgentAsync("agent@example.org", "Support");

        using var anonymous = new PageClient(app.NewClient());
        using var ana = await app.SignInAsync("ana@acme.example");
        using var gus = await app.SignInAsync("gus@globex.example");
        using var agent = await app.SignInAsync("agent@example.org");
        var expected = new (PageClient Reader, int[] Reads)[]
        {
            (anonymous, [open]), (ana, [open, customers, acmeOnly]), (gus, [open, customers]), (agent, [open, customers, acmeOnly, internalOnly]),
        };
        foreach (var (reader, reads) in expected)
            foreach (var article in new[] { open, customers, acmeOnly, internalOnly, draft })
            {
                var response = await reader.Http.GetAsync(await app.AddressOfAsync(article));
                Assert.Equal(reads.Contains(article) ? HttpStatusCode.OK : HttpStatusCode.NotFound, response.StatusCode);
            }
        // Not readable and not there say the same.
        var unreadable = await anonymous.Http.GetAsync(await app.AddressOfAsync(customers));
        var missing = await anonymous.Http.GetAsync("/kb/articles/9999-nothing");
        Assert.Equal(HttpStatusCode.NotFound, missing.StatusCode);
        Assert.Equal((await PageClient.ParseAsync(missing)).MainText(), (await PageClient.ParseAsync(unreadable)).MainText());

        // The help center's home, categories and sections show only what holds something the reader may read.
        Assert.DoesNotContain("Acme corner", (await gus.GetAsync("/kb")).MainText());
        Assert.Contains("Acme corner", (await ana.GetAsync("/kb")).MainText());
        Assert.Equal(HttpStatusCode.NotFound, await gus.Http.StatusOfAsync(KbAddresses.Section(acmeCorner)));
        var section = await ana.GetAsync(KbAddresses.Section(acmeCorner));
        Assert.Equal(["Help center", "Acme corner", "Acme printers"], Crumbs(section));
        Assert.Equal(["Acme printer fleet"], Titles(section, ".kb-list a"));
        var category = await anonymous.GetAsync("/kb");
        var billingLink = category.QuerySelectorAll(".kb-categories h3 a").Single(a => a.TextContent == "Billing").GetAttribute("href")!;
        Assert.Equal(["Download an invoice"], Titles(await anonymous.GetAsync(billingLink), ".kb-list a"));
        Assert.Equal(["Download an invoice", "Change the invoice address"], Titles(await gus.GetAsync(billingLink), ".kb-list a"));

        // The article's page: breadcrumbs, title, author, related articles of its section the reader may read.
        var page = await gus.GetAsync(await app.AddressOfAsync(open));
        Assert.Equal(["Help center", "Billing", "Invoices"], Crumbs(page));
        Assert.Equal("Download an invoice", page.QuerySelector("h1")!.TextContent);
        Assert.Contains("From the billing page.", page.QuerySelector(".kb-article__body")!.TextContent);
        Assert.Contains("Written by Test Person", page.MainText());
        Assert.Equal(["Change the invoice address"], Titles(page, ".kb-related a"));
        Assert.Null(page.QuerySelector("a[href^='/agent/kb/articles/']"));
    }

    [Theory, Databases]
    public async Task A_reader_without_their_language_reads_the_source_with_a_note_and_switches_among_ready_translations(Db db)
    {
        await using var app = await GuichetApp.StartAsync(db);
        var editor = await app.EditorAsync();
        var section = await app.SectionAsync();
        var article = await app.ArticleAsync(editor, section, "Reset your password", "Click *Forgot password*.");
        await app.TranslateAsync(editor, article, "de", "Passwort zurücksetzen", "Klicken Sie auf *Passwort vergessen*.");
        await app.TranslateAsync(editor, article, "fr", "Réinitialiser le mot de passe", "Brouillon.", draft: true);

        using var french = new PageClient(app.NewClient()).InLanguage("fr");
        var page = await french.GetAsync(await app.AddressOfAsync(article));
        Assert.Equal("Reset your password", page.QuerySelector("h1")!.TextContent);
        Assert.Equal("Cet article n'est pas encore disponible en français ; le voici en anglais.", page.QuerySelector(".kb-fallback")!.TextContent);
        Assert.Equal("en", page.QuerySelector("article")!.GetAttribute("lang"));
        // The switch offers the ready translations only (the French draft is not one).
        var languages = page.QuerySelectorAll(".kb-languages li").Select(l => l.TextContent.Trim()).ToList();
        Assert.Equal(["Deutsch", "English"], languages);
        var german = page.QuerySelector(".kb-languages a[hreflang=de]")!.GetAttribute("href")!;
        Assert.Equal(await app.AddressOfAsync(article, "de") + "?lang=de", german);

        var inGerman = await french.GetAsync(german);
        Assert.Equal("Passwort zurücksetzen", inGerman.QuerySelector("h1")!.TextContent);
        Assert.Null(inGerman.QuerySelector(".kb-fallback"));
        // A language the article is not ready in: the page in the reader's own choice again.
        var notReady = await french.Http.GetAsync(await app.AddressOfAsync(article) + "?lang=fr");
        Assert.Equal(HttpStatusCode.Redirect, notReady.StatusCode);

        using var germanReader = new PageClient(app.NewClient()).InLanguage("de");
        var own = await germanReader.GetAsync(await app.AddressOfAsync(article, "de"));
        Assert.Equal("Passwort zurücksetzen", own.QuerySelector("h1")!.TextContent);
        Assert.Null(own.QuerySelector(".kb-fallback"));
    }

    [Theory, Databases]
    public async Task An_address_without_its_slug_or_with_an_old_one_is_sent_to_the_right_one(Db db)
    {
        await using var app = await GuichetApp.StartAsync(db);
        var editor = await app.EditorAsync();
        var section = await app.SectionAsync();
        var article = await app.ArticleAsync(editor, section, "Reset your password", "Click the link.");
        using var client = app.NewClient();

        foreach (var old in new[] { $"/kb/articles/{article}", $"/kb/articles/{article}-forgotten-password" })
        {
            var response = await client.GetAsync(old + "?lang=en");
            Assert.Equal(HttpStatusCode.MovedPermanently, response.StatusCode);
            Assert.Equal($"/kb/articles/{article}-reset-your-password?lang=en", response.Headers.Location!.OriginalString);
        }
        Assert.Equal(HttpStatusCode.OK, await client.StatusOfAsync($"/kb/articles/{article}-reset-your-password"));

        await app.TranslateAsync(editor, article, "en", "Choose a new password", "Click the link.");
        var renamed = await client.GetAsync($"/kb/articles/{article}-reset-your-password");
        Assert.Equal(HttpStatusCode.MovedPermanently, renamed.StatusCode);
        Assert.Equal($"/kb/articles/{article}-choose-a-new-password", renamed.Headers.Location!.OriginalString);
        Assert.Equal(HttpStatusCode.NotFound, await client.StatusOfAsync("/kb/articles/abc-reset"));
    }

    [Theory, Databases]
    public async Task Editors_preview_drafts_and_nobody_else_does_and_previews_count_no_view(Db db)
    {
        await using var app = await GuichetApp.StartAsync(db);
        var editor = await app.EditorAsync();
        var section = await app.SectionAsync();
        var draft = await app.ArticleAsync(editor, section, "Invoices in 2027", "What changes.", publish: false);
        var published = await app.ArticleAsync(editor, section, "Download an invoice", "From the billing page.");
        await app.AgentAsync("agent@example.org", "Support");
        await app.CustomerAsync("ana@example.org");
        var address = await app.AddressOfAsync(draft) + "?preview=1";

        using var editorClient = await app.SignInAsync("editor@example.org");
        var preview = await editorClient.GetAsync(address);
        Assert.Equal("Draft — not visible to readers", preview.QuerySelector(".kb-draft")!.TextContent.Trim());
        Assert.Equal("Invoices in 2027", preview.QuerySelector("h1")!.TextContent);
        Assert.Equal($"/agent/kb/articles/{draft}", preview.QuerySelector(".kb-article__meta a")!.GetAttribute("href"));
        Assert.Equal(HttpStatusCode.NotFound, await editorClient.Http.StatusOfAsync(await app.AddressOfAsync(draft)));
        using var agent = await app.SignInAsync("agent@example.org");
        Assert.Equal(HttpStatusCode.NotFound, await agent.Http.StatusOfAsync(address));
        using var ana = await app.SignInAsync("ana@example.org");
        Assert.Equal(HttpStatusCode.NotFound, await ana.Http.StatusOfAsync(address));
        using var anonymous = app.NewClient();
        Assert.Equal(HttpStatusCode.NotFound, await anonymous.StatusOfAsync(address));

        // A published article previewed by its editor: no banner. Readers' visits count; the preview does not.
        var editorView = await editorClient.GetAsync(await app.AddressOfAsync(published) + "?preview=1");
        Assert.Null(editorView.QuerySelector(".kb-draft"));
        await ana.GetAsync(await app.AddressOfAsync(published));
        await anonymous.GetAsync(await app.AddressOfAsync(published));
        Assert.Equal(2, await app.ViewsAsync(published));
        Assert.Equal(0, await app.ViewsAsync(draft));
    }

    [Theory, Databases]
    public async Task A_file_is_served_only_to_whoever_may_read_its_article(Db db)
    {
        await using var app = await GuichetApp.StartAsync(db);
        var editor = await app.EditorAsync();
        var section = await app.SectionAsync();
        var open = await app.ArticleAsync(editor, section, "Printer setup", "See the guide.");
        var customers = await app.ArticleAsync(editor, section, "Printer drivers", "Download them.", visibility: KbVisibility.SignedIn);
        var draft = await app.ArticleAsync(editor, section, "New printers", "Soon.", publish: false);
        var guide = await app.FileAsync(open, editor, "guide.pdf", "application/pdf", [1, 2, 3, 4]);
        var diagram = await app.FileAsync(open, editor, "diagram.png", "image/png", [137, 80, 78, 71]);
        var drivers = await app.FileAsync(customers, editor, "drivers.zip", "application/zip", [5, 6]);
        var plan = await app.FileAsync(draft, editor, "plan.pdf", "application/pdf", [7]);
        await app.CustomerAsync("ana@example.org");

        using var anonymous = app.NewClient();
        var pdf = await anonymous.GetAsync(guide.Url);
        Assert.Equal(HttpStatusCode.OK, pdf.StatusCode);
        Assert.Equal([1, 2, 3, 4], await pdf.Content.ReadAsByteArrayAsync());
        Assert.StartsWith("attachment", pdf.Content.Headers.ContentDisposition!.ToString());
        Assert.Equal("nosniff", pdf.Headers.GetValues("X-Content-Type-Options").Single());
        Assert.StartsWith("inline", (await anonymous.GetAsync(diagram.Url)).Content.Headers.ContentDisposition!.ToString());
        Assert.Equal(HttpStatusCode.NotFound, await anonymous.StatusOfAsync(drivers.Url));
        Assert.Equal(HttpStatusCode.NotFound, await anonymous.StatusOfAsync($"/kb/files/{Guid.NewGuid()}/guide.pdf"));

        using var ana = await app.SignInAsync("ana@example.org");
        Assert.Equal(HttpStatusCode.OK, await ana.Http.StatusOfAsync(drivers.Url));
        Assert.Equal(HttpStatusCode.NotFound, await ana.Http.StatusOfAsync(plan.Url));
        using var editorClient = await app.SignInAsync("editor@example.org");
        Assert.Equal(HttpStatusCode.OK, await editorClient.Http.StatusOfAsync(plan.Url));

        // The article lists its files with their sizes.
        var page = await anonymous.GetAsync(await app.AddressOfAsync(open));
        var files = (await PageClient.ParseAsync(page)).QuerySelectorAll(".kb-files li").Select(li => li.TextContent.Trim()).ToList();
        Assert.Equal(["diagram.png (4 B)", "guide.pdf (4 B)"], files);
    }

    [Theory, Databases]
    public async Task Search_shows_the_readers_articles_with_the_matched_words_marked_and_helps_when_none_match(Db db)
    {
        await using var app = await GuichetApp.StartAsync(db);
        var editor = await app.EditorAsync();
        var section = await app.SectionAsync("Devices", "Printers");
        var open = await app.ArticleAsync(editor, section, "Printer setup", "Install the <printer> driver, then print a test page.");
        await app.ArticleAsync(editor, section, "Printer fleet", "Printer contracts.", visibility: KbVisibility.SignedIn);
        await app.CustomerAsync("ana@example.org");

        using var anonymous = new PageClient(app.NewClient());
        var results = await anonymous.GetAsync("/kb/search?q=printer");
        var hit = Assert.Single(results.QuerySelectorAll(".kb-results > li"));
        Assert.Equal("Printer setup", hit.QuerySelector("h2 a")!.TextContent);
        Assert.Equal(await app.AddressOfAsync(open), hit.QuerySelector("h2 a")!.GetAttribute("href"));
        Assert.Equal("Devices › Printers", hit.QuerySelector(".kb-results__place")!.TextContent);
        var excerpt = hit.QuerySelector(".kb-results__excerpt")!;
        Assert.Equal(["printer"], excerpt.QuerySelectorAll("mark").Select(m => m.TextContent).ToList());
        // What the article says is text, never markup.
        Assert.Contains("<printer>", excerpt.TextContent);
        Assert.Equal("printer", results.QuerySelector("input[name=q]")!.GetAttribute("value"));

        using var ana = await app.SignInAsync("ana@example.org");
        var hers = await ana.GetAsync("/kb/search?q=printer");
        Assert.Equal(2, hers.QuerySelectorAll(".kb-results > li").Length);
        Assert.Equal("/requests?q=printer", hers.QuerySelectorAll("main a").Single(a => a.TextContent.Contains("Search my requests")).GetAttribute("href"));
        Assert.Equal("/requests", hers.QuerySelector("form[role=search] button[formaction]")!.GetAttribute("formaction"));

        var none = await anonymous.GetAsync("/kb/search?q=scanner");
        Assert.Empty(none.QuerySelectorAll(".kb-results > li"));
        Assert.Contains("No article matches “scanner”", none.MainText());
        Assert.Equal("/requests/new", none.QuerySelectorAll("main a").Single(a => a.TextContent == "Open a request").GetAttribute("href"));
    }

    internal static List<string> Crumbs(IDocument page) =>
        page.QuerySelectorAll(".breadcrumbs li").Select(li => li.TextContent.Trim()).ToList();

    internal static List<string> Titles(IDocument page, string selector) =>
        page.QuerySelectorAll(selector).Select(a => a.TextContent.Trim()).ToList();
}
