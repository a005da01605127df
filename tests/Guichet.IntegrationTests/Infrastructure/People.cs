using Guichet.Web.Accounts;
using Guichet.Web.Data;
using Guichet.Web.Organizations;
using Guichet.Web.Portal;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Guichet.IntegrationTests.Infrastructure;

/// <summary>Intent methods that arrange people and settings, and sign them in through the pages.</summary>
public static class People
{
    public const string Password = "correct horse battery";

    /// <summary>A person with an account (and optionally a role), made directly in the database.</summary>
    public static Task<User> CreateUserAsync(this GuichetApp app, string email, string? role = null, string first = "Test", string last = "Person") =>
        app.WithScopeAsync(async sp =>
        {
            var users = sp.GetRequiredService<UserManager<User>>();
            await sp.GetRequiredService<AdminAccounts>().EnsureRolesAsync();
            var user = User.NewContact(email, first, last, app.Time.GetUtcNow());
            user.EmailConfirmed = true;
            var created = await users.CreateAsync(user, Password);
            Assert.True(created.Succeeded, string.Join(" ", created.Errors.Select(e => e.Description)));
            if (role is not null) await users.AddToRoleAsync(user, role);
            return user;
        });

    public static Task<Organization> CreateOrganizationAsync(this GuichetApp app, string name, params string[] domains) =>
        app.WithDbAsync(async db =>
        {
            var organization = new Organization(Guid.NewGuid(), name, app.Time.GetUtcNow());
            Assert.True(organization.SetDomains(domains));
            db.Organizations.Add(organization);
            await db.SaveChangesAsync();
            return organization;
        });

    /// <summary>Saved, not updated in place: a save is what tells the node's cache (NodeCache).</summary>
    public static Task SetSignUpPolicyAsync(this GuichetApp app, SignUpPolicy policy) =>
        app.WithDbAsync(async db =>
        {
            (await db.PortalSettings.SingleAsync()).SignUpPolicy = policy;
            return await db.SaveChangesAsync();
        });

    /// <summary>Signs in through the sign-in page; returns the client, whose cookies now carry the session.</summary>
    public static async Task<PageClient> SignInAsync(this GuichetApp app, string email, string password = Password)
    {
        var client = new PageClient(app.NewClient());
        var page = await client.GetAsync("/account/signin");
        var response = await client.SubmitAsync(page, "main form", new Dictionary<string, string>
        {
            ["Input.Email"] = email,
            ["Input.Password"] = password,
        });
        Assert.Equal(System.Net.HttpStatusCode.Redirect, response.StatusCode);
        return client;
    }
}
