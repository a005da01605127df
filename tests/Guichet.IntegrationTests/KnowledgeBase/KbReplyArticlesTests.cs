using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Guichet.IntegrationTests.Api;
using Guichet.IntegrationTests.Infrastructure;
using Guichet.Web.KnowledgeBase;

namespace Guichet.IntegrationTests.KnowledgeBase;

public sealed class KbReplyArticlesTests
{
    [Theory, Databases]
    public async Task An_agent_finds_articles_in_the_requesters_language_with_a_public_link_and_what_the_requester_may_open(Db db)
    {
        await using var app = await GuichetApp.StartAsync(db);
        var world = await app.CreateWorldAsync();
        var globex = await app.WithDbAsync(d => Task.FromResult(d.Organizations.Single(o => o.Name == "Globex").Id));
        await app.WithDbAsync(d =>
        {
            d.Users.Single(u => u.Id == world.Alice.Id).Culture = "fr";
            return d.SaveChangesAsync();
        });
        var editor = await app.EditorAsync();
        var section = await app.SectionAsync();
        var install = await app.ArticleAsync(editor, section, "Install the printer", "Open the **settings**.");
        await app.TranslateAsync(editor, install, "fr", "Installer l'imprimante", "Ouvrez les **paramètres**.");
        var globexOnly = await app.ArticleAsync(editor, section, "Printer at Globex", "Floor 2.", visibility: KbVisibility.Organizations, organizations: [globex]);
        var internalOnly = await app.ArticleAsync(editor, section, "Printer known issues", "Tray 3 jams.", visibility: KbVisibility.Internal);
        var ticket = await app.OpenTicketAsync(world.Alice, "Nouvelle imprimante");
        using var agent = await app.SignInAsync(world.Agent.Email!);

        async Task<List<JsonElement>> FoundAsync(string q) =>
            (await agent.Http.GetFromJsonAsync<JsonElement>($"/agent/tickets/{ticket.Number}?handler=Articles&q={Uri.EscapeDataString(q)}"))
                .EnumerateArray().ToList();

        // In Alice's French, as a link that works from her mailbox, with the Markdown to insert.
        var found = Assert.Single(await FoundAsync("imprim"));
        Assert.Equal(install, found.GetProperty("id").GetInt32());
        Assert.Equal("Installer l'imprimante", found.GetProperty("title").GetString());
        Assert.Equal("fr", found.GetProperty("language").GetString());
        Assert.StartsWith($"{GuichetApp.BaseUrl}/kb/articles/{install}-", found.GetProperty("url").GetString());
        Assert.Equal("Ouvrez les **paramètres**.", found.GetProperty("markdown").GetString());
        Assert.True(found.GetProperty("requesterMayRead").GetBoolean());

        // The agent reads everything, and is told which ones Alice could not open.
        var others = (await FoundAsync("printer")).ToDictionary(a => a.GetProperty("id").GetInt32());
        Assert.Equal([globexOnly, internalOnly], others.Keys.Order());
        Assert.All(others.Values, a => Assert.False(a.GetProperty("requesterMayRead").GetBoolean()));
        Assert.Equal("Internal", others[internalOnly].GetProperty("visibility").GetString());
        Assert.Empty(await FoundAsync(""));

        // Not for customers, nor of a request the agent may not see.
        using var alice = await app.SignInAsync(world.Alice.Email!);
        var refused = await alice.Http.GetAsync($"/agent/tickets/{ticket.Number}?handler=Articles&q=imprim");
        Assert.Contains("/account/denied", refused.Headers.Location?.ToString());
        Assert.Equal(HttpStatusCode.NotFound, (await agent.Http.GetAsync($"/agent/tickets/{ticket.Number + 1000}?handler=Articles&q=imprim")).StatusCode);
    }
}
