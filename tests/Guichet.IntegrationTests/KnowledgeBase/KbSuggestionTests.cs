using System.Net;
using AngleSharp.Dom;
using Guichet.IntegrationTests.Infrastructure;
using Guichet.IntegrationTests.Search;
using Guichet.Web.KnowledgeBase;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Guichet.IntegrationTests.KnowledgeBase;

/// <summary>The help articles the request form suggests while its subject is typed, and the requests they avoid (docs/knowledge-base.md).</summary>
public sealed class KbSuggestionTests
{
    [Theory, Databases]
    public async Task Suggestions_hold_only_what_the_reader_may_read_in_their_language(Db db)
    {
        await using var app = await GuichetApp.StartAsync(db);
        var acme = await app.CreateOrganizationAsync("Acme", "acme.example");
        var globex = await app.CreateOrganizationAsync("Globex", "globex.example");
        var editor = await app.EditorAsync();
        var section = await app.SectionAsync();
        var open = await app.ArticleAsync(editor, section, "Printer setup", "Install the printer driver.");
        await app.TranslateAsync(editor, open, "fr", "Installer l'imprimante", "Installez le pilote de l'imprimante (printer).");
        var acmeOnly = await app.ArticleAsync(editor, section, "Printer at Acme", "The printer on floor 2.", visibility: KbVisibility.Organizations, organizations: [acme.Id]);
        var internalOnly = await app.ArticleAsync(editor, section, "Printer known issues", "Printer driver bugs.", visibility: KbVisibility.Internal);
        await app.ArticleAsync(editor, section, "Printer draft", "Printer.", publish: false);
        await app.CustomerAsync("ana@acme.example", acme);
        await app.CustomerAsync("gus@globex.example", globex);
        using var ana = await app.SignInAsync("ana@acme.example");
        using var gus = await app.SignInAsync("gus@globex.example");
        using var guest = new PageClient(app.NewClient());
        var form = Guid.NewGuid();

        Assert.Equal([open], ArticlesIn(await guest.GetAsync($"/kb/suggestions?q=print&form={form:N}")));
        Assert.Equal([open, acmeOnly], ArticlesIn(await ana.GetAsync($"/kb/suggestions?q=print&form={form:N}")).Order());
        Assert.Equal([open], ArticlesIn(await gus.GetAsync($"/kb/suggestions?q=print&form={form:N}")));
        Assert.DoesNotContain(internalOnly, ArticlesIn(await ana.GetAsync($"/kb/suggestions?q=known+issues&form={form:N}")));

        // Each link opens the article through the form's key; the reader's language shows its translation.
        var english = await guest.GetAsync($"/kb/suggestions?q=printer+dri&form={form:N}");
        var link = english.QuerySelector("li a")!;
        Assert.Equal($"/kb/suggested/{open}?form={form:N}", link.GetAttribute("href"));
        Assert.Equal("Printer setup", link.TextContent.Replace("(opens in a new tab)", "").Trim());
        Assert.Equal("printer", english.QuerySelector("li mark")?.TextContent.ToLowerInvariant());
        Assert.Equal($"/kb/search?q=printer%20dri", english.QuerySelector(".kb-suggestions__more a")?.GetAttribute("href"));
        var request = new HttpRequestMessage(HttpMethod.Get, $"/kb/suggestions?q=imprim&form={form:N}") { Headers = { { "Accept-Language", "fr-FR" } } };
        var french = await PageClient.ParseAsync(await guest.Http.SendAsync(request));
        Assert.StartsWith("Installer l'imprimante", french.QuerySelector("li a")!.TextContent);

        Assert.Empty(ArticlesIn(await guest.GetAsync($"/kb/suggestions?q=fax&form={form:N}")));
        Assert.Empty((await guest.GetAsync($"/kb/suggestions?q=&form={form:N}")).QuerySelectorAll("a"));
    }

