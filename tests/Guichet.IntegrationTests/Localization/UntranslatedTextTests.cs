using System.Xml.Linq;
using AngleSharp.Dom;
using Guichet.IntegrationTests.Infrastructure;
using Guichet.IntegrationTests.KnowledgeBase;
using Guichet.Web.Accounts;
using Guichet.Web.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Guichet.IntegrationTests.Localization;

/// <summary>
/// Every page is read in English and in French; a text that comes out the same in both is a
/// string the page did not take from the resources, unless its French really is the same word
/// ("Actions", "Sessions") or it is data (names, addresses, the product's name).
/// </summary>
public sealed class UntranslatedTextTests
{
    private static readonly string[] AnonymousPages = ["/", "/account/signin", "/account/signup", "/account/reset", "/account/verify?user=00000000-0000-0000-0000-000000000000&token=x", "/requests/new", "/requests/confirm?request=00000000-0000-0000-0000-000000000000&token=x", "/error?code=404", "/error?code=429"];
    private static readonly string[] CustomerPages = ["/requests", "/requests/new", "/requests/1001", "/", "/account/profile", "/account/signout", "/account/confirm-email?user=00000000-0000-0000-0000-000000000000&email=a@b.c&token=x"];
    private static readonly string[] AdminPages = ["/admin", "/admin/organizations", "/admin/portal", "/admin/requesttypes", "/admin/requesttypes/edit", "/admin/products", "/admin/fields", "/admin/fields/edit",
        "/admin/agents", "/admin/groups", "/agent", "/agent?queue=all&q=printer", "/agent/views",
        "/agent?queue=all&columns=subject,organization,tags,type,created,answered&organization=Nowhere%20Ltd&requester=nobody@nowhere.test", "/agent/tickets/1001", "/agent/customers", "/agent/customers/invite", "/agent/time", "/admin/journal", "/agent/macros", "/agent/macros/edit", "/agent/profile", "/agent/notifications", "/agent/shortcuts", "/admin/mailboxes", "/admin/mailboxes/new"];

