using System.Net;
using Guichet.IntegrationTests.Infrastructure;
using Guichet.IntegrationTests.KnowledgeBase;
using Guichet.IntegrationTests.Search;
using Guichet.Web.KnowledgeBase;
using Guichet.Web.Pages.Portal.KnowledgeBase;

namespace Guichet.IntegrationTests.Portal;

/// <summary>"Was this article helpful?" on the article's page, without script: one answer per person, changeable, a comment with "No".</summary>
public sealed class KnowledgeBaseVoteTests
{
    private const string Buttons = "form.kb-feedback__buttons";
    private const string Comment = "form.kb-feedback__comment";

    [Theory, Databases]
    public async Task A_customer_answers_once_changes_their_answer_and_says_what_was_missing(Db db)
    {
        await using var app = await GuichetApp.StartAsync(db);
        var editor = await app.EditorAsync();
        var section = await app.SectionAsync();
        var article = await app.ArticleAsync(editor, section, "Download an invoice", "From the billing page.");
        var ana = await app.CustomerAsync("ana@example.org");
        using var client = await app.SignInAsync("ana@example.org");
        var address = await app.AddressOfAsync(article);

        var page = await client.GetAsync(address);
        Assert.Null(page.QuerySelector(Comment));
        var answered = await client.SubmitAsync(page, Buttons, submitter: "button[value=true]");
        Assert.Equal(HttpStatusCode.Redirect, answered.StatusCode);
        Assert.Equal(address + "#feedback", answered.Headers.Location!.OriginalString);
        page = await client.FollowAsync(answered);
        Assert.Equal("Thank you for your answer.", page.QuerySelector(".kb-feedback [role=status]")!.TextContent);
        Assert.StartsWith("You found this helpful — change", page.QuerySelector(".kb-feedback summary")!.TextContent.Trim());
        var vote = Assert.Single(await app.VotesAsync(article));
        Assert.True(vote.IsHelpful);
        Assert.Equal(KbVotes.UserKey(ana), vote.VoterKey);
        // Said once: reading the page again thanks nobody.
        Assert.Null((await client.GetAsync(address)).QuerySelector(".kb-feedback [role=status]"));

        // Changed to "no": still one answer, and now a box for what was missing.
        page = await client.SubmitAndFollowAsync(page, Buttons, submitter: "button[value=false]");
        Assert.StartsWith("You found this not helpful", page.QuerySelector(".kb-feedback summary")!.TextContent.Trim());
        Assert.False(Assert.Single(await app.VotesAsync(article)).IsHelpful);
        page = await client.SubmitAndFollowAsync(page, Comment, new Dictionary<string, string> { ["Vote.Comment"] = "  A screenshot of the page.  " });
        Assert.Equal("Thank you: your comment goes to the people who write our articles.", page.QuerySelector(".kb-feedback [role=status]")!.TextContent);
        Assert.Equal("A screenshot of the page.", Assert.Single(await app.VotesAsync(article)).Comment);
        Assert.Equal("A screenshot of the page.", page.QuerySelector("textarea[name='Vote.Comment']")!.TextContent.Trim());

        // Too long: refused in words next to the box, with what was typed; the answer before stays.
        var typed = new string('x', KbVote.MaxCommentLength + 1);
        var refused = await PageClient.ParseAsync(await client.SubmitAsync(page, Comment, new Dictionary<string, string> { ["Vote.Comment"] = typed }));
        Assert.Equal("Use at most 1000 characters.", refused.FieldError("Vote.Comment"));
        Assert.Equal(typed, refused.QuerySelector("textarea[name='Vote.Comment']")!.TextContent.Trim());
        Assert.Equal("A screenshot of the page.", Assert.Single(await app.VotesAsync(article)).Comment);

        // "Yes" keeps no comment, even one sent along.
        await client.SubmitAsync(page, Buttons, new Dictionary<string, string> { ["Vote.Comment"] = "Sneaked in" }, submitter: "button[value=true]");
        vote = Assert.Single(await app.VotesAsync(article));
        Assert.True(vote.IsHelpful);
        Assert.Null(vote.Comment);
    }

    [Theory, Databases]
    public async Task Anonymous_readers_vote_with_a_cookie_and_nobody_votes_on_what_they_may_not_read(Db db)
    {
        await using var app = await GuichetApp.StartAsync(db);
        var acme = await app.CreateOrganizationAsync("Acme", "acme.example");
        var editor = await app.EditorAsync();
        var section = await app.SectionAsync();
        var open = await app.ArticleAsync(editor, section, "Download an invoice", "From the billing page.");
        var customers = await app.ArticleAsync(editor, section, "Change the invoice address", "On your profile.", visibility: KbVisibility.SignedIn);
        var acmeOnly = await app.ArticleAsync(editor, section, "Acme invoices", "Monthly.", visibility: KbVisibility.Organizations, organizations: [acme.Id]);
        await app.CustomerAsync("gus@example.org");

        using var visitor = new PageClient(app.NewClient());
        var page = await visitor.GetAsync(await app.AddressOfAsync(open));
        var first = await visitor.SubmitAsync(page, Buttons, submitter: "button[value=false]");
        var cookie = first.Headers.GetValues("Set-Cookie").Single(c => c.StartsWith(ArticleModel.VoterCookie + "=", StringComparison.Ordinal));
        Assert.Contains("httponly", cookie, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("expires=", cookie, StringComparison.OrdinalIgnoreCase);
        page = await visitor.FollowAsync(first);
        Assert.StartsWith("You found this not helpful", page.QuerySelector(".kb-feedback summary")!.TextContent.Trim());
        // The same browser changes its answer; another one answers for itself.
        await visitor.SubmitAsync(page, Buttons, submitter: "button[value=true]");
        var vote = Assert.Single(await app.VotesAsync(open));
        Assert.True(vote.IsHelpful);
        Assert.StartsWith("a:", vote.VoterKey);
        Assert.Null(vote.UserId);
        using var other = new PageClient(app.NewClient());
        await other.SubmitAsync(await other.GetAsync(await app.AddressOfAsync(open)), Buttons, submitter: "button[value=false]");
        Assert.Equal(2, (await app.VotesAsync(open)).Count);

        // A form aimed at an article the voter may not read: not found, nothing kept.
        foreach (var (client, article) in new[] { (visitor, customers), (await app.SignInAsync("gus@example.org"), acmeOnly) })
        {
            var form = await client.GetAsync(await app.AddressOfAsync(open));
            form.QuerySelector(Buttons)!.SetAttribute("action", await app.AddressOfAsync(article) + "?handler=Vote");
            var refused = await client.SubmitAsync(form, Buttons, submitter: "button[value=true]");
            Assert.Equal(HttpStatusCode.NotFound, refused.StatusCode);
            Assert.Empty(await app.VotesAsync(article));
        }
    }
}
