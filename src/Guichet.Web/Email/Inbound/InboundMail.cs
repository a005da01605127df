using Guichet.Web.Attachments;
using Guichet.Web.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using MimeKit;

namespace Guichet.Web.Email.Inbound;

/// <summary>
/// The one way in for a raw message, whatever the door (IMAP, the HTTP endpoint, the import command): stored first,
/// then processed (<see cref="InboundProcessor"/>). When <see cref="ReceiveAsync"/> returns, the message is safely
/// kept and what it became is recorded: the door may then mark it done (flag it in its IMAP folder, answer 2xx).
/// </summary>
public sealed class InboundMail(
    GuichetDbContext db, IBlobStore blobs, InboundProcessor processor, IOptions<InboundMailOptions> options, TimeProvider time, ILogger<InboundMail> log)
{
    /// <param name="Duplicate">The same message (same Message-ID, same bytes) came from the same source before: not processed again.</param>
    public sealed record Received(InboundMessage Message, bool Duplicate);

    public async Task<Received> ReceiveAsync(Stream raw, InboundChannel channel, string source, int? mailboxId, CancellationToken ct)
    {
        var key = await blobs.PutAsync(raw, ct);
        var (length, messageId) = await ReadHeadAsync(key, ct);
        if (await FindAsync(source, messageId, key, ct) is { } existing)
            return await AgainAsync(existing, ct);

        var now = time.GetUtcNow();
        var row = new InboundMessage
        {
            Id = Guid.CreateVersion7(now), Channel = channel, Source = source, MailboxId = mailboxId, ReceivedAt = now,
            RawBlobKey = key, Length = length, MessageIdHeader = messageId, State = InboundState.Received,
            Trace = InboundMessage.TraceLine(now, $"received through {channel} ({source}), {length} bytes"),
        };
        db.InboundMessages.Add(row);
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateException)
        {
            // Another node stored the same message a moment ago: it is theirs to process.
            if (await ExistsElsewhereAsync(row, ct) is { } other) return new Received(other, Duplicate: true);
            throw;
        }
        await processor.ProcessAsync(row, ct);
        return new Received(row, Duplicate: false);
    }

    /// <summary>Processes again a quarantined message (an admin's retry) or one left "received" by a crash.</summary>
    public async Task<InboundMessage?> RetryAsync(Guid id, CancellationToken ct)
    {
        var row = await db.InboundMessages.SingleOrDefaultAsync(m => m.Id == id && (m.State == InboundState.Quarantined || m.State == InboundState.Received), ct);
        if (row is null) return null;
        row.Trace += InboundMessage.TraceLine(time.GetUtcNow(), "processed again");
        await processor.ProcessAsync(row, ct);
        return row;
    }

    /// <summary>
    /// An admin gives up on a quarantined message: it leaves the quarantine, and its source and trace stay readable.
    /// Null when it is not (or no longer) in the quarantine.
    /// </summary>
    public async Task<InboundMessage?> DiscardAsync(Guid id, string by, CancellationToken ct)
    {
        var row = await db.InboundMessages.SingleOrDefaultAsync(m => m.Id == id && m.State == InboundState.Quarantined, ct);
        if (row is null) return null;
        row.State = InboundState.Discarded;
        row.Trace += InboundMessage.TraceLine(time.GetUtcNow(), $"discarded by {by}");
        await db.SaveChangesAsync(ct);
        log.LogInformation("Inbound message {Id} discarded from the quarantine by {By}", row.Id, by);
        return row;
    }

    private async Task<Received> AgainAsync(InboundMessage existing, CancellationToken ct)
    {
        log.LogInformation("Inbound message {Id} ({MessageId}) received again from {Source}: not processed twice", existing.Id, existing.MessageIdHeader, existing.Source);
        // Left unprocessed by a crash: this is the moment.
        if (existing.State == InboundState.Received) await processor.ProcessAsync(existing, ct);
        return new Received(existing, Duplicate: true);
    }

    private Task<InboundMessage?> FindAsync(string source, string messageId, string key, CancellationToken ct) =>
        db.InboundMessages.SingleOrDefaultAsync(m => m.Source == source && m.MessageIdHeader == messageId && m.RawBlobKey == key, ct);

    private async Task<InboundMessage?> ExistsElsewhereAsync(InboundMessage row, CancellationToken ct)
    {
        db.Entry(row).State = EntityState.Detached;
        return await db.InboundMessages.AsNoTracking().SingleOrDefaultAsync(m => m.Source == row.Source && m.MessageIdHeader == row.MessageIdHeader && m.RawBlobKey == row.RawBlobKey, ct);
    }

    /// <summary>The stored message's length and Message-ID, read from its headers only (a broken message still gets stored).</summary>
    private async Task<(long Length, string MessageId)> ReadHeadAsync(string key, CancellationToken ct)
    {
        await using var stored = await blobs.OpenReadAsync(key, ct) ?? throw new InvalidOperationException($"Blob {key} vanished after it was stored.");
        var length = stored.CanSeek ? stored.Length : 0;
        var messageId = "";
        // A head too long to read is left unread (no Message-ID): the processor quarantines the message.
        if (await MailHead.ReadAsync(stored, options.Value.MaxHeaderBytes, ct) is { } head)
        {
            try
            {
                var headers = HeaderList.Load(new MemoryStream(head), ct);
                messageId = (headers[HeaderId.MessageId] ?? "").Trim().Trim('<', '>');
            }
            catch (FormatException)
            {
                // Not a mail's head: stored all the same, the processor says what is wrong with it.
            }
        }
        if (messageId.Length > InboundMessage.MessageIdMaxLength) messageId = messageId[..InboundMessage.MessageIdMaxLength];
        if (!stored.CanSeek)
        {
            await using var again = await blobs.OpenReadAsync(key, ct);
            length = await CountAsync(again!, ct);
        }
        return (length, messageId);
    }

    private static async Task<long> CountAsync(Stream stream, CancellationToken ct)
    {
        var buffer = new byte[81920];
        long total = 0;
        int read;
        while ((read = await stream.ReadAsync(buffer, ct)) > 0) total += read;
        return total;
    }
}
