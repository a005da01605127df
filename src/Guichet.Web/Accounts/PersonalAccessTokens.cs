using System.Security.Cryptography;
using System.Text;
using Guichet.Web.Data;
using Microsoft.EntityFrameworkCore;

namespace Guichet.Web.Accounts;

/// <summary>Making, listing, revoking and checking personal access tokens, from the profile page or the API.</summary>
public sealed class PersonalAccessTokens(GuichetDbContext db, TimeProvider time, ILogger<PersonalAccessTokens> log)
{
    /// <summary>Makes the secret recognizable in logs, configuration files and secret scanners.</summary>
    public const string Prefix = "gch_";

    public const int NameMaxLength = 100;

    // Writing on every request would turn each read into a write; a few minutes is precise enough.
    private static readonly TimeSpan LastUsedPrecision = TimeSpan.FromMinutes(5);

    public sealed record Issued(PersonalAccessToken Token, string Secret);

    public async Task<Issued> IssueAsync(Guid userId, string name, DateTimeOffset? expiresAt, CancellationToken ct)
    {
        var secret = Prefix + Base64Url(RandomNumberGenerator.GetBytes(32));
        var token = PersonalAccessToken.Issue(userId, name, Hash(secret), time.GetUtcNow(), expiresAt);
        db.PersonalAccessTokens.Add(token);
        await db.SaveChangesAsync(ct);
        log.LogInformation("Access token {TokenId} issued to {UserId}", token.Id, userId);
        return new Issued(token, secret);
    }

    public Task<List<PersonalAccessToken>> ListAsync(Guid userId, CancellationToken ct) =>
        db.PersonalAccessTokens.AsNoTracking().Where(t => t.UserId == userId)
            .OrderByDescending(t => t.CreatedAt).ToListAsync(ct);

    /// <summary>False when the token does not exist or is someone else's.</summary>
    public async Task<bool> RevokeAsync(Guid userId, Guid tokenId, CancellationToken ct)
    {
        var token = await db.PersonalAccessTokens.SingleOrDefaultAsync(t => t.Id == tokenId && t.UserId == userId, ct);
        if (token is null) return false;
        token.Revoke(time.GetUtcNow());
        await db.SaveChangesAsync(ct);
        log.LogInformation("Access token {TokenId} of {UserId} revoked", token.Id, userId);
        return true;
    }

    /// <summary>The token a secret stands for, if it is still active; notes when it was used.</summary>
    public async Task<PersonalAccessToken?> FindActiveAsync(string secret, CancellationToken ct)
    {
        if (!secret.StartsWith(Prefix, StringComparison.Ordinal)) return null;
        var hash = Hash(secret);
        var token = await db.PersonalAccessTokens.AsNoTracking()
            .SingleOrDefaultAsync(t => t.TokenHash == hash && !db.Users.Any(u => u.Id == t.UserId && u.DeactivatedAt != null), ct);
        var now = time.GetUtcNow();
        if (token is null || !token.IsActive(now)) return null;
        if (token.LastUsedAt is null || token.LastUsedAt < now - LastUsedPrecision)
            await db.PersonalAccessTokens.Where(t => t.Id == token.Id).ExecuteUpdateAsync(s => s.SetProperty(t => t.LastUsedAt, now), ct);
        return token;
    }

    private static string Hash(string secret) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(secret)));

    private static string Base64Url(byte[] bytes) => Convert.ToBase64String(bytes).TrimEnd('=').Replace('+', '-').Replace('/', '_');
}
