using System.Diagnostics;
using Guichet.Web.Data;
using Guichet.Web.Hosting;
using Guichet.Web.Tickets;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using MimeKit;

namespace Guichet.Web.Email.Outbound;

/// <summary>
/// Works through the outbox in the background: claims due mail, sends it, records the outcome.
/// Several nodes may run one each on the same database; a conditional UPDATE decides who sends.
/// </summary>
/// <remarks>
/// No mail is lost: it stays in the table until it is recorded as sent or failed. Sending twice
/// is made unlikely but cannot be ruled out, as with any SMTP client (delivery is at least once):
/// the server may take the mail and the connection drop before its "250" reaches us, which looks
/// like a temporary failure and is retried; the process may die between the "250" and the update
/// of <see cref="OutboxMail.SentAt"/> that follows within 200 ms; a send outlasting
/// <see cref="OutboxOptions.ClaimDuration"/> lets another node claim the mail. A second copy carries
/// the same Message-ID, by which mail clients and threading can recognise it as the same mail.
/// </remarks>
public sealed class OutboxSender(
    IServiceScopeFactory scopes,
    IMailTransport transport,
    Attachments.IBlobStore blobs,
    OutboxSignal signal,
    TimeProvider time,
    IOptions<OutboxOptions> outboxOptions,
    IOptions<SmtpOptions> smtpOptions,
    ILogger<OutboxSender> logger) : BackgroundService
{
    private const int MaxErrorLength = 2000;

    // The lengths of TicketEvent.Before/After and User.MailFailure.
    private const int MaxEventValueLength = 1000;
    private const int MaxUserFailureLength = 500;

    /// <summary>How long a sent mail may wait to be recorded as sent (see <see cref="RecordSentAsync"/>).</summary>
    private static readonly TimeSpan MaxUnrecorded = TimeSpan.FromMilliseconds(200);

    // Written into LockedBy: which node holds a claim. Unique per sender, even within one process.
    private readonly string node = ClaimHolder.NewName();

    private OutboxOptions Outbox => outboxOptions.Value;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (!Outbox.Enabled)
        {
            logger.LogInformation("Outbox sender disabled on this node (Guichet:Outbox:Enabled is false)");
            return;
        }
        logger.LogInformation("Outbox sender {Node} sends via {Transport}", node, transport.Name);
        while (!stoppingToken.IsCancellationRequested)
        {
            var attempted = 0;
            try
            {
                attempted = await RunOnceAsync(stoppingToken);
            }
            catch (Exception ex) when (!stoppingToken.IsCancellationRequested)
            {
                // The database may be away for a while; the host must keep running and try again.
                logger.LogError(ex, "Outbox round failed; trying again in {PollInterval}", Outbox.PollInterval);
            }
            // A full batch suggests more is due: go on at once.
            // The pause between rounds is measured on the machine's clock, not on the injected
            // one: it is plumbing, not business time, and a poke can come before the commit that
            // makes the mail visible (a caller's explicit transaction), leaving only the poll.
            if (attempted < Outbox.BatchSize)
                await signal.WaitAsync(Outbox.PollInterval, TimeProvider.System, stoppingToken);
        }
    }

    /// <summary>One round: sends each due mail this sender manages to claim. Returns how many it attempted.</summary>
    public async Task<int> RunOnceAsync(CancellationToken ct)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<GuichetDbContext>();
        var now = time.GetUtcNow();
        var until = now + Outbox.ClaimDuration;
        var claimed = await ClaimAsync(db, now, until, ct);
        var sent = new List<Guid>();
        var oldestUnrecorded = 0L;
        try
        {
            for (var i = 0; i < claimed.Count; i++)
            {
                // A claim keeps other nodes away for a while only: past half of it, what is left goes back for the next round.
                if (i > 0 && time.GetUtcNow() >= now + Outbox.ClaimDuration / 2)
                {
                    await ReleaseAsync(db, claimed.Skip(i).Select(m => m.Id).ToList(), until);
                    return i;
                }
                if (!await SendAsync(db, claimed[i], ct)) continue;
                if (sent.Count == 0) oldestUnrecorded = Stopwatch.GetTimestamp();
                sent.Add(claimed[i].Id);
                if (Stopwatch.GetElapsedTime(oldestUnrecorded) >= MaxUnrecorded) await RecordSentAsync(db, sent);
            }
            return claimed.Count;
        }
        finally
        {
            await RecordSentAsync(db, sent);
        }
    }

    /// <summary>
    /// Sent mail is recorded a few at a time, within <see cref="MaxUnrecorded"/> of being sent, and even
    /// when the host is stopping (CancellationToken.None): every moment between the server's "250" and
    /// this update is a moment in which a crash would make the mail go out twice, but one update a mail
    /// waited behind every other writer (SQLite has one at a time) and the outbox fell behind the
    /// requests it acknowledges (bench: 300 new requests a second, 21,000 mails waiting after 90 s).
    /// </summary>
    private async Task RecordSentAsync(GuichetDbContext db, List<Guid> sent)
    {
        if (sent.Count == 0) return;
        var now = time.GetUtcNow();
        await db.OutboxMails.Where(m => sent.Contains(m.Id)).ExecuteUpdateAsync(s => s
            .SetProperty(m => m.SentAt, now)
            .SetProperty(m => m.LockedUntil, (DateTimeOffset?)null)
            .SetProperty(m => m.LastError, (string?)null), CancellationToken.None);
        sent.Clear();
    }

    /// <summary>
    /// Claims the round's due mail with one conditional UPDATE: of two nodes racing, the database lets
    /// each row go to exactly one (the other's condition no longer holds once the first has committed).
    /// The claim is committed before sending, so a crash leaves a trace and a count of attempts.
    /// One statement for the batch rather than one a mail: on SQLite every write waits for the one writer.
    /// </summary>
    private async Task<List<OutboxMail>> ClaimAsync(GuichetDbContext db, DateTimeOffset now, DateTimeOffset until, CancellationToken ct)
    {
        var due = await db.OutboxMails.Due(now).OrderBy(m => m.NextAttemptAt).Select(m => m.Id).Take(Outbox.BatchSize).ToListAsync(ct);
        if (due.Count == 0) return [];
        await db.OutboxMails.StillDue(due, now).ExecuteUpdateAsync(s => s
            .SetProperty(m => m.LockedUntil, until)
            .SetProperty(m => m.LockedBy, node)
            .SetProperty(m => m.Attempts, m => m.Attempts + 1), ct);
        // A mail of this batch that is still claimed by this sender until this very moment was claimed by this round.
        return await db.OutboxMails.AsNoTracking().Where(m => due.Contains(m.Id) && m.LockedBy == node && m.LockedUntil == until)
            .OrderBy(m => m.NextAttemptAt).ToListAsync(ct);
    }

    /// <summary>Gives back claimed mail not attempted: due again at once, the attempt not counted.</summary>
    private async Task ReleaseAsync(GuichetDbContext db, List<Guid> ids, DateTimeOffset until)
    {
        await db.OutboxMails.Where(m => ids.Contains(m.Id) && m.LockedBy == node && m.LockedUntil == until && m.SentAt == null)
            .ExecuteUpdateAsync(s => s
                .SetProperty(m => m.LockedUntil, (DateTimeOffset?)null)
                .SetProperty(m => m.Attempts, m => m.Attempts - 1), CancellationToken.None);
        logger.LogInformation("Outbox sender {Node} handed back {Count} mails it had no time to send", node, ids.Count);
    }

    /// <summary>Sends one claimed mail; a failure is recorded here, a success by the caller (<see cref="RecordSentAsync"/>).</summary>
    private async Task<bool> SendAsync(GuichetDbContext db, OutboxMail mail, CancellationToken ct)
    {
        // Cancelled mid-send (the host stopping), the exception goes up and the claim stays:
        // the mail is tried again, here or on another node, once the claim has expired.
        try
        {
            var files = await FilesAsync(db, mail, ct);
            try
            {
                await transport.SendAsync(Build(mail, files), ct);
            }
            finally
            {
                foreach (var file in files) await file.Content.DisposeAsync();
            }
        }
        catch (MailDeliveryException ex)
        {
            await RecordFailureAsync(db, mail, ex);
            return false;
        }
        logger.LogInformation("Mail {MessageId} to {ToAddress} sent via {Transport} (attempt {Attempt})",
            mail.MessageId, mail.ToAddress, transport.Name, mail.Attempts);
        return true;
    }

    /// <summary>
    /// The files of the reply the mail carries, from the blob store. A file gone since (its request deleted) is left out:
    /// the mail still says what it has to say.
    /// </summary>
    private async Task<List<OutboxMessage.File>> FilesAsync(GuichetDbContext db, OutboxMail mail, CancellationToken ct)
    {
        if (mail.AttachmentsOfMessageId is not { } messageId) return [];
        var attachments = await db.Set<Attachments.Attachment>().AsNoTracking().Where(a => a.MessageId == messageId)
            .OrderBy(a => a.CreatedAt).ThenBy(a => a.FileName).Select(a => new { a.FileName, a.ContentType, a.BlobKey }).ToListAsync(ct);
        var files = new List<OutboxMessage.File>();
        foreach (var a in attachments)
        {
            if (await blobs.OpenReadAsync(a.BlobKey, ct) is { } content) files.Add(new(a.FileName, a.ContentType, content));
            else logger.LogWarning("Mail {MessageId}: the file {FileName} is gone from the blob store and was left out", mail.MessageId, a.FileName);
        }
        return files;
    }

    private MimeMessage Build(OutboxMail mail, IReadOnlyList<OutboxMessage.File> files)
    {
        try
        {
            return OutboxMessage.Build(mail, new MailboxAddress(smtpOptions.Value.FromName, smtpOptions.Value.FromAddress), files);
        }
        catch (ParseException ex)
        {
            throw new MailDeliveryException($"Invalid recipient address: {ex.Message}", permanent: true, ex) { AddressRefused = true };
        }
    }

    private async Task RecordFailureAsync(GuichetDbContext db, OutboxMail mail, MailDeliveryException ex)
    {
        var now = time.GetUtcNow();
        var error = ex.Message.Length > MaxErrorLength ? ex.Message[..MaxErrorLength] : ex.Message;
        var retryAt = ex.Permanent ? null : RetrySchedule.NextAttempt(mail.Attempts, mail.CreatedAt, now, Outbox.GiveUpAfter);

        // CancellationToken.None: a failure left unrecorded would keep the mail claimed until the claim expires.
        if (retryAt is { } next)
        {
            await db.OutboxMails.Where(m => m.Id == mail.Id).ExecuteUpdateAsync(s => s
                .SetProperty(m => m.NextAttemptAt, next)
                .SetProperty(m => m.LastError, error)
                .SetProperty(m => m.LockedUntil, (DateTimeOffset?)null), CancellationToken.None);
            logger.LogWarning("Mail {MessageId} to {ToAddress} not sent via {Transport} (attempt {Attempt}): {Error}; next attempt at {NextAttemptAt}",
                mail.MessageId, mail.ToAddress, transport.Name, mail.Attempts, error, next);
        }
        else
        {
            await RecordGivenUpAsync(db, mail, ex, error, now);
            logger.LogError("Mail {MessageId} to {ToAddress} failed for good via {Transport} (attempt {Attempt}, permanent error: {Permanent}): {Error}",
                mail.MessageId, mail.ToAddress, transport.Name, mail.Attempts, ex.Permanent, error);
        }
    }

    /// <summary>
    /// A mail given up: marked failed and, for a mail about a request, an internal note of it on the request (the agents
    /// learn that the person did not get it), and the address marked as failing when the address is the fault. One
    /// transaction: the note is written exactly when the mail is marked failed.
    /// </summary>
    private async Task RecordGivenUpAsync(GuichetDbContext db, OutboxMail mail, MailDeliveryException ex, string error, DateTimeOffset now)
    {
        // CancellationToken.None, as in RecordFailureAsync.
        var ct = CancellationToken.None;
        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        await db.OutboxMails.Where(m => m.Id == mail.Id).ExecuteUpdateAsync(s => s
            .SetProperty(m => m.FailedAt, now)
            .SetProperty(m => m.LastError, error)
            .SetProperty(m => m.LockedUntil, (DateTimeOffset?)null), ct);
        if (mail.TicketId is { } ticketId && await db.Tickets.AnyAsync(t => t.Id == ticketId, ct))
        {
            db.TicketEvents.Add(new TicketEvent
            {
                TicketId = ticketId, At = now, Kind = TicketEventKind.MailUndelivered, IsPublic = false,
                After = Truncate(mail.ToAddress, MaxEventValueLength), Before = Truncate(error, MaxEventValueLength),
            });
            await db.SaveChangesAsync(ct);
            db.ChangeTracker.Clear();
        }
        if (ex.AddressRefused)
        {
            // Identity's normalized form (UpperInvariantLookupNormalizer). The first failure's date and reason are kept.
            var normalized = mail.ToAddress.Trim().ToUpperInvariant();
            var reason = Truncate(error, MaxUserFailureLength);
            await db.Users.Where(u => u.NormalizedEmail == normalized && u.MailFailingSince == null).ExecuteUpdateAsync(s => s
                .SetProperty(u => u.MailFailingSince, now)
                .SetProperty(u => u.MailFailure, reason), ct);
        }
        await transaction.CommitAsync(ct);
    }

    private static string Truncate(string value, int max) => value.Length <= max ? value : value[..max];
}
