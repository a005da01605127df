using System.Security.Claims;
using Guichet.Web.Accounts;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Localization;
using Microsoft.Extensions.Options;

namespace Guichet.Web.Api;

public sealed record TokenRequest([property: NonNull] string? Email, [property: NonNull] string? Password, string? Name = null);
public sealed record IssuedToken(string Token, DateTimeOffset? ExpiresAt);

/// <summary>POST /api/v1/auth/token trades an email and a password for a token; DELETE revokes the token it is called with.</summary>
public static class AuthEndpoints
{
    public static void Map(RouteGroupBuilder open, RouteGroupBuilder withToken)
    {
        open.MapPost("/auth/token", IssueAsync).WithName("IssueToken").RequireRateLimiting(AccountsSetup.RateLimitPolicy)
            .WithSummary("Get a personal access token with an email and a password")
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status401Unauthorized).ProducesProblem(StatusCodes.Status415UnsupportedMediaType)
            .ProducesProblem(StatusCodes.Status429TooManyRequests);
        withToken.MapDelete("/auth/token", RevokeAsync).WithName("RevokeToken").WithSummary("Revoke the token this request is made with");
    }

    /// <summary>
    /// Unknown address, wrong password, unconfirmed or locked account: the same 401 after the same
    /// work, as on the sign-in page; failures count towards the account's lockout.
    /// </summary>
    private static async Task<Results<Ok<IssuedToken>, ValidationProblem, ProblemHttpResult>> IssueAsync(TokenRequest input,
        UserManager<User> users, SignInManager<User> signIn, IPasswordHasher<User> hasher, SignInAttempt.Decoy decoy,
        PersonalAccessTokens tokens, IOptions<ApiOptions> options, TimeProvider time, ApiProblems problems,
        IStringLocalizer<SharedResource> L, ILoggerFactory logs, CancellationToken ct)
    {
        var errors = new Dictionary<string, string[]>();
        if (string.IsNullOrWhiteSpace(input.Email)) errors["email"] = [L["Enter your email address."]];
        if (string.IsNullOrEmpty(input.Password)) errors["password"] = [L["Enter your password."]];
        if (input.Name?.Trim().Length > PersonalAccessTokens.NameMaxLength) errors["name"] = [L["Use at most {0} characters.", PersonalAccessTokens.NameMaxLength]];
        if (errors.Count > 0) return problems.Invalid(errors);

        var log = logs.CreateLogger(typeof(AuthEndpoints));
        var user = await users.FindByEmailAsync(input.Email!);
        if (user is null)
        {
            hasher.VerifyHashedPassword(new User(), decoy.Hash, input.Password!);
            log.LogInformation("API token refused: unknown address");
            return problems.SignInFailed();
        }
        var result = await signIn.CheckPasswordSignInAsync(user, input.Password!, lockoutOnFailure: true);
        if (!result.Succeeded)
        {
            // Identity refuses a locked, unconfirmed or deactivated account before it checks the password: the same work here.
            if (result.IsLockedOut || result.IsNotAllowed) hasher.VerifyHashedPassword(new User(), decoy.Hash, input.Password!);
            log.LogInformation("API token refused for {UserId}: {Reason}", user.Id,
                result.IsLockedOut ? "locked out" : result.IsNotAllowed ? "not allowed" : "wrong password");
            return problems.SignInFailed();
        }

        var expiresAt = time.GetUtcNow().AddDays(options.Value.TokenLifetimeDays);
        var name = string.IsNullOrWhiteSpace(input.Name) ? "API" : input.Name.Trim();
        var issued = await tokens.IssueAsync(user.Id, name, expiresAt, ct);
        return TypedResults.Ok(new IssuedToken(issued.Secret, expiresAt));
    }

    private static async Task<NoContent> RevokeAsync(ClaimsPrincipal principal, ApiCaller caller, PersonalAccessTokens tokens, CancellationToken ct)
    {
        await tokens.RevokeAsync(caller.Id, Guid.Parse(principal.FindFirstValue(TokenAuthentication.TokenIdClaim)!), ct);
        return TypedResults.NoContent();
    }
}
