using Microsoft.AspNetCore.Identity;

namespace Guichet.Web.Accounts;

/// <summary>
/// Signing in with an email and a password. Unknown address, wrong password, locked account:
/// the caller gets the same "no", after the same work (a password hash is checked every time),
/// so neither the answer nor its timing tells whether an address has an account.
/// </summary>
public sealed class SignInAttempt(UserManager<User> users, SignInManager<User> signIn, IPasswordHasher<User> hasher,
    SignInAttempt.Decoy decoy, ILogger<SignInAttempt> log)
{
    /// <summary>A real hash of a random password (one per process), so that checking it costs what a real check costs.</summary>
    public sealed class Decoy(IPasswordHasher<User> hasher)
    {
        private readonly Lazy<string> hash = new(() => hasher.HashPassword(new User(), Guid.NewGuid().ToString()));
        public string Hash => hash.Value;
    }

    public async Task<bool> TryAsync(string email, string password, bool remember)
    {
        var user = await users.FindByEmailAsync(email);
        if (user is null)
        {
            hasher.VerifyHashedPassword(new User(), decoy.Hash, password);
            log.LogInformation("Sign-in failed: unknown address");
            return false;
        }
        var result = await signIn.PasswordSignInAsync(user, password, remember, lockoutOnFailure: true);
        // Identity refuses a locked, unconfirmed or deactivated account before it checks the password: the same work here.
        if (result.IsLockedOut || result.IsNotAllowed) hasher.VerifyHashedPassword(new User(), decoy.Hash, password);
        if (!result.Succeeded)
            log.LogInformation("Sign-in failed for {UserId}: {Reason}", user.Id,
                result.IsLockedOut ? "locked out" : result.IsNotAllowed ? "not allowed" : "wrong password");
        return result.Succeeded;
    }
}