    [Theory, Databases]
    public async Task A_subject_written_as_a_sentence_finds_articles_by_the_words_that_say_something(Db db)
    {
        await using var app = await GuichetApp.StartAsync(db);
        var editor = await app.EditorAsync();
        var section = await app.SectionAsync();
        var vpn = await app.ArticleAsync(editor, section, "Connect to the VPN", "Open the VPN client and sign in with your account.");
        var printer = await app.ArticleAsync(editor, section, "Printer setup", "Install the printer driver.");
        var both = await app.ArticleAsync(editor, section, "VPN and printers at home", "A printer at home is reached without the VPN.");
        await app.ArticleAsync(editor, section, "How to read this guide", "What the help centre is for and how it is written.");
        using var guest = new PageClient(app.NewClient());
        var form = Guid.NewGuid();

        // No article has every word: those with more of the words that say something come first; "how", "do", "the" find nothing by themselves.
        var found = ArticlesIn(await guest.GetAsync($"/kb/suggestions?q={Uri.EscapeDataString("how do I connect to the vpn")}&form={form:N}"));
        Assert.Equal(vpn, found[0]);
        Assert.Contains(both, found);
        Assert.DoesNotContain(printer, found);
        Assert.Equal(2, found.Count);
        Assert.Empty(ArticlesIn(await guest.GetAsync($"/kb/suggestions?q={Uri.EscapeDataString("how do I")}&form={form:N}")));
        // The search page still wants every word: it is searched, not written.
        Assert.Empty(await app.FindAsync(null, "en", "how do I connect to the vpn"));
    }

    [Theory, Databases]
    public async Task An_article_opened_from_the_form_counts_as_a_request_avoided_until_the_form_is_sent(Db db)
    {
        await using var app = await GuichetApp.StartAsync(db);
        var editor = await app.EditorAsync();
        var section = await app.SectionAsync();
        var vpn = await app.ArticleAsync(editor, section, "Connect to the VPN", "Open the VPN client and sign in.");
        await app.CustomerAsync("lea@example.org");
        using var lea = await app.SignInAsync("lea@example.org");

        var page = await lea.GetAsync("/requests/new");
        var key = page.QuerySelector("input[name='FormKey']")!.GetAttribute("value")!;
        Assert.True(Guid.TryParse(key, out _));
        var suggestion = (await lea.GetAsync($"/kb/suggestions?q=vpn&form={key}")).QuerySelector("li a")!.GetAttribute("href")!;
        var opened = await lea.Http.GetAsync(suggestion);
        Assert.Equal(HttpStatusCode.Found, opened.StatusCode);
        Assert.Equal($"/kb/articles/{vpn}-connect-to-the-vpn", opened.Headers.Location?.OriginalString);
        // Opened twice from the same form: one open.
        await lea.Http.GetAsync(suggestion);
        Assert.Equal((1, 1), await FeedbackAsync(app, vpn));

        // The form comes back with an error: the same form, the same key, and the articles for its subject.
        var refused = await PageClient.ParseAsync(await lea.SubmitAsync(page, "main form", new Dictionary<string, string> { ["Input.Subject"] = "VPN client" }));
        Assert.Equal(key, refused.QuerySelector("input[name='FormKey']")!.GetAttribute("value"));
        Assert.Equal([vpn], ArticlesIn(refused));
        Assert.Equal("1 article may answer your question", refused.QuerySelector("[data-kb-suggestions-status]")?.TextContent);
        Assert.Equal((1, 1), await FeedbackAsync(app, vpn));

        // Sent after all: not avoided.
        var sent = await lea.SubmitAsync(refused, "main form", new Dictionary<string, string> { ["Input.Description"] = "Every ten minutes." });
        Assert.Equal(HttpStatusCode.Redirect, sent.StatusCode);
        Assert.Equal((1, 0), await FeedbackAsync(app, vpn));

        // A new form is a new key: what is opened from it counts again.
        var next = await lea.GetAsync("/requests/new");
        Assert.NotEqual(key, next.QuerySelector("input[name='FormKey']")!.GetAttribute("value"));
    }

