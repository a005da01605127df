using Guichet.IntegrationTests.Infrastructure;
using Guichet.Web.Accounts;
using Guichet.Web.Data;
using Guichet.Web.Search;
using Guichet.Web.Tickets;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Guichet.IntegrationTests.Search;

public sealed class TicketSearchTests
{
    [Theory, Databases]
    public async Task Accents_and_case_do_not_matter(Db db)
    {
        await using var app = await SearchDesk.StartAsync(db);
        var customer = await app.CustomerAsync("claire@example.org");
        var cancelled = await app.OpenAsync(customer, "Contrat résilié par erreur", "Notre contrat a été RÉSILIÉ hier.");
        var other = await app.OpenAsync(customer, "Facture de novembre", "Le montant est faux.");

        foreach (var query in new[] { "resilie", "RESILIE", "Résilié", "RÉSILIÉ", "résilie" })
            Assert.Equal([cancelled], await app.SearchAsync(customer, query));
        Assert.Equal([other], await app.SearchAsync(customer, "facture NOVEMBRE"));
    }

    [Theory, Databases]
    public async Task Subject_description_and_public_replies_are_found_but_internal_notes_only_by_staff(Db db)
    {
        await using var app = await SearchDesk.StartAsync(db);
        var customer = await app.CustomerAsync("claire@example.org");
        var agent = await app.AgentAsync("agent@example.org", "Support");
        var admin = (await app.CreateUserAsync("admin@example.org", Roles.Admin)).Id;
        var number = await app.OpenAsync(customer, "Imprimante du deuxième étage", "Bourrage papier à chaque impression.");
        await app.ReplyAsync(number, agent, "Nous avons remplacé le **toner**.");
        await app.ReplyAsync(number, agent, "Le fournisseur est douteux.", isInternal: true);

        foreach (var query in new[] { "imprimante", "bourrage", "toner", number.ToString() })
            Assert.Equal([number], await app.SearchAsync(customer, query));
        Assert.Empty(await app.SearchAsync(customer, "fournisseur"));
        Assert.Empty(await app.SearchAsync(customer, "toner douteux"));
        Assert.Equal([number], await app.SearchAsync(agent, "fournisseur"));
        Assert.Equal([number], await app.SearchAsync(agent, "toner douteux"));
        Assert.Equal([number], await app.SearchAsync(admin, "fournisseur"));
    }

    [Theory, Databases]
    public async Task A_customer_finds_their_own_their_organizations_as_manager_and_where_they_are_in_copy_never_another_organizations(Db db)
    {
        await using var app = await SearchDesk.StartAsync(db);
        var acme = await app.CreateOrganizationAsync("Acme", "acme.example");
        var globex = await app.CreateOrganizationAsync("Globex", "globex.example");
        var alice = await app.CustomerAsync("alice@acme.example", acme);
        var bob = await app.CustomerAsync("bob@acme.example", acme);
        var manager = await app.CustomerAsync("manager@acme.example", acme, manager: true);
        var gina = await app.CustomerAsync("gina@globex.example", globex);
        var copied = await app.CustomerAsync("copied@example.org");
        var alices = await app.OpenAsync(alice, "Serveur en panne", "Le serveur ne répond plus.");
        var ginas = await app.OpenAsync(gina, "Serveur en panne", "Même symptôme.", "copied@example.org");

        Assert.Equal([alices], await app.SearchAsync(alice, "serveur panne"));
        Assert.Empty(await app.SearchAsync(bob, "serveur panne"));
        Assert.Equal([alices], await app.SearchAsync(manager, "serveur panne"));
        Assert.Equal([ginas], await app.SearchAsync(gina, "serveur panne"));
        Assert.Equal([ginas], await app.SearchAsync(copied, "serveur panne"));
    }

    [Theory, Databases]
    public async Task Agents_find_the_tickets_of_their_groups_and_those_assigned_to_them(Db db)
    {
        await using var app = await SearchDesk.StartAsync(db);
        var customer = await app.CustomerAsync("claire@example.org");
        var support = await app.AgentAsync("support@example.org", "Support");
        var billing = await app.AgentAsync("billing@example.org", "Billing");
        var number = await app.OpenAsync(customer, "Écran noir", "L'écran reste noir au démarrage.");

        Assert.Equal([number], await app.SearchAsync(support, "ecran noir"));
        Assert.Empty(await app.SearchAsync(billing, "ecran noir"));

        await app.ChangeAsync(number, (ticket, _) => ticket.Assign(billing, support, app.Time.GetUtcNow()));
        Assert.Equal([number], await app.SearchAsync(billing, "ecran noir"));
    }

    [Theory, Databases]
    public async Task The_index_follows_replies_and_copies_as_they_are_saved(Db db)
    {
        await using var app = await SearchDesk.StartAsync(db);
        var customer = await app.CustomerAsync("claire@example.org");
        var colleague = await app.CustomerAsync("colleague@example.org");
        var number = await app.OpenAsync(customer, "Accès VPN", "Impossible de me connecter.");
        Assert.Empty(await app.SearchAsync(customer, "certificat"));

        await app.ReplyAsync(number, customer, "Le certificat a expiré, je crois.");
        Assert.Equal([number], await app.SearchAsync(customer, "certificat"));

        Assert.Empty(await app.SearchAsync(colleague, "vpn"));
        await app.ChangeAsync(number, (ticket, db) =>
            ticket.AddParticipant(db.Users.Single(u => u.Id == colleague), ParticipantRole.Cc, customer, app.Time.GetUtcNow()));
        Assert.Equal([number], await app.SearchAsync(colleague, "vpn"));

        await app.ChangeAsync(number, (ticket, _) => ticket.RemoveParticipant(colleague, ParticipantRole.Cc, customer, app.Time.GetUtcNow()));
        Assert.Empty(await app.SearchAsync(colleague, "vpn"));
    }