    [Theory, Databases]
    public async Task Every_text_on_every_page_comes_from_the_resources(Db db)
    {
        // No fetching: within its 30 seconds the fetcher would try the mailbox below and write its (English) error
        // there, which the mailboxes page shows as it is: what is checked here is the pages' own words.
        await using var app = await GuichetApp.StartAsync(db, new Dictionary<string, string?> { ["Guichet:InboundMail:FetchEnabled"] = "false" });
        await app.CreateUserAsync("ada@example.org", Roles.Admin, "Ada", "Lovelace");
        await app.CreateUserAsync("bob@example.org", null, "Bob", "Martin");
        var organization = await app.CreateOrganizationAsync("Initech", "initech.example");
        var bob = await app.WithDbAsync(d => d.Users.SingleAsync(u => u.Email == "bob@example.org"));
        var carl = await app.CreateUserAsync("carl@example.org", Roles.Agent, "DATA", "Carl");
        var support = await app.SupportGroupIdAsync();
        await app.AddToGroupAsync(support, carl);
        await app.OpenTicketAsync(bob, "DATA printer", "DATA broken");   // user data, marked as such for IsData
        // Bob's reply by mail, and a mailbox: a mail's trace and source are marked translate="no", the rest is words.
        var mail = (await app.ReceiveAsync(InboundMailHelpers.Mail("bob@example.org", "Re: [#1001] DATA printer", "DATA still broken"))).Message;
        Assert.Equal(Guichet.Web.Email.Inbound.InboundOutcome.Reply, mail.Outcome);
        var mailbox = await app.WithDbAsync(async d =>
        {
            var m = new Guichet.Web.Email.Inbound.Mailbox { Address = "support@initech.example", ImapHost = "imap.DATA.example", UserName = "DATA", LastError = "DATA refused" };
            d.Mailboxes.Add(m);
            await d.SaveChangesAsync();
            return m.Id;
        });
        // The help center: a category, a section and an article (in three languages, for the language switch) with a file.
        var ada = await app.WithDbAsync(d => d.Users.SingleAsync(u => u.Email == "ada@example.org"));
        var kbSection = await app.SectionAsync("DATA Billing", "DATA Invoices");
        // Every word of the body holds DATA: a search excerpt cuts it into the marked word and the rest.
        var kbArticle = await app.ArticleAsync(ada.Id, kbSection, "DATA printer guide", "DATAprinter DATAbody");
        await app.TranslateAsync(ada.Id, kbArticle, "de", "DATA Druckeranleitung", "DATA Drucker");
        // In French too: otherwise French readers get the English text with a note, a page of another shape.
        await app.TranslateAsync(ada.Id, kbArticle, "fr", "DATA guide imprimante", "DATAprinter DATAcorps");
        await app.ArticleAsync(ada.Id, kbSection, "DATA printer fleet", "DATA fleet body");
        await app.FileAsync(kbArticle, ada.Id, "DATA.pdf", "application/pdf", [1]);
        var kbCategory = await app.WithDbAsync(d => d.KbSections.Where(s => s.Id == kbSection).Select(s => s.CategoryId).SingleAsync());
        string[] kbPages = ["/kb", "/kb/search?q=DATAprinter", "/kb/search?q=DATAnothing", $"/kb/categories/{kbCategory}", $"/kb/sections/{kbSection}",
            await app.AddressOfAsync(kbArticle)];
        // The knowledge base's editor pages, with an article translated and a section (their names are data).
        var article = await app.WithScopeAsync(async sp =>
        {
            var authoring = sp.GetRequiredService<Guichet.Web.KnowledgeBase.KbAuthoring>();
            var names = new Guichet.Web.Localization.LocalizedText(new Dictionary<string, string> { ["en"] = "DATA billing" });
            var (category, _) = await authoring.SaveCategoryAsync(null, names, names, 1, default);
            var (section, _) = await authoring.SaveSectionAsync(null, category!.Id, names, names, 1, default);
            var adaId = await sp.GetRequiredService<GuichetDbContext>().Users.Where(u => u.Email == "ada@example.org").Select(u => u.Id).SingleAsync();
            var (created, _) = await authoring.CreateAsync(adaId, section!.Id, "en", new Guichet.Web.KnowledgeBase.KbText("DATA invoices", "DATA text", "DATA"),
                Guichet.Web.KnowledgeBase.KbVisibility.Public, [], default);
            await authoring.SaveTextAsync(adaId, created!.Id, "fr", new Guichet.Web.KnowledgeBase.KbText("DATA factures", "DATA texte", ""), true, default);
            await authoring.PublishAsync(adaId, created.Id, null, default);
            return created.Id;
        });
        var sameInFrench = SameInFrench();
        // What admins wrote (the seeded request types and fields) is data: "Version" is the same word in French, keys are names.
        sameInFrench.UnionWith(await app.WithDbAsync(async d =>
            (await d.CustomFields.AsNoTracking().Include(f => f.Options).ToListAsync()).SelectMany(f => f.Options.Select(o => o.Labels).Append(f.Labels).Append(f.Help))
                .Concat((await d.RequestTypes.AsNoTracking().ToListAsync()).SelectMany(t => new[] { t.Names, t.Descriptions }))
                .Where(t => t.In("fr") == t.In("en")).Select(t => t.In("en"))
                .Concat(await d.CustomFields.Select(f => f.Key).ToListAsync())
                .Concat(await d.Groups.Select(g => g.Name).ToListAsync()).ToList()));
        var listField = await app.WithDbAsync(d => d.CustomFields.Where(f => f.Key == "user_action").Select(f => f.Id).SingleAsync());
        var bugReport = await app.TypeIdAsync("Bug report");
        var problems = new List<string>();

        async Task CheckAsync(Func<PageClient> client, IEnumerable<string> urls)
        {
            foreach (var url in urls)
            {
                using var english = client();
                english.Http.DefaultRequestHeaders.AcceptLanguage.ParseAdd("en");
                using var french = client();
                french.Http.DefaultRequestHeaders.AcceptLanguage.ParseAdd("fr");
                var en = Texts(await english.GetAsync(url));
                var fr = Texts(await french.GetAsync(url));
                if (en.Count != fr.Count) { problems.Add($"{url}: the English and French pages differ in shape"); continue; }
                problems.AddRange(en.Zip(fr).Where(p => p.First == p.Second && !IsData(p.First) && !sameInFrench.Contains(p.First))
                    .Select(p => $"{url}: \"{p.First}\""));
            }
        }

        await CheckAsync(() => new PageClient(app.NewClient()), [.. AnonymousPages, .. kbPages]);
        await CheckAsync(() => app.SignInAsync("bob@example.org").GetAwaiter().GetResult(), [.. CustomerPages, .. kbPages]);
        await CheckAsync(() => app.SignInAsync("ada@example.org").GetAwaiter().GetResult(), [.. AdminPages, .. kbPages, $"{await app.AddressOfAsync(kbArticle)}?preview=1", $"/admin/organizations/{organization.Id}", $"/admin/fields/edit?id={listField}", $"/admin/requesttypes/edit?id={bugReport}",
            $"/admin/agents/{carl.Id}", $"/admin/groups/{support}", $"/admin/mailboxes/{mailbox}", $"/admin/mailboxes/messages/{mail.Id}", $"/agent/mail/{mail.Id}",
            "/agent/kb", "/agent/kb/structure", "/agent/kb/structure?edit=s", "/agent/kb/articles/new", $"/agent/kb/articles/{article}", $"/agent/kb/articles/{article}?lang=fr",
            $"/agent/kb/articles/{article}?lang=de", $"/agent/kb/articles/{article}/history", $"/agent/kb/articles/{article}/feedback",
            $"/agent/kb/sections/{kbSection}"]);

        Assert.True(problems.Count == 0, "Texts not taken from the resources:\n" + string.Join("\n", problems.Distinct()));
    }

