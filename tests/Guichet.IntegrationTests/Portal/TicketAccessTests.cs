using Guichet.IntegrationTests.Infrastructure;
using Guichet.Web.Accounts;
using Guichet.Web.Tickets;
using Microsoft.EntityFrameworkCore;

namespace Guichet.IntegrationTests.Portal;

/// <summary>
/// The visibility rule has two forms, made from one expression per kind of viewer: the query filter
/// (<c>VisibleTo</c>) that every list uses, and the test of a ticket already read (<c>Sees</c>) that the
/// ticket pages use. They must never disagree, and the filter must stay one statement for every viewer of
/// a kind (the viewer in its parameters, not written into its text).
/// </summary>
public sealed class TicketAccessTests
{
    [Theory, Databases]
    public async Task The_query_filter_and_the_test_of_a_ticket_already_read_agree_for_every_kind_of_viewer(Db db)
    {
        await using var app = await GuichetApp.StartAsync(db);
        var acme = await app.CreateOrganizationAsync("Acme", "acme.test");
        var globex = await app.CreateOrganizationAsync("Globex", "globex.test");
        var alice = await app.CreateUserAsync("alice@acme.test");
        var carol = await app.CreateUserAsync("carol@globex.test");
        var outsider = await app.CreateUserAsync("outsider@else.test");
        var agent = await app.CreateUserAsync("agent@support.test", Roles.Agent);
        await app.AddMemberAsync(acme, alice);
        await app.AddMemberAsync(globex, carol);
        var group = await app.SupportGroupIdAsync();

        var tickets = new[]
        {
            await app.OpenTicketAsync(alice, "Alice's"),
            await app.OpenTicketAsync(carol, "Carol's, the outsider in CC", cc: ["outsider@else.test"]),
            await app.OpenTicketAsync(outsider, "The outsider's own"),
        };
        // One ticket of Acme in the support group and assigned to the agent, one in no group.
        await app.WithDbAsync(d => d.Tickets.Where(t => t.Id == tickets[0].Id)
            .ExecuteUpdateAsync(s => s.SetProperty(t => t.GroupId, group).SetProperty(t => t.AssigneeId, agent.Id)));
        await app.WithDbAsync(d => d.Tickets.Where(t => t.Id != tickets[0].Id).ExecuteUpdateAsync(s => s.SetProperty(t => t.GroupId, (int?)null)));

        var viewers = new Dictionary<string, Viewer>
        {
            ["admin"] = new(Guid.NewGuid(), IsAdmin: true, IsAgent: false, [], []),
            ["agent of the group"] = new(Guid.NewGuid(), false, true, [group], []),
            ["agent of another group"] = new(Guid.NewGuid(), false, true, [group + 1000], []),
            ["the assigned agent, in no group"] = new(agent.Id, false, true, [], []),
            ["a manager of Acme"] = new(Guid.NewGuid(), false, false, [], [acme.Id]),
            ["a manager of Acme and Globex"] = new(Guid.NewGuid(), false, false, [], [acme.Id, globex.Id]),
            ["Alice, seeing only her own"] = new(alice.Id, false, false, [], []),
            ["Carol, seeing Globex's"] = new(carol.Id, false, false, [], [globex.Id]),
            ["the outsider, in CC"] = new(outsider.Id, false, false, [], []),
            ["a stranger"] = new(Guid.NewGuid(), false, false, [], []),
        };

        var disagreements = new List<string>();
        var seen = 0;
        foreach (var (who, viewer) in viewers)
            foreach (var ticket in tickets)
            {
                var byQuery = await app.WithDbAsync(d => d.Tickets.VisibleTo(viewer).AnyAsync(t => t.Id == ticket.Id));
                var read = await app.WithDbAsync(d => d.Tickets.AsNoTracking().Include(t => t.Participants).SingleAsync(t => t.Id == ticket.Id));
                if (viewer.Sees(read) != byQuery) disagreements.Add($"{who} / {ticket.Subject}: query {byQuery}, test {!byQuery}");
                if (byQuery) seen++;
            }

        Assert.True(disagreements.Count == 0, string.Join("\n", disagreements));
        // Neither everyone nor no one: the matrix says something. Admin 3, group agent 1, assigned agent 1, Acme 1,
        // Acme and Globex 2, Alice 1, Carol 1, the outsider 2 (own and CC).
        Assert.Equal(12, seen);
    }

    [Theory, Databases]
    public async Task Every_viewer_of_a_kind_gets_the_same_statement_with_their_values_as_parameters(Db db)
    {
        await using var app = await GuichetApp.StartAsync(db);
        Viewer[] customers = [new(Guid.NewGuid(), false, false, [], [Guid.NewGuid()]), new(Guid.NewGuid(), false, false, [], [Guid.NewGuid()])];
        // As many groups each: EF 10 writes a list as one parameter per value on SQLite, a statement per length.
        Viewer[] agents = [new(Guid.NewGuid(), false, true, [1, 2], []), new(Guid.NewGuid(), false, true, [3, 4], [])];
        foreach (var pair in new[] { customers, agents })
        {
            var statements = await app.WithDbAsync(d => Task.FromResult(pair.Select(v => d.Tickets.VisibleTo(v).ToQueryString()).ToList()));
            // ToQueryString declares the parameters with their values first; the statement itself follows.
            static string Statement(string text) => string.Join('\n', text.Split('\n').Where(l => !l.StartsWith(".param", StringComparison.Ordinal) && !l.StartsWith("--", StringComparison.Ordinal)));
            Assert.Equal(Statement(statements[0]), Statement(statements[1]));
            foreach (var (viewer, statement) in pair.Zip(statements))
                Assert.DoesNotContain(viewer.UserId.ToString(), Statement(statement), StringComparison.OrdinalIgnoreCase);
        }
    }
}
