using Guichet.IntegrationTests.Infrastructure;
using Guichet.Web.Accounts;
using Microsoft.EntityFrameworkCore;

namespace Guichet.IntegrationTests.Accounts;

/// <summary>The one rule of a person's name (first and last name, else the address), in queries and in memory alike.</summary>
public sealed class PersonNameTests
{
    [Theory, Databases]
    public async Task A_name_in_a_query_is_worked_out_by_the_database_in_the_same_statement_as_when_each_query_spelt_it(Db db)
    {
        await using var app = await GuichetApp.StartAsync(db);
        await app.CreateUserAsync("zoe@acme.test", first: "Zoë", last: "Lefèvre");
        await app.CreateUserAsync("nameless@acme.test", first: "", last: "");
        await app.CreateUserAsync("first@acme.test", first: "Ada", last: "");

        var (ruled, spelt, names) = await app.WithDbAsync(async d =>
        {
            var people = d.Users.Where(u => u.Email!.EndsWith("@acme.test")).OrderBy(u => u.Email);
            var ruled = people.Select(u => PersonName.Of(u.FirstName, u.LastName, u.Email));
            var spelt = people.Select(u => (u.FirstName + " " + u.LastName).Trim() == "" ? u.Email ?? "" : (u.FirstName + " " + u.LastName).Trim());
            return (ruled.ToQueryString(), spelt.ToQueryString(), await ruled.ToListAsync());
        });
        Assert.Equal(spelt, ruled);
        Assert.Equal(["Ada", "nameless@acme.test", "Zoë Lefèvre"], names);
        // The same rule on values already read.
        Assert.Equal(["Ada", "nameless@acme.test", "Zoë Lefèvre"], [PersonName.Of("Ada", "", "first@acme.test"), PersonName.Of(" ", "", "nameless@acme.test"), PersonName.Of("Zoë", "Lefèvre", null)]);
    }
}
