using System.Security.Cryptography;
using Guichet.Web.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Guichet.Web.Api;

/// <summary>
/// The Idempotency-Key header (draft-ietf-httpapi-idempotency-key-header): the first request
/// with a key is processed and its answer kept for a day; the same key with the same body gets
/// that answer again, with another body a 422, and while the first is still running a 409.
/// </summary>
public sealed class IdempotencyKeys(GuichetDbContext db, IOptions<ApiOptions> options, TimeProvider time)
{
    public abstract record Outcome;
    public sealed record Started(string Key) : Outcome;
    public sealed record Replay(int StatusCode, string ResponseBody, long? TicketNumber) : Outcome;
    public sealed record Reused : Outcome;
    public sealed record InProgress : Outcome;

    public static string Hash(byte[] body) => Convert.ToHexStringLower(SHA256.HashData(body));

    /// <summary>Claims the key for this request, or says why it cannot be processed again.</summary>
    public async Task<Outcome> BeginAsync(Guid userId, string key, string requestHash, CancellationToken ct)
    {
        var now = time.GetUtcNow();
        var expired = now - options.Value.IdempotencyWindow;
        await db.IdempotentRequests.Where(r => r.UserId == userId && r.CreatedAt < expired).ExecuteDeleteAsync(ct);

        if (await FindAsync(userId, key, ct) is { } earlier) return Compare(earlier, requestHash);

        var claim = IdempotentRequest.Start(userId, key, requestHash, now);
        db.IdempotentRequests.Add(claim);
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateException)
        {
            // Another request with the same key claimed it between our read and our insert.
            db.Entry(claim).State = EntityState.Detached;
            if (await FindAsync(userId, key, ct) is { } winner) return Compare(winner, requestHash);
            throw;
        }
        db.Entry(claim).State = EntityState.Detached;
        return new Started(key);
    }

    public Task CompleteAsync(Guid userId, string key, int statusCode, string responseBody, long? ticketNumber, CancellationToken ct) =>
        db.IdempotentRequests.Where(r => r.UserId == userId && r.Key == key).ExecuteUpdateAsync(s => s
            .SetProperty(r => r.StatusCode, statusCode)
            .SetProperty(r => r.ResponseBody, responseBody)
            .SetProperty(r => r.TicketNumber, ticketNumber), ct);

    /// <summary>
    /// Frees the key of a request that created nothing (it was refused or failed), so that a corrected
    /// retry may use it. Not cancellable: a client that hung up must not leave its key stuck "in progress".
    /// </summary>
    public Task ReleaseAsync(Guid userId, string key) =>
        db.IdempotentRequests.Where(r => r.UserId == userId && r.Key == key && r.StatusCode == IdempotentRequest.InProgress)
            .ExecuteDeleteAsync(CancellationToken.None);

    private Task<IdempotentRequest?> FindAsync(Guid userId, string key, CancellationToken ct) =>
        db.IdempotentRequests.AsNoTracking().SingleOrDefaultAsync(r => r.UserId == userId && r.Key == key, ct);

    private static Outcome Compare(IdempotentRequest earlier, string requestHash) =>
        earlier.RequestHash != requestHash ? new Reused()
        : earlier.StatusCode == IdempotentRequest.InProgress ? new InProgress()
        : new Replay(earlier.StatusCode, earlier.ResponseBody ?? "", earlier.TicketNumber);
}
