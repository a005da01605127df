using Guichet.Web.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using Microsoft.Extensions.Options;

namespace Guichet.Web.Attachments;

/// <summary>
/// Files received with a message, from any door (portal, agent, API): each checked against the
/// limits, stored, and kept as a <see cref="PendingUpload"/> of its sender until the message is sent.
/// </summary>
public sealed class AttachmentUploads(GuichetDbContext db, IBlobStore blobs, FileTypes types, IOptions<AttachmentOptions> options,
    TimeProvider time, IStringLocalizer<SharedResource> L, ILogger<AttachmentUploads> log)
{
    /// <summary>The files that will go with the message (kept ones first), and one sentence per file that will not.</summary>
    public sealed record Outcome(IReadOnlyList<PendingUpload> Files, IReadOnlyList<string> Errors);

    /// <summary>A file as a form shows it again: "already attached".</summary>
    public sealed record Kept(Guid Id, string FileName, long Length);

    /// <param name="keep">Pending uploads the form carried back; only the sender's own, still fresh, are taken.</param>
    public async Task<Outcome> ReceiveAsync(Guid ownerId, IReadOnlyCollection<Guid> keep, IEnumerable<IFormFile> files, CancellationToken ct)
    {
        var limits = options.Value;
        var now = time.GetUtcNow();
        // Forgotten forms leave pending uploads behind; whoever uploads next sweeps them (the blobs stay, see docs/attachments.md).
        // Only then: a form sent without a file writes nothing (on SQLite every write waits for the one writer).
        var expired = now - limits.PendingLifetime;
        // Files held with a guest's request go with it (Portal/HeldRequestSweep); a form without files sweeps nothing.
        if (files.Any(f => f.FileName.Length > 0))
            await db.Set<PendingUpload>().Where(p => p.CreatedAt < expired && p.HeldRequestId == null).ExecuteDeleteAsync(ct);

        var accepted = keep.Count == 0
            ? []
            : await db.Set<PendingUpload>().Where(p => p.OwnerId == ownerId && keep.Contains(p.Id) && p.HeldRequestId == null).OrderBy(p => p.CreatedAt).ThenBy(p => p.Id).ToListAsync(ct);
        var errors = new List<string>();
        var total = accepted.Sum(p => p.Length);
        // A file input left empty still sends a part, without a name.
        foreach (var file in files.Where(f => f.FileName.Length > 0))
        {
            var name = FileTypes.SafeName(file.FileName);
            if (limits.Refusal(name, file.Length, accepted.Count, total) is { } refused)
            {
                errors.Add(Explain(refused, name));
                log.LogInformation("Upload {FileName} ({Length} bytes) from {UserId} refused", name, file.Length, ownerId);
                continue;
            }

            var head = new byte[16];
            await using (var start = file.OpenReadStream())
                head = head[..await start.ReadAtLeastAsync(head, head.Length, throwOnEndOfStream: false, ct)];
            string key;
            await using (var content = file.OpenReadStream())
                key = await blobs.PutAsync(content, ct);
            var upload = PendingUpload.Create(ownerId, name, types.TypeOf(name, head), file.Length, key, now);
            db.Set<PendingUpload>().Add(upload);
            accepted.Add(upload);
            total += file.Length;
        }
        if (db.ChangeTracker.HasChanges()) await db.SaveChangesAsync(ct);
        return new Outcome(accepted, errors);
    }

    /// <summary>
    /// The files of a form that was over the request limit, which <see cref="OversizeForms"/> read through
    /// without storing ("length:name" each): why each one was not attached, in the same words as above.
    /// </summary>
    public IReadOnlyList<string> Refuse(IEnumerable<string> dropped)
    {
        var limits = options.Value;
        var errors = new List<string>();
        foreach (var entry in dropped)
        {
            var colon = entry.IndexOf(':');
            if (colon <= 0 || !long.TryParse(entry.AsSpan(0, colon), out var length)) continue;
            var name = FileTypes.SafeName(entry[(colon + 1)..]);
            errors.Add(Explain(length > limits.MaxFileBytes ? FileRefusal.FileSize : FileRefusal.TotalSize, name));
        }
        return errors;
    }

    private string Explain(FileRefusal refusal, string name)
    {
        var limits = options.Value;
        return refusal switch
        {
            FileRefusal.Type => L["{0}: this type of file is not accepted.", name],
            FileRefusal.FileSize => L["{0} is too big: at most {1} per file.", name, FileSizes.Format(limits.MaxFileBytes)],
            FileRefusal.Count => L["{0} was not attached: at most {1} files per message.", name, limits.MaxFilesPerMessage],
            _ => L["{0} was not attached: at most {1} in all per message.", name, FileSizes.Format(limits.MaxTotalBytesPerMessage)],
        };
    }

    public static IReadOnlyList<Kept> Show(IEnumerable<PendingUpload> files) => files.Select(f => new Kept(f.Id, f.FileName, f.Length)).ToList();
}