    /// <summary>What a person reads or hears: text nodes, and the labels of controls that have no text.</summary>
    private static List<string> Texts(IDocument page)
    {
        var texts = new List<string>();
        foreach (var node in page.Body!.Descendants())
        {
            // translate="no" marks what is the same in every language: a sample of Markdown to type.
            if (node is IText text && text.ParentElement is { } parent && parent.LocalName is not ("script" or "style" or "option")
                && parent.Closest("[translate=no]") is null)
            {
                var value = string.Join(' ', text.Data.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries));
                if (value.Length > 0) texts.Add(value);
            }
            else if (node is IElement element)
            {
                foreach (var attribute in new[] { "aria-label", "title", "placeholder", "alt" })
                    if (element.GetAttribute(attribute) is { Length: > 0 } label) texts.Add(label);
            }
        }
        return texts;
    }

    private static bool IsData(string text) =>
        !text.Any(char.IsLetter) || Guichet.Web.Localization.Cultures.Supported.Any(c => text.Trim('(', ')') == Guichet.Web.Localization.Cultures.NativeName(c))
        || text.Contains("DATA", StringComparison.Ordinal) || text.Contains('@') || text.Contains('/') || text is "Guichet" or "UTC" || text.StartsWith("initech", StringComparison.OrdinalIgnoreCase) || text.StartsWith("Ada", StringComparison.Ordinal) || text.StartsWith("Bob", StringComparison.Ordinal)
        || text.All(c => char.IsDigit(c) || char.IsPunctuation(c) || char.IsWhiteSpace(c));

    private static HashSet<string> SameInFrench()
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (!File.Exists(Path.Combine(dir!.FullName, "Guichet.slnx"))) dir = dir.Parent;
        var resources = Path.Combine(dir.FullName, "src", "Guichet.Web", "Resources");
        var english = XDocument.Load(Path.Combine(resources, "SharedResource.resx")).Root!.Elements("data").ToDictionary(d => d.Attribute("name")!.Value, d => d.Element("value")!.Value);
        var french = XDocument.Load(Path.Combine(resources, "SharedResource.fr.resx")).Root!.Elements("data").ToDictionary(d => d.Attribute("name")!.Value, d => d.Element("value")!.Value);
        return english.Where(e => french.TryGetValue(e.Key, out var fr) && fr == e.Value).Select(e => e.Value).ToHashSet();
    }
}
