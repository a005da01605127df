using Guichet.Web.Data;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;

namespace Guichet.Web.Accounts;

/// <summary>The first admin of an installation, made from the command line (<c>admin create</c>).</summary>
public sealed class AdminAccounts(GuichetDbContext db, UserManager<User> users, RoleManager<IdentityRole<Guid>> roles,
    PasswordReset reset, TimeProvider time)
{
    public sealed record Result(bool Succeeded, string Message);

    public Task<bool> AnyAsync(CancellationToken ct) =>
        db.UserRoles.AnyAsync(ur => db.Roles.Any(r => r.Id == ur.RoleId && r.Name == Roles.Admin), ct);

    public async Task<Result> CreateAsync(string email, string fullName, string? password, CancellationToken ct)
    {
        await EnsureRolesAsync();
        var names = fullName.Trim().Split(' ', 2, StringSplitOptions.RemoveEmptyEntries);
        var user = await users.FindByEmailAsync(email);
        if (user is null)
        {
            user = User.NewContact(email, names.ElementAtOrDefault(0) ?? "", names.ElementAtOrDefault(1) ?? "", time.GetUtcNow());
            user.EmailConfirmed = true;
            var created = password is null ? await users.CreateAsync(user) : await users.CreateAsync(user, password);
            if (!created.Succeeded) return new Result(false, string.Join(" ", created.Errors.Select(e => e.Description)));
        }
        if (!await users.IsInRoleAsync(user, Roles.Admin))
            await users.AddToRoleAsync(user, Roles.Admin);

        if (user.PasswordHash is not null)
            return new Result(true, $"{email} is an admin. Sign in at /account/signin.");

        // No password on the command line (it would stay in the shell history): mail a reset code instead.
        await reset.RequestAsync(email, ct);
        return new Result(true, $"{email} is an admin. A mail with a code to choose the password is queued; it is sent (or written to ./data/mail-out) when Guichet runs.");
    }

    public async Task EnsureRolesAsync()
    {
        foreach (var role in new[] { Roles.Admin, Roles.Agent, Roles.Editor })
            if (!await roles.RoleExistsAsync(role))
                await roles.CreateAsync(new IdentityRole<Guid>(role) { Id = Guid.CreateVersion7(time.GetUtcNow()) });
    }
}
