using Guichet.IntegrationTests.Api;
using Guichet.IntegrationTests.Infrastructure;
using Guichet.IntegrationTests.Search;
using Guichet.Web.Accounts;
using Guichet.Web.Data;
using Guichet.Web.Organizations;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.EntityFrameworkCore;

namespace Guichet.IntegrationTests.Agent;

/// <summary>Beside a request, the agent sees the requester's other requests and the team's notes on the organization.</summary>
public sealed class TicketContextTests
{
    [Theory, Databases]
    public async Task The_agent_sees_the_requesters_other_requests_and_keeps_notes_on_the_organization_that_customers_never_see(Db db)
    {
        await using var app = await GuichetApp.StartAsync(db);
        var world = await app.CreateWorldAsync();
        var older = await app.OpenTicketAsync(world.Alice, "Scanner jammed");
        var ticket = await app.OpenTicketAsync(world.Alice, "Printer on fire");
        await app.OpenTicketAsync(world.Manager, "Invoice twice");
        using var agent = await app.SignInAsync(world.Agent.Email!);

        var page = await agent.GetAsync($"/agent/tickets/{ticket.Number}");
        var requester = page.QuerySelector("#requester")!.TextContent;
        Assert.Contains("alice@acme.test", requester);
        Assert.Contains($"#{older.Number} Scanner jammed", requester);
        Assert.DoesNotContain("Printer on fire", requester);
        Assert.DoesNotContain("Invoice twice", requester);
        Assert.Contains("Requests in progress: 1", requester);
        Assert.Contains("Requests in progress: 3", page.QuerySelector("#organization")!.TextContent);

        // Too long: refused, what was typed kept; then saved, shown to agents, never to customers.
        var tooLong = new string('x', 4_001);
        var refused = await PageClient.ParseAsync(await agent.SubmitAsync(page, "#organization form", new Dictionary<string, string> { ["notes"] = tooLong }));
        Assert.Contains("at most 4000 characters", refused.QuerySelector("#notes-error")!.TextContent.Replace(",", "").Replace(" ", " "));
        Assert.Equal(tooLong, refused.QuerySelector("#notes")!.TextContent);
        var saved = await agent.SubmitAndFollowAsync(page, "#organization form", new Dictionary<string, string> { ["notes"] = "Premium contract.\nCall Maud before any visit." });
        Assert.Contains("The notes on Acme were saved.", saved.MainText());
        Assert.Contains("Call Maud before any visit.", saved.QuerySelector("#organization .organization-notes")!.TextContent);
        Assert.Equal("Premium contract.\nCall Maud before any visit.", await app.WithDbAsync(d => d.Organizations.Where(o => o.Name == "Acme").Select(o => o.Notes).SingleAsync()));

        using var maud = await app.SignInAsync(world.Manager.Email!);
        Assert.DoesNotContain("Premium contract", (await maud.GetAsync($"/requests/{ticket.Number}")).Source.Text);
        var api = await app.ApiClientAsync(world.Manager.Email!);
        Assert.DoesNotContain("Premium contract", await api.GetStringAsync($"/api/v1/tickets/{ticket.Number}"));
    }

    [Theory, Databases]
    public async Task Notes_saved_from_a_page_older_than_a_colleagues_save_are_refused_with_what_changed_and_every_version_stays_readable(Db db)
    {
        await using var app = await GuichetApp.StartAsync(db);
        var world = await app.CreateWorldAsync();
        var ben = await app.CreateUserAsync("ben@support.test", Roles.Agent, "Ben", "Bauer");
        await app.AddToGroupAsync(await app.SupportGroupIdAsync(), ben);
        var ticket = await app.OpenTicketAsync(world.Alice, "Printer on fire");
        using var agathe = await app.SignInAsync(world.Agent.Email!);
        using var colleague = await app.SignInAsync(ben.Email!);
        var url = $"/agent/tickets/{ticket.Number}";
        var hers = await agathe.GetAsync(url);

        await colleague.SubmitAndFollowAsync(await colleague.GetAsync(url), "#organization form", new Dictionary<string, string> { ["notes"] = "Call Maud first." });
        // Agathe's page is older than Ben's save: hers is refused, her text kept, his shown with his name; his stays saved.
        var refused = await PageClient.ParseAsync(await agathe.SubmitAsync(hers, "#organization form", new Dictionary<string, string> { ["notes"] = "VIP client." }));
        Assert.Contains("A colleague changed these notes", refused.QuerySelector("#notes-error")!.TextContent);
        Assert.Equal("VIP client.", refused.QuerySelector("#notes")!.TextContent);
        var meanwhile = refused.QuerySelector("#notes-meanwhile")!.TextContent;
        Assert.Contains("Ben Bauer", meanwhile);
        Assert.Contains("Call Maud first.", meanwhile);
        Assert.Equal("Call Maud first.", await app.WithDbAsync(d => d.Organizations.Where(o => o.Name == "Acme").Select(o => o.Notes).SingleAsync()));

        // Having seen his, she saves again from the refused page: it goes through.
        var saved = await agathe.SubmitAndFollowAsync(refused, "#organization form", new Dictionary<string, string> { ["notes"] = "Call Maud first. VIP client." });
        Assert.Contains("The notes on Acme were saved.", saved.MainText());

        // The history: every version, newest first, by whom; customers have no way in.
        var history = await agathe.GetAsync(saved.QuerySelector("#organization a[href$='/notes']")!.GetAttribute("href")!);
        var versions = history.QuerySelectorAll(".note-history li").Select(li => li.TextContent).ToList();
        Assert.Equal(2, versions.Count);
        Assert.Contains("Agathe Support", versions[0]);
        Assert.Contains("Call Maud first. VIP client.", versions[0]);
        Assert.Contains("Ben Bauer", versions[1]);
        using var alice = await app.SignInAsync(world.Alice.Email!);
        var acme = await app.WithDbAsync(d => d.Organizations.Where(o => o.Name == "Acme").Select(o => o.Id).SingleAsync());
        Assert.NotEqual(System.Net.HttpStatusCode.OK, (await alice.Http.GetAsync($"/agent/organizations/{acme}/notes")).StatusCode);
    }

