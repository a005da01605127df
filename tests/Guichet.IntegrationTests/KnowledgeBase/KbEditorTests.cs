using System.Net;
using AngleSharp.Dom;
using Guichet.IntegrationTests.Attachments;
using Guichet.IntegrationTests.Infrastructure;
using Guichet.IntegrationTests.Search;
using Guichet.Web.Accounts;
using Guichet.Web.KnowledgeBase;
using Microsoft.EntityFrameworkCore;

namespace Guichet.IntegrationTests.KnowledgeBase;

/// <summary>The editors' pages (/agent/kb...): who may use them, writing, publishing, translating, structure, files, history.</summary>
public sealed class KbEditorTests
{
    [Theory, Databases]
    public async Task An_agent_needs_the_editor_role_which_the_admin_gives_and_takes_back(Db db)
    {
        await using var app = await GuichetApp.StartAsync(db);
        await app.CreateUserAsync("admin@example.org", Roles.Admin);
        var agent = await app.CreateUserAsync("agent@example.org", Roles.Agent);
        using (var before = await app.SignInAsync("agent@example.org"))
        {
            Assert.Contains("/account/denied", (await before.Http.GetAsync("/agent/kb")).Headers.Location!.ToString());
            Assert.Contains("/account/denied", (await before.Http.GetAsync("/agent/kb/articles/new")).Headers.Location!.ToString());
            Assert.Null((await before.GetAsync("/agent")).QuerySelector("a[href='/agent/kb']"));
        }

        using var admin = await app.SignInAsync("admin@example.org");
        var page = await admin.GetAsync($"/admin/agents/{agent.Id}");
        Assert.False(page.QuerySelector<AngleSharp.Html.Dom.IHtmlInputElement>("#role-editor")!.IsChecked);
        page = await admin.SubmitAndFollowAsync(page, "main form", new Dictionary<string, string> { ["Input.IsEditor"] = "true" });
        Assert.True(page.QuerySelector<AngleSharp.Html.Dom.IHtmlInputElement>("#role-editor")!.IsChecked);
        Assert.True(await IsEditorAsync(app, agent.Id));

        using (var after = await app.SignInAsync("agent@example.org"))
        {
            Assert.NotNull((await after.GetAsync("/agent")).QuerySelector("a[href='/agent/kb']"));
            Assert.Equal(HttpStatusCode.OK, (await after.Http.GetAsync("/agent/kb")).StatusCode);
        }

        // Unticked: the box is not sent at all.
        await admin.SubmitAsync(await admin.GetAsync($"/admin/agents/{agent.Id}"), "main form", new Dictionary<string, string> { ["Input.IsEditor"] = "false" });
        Assert.False(await IsEditorAsync(app, agent.Id));
    }

