using Guichet.Web.Accounts;
using Guichet.Web.KnowledgeBase;
using Guichet.Web.Localization;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection;

namespace Guichet.BrowserTests.Infrastructure;

/// <summary>Arranges the help center (a category, its section, published articles) through KbAuthoring, as editors would.</summary>
public static class HelpCenter
{
    public static async Task<User> CreateEditorAsync(this BrowserApp app, string email)
    {
        var editor = await app.CreateSupportAgentAsync(email, "Edith", "Writer");
        using var scope = app.Services.CreateScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<User>>();
        await users.AddToRoleAsync((await users.FindByIdAsync(editor.Id.ToString()))!, Roles.Editor);
        return editor;
    }

    public static async Task<int> CreateSectionAsync(this BrowserApp app, string category, string section, string description = "")
    {
        using var scope = app.Services.CreateScope();
        var authoring = scope.ServiceProvider.GetRequiredService<KbAuthoring>();
        var (c, _) = await authoring.SaveCategoryAsync(null, English(category), English(description), 1, CancellationToken.None);
        var (s, _) = await authoring.SaveSectionAsync(null, c!.Id, English(section), English(""), 1, CancellationToken.None);
        return s!.Id;
    }

    /// <summary>A published article (a draft when <paramref name="publish"/> is false) with its translations (language, title, body).</summary>
    public static async Task<int> PublishArticleAsync(this BrowserApp app, User editor, int section, string title, string markdown,
        KbVisibility visibility = KbVisibility.Public, bool publish = true, params (string Language, string Title, string Markdown)[] translations)
    {
        using var scope = app.Services.CreateScope();
        var authoring = scope.ServiceProvider.GetRequiredService<KbAuthoring>();
        var (article, problem) = await authoring.CreateAsync(editor.Id, section, "en", new KbText(title, markdown, ""), visibility, [], CancellationToken.None);
        Assert.Null(problem);
        foreach (var (language, translated, body) in translations)
            Assert.Null(await authoring.SaveTextAsync(editor.Id, article!.Id, language, new KbText(translated, body, ""), false, CancellationToken.None));
        if (publish) Assert.Null(await authoring.PublishAsync(editor.Id, article!.Id, null, CancellationToken.None));
        return article!.Id;
    }

    private static LocalizedText English(string text) => new(new Dictionary<string, string> { ["en"] = text });
}
