using System.Net;
using AngleSharp.Dom;
using AngleSharp.Html.Dom;
using Guichet.IntegrationTests.Infrastructure;
using Guichet.Web.Accounts;
using Guichet.Web.KnowledgeBase;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Guichet.IntegrationTests.KnowledgeBase;

/// <summary>The order of a section's articles (/agent/kb/sections/{id}): moved up and down without script, seen by readers.</summary>
public sealed class KbArticleOrderTests
{
    [Theory, Databases]
    public async Task An_editor_moves_articles_up_and_down_their_section_and_readers_see_that_order(Db db)
    {
        await using var app = await GuichetApp.StartAsync(db);
        var editorId = await app.EditorAsync();
        var section = await app.SectionAsync();
        var invoice = await app.ArticleAsync(editorId, section, "Download an invoice", "From the billing page.");
        var card = await app.ArticleAsync(editorId, section, "Pay by card", "On the payment page.");
        var refunds = await app.ArticleAsync(editorId, section, "Refunds", "Soon.", publish: false);
        using var editor = await app.SignInAsync("editor@example.org");

        var link = (await editor.GetAsync("/agent/kb/structure")).QuerySelector($"a[href='/agent/kb/sections/{section}']")!;
        Assert.Equal("Order of the articles Invoices", Words(link.TextContent));
        var page = await editor.GetAsync(link.GetAttribute("href")!);
        Assert.Equal(["Download an invoice", "Pay by card", "Refunds"], Titles(page));
        Assert.Contains("Draft", page.QuerySelector($"#article-{refunds}")!.TextContent);
        // The first cannot go up nor the last down; each button says which article it moves.
        Assert.True(Button(page, invoice, "up").IsDisabled);
        Assert.False(Button(page, invoice, "down").IsDisabled);
        Assert.True(Button(page, refunds, "down").IsDisabled);
        Assert.Equal("Move down “Download an invoice”", Words(Button(page, invoice, "down").TextContent));

        var moved = await editor.SubmitAsync(page, $"#move-{invoice}", submitter: "button[value=down]");
        Assert.Equal(HttpStatusCode.Redirect, moved.StatusCode);
        Assert.Equal($"/agent/kb/sections/{section}#article-{invoice}", moved.Headers.Location!.OriginalString);
        page = await editor.FollowAsync(moved);
        Assert.Equal(["Pay by card", "Download an invoice", "Refunds"], Titles(page));
        Assert.Equal("“Download an invoice” is now number 2 of 3.", page.QuerySelector(".flash")!.TextContent.Trim());
        Assert.Equal(["Pay by card", "Download an invoice"], await ReadersSeeAsync(app, section));

        // A draft is ordered too: moved up twice, it leads the list; readers see it there once it is published.
        page = await editor.SubmitAndFollowAsync(page, $"#move-{refunds}", submitter: "button[value=up]");
        page = await editor.SubmitAndFollowAsync(page, $"#move-{refunds}", submitter: "button[value=up]");
        Assert.Equal(["Refunds", "Pay by card", "Download an invoice"], Titles(page));
        Assert.Equal([(refunds, 1), (card, 2), (invoice, 3)], await PositionsAsync(app, section));
        await app.WithScopeAsync(async sp => await sp.GetRequiredService<KbAuthoring>().PublishAsync(editorId, refunds, null, default));
        Assert.Equal(["Refunds", "Pay by card", "Download an invoice"], await ReadersSeeAsync(app, section));

        var history = (await editor.GetAsync($"/agent/kb/articles/{invoice}/history")).QuerySelectorAll("tbody tr").Select(r => Words(r.TextContent)).ToList();
        Assert.Contains("Place in its section changed", history[0]);
        Assert.Contains("1 → 2", history[0]);
        Assert.Contains("Test Person", history[0]);
    }

    [Theory, Databases]
    public async Task One_step_is_one_place_even_when_positions_tie_or_leave_gaps(Db db)
    {
        await using var app = await GuichetApp.StartAsync(db);
        var editorId = await app.EditorAsync();
        var section = await app.SectionAsync();
        var first = await app.ArticleAsync(editorId, section, "First", "One.");
        var second = await app.ArticleAsync(editorId, section, "Second", "Two.");
        var third = await app.ArticleAsync(editorId, section, "Third", "Three.");
        // Positions as an import or older moves may leave them: the same for all, in the order of their ids.
        await app.WithDbAsync(d => d.KbArticles.Where(a => a.SectionId == section).ExecuteUpdateAsync(s => s.SetProperty(a => a.Position, 7)));
        using var editor = await app.SignInAsync("editor@example.org");

        var page = await editor.GetAsync($"/agent/kb/sections/{section}");
        Assert.Equal(["First", "Second", "Third"], Titles(page));
        page = await editor.SubmitAndFollowAsync(page, $"#move-{third}", submitter: "button[value=up]");
        Assert.Equal(["First", "Third", "Second"], Titles(page));
        Assert.Equal([(first, 1), (third, 2), (second, 3)], await PositionsAsync(app, section));
    }

    [Theory, Databases]
    public async Task An_article_moved_to_another_section_meanwhile_is_not_reordered_and_the_page_says_why(Db db)
    {
        await using var app = await GuichetApp.StartAsync(db);
        var editorId = await app.EditorAsync();
        var section = await app.SectionAsync();
        var other = await app.SectionAsync("Network", "VPN");
        await app.ArticleAsync(editorId, section, "Download an invoice", "From the billing page.");
        var card = await app.ArticleAsync(editorId, section, "Pay by card", "On the payment page.");
        await app.CreateUserAsync("agent@example.org", Roles.Agent);
        using var editor = await app.SignInAsync("editor@example.org");
        var page = await editor.GetAsync($"/agent/kb/sections/{section}");

        await app.WithScopeAsync(async sp => await sp.GetRequiredService<KbAuthoring>().MoveAsync(editorId, card, other, 1, default));
        var refused = await PageClient.ParseAsync(await editor.SubmitAsync(page, $"#move-{card}", submitter: "button[value=up]"));
        Assert.Contains("This article is no longer in this section: someone moved it meanwhile.", refused.QuerySelector(".form-errors")!.TextContent);
        Assert.Equal(["Download an invoice"], Titles(refused));
        Assert.Equal([(card, 1)], await PositionsAsync(app, other));

        // Only editors order articles.
        using var agent = await app.SignInAsync("agent@example.org");
        Assert.Contains("/account/denied", (await agent.Http.GetAsync($"/agent/kb/sections/{section}")).Headers.Location!.ToString());
    }

    private static List<string> Titles(IDocument page) =>
        page.QuerySelectorAll(".kb-order > li .kb-order__article a").Select(a => a.TextContent.Trim()).ToList();

    private static IHtmlButtonElement Button(IDocument page, int article, string direction) =>
        page.QuerySelector<IHtmlButtonElement>($"#move-{article} button[value={direction}]")!;

    private static string Words(string text) => string.Join(' ', text.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries));

    private static async Task<List<string>> ReadersSeeAsync(GuichetApp app, int section) =>
        (await new PageClient(app.NewClient()).GetAsync($"/kb/sections/{section}")).QuerySelectorAll(".kb-list a").Select(a => a.TextContent.Trim()).ToList();

    private static Task<List<(int, int)>> PositionsAsync(GuichetApp app, int section) =>
        app.WithDbAsync(async d => (await d.KbArticles.Where(a => a.SectionId == section).OrderBy(a => a.Position).ThenBy(a => a.Id)
            .Select(a => new { a.Id, a.Position }).ToListAsync()).ConvertAll(a => (a.Id, a.Position)));
}