    [Theory, Databases]
    public async Task An_editor_writes_a_draft_publishes_edits_and_translates_it_and_the_history_says_who_did_what(Db db)
    {
        await using var app = await GuichetApp.StartAsync(db);
        await app.EditorAsync();
        var section = await app.SectionAsync();
        using var editor = await app.SignInAsync("editor@example.org");

        var article = await editor.SubmitAndFollowAsync(await editor.GetAsync("/agent/kb/articles/new"), "main form", new Dictionary<string, string>
        {
            ["Language"] = "en",
            ["Input.Title"] = "Reset your password",
            ["Input.Body"] = "Click **Forgot password** on the sign-in page.",
            ["Settings.SectionId"] = section.ToString(),
            ["Settings.Visibility"] = "Public",
        });
        var id = IdOf(article);
        Assert.Contains("Draft", article.QuerySelector(".kb-state")!.TextContent);
        Assert.Empty(await app.FindAsync(null, "en", "password"));

        article = await editor.SubmitAndFollowAsync(article, "#kb-publication-form", submitter: "button[formaction*='handler=Publish']");
        Assert.Contains("Published", article.QuerySelector(".kb-state")!.TextContent);
        Assert.Equal([(id, "en")], await app.FindAsync(null, "en", "password"));

        article = await editor.SubmitAndFollowAsync(article, "#kb-text-form", new Dictionary<string, string> { ["Input.Title"] = "Reset your password quickly" });
        Assert.Equal([(id, "en")], await app.FindAsync(null, "en", "quickly"));

        // A missing translation is written with the source text beside it; saved ready, French readers find it in French.
        var french = await editor.GetAsync($"/agent/kb/articles/{id}?lang=fr");
        Assert.Contains("Click **Forgot password**", french.QuerySelector(".kb-source")!.TextContent);
        Assert.Equal("", french.QuerySelector<AngleSharp.Html.Dom.IHtmlInputElement>("#kb-title")!.Value);
        await editor.SubmitAndFollowAsync(french, "#kb-text-form", new Dictionary<string, string>
        {
            ["Input.Title"] = "Réinitialiser votre mot de passe",
            ["Input.Body"] = "Cliquez sur **Mot de passe oublié**.",
        });
        Assert.Equal([(id, "fr")], await app.FindAsync(null, "fr", "reinitialiser"));

        var list = await editor.GetAsync("/agent/kb?missing=de");
        var row = list.QuerySelectorAll("tbody tr").Single();
        Assert.Contains("Reset your password quickly", row.TextContent);
        Assert.Contains("Français: ready", row.TextContent);
        Assert.Contains("Deutsch: missing", row.TextContent);
        Assert.Empty((await editor.GetAsync("/agent/kb?missing=fr")).QuerySelectorAll("tbody tr"));
        Assert.Empty((await editor.GetAsync("/agent/kb?state=Draft")).QuerySelectorAll("tbody tr"));
        Assert.Single((await editor.GetAsync("/agent/kb?q=QUICKLY")).QuerySelectorAll("tbody tr"));

        var history = (await editor.GetAsync($"/agent/kb/articles/{id}/history")).QuerySelectorAll("tbody tr").Select(r => r.TextContent).ToList();
        Assert.Equal(4, history.Count);
        Assert.All(history, line => Assert.Contains("Test Person", line));
        Assert.Contains("Translated (Français)", history[0]);
        Assert.Contains("Text edited (English)", history[1]);
        Assert.Contains("Published", history[2]);
        Assert.Contains("Created in English", history[3]);
        var first = await editor.GetAsync($"/agent/kb/articles/{id}/history?revision=" +
            (await app.WithDbAsync(d => d.KbRevisions.Where(r => r.ArticleId == id).MinAsync(r => r.Id))));
        Assert.Contains("Click **Forgot password** on the sign-in page.", first.QuerySelector(".kb-markdown")!.TextContent);
    }

    [Theory, Databases]
    public async Task A_publication_scheduled_in_the_editors_time_zone_reaches_readers_at_that_moment(Db db)
    {
        await using var app = await GuichetApp.StartAsync(db);
        var editorId = await app.EditorAsync();
        await app.WithDbAsync(async d =>
        {
            (await d.Users.SingleAsync(u => u.Id == editorId)).TimeZone = "Europe/Paris";
            return await d.SaveChangesAsync();
        });
        var id = await app.ArticleAsync(editorId, await app.SectionAsync(), "Holiday opening hours", "We close at noon.", publish: false);
        using var editor = await app.SignInAsync("editor@example.org");
        var page = await editor.GetAsync($"/agent/kb/articles/{id}");

        // It is 9:00 UTC, 10:00 in Paris: 9:30 in Paris has passed.
        var refused = await PageClient.ParseAsync(await editor.SubmitAsync(page, "#kb-publication-form", new Dictionary<string, string> { ["PublishAt"] = "2026-11-02T09:30" }));
        Assert.Equal("Choose a moment in the future, or publish now.", refused.FieldError("PublishAt"));

        page = await editor.SubmitAndFollowAsync(page, "#kb-publication-form", new Dictionary<string, string> { ["PublishAt"] = "2026-11-02T12:00" });
        Assert.Contains("Scheduled", page.QuerySelector(".kb-state")!.TextContent);
        Assert.Equal(new DateTimeOffset(2026, 11, 2, 11, 0, 0, TimeSpan.Zero), await app.WithDbAsync(d => d.KbArticles.Where(a => a.Id == id).Select(a => a.PublishAt).SingleAsync()));
        Assert.Empty(await app.FindAsync(null, "en", "holiday"));

        app.Time.Advance(TimeSpan.FromMinutes(119));
        Assert.Empty(await app.FindAsync(null, "en", "holiday"));
        app.Time.Advance(TimeSpan.FromMinutes(1));
        Assert.Equal([(id, "en")], await app.FindAsync(null, "en", "holiday"));

        // Back to draft: readers lose it again.
        await editor.SubmitAndFollowAsync(await editor.GetAsync($"/agent/kb/articles/{id}"), "#kb-publication-form", submitter: "button[formaction*='handler=Unpublish']");
        Assert.Empty(await app.FindAsync(null, "en", "holiday"));
    }