    [Theory, Databases]
    public async Task Words_are_whole_words_and_a_star_makes_a_prefix(Db db)
    {
        await using var app = await SearchDesk.StartAsync(db);
        var customer = await app.CustomerAsync("claire@example.org");
        var number = await app.OpenAsync(customer, "Contrat résilié", "Merci de vérifier l'e-mail de confirmation.");

        Assert.Empty(await app.SearchAsync(customer, "resil"));
        Assert.Equal([number], await app.SearchAsync(customer, "resilie"));
        Assert.Equal([number], await app.SearchAsync(customer, "resil*"));
        Assert.Equal([number], await app.SearchAsync(customer, "contr* RÉSILIÉ"));
        Assert.Equal([number], await app.SearchAsync(customer, "contrat RÉSI", asYouType: true));
        Assert.Empty(await app.SearchAsync(customer, "contra resilie", asYouType: true));
        Assert.Equal([number], await app.SearchAsync(customer, "e-mail"));
        Assert.Equal([number], await app.SearchAsync(customer, "l'e-mail confirm*"));
        Assert.Empty(await app.SearchAsync(customer, "mail-e"));
    }

    [Theory, Databases]
    public async Task Engine_syntax_typed_in_the_box_neither_throws_nor_widens_the_search(Db db)
    {
        await using var app = await SearchDesk.StartAsync(db);
        var customer = await app.CustomerAsync("claire@example.org");
        var stranger = await app.CustomerAsync("stranger@example.org");
        var number = await app.OpenAsync(customer, "Panne réseau", "Le réseau tombe (encore).");

        foreach (var query in new[] { "\"panne", "panne*", "(panne", "panne)", "NEAR(panne réseau)", "-panne", "panne -réseau", "body:panne",
                     "scope:r_x OR panne", "panne:*", "panne & !x", "'panne'", "panne \\", "{body notes}:panne", "^panne", "panne OR" })
        {
            Assert.Empty(await app.SearchAsync(stranger, query));
            await app.SearchAsync(customer, query);   // must not throw; what it finds depends on the words left
        }
        Assert.Equal([number], await app.SearchAsync(customer, "\"panne* (réseau)"));
        Assert.Empty(await app.SearchAsync(customer, "body:panne"));   // the phrase "body panne", not a column filter
        Assert.Empty(await app.SearchAsync(customer, "NEAR"));
    }

    [Theory, Databases]
    public async Task Results_compose_with_filters_sorting_paging_and_counting(Db db)
    {
        await using var app = await SearchDesk.StartAsync(db);
        var customer = await app.CustomerAsync("claire@example.org");
        var numbers = new List<long>();
        for (var i = 0; i < 5; i++)
        {
            numbers.Add(await app.OpenAsync(customer, $"Imprimante {i}", "Elle ne marche pas."));
            app.Time.Advance(TimeSpan.FromMinutes(1));
        }
        await app.OpenAsync(customer, "Autre chose", "Rien à voir.");

        var (count, page, all) = await app.WithScopeAsync(async sp =>
        {
            var data = sp.GetRequiredService<GuichetDbContext>();
            var viewer = await Viewer.ForAsync(data, sp.GetRequiredService<NodeCache>(), customer, default);
            var found = sp.GetRequiredService<TicketSearch>().Filter(data.Tickets, "imprimante", viewer);
            return (await found.CountAsync(),
                await found.OrderByDescending(t => t.LastActivityAt).Skip(1).Take(2).Select(t => t.Number).ToListAsync(),
                await sp.GetRequiredService<TicketSearch>().Filter(data.Tickets, "  ", viewer).CountAsync());
        });
        Assert.Equal(5, count);
        Assert.Equal([numbers[3], numbers[2]], page);
        Assert.Equal(6, all);
    }

    [Theory, Databases]
    public async Task A_rebuild_indexes_every_ticket_again(Db db)
    {
        await using var app = await SearchDesk.StartAsync(db);
        var customer = await app.CustomerAsync("claire@example.org");
        var agent = await app.AgentAsync("agent@example.org", "Support");
        var number = await app.OpenAsync(customer, "Sauvegarde échouée", "Depuis lundi.");
        await app.ReplyAsync(number, agent, "Disque plein.", isInternal: true);
        await app.WithScopeAsync(async sp =>
        {
            var data = sp.GetRequiredService<GuichetDbContext>();
            await data.Database.ExecuteSqlRawAsync(db == Db.Postgres ? "DELETE FROM \"TicketSearch\"" : "INSERT INTO TicketSearch (TicketSearch) VALUES ('delete-all')");
            return 0;
        });
        Assert.Empty(await app.SearchAsync(customer, "sauvegarde"));

        await app.WithScopeAsync(sp => sp.GetRequiredService<SearchIndex>().RebuildIfEmptyAsync(default).ContinueWith(_ => 0));

        Assert.Equal([number], await app.SearchAsync(customer, "sauvegarde echouee"));
        Assert.Empty(await app.SearchAsync(customer, "disque"));
        Assert.Equal([number], await app.SearchAsync(agent, "disque"));
    }
}
