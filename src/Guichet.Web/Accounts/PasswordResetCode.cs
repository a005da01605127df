using System.Security.Cryptography;
using System.Text;

namespace Guichet.Web.Accounts;

/// <summary>
/// A one-time password reset: a short code a person can type and a long token for the link,
/// both stored only as hashes. Valid 15 minutes, used once, a few wrong guesses burn it.
/// </summary>
public sealed class PasswordResetCode
{
    public static readonly TimeSpan Lifetime = TimeSpan.FromMinutes(15);
    public const int MaxAttempts = 5;

    public Guid Id { get; init; }
    public Guid UserId { get; init; }
    public string CodeHash { get; init; } = "";
    public string LinkTokenHash { get; init; } = "";
    public DateTimeOffset CreatedAt { get; init; }
    public DateTimeOffset ExpiresAt { get; init; }
    public DateTimeOffset? UsedAt { get; private set; }
    public int FailedAttempts { get; private set; }

    public static (PasswordResetCode Row, string Code, string LinkToken) Create(Guid userId, DateTimeOffset now)
    {
        var code = RandomNumberGenerator.GetInt32(0, 100_000_000).ToString("D8");
        var token = Convert.ToHexString(RandomNumberGenerator.GetBytes(32)).ToLowerInvariant();
        var row = new PasswordResetCode
        {
            Id = Guid.CreateVersion7(now),
            UserId = userId,
            CodeHash = Hash(code),
            LinkTokenHash = Hash(token),
            CreatedAt = now,
            ExpiresAt = now + Lifetime,
        };
        return (row, FormatCode(code), token);
    }

    public bool IsUsable(DateTimeOffset now) => UsedAt is null && now < ExpiresAt && FailedAttempts < MaxAttempts;

    /// <summary>Checks a typed code or a link token; a wrong one counts as a failed attempt.</summary>
    public bool Matches(string codeOrToken)
    {
        var normalized = NormalizeCode(codeOrToken);
        var hash = Hash(normalized);
        var ok = CryptographicOperations.FixedTimeEquals(Encoding.ASCII.GetBytes(hash), Encoding.ASCII.GetBytes(CodeHash))
              || CryptographicOperations.FixedTimeEquals(Encoding.ASCII.GetBytes(hash), Encoding.ASCII.GetBytes(LinkTokenHash));
        if (!ok) FailedAttempts++;
        return ok;
    }

    public void MarkUsed(DateTimeOffset now) => UsedAt = now;

    /// <summary>"1234-5678" reads and types better than eight digits in a row.</summary>
    private static string FormatCode(string code) => $"{code[..4]}-{code[4..]}";

    private static string NormalizeCode(string input)
    {
        var trimmed = input.Trim();
        var digits = new string(trimmed.Where(char.IsAsciiDigit).ToArray());
        return digits.Length == 8 && trimmed.All(c => char.IsAsciiDigit(c) || c is '-' or ' ') ? digits : trimmed.ToLowerInvariant();
    }

    private static string Hash(string value) => Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(value)));
}
