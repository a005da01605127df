using Guichet.IntegrationTests.Infrastructure;
using Guichet.Web.Demo;
using Guichet.Web.KnowledgeBase;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Guichet.IntegrationTests.KnowledgeBase;

public sealed class KbDemoTests
{
    [Theory, Databases]
    public async Task The_demo_knowledge_base_is_read_and_searched_in_English_and_French_and_loads_once(Db db)
    {
        await using var app = await GuichetApp.StartAsync(db);
        await app.Services.LoadDemoDataAsync();
        var articles = await app.WithDbAsync(d => d.KbArticles.CountAsync());
        await app.Services.LoadDemoDataAsync();

        Assert.True(articles >= 20, $"{articles} articles");
        Assert.Equal(articles, await app.WithDbAsync(d => d.KbArticles.CountAsync()));
        Assert.Equal(3, await app.WithDbAsync(d => d.KbCategories.CountAsync()));
        var categories = await app.WithScopeAsync(sp => sp.GetRequiredService<KbLibrary>().CategoriesAsync(KbReader.Anonymous, default));
        Assert.Equal(3, categories.Count);
        Assert.All(categories, c => Assert.True(c.Articles > 0));

        // The most read article, as the home pages will show it.
        var reset = await app.WithDbAsync(d => d.KbArticles.OrderByDescending(a => a.Views).Select(a => a.Id).FirstAsync());
        Assert.Equal((reset, "fr"), (await app.FindAsync(null, "fr", "mot de passe"))[0]);
        Assert.Equal((reset, "en"), (await app.FindAsync(null, "en", "password"))[0]);
        Assert.Contains((reset, "it"), await app.FindAsync(null, "it", "password"));
        Assert.NotEmpty(await app.FindAsync(null, "fr", "imprim", asYouType: true));

        // The team's procedure, the draft and next week's article are not for customers.
        Assert.Empty(await app.FindAsync(null, "en", "outage procedure"));
        var agent = await app.WithDbAsync(d => d.Users.Where(u => u.Email == "agent2@guichet.example").Select(u => u.Id).SingleAsync());
        Assert.Single(await app.FindAsync(agent, "en", "outage procedure"));
        Assert.Empty(await app.FindAsync(agent, "en", "mail server"));
        Assert.Empty(await app.FindAsync(agent, "en", "authenticator"));
    }
}
