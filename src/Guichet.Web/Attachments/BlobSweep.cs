using Guichet.Web.Data;
using Guichet.Web.Hosting;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Guichet.Web.Attachments;

/// <summary>
/// Deletes the blobs that no attachment, no pending upload and no inbound message uses any more (a forgotten form's files,
/// a deleted ticket's), once they are older than <see cref="AttachmentOptions.UnusedBlobGrace"/>: a
/// younger blob may belong to an upload whose row is not written yet. Runs on every node; two nodes
/// sweeping at once do no harm (<see cref="IBlobStore.DeleteUnusedAsync"/>).
/// </summary>
public sealed class BlobSweep(IServiceScopeFactory scopes, IBlobStore blobs, IOptions<AttachmentOptions> options, TimeProvider time,
    ILogger<BlobSweep> log) : PeriodicJob(log)
{
    private const int Batch = 500;

    protected override TimeSpan Interval => options.Value.BlobSweepInterval;

    protected override void LogDone(int count) => log.LogInformation("Blob sweep deleted {Count} unused blobs", count);

    public override async Task<int> RunOnceAsync(CancellationToken ct)
    {
        var before = time.GetUtcNow() - options.Value.UnusedBlobGrace;
        var deleted = 0;
        var old = new List<string>(Batch);
        await foreach (var (key, storedAt) in blobs.ListAsync(ct))
        {
            if (storedAt >= before) continue;
            old.Add(key);
            if (old.Count == Batch) { deleted += await SweepAsync(old, before, ct); old.Clear(); }
        }
        if (old.Count > 0) deleted += await SweepAsync(old, before, ct);
        return deleted;
    }

    private async Task<int> SweepAsync(List<string> keys, DateTimeOffset before, CancellationToken ct)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<GuichetDbContext>();
        var used = (await UsedAsync(db, keys, ct)).ToHashSet();
        var deleted = 0;
        foreach (var key in keys.Where(k => !used.Contains(k)))
            if (await blobs.DeleteUnusedAsync(key, before, async (k, c) => (await UsedAsync(db, [k], c)).Count > 0, ct))
                deleted++;
        return deleted;
    }

    private static async Task<List<string>> UsedAsync(GuichetDbContext db, List<string> keys, CancellationToken ct) =>
    [
        .. await db.Set<Attachment>().Where(a => keys.Contains(a.BlobKey)).Select(a => a.BlobKey).Distinct().ToListAsync(ct),
        .. await db.Set<PendingUpload>().Where(p => keys.Contains(p.BlobKey)).Select(p => p.BlobKey).Distinct().ToListAsync(ct),
        // Raw mail as it came in: its source stays readable (quarantine, trace, "view original").
        .. await db.InboundMessages.Where(m => keys.Contains(m.RawBlobKey)).Select(m => m.RawBlobKey).Distinct().ToListAsync(ct),
        .. await db.Set<KnowledgeBase.KbFile>().Where(f => keys.Contains(f.BlobKey)).Select(f => f.BlobKey).Distinct().ToListAsync(ct),
    ];
}
