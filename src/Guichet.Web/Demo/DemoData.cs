using Guichet.Web.Accounts;
using Guichet.Web.Data;
using Guichet.Web.Organizations;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;

namespace Guichet.Web.Demo;

/// <summary>
/// The demo installation of the README: three organizations, an admin, two agents, and per
/// organization a manager and two members, all with the password <see cref="Password"/>, their requests and a knowledge
/// base (<see cref="DemoKnowledgeBase"/>).
/// Loading twice changes nothing.
/// </summary>
public static class DemoData
{
    public const string Password = "Guichet-Demo-1";

    private static readonly (string Name, string Domain)[] OrganizationsToLoad =
        [("Acme Industries", "acme.example"), ("Globex", "globex.example"), ("Initech", "initech.example")];

    public static async Task LoadDemoDataAsync(this IServiceProvider services, CancellationToken ct = default)
    {
        await using var scope = services.CreateAsyncScope();
        var sp = scope.ServiceProvider;
        var db = sp.GetRequiredService<GuichetDbContext>();
        var users = sp.GetRequiredService<UserManager<User>>();
        var time = sp.GetRequiredService<TimeProvider>();
        await sp.GetRequiredService<AdminAccounts>().EnsureRolesAsync();

        async Task<User> Person(string email, string first, string last, string? role = null, string culture = "en")
        {
            var user = await users.FindByEmailAsync(email);
            if (user is null)
            {
                user = User.NewContact(email, first, last, time.GetUtcNow());
                user.EmailConfirmed = true;
                user.Culture = culture;
                var created = await users.CreateAsync(user, Password);
                if (!created.Succeeded) throw new InvalidOperationException(string.Join(" ", created.Errors.Select(e => e.Description)));
            }
            if (role is not null && !await users.IsInRoleAsync(user, role)) await users.AddToRoleAsync(user, role);
            return user;
        }

        var admin = await Person("admin@guichet.example", "Ada", "Admin", Roles.Admin);
        var editor = await Person("agent1@guichet.example", "Arnaud", "Agent", Roles.Agent, "fr");
        // One agent writes the knowledge base beside the admin: the editor pages have someone to show them to.
        if (!await users.IsInRoleAsync(editor, Roles.Editor)) await users.AddToRoleAsync(editor, Roles.Editor);
        await Person("agent2@guichet.example", "Agnes", "Agent", Roles.Agent);

        var people = new Dictionary<string, (string First, string Last)[]>
        {
            ["acme.example"] = [("Maya", "Manager"), ("Alice", "Martin"), ("Bob", "Durand")],
            ["globex.example"] = [("Marc", "Manager"), ("Carol", "Smith"), ("Dave", "Jones")],
            ["initech.example"] = [("Mia", "Manager"), ("Erin", "Rossi"), ("Frank", "Weber")],
        };
        var locals = new Dictionary<string, string[]>
        {
            ["acme.example"] = ["manager", "alice", "bob"],
            ["globex.example"] = ["manager", "carol", "dave"],
            ["initech.example"] = ["manager", "erin", "frank"],
        };

        foreach (var (name, domain) in OrganizationsToLoad)
        {
            var organization = await db.Organizations.Include(o => o.Memberships).SingleOrDefaultAsync(o => o.Name == name, ct);
            if (organization is null)
            {
                organization = new Organization(Guid.CreateVersion7(time.GetUtcNow()), name, time.GetUtcNow());
                organization.SetDomains([domain]);
                db.Organizations.Add(organization);
                await db.SaveChangesAsync(ct);
            }
            for (var i = 0; i < 3; i++)
            {
                var (first, last) = people[domain][i];
                var user = await Person($"{locals[domain][i]}@{domain}", first, last);
                organization.AddMember(user, isManager: i == 0);
            }
            await db.SaveChangesAsync(ct);
        }

        await DemoTickets.LoadAsync(db, time, ct);
        var acme = await db.Organizations.Where(o => o.Name == OrganizationsToLoad[0].Name).Select(o => o.Id).SingleAsync(ct);
        await DemoKnowledgeBase.LoadAsync(sp, db, admin.Id, acme, time, ct);
    }
}
