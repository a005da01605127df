using System.Security.Claims;
using Guichet.Web.Localization;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Options;

namespace Guichet.Web.Accounts;

/// <summary>Puts the user's language and name in the session cookie, so no request needs a query for them.</summary>
internal sealed class UserClaims(UserManager<User> users, Microsoft.AspNetCore.Identity.RoleManager<IdentityRole<Guid>> roles, IOptions<IdentityOptions> options)
    : UserClaimsPrincipalFactory<User, IdentityRole<Guid>>(users, roles, options)
{
    public const string FullName = "guichet:name";
    public const string TimeZone = "guichet:tz";

    protected override async Task<ClaimsIdentity> GenerateClaimsAsync(User user)
    {
        var identity = await base.GenerateClaimsAsync(user);
        identity.AddClaim(new Claim(FullName, user.FullName));
        if (user.Culture is not null) identity.AddClaim(new Claim(LocalizationSetup.CultureClaim, user.Culture));
        if (user.TimeZone is not null) identity.AddClaim(new Claim(TimeZone, user.TimeZone));
        return identity;
    }
}
