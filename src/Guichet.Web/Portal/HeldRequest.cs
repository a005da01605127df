using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization;
using Guichet.Web.Attachments;
using Guichet.Web.Tickets;

namespace Guichet.Web.Portal;

/// <summary>
/// A request sent from the portal by someone who was not signed in, held until they follow the
/// link mailed to the address they typed. Until then it is no ticket: no number, no agent sees it,
/// no notification. What they sent is kept as the <see cref="TicketIntake.Request"/> it will become,
/// serialized, so that a member added to that record one day is kept too; their files are
/// <see cref="PendingUpload"/>s held for it, deleted with it. The link carries a random token, stored
/// only as its hash; it proves that whoever follows it reads the mail of that address.
/// </summary>
public sealed class HeldRequest
{
    // Enums by name: a member added in the middle of an enum must not change what a held request says.
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web) { Converters = { new JsonStringEnumConverter() } };

    public Guid Id { get; private init; }

    /// <summary>The person behind the address typed: the requester once the request is confirmed.</summary>
    public Guid UserId { get; private init; }

    /// <summary>The <see cref="TicketIntake.Request"/> as JSON, without its files (they are the held uploads).</summary>
    public string Payload { get; private init; } = "";

    /// <summary>SHA-256 of the link's token, in hex.</summary>
    public string TokenHash { get; private init; } = "";

    public DateTimeOffset CreatedAt { get; private init; }
    public DateTimeOffset ExpiresAt { get; private init; }

    private HeldRequest() { }

    /// <returns>The row, and the token for the link (which only the mail carries).</returns>
    public static (HeldRequest Held, string Token) Hold(Guid userId, TicketIntake.Request request, DateTimeOffset now, TimeSpan lifetime)
    {
        var token = Convert.ToHexString(RandomNumberGenerator.GetBytes(32)).ToLowerInvariant();
        var held = new HeldRequest
        {
            Id = Guid.CreateVersion7(now),
            UserId = userId,
            Payload = JsonSerializer.Serialize(request with { RequesterId = userId, Attachments = null }, Json),
            TokenHash = Hash(token),
            CreatedAt = now,
            ExpiresAt = now + lifetime,
        };
        return (held, token);
    }

    /// <summary>Whether a link opens this request: its token, before the request expired.</summary>
    public bool Opens(string? token, DateTimeOffset now) =>
        now < ExpiresAt && !string.IsNullOrEmpty(token)
        && CryptographicOperations.FixedTimeEquals(Encoding.ASCII.GetBytes(Hash(token)), Encoding.ASCII.GetBytes(TokenHash));

    /// <summary>The request as it was sent, with its files, from its requester.</summary>
    public TicketIntake.Request Request(IReadOnlyList<PendingUpload> files) =>
        JsonSerializer.Deserialize<TicketIntake.Request>(Payload, Json)! with { RequesterId = UserId, Attachments = files };

    private static string Hash(string value) => Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(value)));
}
