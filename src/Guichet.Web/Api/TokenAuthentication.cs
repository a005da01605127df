using System.Security.Claims;
using System.Text.Encodings.Web;
using Guichet.Web.Accounts;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Options;

namespace Guichet.Web.Api;

/// <summary>
/// <c>Authorization: Bearer gch_...</c> on /api/v1. The principal is the one the session cookie
/// would carry (roles, language, time zone), so the API answers in the user's language too.
/// </summary>
internal sealed class TokenAuthentication(IOptionsMonitor<AuthenticationSchemeOptions> options, ILoggerFactory logger, UrlEncoder encoder,
    PersonalAccessTokens tokens, UserManager<User> users, IUserClaimsPrincipalFactory<User> claims, ApiProblems problems)
    : AuthenticationHandler<AuthenticationSchemeOptions>(options, logger, encoder)
{
    public const string SchemeName = "Bearer";
    public const string TokenIdClaim = "guichet:token";

    protected override async Task<AuthenticateResult> HandleAuthenticateAsync()
    {
        var header = Request.Headers.Authorization.ToString();
        if (!header.StartsWith(SchemeName + " ", StringComparison.OrdinalIgnoreCase)) return AuthenticateResult.NoResult();

        var token = await tokens.FindActiveAsync(header[(SchemeName.Length + 1)..].Trim(), Context.RequestAborted);
        var user = token is null ? null : await users.FindByIdAsync(token.UserId.ToString());
        if (token is null || user is null) return AuthenticateResult.Fail("Unknown, expired or revoked access token.");

        var principal = await claims.CreateAsync(user);
        var cookieIdentity = (ClaimsIdentity)principal.Identity!;
        var identity = new ClaimsIdentity(cookieIdentity.Claims, SchemeName, cookieIdentity.NameClaimType, cookieIdentity.RoleClaimType);
        identity.AddClaim(new Claim(TokenIdClaim, token.Id.ToString()));
        return AuthenticateResult.Success(new AuthenticationTicket(new ClaimsPrincipal(identity), SchemeName));
    }

    protected override async Task HandleChallengeAsync(AuthenticationProperties properties)
    {
        // RFC 6750: a request that sent a token which did not work learns that it did not.
        var result = await HandleAuthenticateOnceSafeAsync();
        Response.Headers.WWWAuthenticate = result.Failure is null ? SchemeName : $"{SchemeName} error=\"invalid_token\"";
        await problems.Unauthorized().ExecuteAsync(Context);
    }
}
