using Guichet.IntegrationTests.Infrastructure;
using Guichet.IntegrationTests.KnowledgeBase;
using Guichet.IntegrationTests.Search;
using Guichet.Web.KnowledgeBase;
using Guichet.Web.Tickets;

namespace Guichet.IntegrationTests.Portal;

/// <summary>The portal's home (/): the front door for visitors and customers.</summary>
public sealed class HomePageTests
{
    [Theory, Databases]
    public async Task A_visitor_finds_the_public_help_the_kinds_of_request_and_the_ways_in(Db db)
    {
        await using var app = await GuichetApp.StartAsync(db);
        var editor = await app.EditorAsync();
        var section = await app.SectionAsync("Billing", "Invoices");
        var secret = await app.SectionAsync("Members area", "Contracts");
        var open = await app.ArticleAsync(editor, section, "Download an invoice", "From the billing page.");
        await app.ArticleAsync(editor, secret, "Renew your contract", "Call us.", visibility: KbVisibility.SignedIn);
        var bugReport = await app.TypeIdAsync("Bug report");

        using var visitor = new PageClient(app.NewClient());
        var home = await visitor.GetAsync("/");
        var search = home.QuerySelector("form[role=search]")!;
        Assert.Equal("/kb/search", search.GetAttribute("action"));
        Assert.Null(search.QuerySelector("button[formaction]"));
        Assert.Equal(["Billing"], home.QuerySelectorAll(".kb-categories h3").Select(h => h.TextContent.Trim()).ToList());
        Assert.Equal([await app.AddressOfAsync(open)], home.QuerySelectorAll(".kb-popular a").Select(a => a.GetAttribute("href")).ToList());
        Assert.DoesNotContain("Renew your contract", home.MainText());
        var links = home.QuerySelectorAll("main a").Select(a => a.GetAttribute("href")).ToList();
        Assert.Contains("/account/signin", links);
        Assert.Contains("/account/signup", links);
        Assert.Contains("/requests/new", links);
        Assert.Contains($"/requests/new?type={bugReport}", links);
        Assert.Null(home.QuerySelector("#home-open"));
        // The top navigation leads to the help center.
        Assert.Contains("/kb", home.QuerySelectorAll("nav.site-nav a").Select(a => a.GetAttribute("href")));
    }

    [Theory, Databases]
    public async Task A_customer_sees_what_waits_for_their_answer_and_their_open_requests_and_never_another_organizations(Db db)
    {
        await using var app = await GuichetApp.StartAsync(db);
        var acme = await app.CreateOrganizationAsync("Acme", "acme.example");
        var globex = await app.CreateOrganizationAsync("Globex", "globex.example");
        var editor = await app.EditorAsync();
        var section = await app.SectionAsync("Members area", "Contracts");
        await app.ArticleAsync(editor, section, "Renew your contract", "Call us.", visibility: KbVisibility.SignedIn);
        var agent = await app.AgentAsync("agent@example.org", "Support");
        var ana = await app.CustomerAsync("ana@acme.example", acme, manager: true);
        var bob = await app.CustomerAsync("bob@acme.example", acme);
        var gus = await app.CustomerAsync("gus@globex.example", globex);
        var waiting = await app.OpenAsync(ana, "Invoice copy needed", "For March.");
        var inProgress = await app.OpenAsync(ana, "Printer jams", "Every morning.");
        var solved = await app.OpenAsync(ana, "Old question", "Answered.");
        await app.OpenAsync(bob, "Bob's laptop", "Slow.");
        var globexWaiting = await app.OpenAsync(gus, "Globex merger", "Secret.");
        await app.SetStatusAsync(waiting, StatusCategory.Pending, agent);
        await app.SetStatusAsync(inProgress, StatusCategory.Open, agent);
        await app.SetStatusAsync(solved, StatusCategory.Solved, agent);
        await app.SetStatusAsync(globexWaiting, StatusCategory.Pending, agent);

        using var client = await app.SignInAsync("ana@acme.example");
        var home = await client.GetAsync("/");
        Assert.Equal([$"#{waiting} Invoice copy needed"], Requests(home, "home-waiting"));
        Assert.Equal([$"#{inProgress} Printer jams"], Requests(home, "home-open"));
        Assert.DoesNotContain("Old question", home.MainText());
        Assert.DoesNotContain("Globex merger", home.MainText());
        Assert.Equal($"/requests/{waiting}", home.QuerySelector(".home-waiting a")!.GetAttribute("href"));
        // One box for the help center and her requests; the signed-in customers' articles.
        Assert.Equal("/requests", home.QuerySelector("form[role=search] button[formaction]")!.GetAttribute("formaction"));
        Assert.Contains("Renew your contract", home.QuerySelector(".kb-popular")!.TextContent);
        Assert.NotEmpty(home.QuerySelectorAll(".home-types a[href^='/requests/new?type=']"));
        Assert.DoesNotContain(home.QuerySelectorAll("main a"), a => a.GetAttribute("href") == "/account/signin");

        // Gus's waiting request is his; nothing of Acme's.
        using var gusClient = await app.SignInAsync("gus@globex.example");
        var his = await gusClient.GetAsync("/");
        Assert.Equal([$"#{globexWaiting} Globex merger"], Requests(his, "home-waiting"));
        Assert.DoesNotContain("Invoice copy needed", his.MainText());
        Assert.Equal("No other open request.", his.QuerySelector("[aria-labelledby=home-open] .hint")!.TextContent);
    }

    private static List<string> Requests(AngleSharp.Dom.IDocument page, string section) =>
        page.QuerySelectorAll($"[aria-labelledby={section}] li a").Select(a => a.TextContent.Trim()).ToList();
}
