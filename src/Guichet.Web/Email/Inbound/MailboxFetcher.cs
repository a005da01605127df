using System.Collections.Concurrent;
using Guichet.Web.Data;
using Guichet.Web.Hosting;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Guichet.Web.Email.Inbound;

/// <summary>
/// Fetches every active mailbox, each in a loop of its own: one slow or broken mailbox never holds up another. A
/// mailbox is fetched by one node at a time (a lease on its row, renewed while it is held); the others take over when
/// it lapses. Between rounds the connection stays open and waits with IDLE when the server offers it, else for the
/// mailbox's poll interval. A message is marked done in its folder only once <see cref="InboundMail"/> has stored and
/// processed it.
/// </summary>
public sealed class MailboxFetcher(
    IServiceScopeFactory scopes, ImapFetcher imap, MailboxPasswords passwords, IOptions<InboundMailOptions> options,
    TimeProvider time, ILogger<MailboxFetcher> log) : BackgroundService
{
    /// <summary>How long a node holds a mailbox without renewing; it renews at least twice as often.</summary>
    public static readonly TimeSpan LeaseDuration = TimeSpan.FromMinutes(2);

    /// <summary>The most messages of one round before the mailbox's state is written and the lease renewed.</summary>
    private const int RoundSize = 100;

    private static readonly TimeSpan LongestBackoff = TimeSpan.FromMinutes(5);

    private readonly string node = ClaimHolder.NewName();
    private readonly ConcurrentDictionary<int, Running> running = new();
    private readonly SemaphoreSlim changed = new(0);

    private sealed record Running(string Fingerprint, CancellationTokenSource Stop, Task Loop);

    /// <summary>A mailbox was added, changed or removed: look again now rather than at the next check.</summary>
    public void Poke()
    {
        if (changed.CurrentCount == 0) changed.Release();
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (!options.Value.FetchEnabled)
        {
            log.LogInformation("Mailbox fetching disabled on this node (Guichet:InboundMail:FetchEnabled is false)");
            return;
        }
        try
        {
            while (!stoppingToken.IsCancellationRequested)
            {
                try
                {
                    await SyncAsync(stoppingToken);
                }
                catch (Exception ex) when (!stoppingToken.IsCancellationRequested)
                {
                    log.LogError(ex, "Reading the mailboxes failed; trying again in a while");
                }
                await changed.WaitAsync(TimeSpan.FromSeconds(30), stoppingToken).ContinueWith(_ => { }, TaskScheduler.Default);
            }
        }
        finally
        {
            foreach (var loop in running.Values) await loop.Stop.CancelAsync();
            await Task.WhenAll(running.Values.Select(r => r.Loop));
        }
    }

    /// <summary>Starts a loop for each active mailbox, and stops those of mailboxes removed, deactivated or changed.</summary>
    private async Task SyncAsync(CancellationToken ct)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<GuichetDbContext>();
        var mailboxes = await db.Mailboxes.AsNoTracking().Where(m => m.IsActive).ToListAsync(ct);
        var wanted = mailboxes.ToDictionary(m => m.Id, Fingerprint);
        foreach (var (id, loop) in running)
        {
            if (wanted.TryGetValue(id, out var fingerprint) && fingerprint == loop.Fingerprint && !loop.Loop.IsCompleted) continue;
            await loop.Stop.CancelAsync();
            await loop.Loop;
            running.TryRemove(id, out _);
        }
        foreach (var mailbox in mailboxes.Where(m => !running.ContainsKey(m.Id)))
        {
            var stop = CancellationTokenSource.CreateLinkedTokenSource(ct);
            running[mailbox.Id] = new Running(wanted[mailbox.Id], stop, Task.Run(() => RunAsync(mailbox.Id, stop.Token), CancellationToken.None));
        }
    }

    /// <summary>What makes a running loop out of date: its settings (state columns change all the time and do not count).</summary>
    private static string Fingerprint(Mailbox m) =>
        string.Join('\n', m.Address, m.ImapHost, m.ImapPort, m.Security, m.UserName, m.ProtectedPassword, m.Folder, m.MoveToFolder, m.PollSeconds);

    /// <summary>One mailbox's loop: hold the lease, fetch, wait for mail; a problem is recorded and tried again later, less and less often.</summary>
    private async Task RunAsync(int mailboxId, CancellationToken ct)
    {
        var failures = 0;
        while (!ct.IsCancellationRequested)
        {
            Mailbox? mailbox = null;
            try
            {
                mailbox = await ClaimAsync(mailboxId, ct);
                if (mailbox is null)
                {
                    // Another node holds it (or it is gone): look again when its lease could have lapsed.
                    await Task.Delay(LeaseDuration / 2, TimeProvider.System, ct);
                    continue;
                }
                var password = passwords.Unprotect(mailbox.ProtectedPassword)
                    ?? throw new ImapProblemException(new ImapProblem(ImapProblemKind.PasswordUnreadable, "the stored password cannot be decrypted with this installation's keys"));
                var settings = new ImapSettings(mailbox.ImapHost, mailbox.ImapPort, mailbox.Security, mailbox.UserName, password, mailbox.Folder, mailbox.MoveToFolder);
                await using var session = await imap.OpenAsync(settings, ct);
                while (!ct.IsCancellationRequested)
                {
                    var round = await session.FetchNewAsync((raw, token) => StoreAsync(mailbox, raw, token), RoundSize, ct);
                    failures = 0;
                    if (!await RecordAsync(mailboxId, round.Waiting + round.Failed.Count, null, ct)) break;   // the lease was lost
                    if (round.Failed.Count > 0)
                        log.LogWarning("Mailbox {Address}: {Count} messages could not be stored; they stay in the folder", mailbox.Address, round.Failed.Count);
                    if (round.Waiting == 0)
                        await session.WaitForNewMailAsync(Min(TimeSpan.FromSeconds(mailbox.PollSeconds), LeaseDuration / 3), ct);
                }
            }
            catch (OperationCanceledException) when (ct.IsCancellationRequested)
            {
                break;
            }
            catch (Exception ex)
            {
                failures++;
                var problem = ex is ImapProblemException imapProblem ? $"{imapProblem.Problem.Kind}: {imapProblem.Problem.Detail}" : $"{ex.GetType().Name}: {ex.Message}";
                log.LogWarning(ex is ImapProblemException ? null : ex, "Mailbox {MailboxId} ({Address}): {Problem}", mailboxId, mailbox?.Address, problem);
                try
                {
                    await RecordAsync(mailboxId, null, problem, ct);
                }
                catch (Exception recordFailed) when (!ct.IsCancellationRequested)
                {
                    log.LogError(recordFailed, "Mailbox {MailboxId}: its state could not be recorded", mailboxId);
                }
                var backoff = Min(TimeSpan.FromSeconds(Math.Max(10, mailbox?.PollSeconds ?? 60) * Math.Pow(2, Math.Min(failures - 1, 6))), LongestBackoff);
                try { await Task.Delay(backoff, TimeProvider.System, ct); }
                catch (OperationCanceledException) { break; }
            }
        }
        await ReleaseAsync(mailboxId);
    }

    private async Task<bool> StoreAsync(Mailbox mailbox, Stream raw, CancellationToken ct)
    {
        await using var scope = scopes.CreateAsyncScope();
        await scope.ServiceProvider.GetRequiredService<InboundMail>().ReceiveAsync(raw, InboundChannel.Imap, mailbox.SourceKey, mailbox.Id, ct);
        // Stored, whatever it became (a request, a reply, dropped, quarantined): the folder's copy may be marked.
        return true;
    }

    /// <summary>Takes or renews the lease; null when another node holds it or the mailbox is gone or inactive.</summary>
    private async Task<Mailbox?> ClaimAsync(int mailboxId, CancellationToken ct)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<GuichetDbContext>();
        var now = time.GetUtcNow();
        var claimed = await db.Mailboxes
            .Where(m => m.Id == mailboxId && m.IsActive && (m.FetchLockedBy == node || m.FetchLockedUntil == null || m.FetchLockedUntil < now))
            .ExecuteUpdateAsync(s => s.SetProperty(m => m.FetchLockedBy, node).SetProperty(m => m.FetchLockedUntil, now + LeaseDuration), ct);
        return claimed == 0 ? null : await db.Mailboxes.AsNoTracking().SingleOrDefaultAsync(m => m.Id == mailboxId, ct);
    }

    /// <summary>Writes what the admin page shows, renewing the lease on the way; false when the lease was lost.</summary>
    private async Task<bool> RecordAsync(int mailboxId, int? waiting, string? error, CancellationToken ct)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<GuichetDbContext>();
        var now = time.GetUtcNow();
        var mine = db.Mailboxes.Where(m => m.Id == mailboxId && (m.FetchLockedBy == node || m.FetchLockedUntil == null || m.FetchLockedUntil < now));
        var error2000 = error is { Length: > 2000 } ? error[..2000] : error;
        var updated = error is null
            ? await mine.ExecuteUpdateAsync(s => s
                .SetProperty(m => m.LastFetchAt, now).SetProperty(m => m.LastSuccessAt, now).SetProperty(m => m.LastError, (string?)null)
                .SetProperty(m => m.Waiting, waiting ?? 0)
                .SetProperty(m => m.FetchLockedBy, node).SetProperty(m => m.FetchLockedUntil, now + LeaseDuration), ct)
            : await mine.ExecuteUpdateAsync(s => s
                .SetProperty(m => m.LastFetchAt, now).SetProperty(m => m.LastError, error2000), ct);
        return updated > 0;
    }

    private async Task ReleaseAsync(int mailboxId)
    {
        try
        {
            await using var scope = scopes.CreateAsyncScope();
            var db = scope.ServiceProvider.GetRequiredService<GuichetDbContext>();
            await db.Mailboxes.Where(m => m.Id == mailboxId && m.FetchLockedBy == node)
                .ExecuteUpdateAsync(s => s.SetProperty(m => m.FetchLockedBy, (string?)null).SetProperty(m => m.FetchLockedUntil, (DateTimeOffset?)null), CancellationToken.None);
        }
        catch (Exception ex)
        {
            // Not released, it lapses by itself within LeaseDuration.
            log.LogWarning(ex, "Mailbox {MailboxId}: lease not released", mailboxId);
        }
    }

    private static TimeSpan Min(TimeSpan a, TimeSpan b) => a < b ? a : b;
}
