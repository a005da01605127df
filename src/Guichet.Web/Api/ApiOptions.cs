namespace Guichet.Web.Api;

public sealed class ApiOptions
{
    public const string Section = "Guichet:Api";

    /// <summary>How long a token made by POST /api/v1/auth/token lives. Tokens made in the profile choose their own.</summary>
    public int TokenLifetimeDays { get; set; } = 90;

    /// <summary>How long an Idempotency-Key is remembered.</summary>
    public TimeSpan IdempotencyWindow { get; set; } = TimeSpan.FromHours(24);
}
