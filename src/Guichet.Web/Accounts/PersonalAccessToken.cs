namespace Guichet.Web.Accounts;

/// <summary>
/// A secret a person gives a script instead of their password, for the REST API. Only a SHA-256
/// hash of the secret is kept: the secret is shown once, when the token is made.
/// </summary>
public sealed class PersonalAccessToken
{
    public Guid Id { get; private init; }
    public Guid UserId { get; private init; }
    public string Name { get; private init; } = "";

    /// <summary>Lowercase hex SHA-256 of the whole secret, "gch_" included.</summary>
    public string TokenHash { get; private init; } = "";

    public DateTimeOffset CreatedAt { get; private init; }
    public DateTimeOffset? LastUsedAt { get; private set; }
    public DateTimeOffset? ExpiresAt { get; private init; }
    public DateTimeOffset? RevokedAt { get; private set; }

    private PersonalAccessToken() { }

    public static PersonalAccessToken Issue(Guid userId, string name, string tokenHash, DateTimeOffset now, DateTimeOffset? expiresAt) => new()
    {
        Id = Guid.CreateVersion7(now),
        UserId = userId,
        Name = name.Trim(),
        TokenHash = tokenHash,
        CreatedAt = now,
        ExpiresAt = expiresAt,
    };

    public bool IsActive(DateTimeOffset now) => RevokedAt is null && (ExpiresAt is null || now < ExpiresAt);

    public void Revoke(DateTimeOffset now) => RevokedAt ??= now;
}