    [Theory, Databases]
    public async Task Only_the_chosen_organizations_read_an_article_and_at_least_one_must_be_chosen(Db db)
    {
        await using var app = await GuichetApp.StartAsync(db);
        var acme = await app.CreateOrganizationAsync("Acme", "acme.example");
        var globex = await app.CreateOrganizationAsync("Globex", "globex.example");
        var ana = await app.CustomerAsync("ana@acme.example", acme);
        var gus = await app.CustomerAsync("gus@globex.example", globex);
        var editorId = await app.EditorAsync();
        var id = await app.ArticleAsync(editorId, await app.SectionAsync(), "Acme price list", "The prices agreed with you.");
        using var editor = await app.SignInAsync("editor@example.org");

        var refused = await PageClient.ParseAsync(await editor.SubmitAsync(await editor.GetAsync($"/agent/kb/articles/{id}"), "#kb-settings-form",
            new Dictionary<string, string> { ["Settings.Visibility"] = "Organizations" }));
        Assert.Equal("Choose at least one organization, or another visibility.", refused.FieldError("Settings.OrganizationIds"));
        Assert.True(refused.QuerySelector<AngleSharp.Html.Dom.IHtmlInputElement>("#kb-visibility-Organizations")!.IsChecked);
        Assert.Equal([(id, "en")], await app.FindAsync(gus, "en", "prices"));

        await editor.SubmitAndFollowAsync(refused, "#kb-settings-form", new Dictionary<string, string> { ["Settings.OrganizationIds"] = acme.Id.ToString() });
        Assert.Equal([(id, "en")], await app.FindAsync(ana, "en", "prices"));
        Assert.Empty(await app.FindAsync(gus, "en", "prices"));
        Assert.Empty(await app.FindAsync(null, "en", "prices"));
        var history = (await editor.GetAsync($"/agent/kb/articles/{id}/history")).QuerySelector("tbody tr")!.TextContent;
        Assert.Contains("Visibility changed", history);
        Assert.Contains("Public: anyone → Chosen organizations (1)", history);
    }

    [Theory, Databases]
    public async Task Categories_and_sections_are_named_per_language_and_deleted_only_when_empty(Db db)
    {
        await using var app = await GuichetApp.StartAsync(db);
        var editorId = await app.EditorAsync();
        using var editor = await app.SignInAsync("editor@example.org");

        var form = await editor.GetAsync("/agent/kb/structure?edit=c");
        var refused = await PageClient.ParseAsync(await editor.SubmitAsync(form, "#place-form"));
        Assert.Contains("Enter a name in at least one language.", refused.MainText());
        var structure = await editor.SubmitAndFollowAsync(refused, "#place-form", new Dictionary<string, string> { ["Input.Names[fr]"] = "Facturation" });
        var category = await app.WithDbAsync(d => d.KbCategories.Select(c => c.Id).SingleAsync());
        Assert.Contains("Facturation", structure.QuerySelector($"#category-{category}")!.TextContent);

        structure = await editor.SubmitAndFollowAsync(await editor.GetAsync($"/agent/kb/structure?edit=s&category={category}"), "#place-form",
            new Dictionary<string, string> { ["Input.Names[en]"] = "Invoices", ["Input.Names[de]"] = "Rechnungen" });
        var section = await app.WithDbAsync(d => d.KbSections.SingleAsync());
        Assert.Equal("Rechnungen", section.Names["de"]);
        Assert.Equal(category, section.CategoryId);
        await app.ArticleAsync(editorId, section.Id, "Download an invoice", "From the billing page.");

        var notEmpty = await PageClient.ParseAsync(await editor.SubmitAsync(structure, $"#delete-s{section.Id}"));
        Assert.Contains("This section still holds articles: move or delete them first.", notEmpty.MainText());
        notEmpty = await PageClient.ParseAsync(await editor.SubmitAsync(structure, $"#delete-c{category}"));
        Assert.Contains("This category still has sections: delete them first.", notEmpty.MainText());
        Assert.Equal(1, await app.WithDbAsync(d => d.KbSections.CountAsync()));
    }