    [Theory, Databases]
    public async Task Of_two_saves_of_the_notes_from_the_same_version_at_the_same_instant_the_second_is_refused_unless_it_did_not_ask(Db db)
    {
        await using var app = await GuichetApp.StartAsync(db);
        var world = await app.CreateWorldAsync();
        var ben = await app.CreateUserAsync("ben@support.test", Roles.Agent, "Ben", "Bauer");
        await using var first = app.Services.CreateAsyncScope();
        await using var second = app.Services.CreateAsyncScope();
        await using var third = app.Services.CreateAsyncScope();
        // All three read the notes (none yet) before any of them saves: the check before saving passes for each.
        async Task<(OrganizationNotes, Organization)> ReadAsync(AsyncServiceScope scope) => (scope.ServiceProvider.GetRequiredService<OrganizationNotes>(),
            await scope.ServiceProvider.GetRequiredService<GuichetDbContext>().Organizations.SingleAsync(o => o.Name == "Acme"));
        var (notesA, acmeA) = await ReadAsync(first);
        var (notesB, acmeB) = await ReadAsync(second);
        var (notesC, acmeC) = await ReadAsync(third);

        Assert.True((await notesA.SetAsync(acmeA, "Call Maud first.", 0, world.Agent.Id, CancellationToken.None)).Saved);
        var refused = await notesB.SetAsync(acmeB, "VIP client.", 0, ben.Id, CancellationToken.None);
        Assert.False(refused.Saved);
        Assert.Equal("Call Maud first.", Assert.Single(refused.Meanwhile!).Notes);
        // A script that did not say which version it read writes over whatever is there.
        Assert.True((await notesC.SetAsync(acmeC, "Written by a script.", null, ben.Id, CancellationToken.None)).Saved);
        Assert.Equal([2, 1], await app.WithDbAsync(d => d.OrganizationNoteRevisions.OrderByDescending(r => r.Number).Select(r => r.Number).ToListAsync()));
        Assert.Equal("Written by a script.", await app.WithDbAsync(d => d.Organizations.Where(o => o.Name == "Acme").Select(o => o.Notes).SingleAsync()));
    }

    [Theory, Databases]
    public async Task The_agent_changes_the_kind_of_request_its_product_and_environment(Db db)
    {
        await using var app = await GuichetApp.StartAsync(db);
        var world = await app.CreateWorldAsync();
        var erp = await app.WithDbAsync(async d =>
        {
            var product = new Guichet.Web.Tickets.Product { Name = "ERP", SortOrder = 1 };
            d.Products.Add(product);
            await d.SaveChangesAsync();
            return product.Id;
        });
        var ticket = await app.OpenTicketAsync(world.Alice, "Printer on fire");
        var other = await app.WithDbAsync(d => d.RequestTypes.Where(t => t.Id != ticket.RequestTypeId && t.IsActive).Select(t => t.Id).FirstAsync());
        using var agent = await app.SignInAsync(world.Agent.Email!);
        var page = await agent.GetAsync($"/agent/tickets/{ticket.Number}");

        var saved = await agent.SubmitAndFollowAsync(page, "#classify form", new Dictionary<string, string>
        {
            ["typeId"] = other.ToString(), ["product"] = erp.ToString(), ["environment"] = "Production",
        });
        Assert.Contains("The details were saved.", saved.MainText());
        var (type, product, environment) = await app.WithDbAsync(d => d.Tickets.Where(t => t.Id == ticket.Id)
            .Select(t => new ValueTuple<int, int?, Guichet.Web.Tickets.TicketEnvironment?>(t.RequestTypeId, t.ProductId, t.Environment)).SingleAsync());
        Assert.Equal((other, erp, Guichet.Web.Tickets.TicketEnvironment.Production), (type, product!.Value, environment!.Value));
        Assert.Contains(saved.QuerySelectorAll("#history li"), li => li.TextContent.Contains("changed the kind of request"));

        // From a page older than a colleague's change of product: refused, the agent's other choices kept, the colleague's product shown.
        var stale = await agent.GetAsync($"/agent/tickets/{ticket.Number}");
        await app.ChangeAsync(ticket.Number, (t, _) => t.ChangeProduct(null, world.Agent.Id, app.Time.GetUtcNow()));
        var refused = await PageClient.ParseAsync(await agent.SubmitAsync(stale, "#classify form", new Dictionary<string, string>
        {
            ["typeId"] = ticket.RequestTypeId.ToString(), ["product"] = erp.ToString(), ["environment"] = "Test",
        }));
        Assert.Equal("", refused.QuerySelector("#classify-product option[selected]")?.GetAttribute("value") ?? "");
        Assert.Equal("Test", refused.QuerySelector("#classify-environment option[selected]")!.GetAttribute("value"));
        Assert.Equal(ticket.RequestTypeId.ToString(), refused.QuerySelector("#type-id option[selected]")!.GetAttribute("value"));
    }
}