    [Theory, Databases]
    public async Task A_guest_sending_the_form_clears_what_it_opened_and_without_script_a_button_finds_the_articles(Db db)
    {
        await using var app = await GuichetApp.StartAsync(db);
        var editor = await app.EditorAsync();
        var section = await app.SectionAsync();
        var vpn = await app.ArticleAsync(editor, section, "Connect to the VPN", "Open the VPN client and sign in.");
        using var guest = new PageClient(app.NewClient());
        var page = await guest.GetAsync("/requests/new");
        var fields = new Dictionary<string, string>
        {
            ["Guest.FirstName"] = "Camille", ["Guest.LastName"] = "Durand", ["Guest.Email"] = "camille@example.org",
            ["Input.Subject"] = "vpn", ["Input.Description"] = "It drops.",
        };

        // "Search help articles" (shown without script): the same form again, everything typed kept, the articles listed.
        var searched = await PageClient.ParseAsync(await guest.SubmitAsync(page, "main form", fields, submitter: "button[formaction*='handler=Suggest']"));
        Assert.Equal([vpn], ArticlesIn(searched));
        Assert.Equal("It drops.", searched.QuerySelector("textarea[name='Input.Description']")?.TextContent.Trim());
        Assert.Equal("camille@example.org", searched.QuerySelector("input[name='Guest.Email']")?.GetAttribute("value"));
        Assert.Equal(0, await app.WithDbAsync(d => d.Tickets.CountAsync()));
        var nothing = await PageClient.ParseAsync(await guest.SubmitAsync(page, "main form", new Dictionary<string, string>(fields) { ["Input.Subject"] = "fax" },
            submitter: "button[formaction*='handler=Suggest']"));
        Assert.Equal("No help article matches this subject.", nothing.QuerySelector("[data-kb-suggestions-status]")?.TextContent);
        Assert.Equal("/kb/search?q=fax", nothing.QuerySelector(".kb-suggestions__more a")?.GetAttribute("href"));

        var opened = await guest.Http.GetAsync(searched.QuerySelector(".kb-suggestions__list a")!.GetAttribute("href"));
        Assert.Equal(HttpStatusCode.Found, opened.StatusCode);
        Assert.Equal((1, 1), await FeedbackAsync(app, vpn));
        var sent = await guest.SubmitAsync(searched, "main form");
        Assert.Equal("/requests/sent", sent.Headers.Location?.OriginalString);
        Assert.Equal((1, 0), await FeedbackAsync(app, vpn));
    }

    [Theory, Databases]
    public async Task An_article_the_reader_may_not_read_is_not_found_and_counts_nothing(Db db)
    {
        await using var app = await GuichetApp.StartAsync(db);
        var acme = await app.CreateOrganizationAsync("Acme", "acme.example");
        var editor = await app.EditorAsync();
        var section = await app.SectionAsync();
        var acmeOnly = await app.ArticleAsync(editor, section, "Printer at Acme", "The printer on floor 2.", visibility: KbVisibility.Organizations, organizations: [acme.Id]);
        var draft = await app.ArticleAsync(editor, section, "Printer draft", "Printer.", publish: false);
        await app.CustomerAsync("ana@acme.example", acme);
        using var guest = new PageClient(app.NewClient());
        using var ana = await app.SignInAsync("ana@acme.example");
        var form = Guid.NewGuid();

        Assert.Equal(HttpStatusCode.NotFound, (await guest.Http.GetAsync($"/kb/suggested/{acmeOnly}?form={form:N}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await ana.Http.GetAsync($"/kb/suggested/{draft}?form={form:N}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await ana.Http.GetAsync($"/kb/suggested/424242?form={form:N}")).StatusCode);
        Assert.Equal((0, 0), await FeedbackAsync(app, acmeOnly));
        Assert.Equal((0, 0), await FeedbackAsync(app, draft));

        // The same address works for a member of Acme, with someone else's key: counted for that key, which ana's form never sends.
        Assert.Equal(HttpStatusCode.Found, (await ana.Http.GetAsync($"/kb/suggested/{acmeOnly}?form={form:N}")).StatusCode);
        Assert.Equal((1, 1), await FeedbackAsync(app, acmeOnly));
    }

    private static List<int> ArticlesIn(IDocument fragment) =>
        fragment.QuerySelectorAll(".kb-suggestions__list a")
            .Select(a => int.Parse(a.GetAttribute("href")!.Split('/', '?')[3])).ToList();

    /// <summary>What the article's editors see: opens from the request form, and of those the forms never sent.</summary>
    private static Task<(int Opens, int Deflected)> FeedbackAsync(GuichetApp app, int article) =>
        app.WithScopeAsync(async sp =>
        {
            var feedback = await sp.GetRequiredService<KbVotes>().FeedbackAsync(article, default);
            return (feedback.SuggestionOpens, feedback.Deflected);
        });
}