    [Theory, Databases]
    public async Task An_image_uploaded_with_the_text_is_shown_in_it_from_the_articles_files(Db db)
    {
        await using var app = await GuichetApp.StartAsync(db);
        var editorId = await app.EditorAsync();
        var id = await app.ArticleAsync(editorId, await app.SectionAsync(), "Where to click", "See below.");
        using var editor = await app.SignInAsync("editor@example.org");

        var page = await editor.FollowAsync(await editor.SubmitMultipartAsync(await editor.GetAsync($"/agent/kb/articles/{id}"), "#kb-text-form",
            new Dictionary<string, string> { ["Input.Body"] = "See below.\n\n![the button](attachment:button.png)", ["draft"] = "false" },
            [Files.File("button.png", Files.Png, "image/png")]));
        Assert.Contains("![button.png](attachment:button.png)", page.QuerySelector(".kb-files")!.TextContent);
        var html = await app.WithDbAsync(d => d.KbTranslations.Where(t => t.ArticleId == id).Select(t => t.BodyHtml).SingleAsync());
        var file = await app.WithDbAsync(d => d.KbFiles.SingleAsync(f => f.ArticleId == id));
        Assert.Contains($"src=\"{file.Url}\"", html);
        Assert.StartsWith("/kb/files/", file.Url);
        var history = (await editor.GetAsync($"/agent/kb/articles/{id}/history")).QuerySelectorAll("tbody tr").Select(r => r.TextContent).ToList();
        Assert.Contains(history, line => line.Contains("File added") && line.Contains("button.png"));
    }

