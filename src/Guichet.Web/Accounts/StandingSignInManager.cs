using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Options;

namespace Guichet.Web.Accounts;

/// <summary>
/// Identity's sign-in manager, except that refreshing a session (after a change of language, name or password) asks
/// <see cref="AccountStanding"/> first: Identity's refresh checks nothing, and would hand a deactivated account a fresh
/// cookie with the current security stamp, so that its session never reached the check that ends it.
/// </summary>
internal sealed class StandingSignInManager(UserManager<User> users, IHttpContextAccessor http, IUserClaimsPrincipalFactory<User> claims,
    IOptions<IdentityOptions> options, ILogger<SignInManager<User>> log, IAuthenticationSchemeProvider schemes, IUserConfirmation<User> confirmation)
    : SignInManager<User>(users, http, claims, options, log, schemes, confirmation)
{
    public override async Task RefreshSignInAsync(User user)
    {
        if (await CanSignInAsync(user)) await base.RefreshSignInAsync(user);
        else await SignOutAsync();
    }
}
