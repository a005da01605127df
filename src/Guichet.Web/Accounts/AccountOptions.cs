namespace Guichet.Web.Accounts;

/// <summary>Configuration section Guichet:Accounts.</summary>
public sealed class AccountOptions
{
    public const string Section = "Guichet:Accounts";

    /// <summary>Requests per minute and client address to the sign-in, sign-up, reset and verification pages.</summary>
    public int AccountPermitsPerMinute { get; set; } = 20;

    /// <summary>Failed sign-ins before the account is locked for <see cref="LockoutMinutes"/>.</summary>
    public int MaxFailedSignIns { get; set; } = 5;
    public int LockoutMinutes { get; set; } = 15;

    /// <summary>How often a signed-in session is checked against the account (sign out everywhere, password change).</summary>
    public TimeSpan SessionCheckInterval { get; set; } = TimeSpan.FromMinutes(1);

    public int RememberMeDays { get; set; } = 30;
}