    [Theory, Databases]
    public async Task A_new_article_takes_its_files_along_and_a_refused_file_keeps_everything_typed(Db db)
    {
        await using var app = await GuichetApp.StartAsync(db, new Dictionary<string, string?> { ["Guichet:Attachments:MaxFileBytes"] = "1000" });
        await app.EditorAsync();
        var section = await app.SectionAsync();
        await app.CreateUserAsync("reader@example.org");
        using var editor = (await app.SignInAsync("editor@example.org")).InLanguage("fr");
        var typed = new Dictionary<string, string>
        {
            ["Language"] = "en",
            ["Input.Title"] = "Where to click",
            ["Input.Keywords"] = "button",
            ["Input.Body"] = "Click the blue button.\n\n![the button](attachment:button.png)",
            ["Settings.SectionId"] = section.ToString(),
            ["Settings.Visibility"] = "SignedIn",
        };

        var refused = await PageClient.ParseAsync(await editor.SubmitMultipartAsync(await editor.GetAsync("/agent/kb/articles/new"), "main form", typed,
            [Files.File("button.png", Files.Png, "image/png"), Files.File("manual.pdf", new byte[1001], "application/pdf")]));
        Assert.StartsWith("manual.pdf est trop volumineux", refused.FieldError("Attachments.Files"));
        Assert.Equal(0, await app.WithDbAsync(d => d.KbArticles.CountAsync()));
        Assert.Equal("Where to click", refused.QuerySelector<AngleSharp.Html.Dom.IHtmlInputElement>("#kb-title")!.Value);
        Assert.Equal("button", refused.QuerySelector<AngleSharp.Html.Dom.IHtmlInputElement>("#kb-keywords")!.Value);
        Assert.Equal(typed["Input.Body"], refused.QuerySelector<AngleSharp.Html.Dom.IHtmlTextAreaElement>("#kb-body")!.Value);
        Assert.Equal("en", refused.QuerySelector<AngleSharp.Html.Dom.IHtmlSelectElement>("#kb-language")!.Value);
        Assert.True(refused.QuerySelector<AngleSharp.Html.Dom.IHtmlInputElement>("#kb-visibility-SignedIn")!.IsChecked);
        Assert.Equal(["button.png"], refused.QuerySelectorAll(".attachments--kept li > span").Select(s => s.FirstChild!.TextContent.Trim()));

        // Sent again without choosing the image again, published at once.
        var article = await editor.FollowAsync(await editor.SubmitMultipartAsync(refused, "main form", new Dictionary<string, string> { ["publish"] = "true" }));
        var id = IdOf(article);
        var file = await app.WithDbAsync(d => d.KbFiles.SingleAsync(f => f.ArticleId == id));
        Assert.Equal(("button.png", "image/png"), (file.FileName, file.ContentType));
        Assert.Contains("![button.png](attachment:button.png)", article.QuerySelector(".kb-files")!.TextContent);
        Assert.Equal([KbChange.Created, KbChange.FileAdded, KbChange.Published],
            await app.WithDbAsync(d => d.KbRevisions.Where(r => r.ArticleId == id).OrderBy(r => r.Id).Select(r => r.Change).ToListAsync()));

        // The text's reference found the file when it was first saved: readers see the image.
        using var reader = await app.SignInAsync("reader@example.org");
        var page = await reader.GetAsync(await app.AddressOfAsync(id));
        Assert.NotNull(page.QuerySelector($"img[src='{file.Url}']"));
        Assert.Equal(Files.Png, await (await reader.Http.GetAsync(file.Url)).Content.ReadAsByteArrayAsync());
    }

    [Theory, Databases]
    public async Task A_text_saved_by_someone_else_after_the_form_was_opened_is_not_overwritten_without_a_word(Db db)
    {
        await using var app = await GuichetApp.StartAsync(db);
        var editorId = await app.EditorAsync();
        var id = await app.ArticleAsync(editorId, await app.SectionAsync(), "VPN setup", "Install the client.");
        await app.CreateUserAsync("admin@example.org", Roles.Admin, "Ada", "Admin");
        using var editor = await app.SignInAsync("editor@example.org");
        using var admin = await app.SignInAsync("admin@example.org");
        var opened = await editor.GetAsync($"/agent/kb/articles/{id}");

        app.Time.Advance(TimeSpan.FromMinutes(5));
        await admin.SubmitAndFollowAsync(await admin.GetAsync($"/agent/kb/articles/{id}"), "#kb-text-form", new Dictionary<string, string> { ["Input.Body"] = "Ada's steps." });
        var warned = await PageClient.ParseAsync(await editor.SubmitAsync(opened, "#kb-text-form", new Dictionary<string, string> { ["Input.Body"] = "My steps." }));
        Assert.Contains("Ada Admin saved this text on", warned.QuerySelector(".form-errors")!.TextContent);
        Assert.Equal("My steps.", warned.QuerySelector("#kb-body")!.TextContent);
        Assert.Equal("Ada's steps.", await app.WithDbAsync(d => d.KbTranslations.Where(t => t.ArticleId == id).Select(t => t.BodyMarkdown).SingleAsync()));

        await editor.SubmitAndFollowAsync(warned, "#kb-text-form");
        Assert.Equal("My steps.", await app.WithDbAsync(d => d.KbTranslations.Where(t => t.ArticleId == id).Select(t => t.BodyMarkdown).SingleAsync()));
    }

    private static int IdOf(IDocument page) => int.Parse(new Uri(page.Url).AbsolutePath.Split('/').Last());

    private static Task<bool> IsEditorAsync(GuichetApp app, Guid userId) =>
        app.WithDbAsync(d => d.UserRoles.AnyAsync(ur => ur.UserId == userId && d.Roles.Any(r => r.Id == ur.RoleId && r.Name == Roles.Editor)));
}
