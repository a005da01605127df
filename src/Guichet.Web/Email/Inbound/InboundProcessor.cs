using System.Net;
using System.Text;
using Guichet.Web.Accounts;
using Guichet.Web.Attachments;
using Guichet.Web.Data;
using Guichet.Web.Email.Outbound;
using Guichet.Web.Hosting;
using Guichet.Web.Organizations;
using Guichet.Web.Text;
using Guichet.Web.Tickets;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using Microsoft.Extensions.Options;
using MimeKit;

namespace Guichet.Web.Email.Inbound;

/// <summary>
/// Turns a stored <see cref="InboundMessage"/> into what it is: a new request, a reply, a follow-up, or nothing
/// (noise, with the reason). A message that cannot be processed is quarantined with its error, never lost.
/// Everything it writes for one message is written in one transaction, with the message's outcome: processed
/// again after a crash, a message never makes a second request.
/// </summary>
public sealed class InboundProcessor(
    GuichetDbContext db, IBlobStore blobs, MailThreading threading, TicketIntake intake, TicketConversation conversation,
    StatusWorkflow workflow, DomainMembership domains, UserManager<User> users, NodeCache cache, RichText richText, FileTypes fileTypes,
    IOptions<GuichetOptions> site, IOptions<SmtpOptions> smtp, IOptions<InboundMailOptions> options, IOptions<AttachmentOptions> attachmentOptions,
    IStringLocalizer<SharedResource> L, TimeProvider time, ILogger<InboundProcessor> log)
{
    private const int MaxErrorLength = 4000;
    private const int MaxConflicts = 3;

    private string OurHost => site.Value.Link("/").Host;

    public async Task ProcessAsync(InboundMessage row, CancellationToken ct)
    {
        var trace = new StringBuilder(row.Trace);
        row.Attempts++;
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                await ProcessAsync(row, trace, ct);
                return;
            }
            catch (DbUpdateConcurrencyException) when (attempt < MaxConflicts)
            {
                // The request changed between our read and our write (PostgreSQL lets two writers in at once): read it again.
                db.ChangeTracker.Clear();
                db.Attach(row);
                Step(trace, "the request changed meanwhile: processed again");
            }
            catch (Exception ex) when (ex is not OperationCanceledException || !ct.IsCancellationRequested)
            {
                await QuarantineAsync(row, trace, ex);
                return;
            }
        }
    }

    private async Task ProcessAsync(InboundMessage row, StringBuilder trace, CancellationToken ct)
    {
        if (row.Length > options.Value.MaxMessageBytes)
            throw new InboundMailException($"The message is {row.Length} bytes, over the limit of {options.Value.MaxMessageBytes} (Guichet:InboundMail:MaxMessageBytes).");
        var message = await LoadAsync(row, ct);
        var mail = MailContent.Read(message);
        row.FromAddress = Truncate(mail.From?.Address.Trim().ToLowerInvariant(), 320);
        row.Subject = Truncate(mail.Subject, InboundMessage.SubjectMaxLength);
        Step(trace, $"parsed: from {mail.From?.Address ?? "nobody"}, subject \"{row.Subject}\", {mail.Files.Count} files");

        if (MailNoise.Judge(message, id => OurMessageIds.IsOurs(id, OurHost)) is { } noise)
        {
            if (noise.Reason == DropReason.Bounce) await RecordBounceAsync(message, trace, ct);
            await DropAsync(row, trace, noise.Reason, noise.Detail, ct);
            return;
        }
        var ours = await OurAddressesAsync(ct);
        var sender = mail.From!;
        if (ours.Contains(sender.Address))
        {
            await DropAsync(row, trace, DropReason.OwnMail, $"sent from our own address {sender.Address}", ct);
            return;
        }

        // Read before the transaction, which holds SQLite's one writer: what does not change under us.
        var author = await users.FindByEmailAsync(sender.Address);
        var found = await threading.FindAsync(mail, OurHost, ct);
        if (found is not null) Step(trace, $"threading: {found.How}");
        var files = await StoreFilesAsync(mail, trace, ct);

        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        // The request is read within the transaction: a reply saved a moment ago by another message must not be overwritten.
        var ticket = found is null || author is null ? null : await RequestOfAsync(found.Number, author, trace, ct);
        var stranger = found is not null && ticket is null;
        if (stranger)
        {
            // A stranger's mail never joins a request, never adds anyone to it, never makes us write to its people.
            Step(trace, $"{sender.Address} is not one of the people of #{found!.Number}: a new request instead, without its copies");
        }
        else if (ticket is null)
        {
            // A new request: within the sender's hourly allowance, so that a robot cannot open (and be answered) without end.
            var hourAgo = time.GetUtcNow().AddHours(-1);
            var opened = await db.InboundMessages.CountAsync(m => m.FromAddress == row.FromAddress && (m.Outcome == InboundOutcome.NewRequest || m.Outcome == InboundOutcome.FollowUp) && m.ReceivedAt > hourAgo, ct);
            if (opened >= options.Value.NewRequestsPerSenderPerHour)
            {
                await DropAsync(row, trace, DropReason.RateLimit, $"{sender.Address} opened {opened} requests by mail in the last hour", ct);
                await transaction.CommitAsync(ct);
                return;
            }
        }

        author ??= await NewContactAsync(sender, ct);
        if (author.MailFailingSince is not null)
        {
            // They write to us: their address works again.
            author.MailFailingSince = null;
            author.MailFailure = null;
        }
        var uploads = files.Select(f => PendingUpload.Create(author.Id, f.FileName, f.ContentType, f.Length, f.BlobKey, time.GetUtcNow())).ToList();
        db.Set<PendingUpload>().AddRange(uploads);
        var ids = PendingUpload.AttachmentIds(uploads, time.GetUtcNow());
        var body = Body(mail, files, uploads, ids, trace);

        if (ticket is not null && await RepliesAsync(row, trace, ticket, author, mail, found!.AnswersNote, body, uploads, ids, ours, ct))
        {
            await transaction.CommitAsync(ct);
            return;
        }

        var mailbox = row.MailboxId is { } mailboxId ? await db.Mailboxes.AsNoTracking().SingleOrDefaultAsync(m => m.Id == mailboxId, ct) : null;
        var type = await intake.TypeForAsync(author.Id, mailbox?.RequestTypeId, ct) ?? await intake.TypeForAsync(author.Id, null, ct)
            ?? throw new InboundMailException($"No request type is open to {sender.Address}: set a default request type open to everyone.");
        var copies = stranger ? [] : mail.To.Concat(mail.Cc).Select(a => a.Address.Trim())
            .Where(a => MailboxAddress.TryParse(a, out _) && !ours.Contains(a) && !a.Equals(sender.Address, StringComparison.OrdinalIgnoreCase))
            .Distinct(StringComparer.OrdinalIgnoreCase).ToList();
        var created = await intake.OpenAsync(new TicketIntake.Request(
            author.Id, type.Id, Subject(mail.Subject), "", TicketPriority.Normal, null, null, copies, MessageSource.Mail, Attachments: uploads)
        {
            Body = body, AttachmentIds = ids, GroupId = mailbox?.GroupId,
        }, ct);
        Step(trace, $"opened #{created.Number} for {sender.Address}" + (copies.Count > 0 ? $", copies to {string.Join(", ", copies)}" : ""));
        await FinishAsync(row, trace, InboundOutcome.NewRequest, created, created.Messages[0].Id, ct);
        await transaction.CommitAsync(ct);
    }

    /// <summary>The request a mail names, if its sender is one of its people (the request it was merged into, if it was); else null.</summary>
    private async Task<Ticket?> RequestOfAsync(long number, User author, StringBuilder trace, CancellationToken ct)
    {
        var viewer = await Viewer.ForAsync(db, cache, author.Id, ct);
        var ticket = await conversation.FindAsync(number, viewer, ct);
        if (ticket?.MergedIntoId is not { } into) return ticket;
        var target = await db.Tickets.Where(t => t.Id == into).Select(t => t.Number).SingleAsync(ct);
        Step(trace, $"#{number} was merged into #{target}");
        return await conversation.FindAsync(target, viewer, ct);
    }

    /// <summary>
    /// A reply from one of the request's people; false when it is not one (a follow-up is a new request). From the team,
    /// an answer to one of our mails about an internal note (<paramref name="answersNote"/>) is a note, as in the workspace.
    /// </summary>
    private async Task<bool> RepliesAsync(InboundMessage row, StringBuilder trace, Ticket ticket, User author, MailContent mail, string? answersNote,
        RichText.Result body, List<PendingUpload> uploads, IReadOnlyDictionary<Guid, Guid> ids, HashSet<string> ours, CancellationToken ct)
    {
        var viewer = await Viewer.ForAsync(db, cache, author.Id, ct);
        if (viewer.IsStaff)
        {
            var isNote = answersNote is not null;
            var reply = await conversation.AgentReplyAsync(ticket, author.Id, body, isInternal: isNote, MessageSource.Mail, uploads, ids, ct);
            Step(trace, isNote
                ? $"an internal note of {author.Email} (team) on #{ticket.Number}: it answers our mail about a note <{answersNote}>"
                : $"a reply of {author.Email} (team) to #{ticket.Number}");
            await FinishAsync(row, trace, isNote ? InboundOutcome.AgentNote : InboundOutcome.AgentReply, ticket, reply.Id, ct);
            return true;
        }
        // Only the team gets mails about notes: someone else naming one gets nothing more than any reply does.
        if (answersNote is not null) Step(trace, $"names our mail about a note <{answersNote}>, but {author.Email} is not of the team: not a note");
        if (workflow.NeedsFollowUp(ticket))
        {
            var followUp = await intake.OpenAsync(new TicketIntake.Request(
                author.Id, ticket.RequestTypeId, Subject(L["Follow-up to #{0}: {1}", ticket.Number, ticket.Subject]), "", ticket.Priority,
                ticket.ProductId, ticket.Environment, [], MessageSource.Mail, ticket.OrganizationId, ticket.Id, uploads)
            {
                Body = body, AttachmentIds = ids,
            }, ct);
            Step(trace, $"#{ticket.Number} is closed: follow-up #{followUp.Number}");
            await FinishAsync(row, trace, InboundOutcome.FollowUp, followUp, followUp.Messages[0].Id, ct);
            return true;
        }
        var message = await conversation.CustomerReplyAsync(ticket, author.Id, body, MessageSource.Mail, uploads, ids, ct);
        Step(trace, $"a reply of {author.Email} to #{ticket.Number}");
        if (ticket.RequesterId == author.Id)
        {
            // The requester may keep people informed from the portal; copying them on a reply does the same.
            var now = time.GetUtcNow();
            foreach (var address in mail.To.Concat(mail.Cc).Select(a => a.Address.Trim()).Where(a => !ours.Contains(a))
                         .Distinct(StringComparer.OrdinalIgnoreCase))
                ticket.AddParticipant(await intake.ContactAsync(address, now), ParticipantRole.Cc, author.Id, now);
        }
        await FinishAsync(row, trace, InboundOutcome.Reply, ticket, message.Id, ct);
        return true;
    }

    private async Task FinishAsync(InboundMessage row, StringBuilder trace, InboundOutcome outcome, Ticket ticket, Guid messageId, CancellationToken ct)
    {
        row.Outcome = outcome;
        row.TicketId = ticket.Id;
        row.TicketNumber = ticket.Number;
        row.ConversationMessageId = messageId;
        await SettleAsync(row, trace, InboundState.Processed, ct);
        log.LogInformation("Inbound message {Id} from {From}: {Outcome} on #{Number}", row.Id, row.FromAddress, outcome, ticket.Number);
    }

    private async Task DropAsync(InboundMessage row, StringBuilder trace, DropReason reason, string detail, CancellationToken ct)
    {
        Step(trace, $"dropped ({reason}): {detail}");
        row.DropReason = reason;
        await SettleAsync(row, trace, InboundState.Dropped, ct);
        log.LogInformation("Inbound message {Id} from {From} dropped ({Reason}): {Detail}", row.Id, row.FromAddress, reason, detail);
    }

    /// <summary>What became of the message, saved with whatever it made (in the caller's transaction, if any).</summary>
    private async Task SettleAsync(InboundMessage row, StringBuilder trace, InboundState state, CancellationToken ct)
    {
        row.State = state;
        row.ProcessedAt = time.GetUtcNow();
        row.Error = null;
        row.Trace = trace.ToString();
        await db.SaveChangesAsync(ct);
    }

    private async Task QuarantineAsync(InboundMessage row, StringBuilder trace, Exception ex)
    {
        // Whatever the failed attempt left in the unit of work must not be saved with the quarantine.
        db.ChangeTracker.Clear();
        var error = ex is InboundMailException ? ex.Message : ex.ToString();
        error = error.Length > MaxErrorLength ? error[..MaxErrorLength] : error;
        Step(trace, $"quarantined: {(ex is InboundMailException ? ex.Message : ex.GetType().Name + ": " + ex.Message)}");
        var text = trace.ToString();
        var now = time.GetUtcNow();
        // CancellationToken.None: a quarantine left unrecorded would leave the message "received", to fail again and again.
        await db.InboundMessages.Where(m => m.Id == row.Id).ExecuteUpdateAsync(s => s
            .SetProperty(m => m.State, InboundState.Quarantined)
            .SetProperty(m => m.Error, error)
            .SetProperty(m => m.Trace, text)
            .SetProperty(m => m.Attempts, row.Attempts)
            .SetProperty(m => m.FromAddress, row.FromAddress)
            .SetProperty(m => m.Subject, row.Subject)
            .SetProperty(m => m.ProcessedAt, now), CancellationToken.None);
        row.State = InboundState.Quarantined;
        row.Error = error;
        row.Trace = text;
        log.LogWarning(ex, "Inbound message {Id} quarantined", row.Id);
    }

    private async Task<MimeMessage> LoadAsync(InboundMessage row, CancellationToken ct)
    {
        await using (var head = await blobs.OpenReadAsync(row.RawBlobKey, ct))
            if (head is not null && await MailHead.ReadAsync(head, options.Value.MaxHeaderBytes, ct) is null)
                throw new InboundMailException($"The message's headers are over {options.Value.MaxHeaderBytes} bytes (Guichet:InboundMail:MaxHeaderBytes).");
        await using var raw = await blobs.OpenReadAsync(row.RawBlobKey, ct)
            ?? throw new InboundMailException($"The raw message (blob {row.RawBlobKey}) is missing from the blob store.");
        try
        {
            return await MimeMessage.LoadAsync(MailContent.ParsingOptions(), raw, ct);
        }
        catch (FormatException ex)
        {
            throw new InboundMailException($"The message cannot be read as a mail: {ex.Message}", ex);
        }
    }

    /// <summary>A delivery report: noted on the request of the mail that bounced, and the address marked as failing.</summary>
    private async Task RecordBounceAsync(MimeMessage message, StringBuilder trace, CancellationToken ct)
    {
        var report = BounceReport.Read(message);
        if (report.OriginalMessageId is not { } original || report.Failures.Count == 0)
        {
            Step(trace, "bounce: no returned Message-ID or failed recipient could be read");
            return;
        }
        var sent = await db.OutboxMails.Where(m => m.MessageId == original).Select(m => new { m.TicketId, m.ToAddress }).SingleOrDefaultAsync(ct);
        var number = OurMessageIds.TicketNumberOf(original, OurHost);
        var ticketId = sent?.TicketId ?? (number is { } n ? await db.Tickets.Where(t => t.Number == n).Select(t => (Guid?)t.Id).SingleOrDefaultAsync(ct) : null);
        var now = time.GetUtcNow();
        foreach (var failure in report.Failures.Where(f => f.Permanent))
        {
            Step(trace, $"bounce: {failure.Address} failed for good ({failure.Reason})");
            var user = await users.FindByEmailAsync(failure.Address);
            if (user is not null && user.MailFailingSince is null)
            {
                user.MailFailingSince = now;
                user.MailFailure = Truncate(failure.Reason, 500);
            }
            if (ticketId is { } id)
                db.TicketEvents.Add(new TicketEvent
                {
                    TicketId = id, At = now, Kind = TicketEventKind.MailBounced, IsPublic = false,
                    After = failure.Address, Before = Truncate(failure.Reason, 400),
                });
        }
        foreach (var failure in report.Failures.Where(f => !f.Permanent))
            Step(trace, $"bounce: delivery to {failure.Address} delayed ({failure.Reason})");
    }

    private async Task<HashSet<string>> OurAddressesAsync(CancellationToken ct)
    {
        var addresses = await db.Mailboxes.AsNoTracking().Select(m => m.Address).ToListAsync(ct);
        return new HashSet<string>(addresses.Append(smtp.Value.FromAddress), StringComparer.OrdinalIgnoreCase);
    }

    private async Task<User> NewContactAsync(MailboxAddress sender, CancellationToken ct)
    {
        var user = await intake.ContactAsync(sender.Address.Trim(), time.GetUtcNow());
        // The name the mail gave, split at its last space: better than none, and theirs to correct.
        var name = (sender.Name ?? "").Trim();
        if (name.Length > 0 && !name.Contains('@'))
        {
            var space = name.LastIndexOf(' ');
            user.FirstName = Truncate(space > 0 ? name[..space] : name, 100)!;
            user.LastName = Truncate(space > 0 ? name[(space + 1)..] : "", 100)!;
        }
        await domains.JoinAsync(user, ct);
        await db.SaveChangesAsync(ct);
        return user;
    }

    private sealed record StoredFile(MailFile File, string FileName, string ContentType, long Length, string BlobKey);

    /// <summary>
    /// The mail's files in the blob store, before the transaction (blobs are not rows), under the limits of every upload
    /// (<see cref="AttachmentOptions.Refusal"/>); a refused one stays in the raw message.
    /// </summary>
    private async Task<List<StoredFile>> StoreFilesAsync(MailContent mail, StringBuilder trace, CancellationToken ct)
    {
        var limits = attachmentOptions.Value;
        var stored = new List<StoredFile>();
        long total = 0;
        foreach (var file in mail.Files)
        {
            var name = FileTypes.SafeName(file.FileName);
            await using var buffer = new MemoryStream();
            await file.WriteToAsync(buffer, ct);
            if (limits.Refusal(name, buffer.Length, stored.Count, total) is { } refused)
            {
                var why = refused switch
                {
                    FileRefusal.Type => "this type of file is not accepted",
                    FileRefusal.FileSize => $"over {limits.MaxFileBytes} bytes",
                    FileRefusal.Count => $"at most {limits.MaxFilesPerMessage} files per message",
                    _ => $"over {limits.MaxTotalBytesPerMessage} bytes in all",
                };
                Step(trace, $"file {name} not attached: {why} (it stays in the original message)");
                continue;
            }
            buffer.Position = 0;
            var head = buffer.GetBuffer().AsSpan(0, (int)Math.Min(16, buffer.Length)).ToArray();
            var key = await blobs.PutAsync(buffer, ct);
            stored.Add(new StoredFile(file, name, fileTypes.TypeOf(name, head), buffer.Length, key));
            total += buffer.Length;
        }
        return stored;
    }

    /// <summary>
    /// The body as the conversation shows it: the mail's HTML (its text when it has none), with its quoted history and
    /// signature trimmed, its inline images pointing at their attachments, sanitized.
    /// </summary>
    private RichText.Result Body(MailContent mail, List<StoredFile> files, List<PendingUpload> uploads, IReadOnlyDictionary<Guid, Guid> ids, StringBuilder trace)
    {
        if (mail.Html is { } html && html.Length > 0)
        {
            var trimmed = ReplyTrimmer.TrimHtml(html);
            if (trimmed.Trimmed) Step(trace, "quoted history or signature trimmed (HTML)");
            var withImages = trimmed.Kept;
            for (var i = 0; i < files.Count; i++)
                if (files[i].File.ContentId is { } cid)
                    withImages = withImages.Replace($"cid:{cid.Trim('<', '>')}", AttachmentLink.UrlOf(ids[uploads[i].Id], uploads[i].FileName), StringComparison.OrdinalIgnoreCase);
            var safe = richText.Sanitize(withImages);
            if (safe.Text.Trim().Length > 0 || mail.Text is null) return safe;
        }
        var text = ReplyTrimmer.TrimText(mail.Text ?? "");
        if (text.Trimmed) Step(trace, "quoted history or signature trimmed (text)");
        return richText.Sanitize(TextToHtml(text.Kept));
    }

    /// <summary>Plain text as paragraphs, its line breaks kept.</summary>
    private static string TextToHtml(string text)
    {
        var paragraphs = text.ReplaceLineEndings("\n").Split("\n\n", StringSplitOptions.RemoveEmptyEntries);
        return string.Concat(paragraphs.Select(p => "<p>" + string.Join("<br>", p.Trim('\n').Split('\n').Select(WebUtility.HtmlEncode)) + "</p>"));
    }

    private string Subject(string subject)
    {
        var s = subject.Trim();
        if (s.Length == 0) s = L["(no subject)"];
        return s.Length > 250 ? s[..250] : s;
    }

    private static string? Truncate(string? value, int max) => value is null || value.Length <= max ? value : value[..max];

    private void Step(StringBuilder trace, string line) => trace.Append(InboundMessage.TraceLine(time.GetUtcNow(), line));
}

/// <summary>Why a message cannot be processed, in words an admin can act on (shown on the quarantine page).</summary>
public sealed class InboundMailException(string message, Exception? inner = null) : InvalidOperationException(message, inner);
