using Microsoft.AspNetCore.Identity;

namespace Guichet.Web.Accounts;

/// <summary>
/// Whether an account may sign in, asked by Identity before every password sign-in, on the pages and through the API:
/// its address is confirmed and no admin has deactivated it. A refusal reads as any other failed sign-in.
/// </summary>
internal sealed class AccountStanding : IUserConfirmation<User>
{
    public async Task<bool> IsConfirmedAsync(UserManager<User> manager, User user) =>
        !user.IsDeactivated && await manager.IsEmailConfirmedAsync(user);
}
