using Guichet.IntegrationTests.Infrastructure;
using Guichet.Web.Accounts;
using Guichet.Web.Data;
using Guichet.Web.KnowledgeBase;
using Guichet.Web.Localization;
using Guichet.Web.Tickets;
using Microsoft.Extensions.DependencyInjection;

namespace Guichet.IntegrationTests.KnowledgeBase;

/// <summary>Intent methods for the knowledge base tests: a structure, articles written and published through KbAuthoring, searches as a reader.</summary>
internal static class KbDesk
{
    public static Task<int> SectionAsync(this GuichetApp app, string category = "Billing", string section = "Invoices") =>
        app.WithScopeAsync(async sp =>
        {
            var authoring = sp.GetRequiredService<KbAuthoring>();
            var (c, _) = await authoring.SaveCategoryAsync(null, Names(category), Names(""), 1, default);
            var (s, _) = await authoring.SaveSectionAsync(null, c!.Id, Names(section), Names(""), 1, default);
            return s!.Id;
        });

    public static Task<int> ArticleAsync(this GuichetApp app, Guid editor, int section, string title, string body, string language = "en",
        KbVisibility visibility = KbVisibility.Public, Guid[]? organizations = null, bool publish = true, string keywords = "") =>
        app.WithScopeAsync(async sp =>
        {
            var authoring = sp.GetRequiredService<KbAuthoring>();
            var (article, problem) = await authoring.CreateAsync(editor, section, language, new KbText(title, body, keywords), visibility,
                organizations ?? [], default);
            Assert.Null(problem);
            if (publish) Assert.Null(await authoring.PublishAsync(editor, article!.Id, null, default));
            return article!.Id;
        });

    public static Task TranslateAsync(this GuichetApp app, Guid editor, int article, string language, string title, string body, bool draft = false) =>
        app.WithScopeAsync(async sp =>
        {
            Assert.Null(await sp.GetRequiredService<KbAuthoring>().SaveTextAsync(editor, article, language, new KbText(title, body, ""), draft, default));
            return 0;
        });

    /// <summary>The ids of the articles a reader finds, best first, with the language each is shown in.</summary>
    public static Task<List<(int Article, string Language)>> FindAsync(this GuichetApp app, Guid? reader, string language, string text,
        bool asYouType = false) =>
        app.WithScopeAsync(async sp =>
        {
            var kbReader = reader is { } id
                ? KbReader.Of(await Viewer.ForAsync(sp.GetRequiredService<GuichetDbContext>(), sp.GetRequiredService<NodeCache>(), id, default))
                : KbReader.Anonymous;
            var hits = await sp.GetRequiredService<KbSearch>().SearchAsync(kbReader, language, text, 20, asYouType, default);
            return hits.Select(h => (h.ArticleId, h.Language)).ToList();
        });

    public static async Task<Guid> EditorAsync(this GuichetApp app, string email = "editor@example.org")
    {
        var user = await app.CreateUserAsync(email, Roles.Agent);
        await app.WithScopeAsync(async sp =>
        {
            var users = sp.GetRequiredService<Microsoft.AspNetCore.Identity.UserManager<User>>();
            await users.AddToRoleAsync((await users.FindByIdAsync(user.Id.ToString()))!, Roles.Editor);
            return 0;
        });
        return user.Id;
    }

    private static LocalizedText Names(string en) => new(new Dictionary<string, string> { ["en"] = en });
}
