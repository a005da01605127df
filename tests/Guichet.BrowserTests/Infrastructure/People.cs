using Guichet.Web.Accounts;
using Guichet.Web.Data;
using Guichet.Web.Portal;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Guichet.BrowserTests.Infrastructure;

/// <summary>Arranges people and settings straight in the app's database, for the steps a test is not about.</summary>
public static class People
{
    public const string Password = "correct horse battery";

    /// <summary>An address no other test of the run uses, so tests may share one app.</summary>
    public static string UniqueEmail(string name) => $"{name}.{Guid.NewGuid().ToString("N")[..8]}@example.test";

    /// <summary>A person with a confirmed address and a password, as if they had signed up long ago.</summary>
    public static async Task<User> CreateUserAsync(this BrowserApp app, string email, string first = "Test", string last = "Person", string password = Password)
    {
        using var scope = app.Services.CreateScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<User>>();
        var time = scope.ServiceProvider.GetRequiredService<TimeProvider>();
        var user = User.NewContact(email, first, last, time.GetUtcNow());
        user.EmailConfirmed = true;
        var created = await users.CreateAsync(user, password);
        Assert.True(created.Succeeded, string.Join(" ", created.Errors.Select(e => e.Description)));
        return user;
    }

    public static async Task SetSignUpPolicyAsync(this BrowserApp app, SignUpPolicy policy)
    {
        using var scope = app.Services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<GuichetDbContext>();
        // Saved, not updated in place: a save is what tells the node's cache (NodeCache).
        (await db.PortalSettings.SingleAsync()).SignUpPolicy = policy;
        await db.SaveChangesAsync();
    }
}
