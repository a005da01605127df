using System.Security.Claims;

namespace Guichet.Web.Accounts;

/// <summary>The signed-in person of this request, read from the session cookie.</summary>
public sealed class CurrentUser(IHttpContextAccessor http)
{
    private ClaimsPrincipal Principal => http.HttpContext?.User ?? new ClaimsPrincipal();

    public bool IsSignedIn => Principal.Identity?.IsAuthenticated == true;
    public Guid? Id => Guid.TryParse(Principal.FindFirstValue(ClaimTypes.NameIdentifier), out var id) ? id : null;
    public string Name => Principal.FindFirstValue(UserClaims.FullName) is { Length: > 0 } name ? name : Email;
    public string Email => Principal.FindFirstValue(ClaimTypes.Email) ?? "";
    public bool IsAdmin => Principal.IsInRole(Roles.Admin);
    public bool IsStaff => IsAdmin || Principal.IsInRole(Roles.Agent);

    /// <summary>The user's time zone, UTC when unknown or no longer known to this machine.</summary>
    public TimeZoneInfo TimeZone =>
        Principal.FindFirstValue(UserClaims.TimeZone) is { } tz && TimeZoneInfo.TryFindSystemTimeZoneById(tz, out var zone) ? zone : TimeZoneInfo.Utc;

    public DateTimeOffset ToLocal(DateTimeOffset utc) => TimeZoneInfo.ConvertTime(utc, TimeZone);

    public Guid RequireId() => Id ?? throw new InvalidOperationException("This page needs a signed-in user.");

}
