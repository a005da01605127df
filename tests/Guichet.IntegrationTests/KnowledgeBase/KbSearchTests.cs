using Guichet.IntegrationTests.Infrastructure;
using Guichet.IntegrationTests.Search;
using Guichet.Web.KnowledgeBase;

namespace Guichet.IntegrationTests.KnowledgeBase;

public sealed class KbSearchTests
{
    [Theory, Databases]
    public async Task Each_reader_finds_what_they_may_read_and_nothing_else(Db db)
    {
        await using var app = await GuichetApp.StartAsync(db);
        var acme = await app.CreateOrganizationAsync("Acme", "acme.example");
        var globex = await app.CreateOrganizationAsync("Globex", "globex.example");
        var editor = await app.EditorAsync();
        var section = await app.SectionAsync();
        var open = await app.ArticleAsync(editor, section, "Printer setup for everyone", "Install the printer driver.");
        var customers = await app.ArticleAsync(editor, section, "Printer setup for customers", "Printer driver.", visibility: KbVisibility.SignedIn);
        var acmeOnly = await app.ArticleAsync(editor, section, "Printer setup at Acme", "Printer driver.", visibility: KbVisibility.Organizations, organizations: [acme.Id]);
        var internalOnly = await app.ArticleAsync(editor, section, "Printer known issues", "Printer driver.", visibility: KbVisibility.Internal);
        var draft = await app.ArticleAsync(editor, section, "Printer draft", "Printer driver.", publish: false);

        var acmeCustomer = await app.CustomerAsync("ana@acme.example", acme);
        var globexCustomer = await app.CustomerAsync("gus@globex.example", globex);
        var agent = await app.AgentAsync("agent@example.org", "Support");

        Assert.Equal([open], Ids(await app.FindAsync(null, "en", "printer")));
        Assert.Equal([open, customers, acmeOnly], Ids(await app.FindAsync(acmeCustomer, "en", "printer")).Order());
        Assert.Equal([open, customers], Ids(await app.FindAsync(globexCustomer, "en", "printer")).Order());
        Assert.Equal([open, customers, acmeOnly, internalOnly], Ids(await app.FindAsync(agent, "en", "printer")).Order());
        Assert.DoesNotContain(draft, Ids(await app.FindAsync(editor, "en", "printer")));
    }

    [Theory, Databases]
    public async Task Accents_case_and_the_readers_language_with_the_source_as_fallback(Db db)
    {
        await using var app = await GuichetApp.StartAsync(db);
        var editor = await app.EditorAsync();
        var section = await app.SectionAsync();
        var reset = await app.ArticleAsync(editor, section, "Réinitialiser votre mot de passe", "Cliquez sur « Mot de passe oublié ».", language: "fr");
        await app.TranslateAsync(editor, reset, "en", "Reset your password", "Click “Forgot password”.");
        await app.TranslateAsync(editor, reset, "de", "Passwort zurücksetzen", "Klicken Sie auf „Passwort vergessen“.", draft: true);

        Assert.Equal([(reset, "fr")], await app.FindAsync(null, "fr", "REINITIALISER"));
        Assert.Equal([(reset, "en")], await app.FindAsync(null, "en", "password"));
        Assert.Empty(await app.FindAsync(null, "en", "réinitialiser"));
        // No German translation ready: German readers search and read the source language.
        Assert.Equal([(reset, "fr")], await app.FindAsync(null, "de", "reinitialiser"));
        Assert.Empty(await app.FindAsync(null, "de", "zurucksetzen"));
        Assert.Equal([(reset, "fr")], await app.FindAsync(null, "fr", "mot pas", asYouType: true));
        Assert.Equal([(reset, "fr")], await app.FindAsync(null, "fr", "réinit", asYouType: true));
    }

    [Theory, Databases]
    public async Task Title_and_keyword_matches_come_before_body_matches(Db db)
    {
        await using var app = await GuichetApp.StartAsync(db);
        var editor = await app.EditorAsync();
        var section = await app.SectionAsync();
        var inBody = await app.ArticleAsync(editor, section, "Getting started", "Once set up, you may want to change your invoice address, your logo and more.");
        var inKeywords = await app.ArticleAsync(editor, section, "Billing address", "Where we send what you owe.", keywords: "invoice receipt");
        var inTitle = await app.ArticleAsync(editor, section, "Download an invoice", "From the billing page.");

        Assert.Equal([inTitle, inKeywords, inBody], Ids(await app.FindAsync(null, "en", "invoice")));
    }

    [Theory, Databases]
    public async Task A_published_article_is_found_behind_more_than_a_page_of_better_ranked_drafts(Db db)
    {
        await using var app = await GuichetApp.StartAsync(db);
        var editor = await app.EditorAsync();
        var section = await app.SectionAsync();
        // The engines rank the best 20 + 100 documents by the index alone before checking publication (drafts have
        // documents too): 125 drafts with the word in their title outrank the one published article with it in its body.
        for (var i = 0; i < 125; i++) await app.ArticleAsync(editor, section, $"Printer draft {i}", "Not yet.", publish: false);
        var published = await app.ArticleAsync(editor, section, "Getting started", "Plug in the printer.");

        Assert.Equal([published], Ids(await app.FindAsync(null, "en", "printer")));
    }

    [Theory, Databases]
    public async Task A_query_of_common_words_only_lists_the_most_read_articles_that_have_them_titles_first(Db db)
    {
        await using var app = await GuichetApp.StartAsync(db);
        var editor = await app.EditorAsync();
        var section = await app.SectionAsync();
        var guide = await app.ArticleAsync(editor, section, "The guide", "Start here.");
        var scanner = await app.ArticleAsync(editor, section, "Where the scanner of the second floor is", "Room 204.");
        var popular = await app.ArticleAsync(editor, section, "Opening hours", "We answer the phone from nine to five.");
        var nothing = await app.ArticleAsync(editor, section, "Opening hours in winter", "From ten to four.");
        await app.WithDbAsync(async d =>
        {
            foreach (var (id, views) in new[] { (guide, 5), (scanner, 50), (popular, 500), (nothing, 5000) })
                (await d.KbArticles.FindAsync(id))!.Views = views;
            return await d.SaveChangesAsync();
        });

        // Relevance means nothing for "the" (every article has it): the most read of those with it in the title, then
        // the most read of those with it in the text.
        Assert.Equal([scanner, guide, popular], Ids(await app.FindAsync(null, "en", "the")));
        Assert.Equal([scanner, guide, popular], Ids(await app.FindAsync(null, "en", "THE")));
        // A word that says something is ranked as always: the short title that is about the scanner comes first.
        Assert.Equal([scanner], Ids(await app.FindAsync(null, "en", "the scanner")));
    }

    private static List<int> Ids(IEnumerable<(int Article, string Language)> hits) => hits.Select(h => h.Article).ToList();
}
