namespace Guichet.Web.Api;

/// <summary>
/// A POST made with an Idempotency-Key: what was asked (a hash of the body) and what was
/// answered, so that a client retrying after a lost response gets the same answer, not a second ticket.
/// </summary>
public sealed class IdempotentRequest
{
    /// <summary>Status of a request still being processed: nothing to replay yet.</summary>
    public const int InProgress = 0;

    public const int KeyMaxLength = 255;

    public long Id { get; private init; }
    public Guid UserId { get; private init; }
    public string Key { get; private init; } = "";
    public string RequestHash { get; private init; } = "";
    public int StatusCode { get; private init; }
    public string? ResponseBody { get; private init; }
    public long? TicketNumber { get; private init; }
    public DateTimeOffset CreatedAt { get; private init; }

    private IdempotentRequest() { }

    public static IdempotentRequest Start(Guid userId, string key, string requestHash, DateTimeOffset now) => new()
    {
        UserId = userId, Key = key, RequestHash = requestHash, StatusCode = InProgress, CreatedAt = now,
    };
}
