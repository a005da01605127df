using Guichet.Web.Accounts;
using Guichet.Web.Attachments;
using Guichet.Web.Data;
using Guichet.Web.Email.Outbound;
using Guichet.Web.Hosting;
using Guichet.Web.Localization;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using Microsoft.Extensions.Options;

namespace Guichet.Web.Tickets;

/// <summary>
/// The mails customers get about their requests: received, a public reply from support, waiting
/// for them, resolved, closed. Each in the recipient's language, with a link to the request, to
/// the requester and the people kept informed who left their "notify me" switch on — never to
/// the person who made the change, never about internal notes.
/// </summary>
public sealed class TicketNotifications(GuichetDbContext db, MailOutbox outbox, RequestMailThreads threads, IStringLocalizer<SharedResource> L,
    IOptions<GuichetOptions> options, IOptions<OutboxOptions> outboxOptions)
{
    private sealed record Recipient(Guid Id, string Email, string FirstName, string FullName, string? Culture, bool IsStaff);

    private sealed record SentFile(Guid Id, string FileName, long Length);

    public async Task HandleAsync(Guid ticketId, IReadOnlyList<TicketEvent> events, CancellationToken ct)
    {
        if (!events.Any(e => e.IsPublic)) return;
        var ticket = await db.Tickets.AsNoTracking().Include(t => t.Participants).Include(t => t.Status)
            .SingleOrDefaultAsync(t => t.Id == ticketId, ct);
        if (ticket is null) return;
        var thread = await threads.ForAsync(ticket.Id, ticket.Number, ct);

        var staffIds = db.UserRoles.Select(r => r.UserId);
        var ids = ticket.Participants.Where(p => p.Notify).Select(p => p.UserId).Append(ticket.RequesterId).Distinct().ToList();
        var people = await db.Users.AsNoTracking().Where(u => ids.Contains(u.Id))
            .Select(u => new Recipient(u.Id, u.Email!, u.FirstName, (u.FirstName + " " + u.LastName).Trim(), u.Culture, staffIds.Contains(u.Id)))
            .ToListAsync(ct);
        var actorIsStaff = await db.UserRoles.Where(r => events.Select(e => e.ActorId).Contains(r.UserId)).Select(r => r.UserId).Distinct().ToListAsync(ct);

        foreach (var e in events.Where(e => e.IsPublic))
        {
            var recipients = people.Where(p => p.Id != e.ActorId && !p.IsStaff && (p.Id != ticket.RequesterId || ticket.RequesterNotify)).ToList();
            switch (e.Kind)
            {
                case TicketEventKind.Created:
                    var requesterName = people.SingleOrDefault(p => p.Id == ticket.RequesterId) is { } who && who.FullName != "" ? who.FullName : "";
                    // Those CC'd when it was opened: people added later (by an agent, by a merge) have their own mail.
                    List<string?> ccd = !recipients.Any(r => r.Id != ticket.RequesterId) ? [] : await db.TicketEvents
                        .Where(x => x.TicketId == ticket.Id && x.Kind == TicketEventKind.ParticipantAdded && x.At == e.At && x.ActorId == e.ActorId).Select(x => x.After).ToListAsync(ct);
                    foreach (var r in recipients.Where(r => r.Id != ticket.RequesterId && ccd.Contains(r.Id.ToString())))
                        Send(r, ticket, thread, (t, n) => KeptInformed(t, n, requesterName));
                    // The requester opened it: they get the acknowledgement too.
                    if (people.SingleOrDefault(p => p.Id == ticket.RequesterId && e.ActorId == p.Id) is { } requester && ticket.RequesterNotify)
                        Send(requester, ticket, thread, Received);
                    break;
                case TicketEventKind.Replied when e.ActorId is { } author && actorIsStaff.Contains(author):
                    var message = await db.Messages.AsNoTracking().Where(m => m.Id == e.MessageId && !m.IsInternal)
                        .Select(m => new
                        {
                            m.BodyText, Author = (m.Author.FirstName + " " + m.Author.LastName).Trim(),
                            Files = m.Attachments.OrderBy(a => a.CreatedAt).ThenBy(a => a.FileName).Select(a => new SentFile(a.Id, a.FileName, a.Length)).ToList(),
                        }).SingleOrDefaultAsync(ct);
                    if (message is null) break;
                    // The files go with the mail when they are not too heavy for it; otherwise it lists them as links.
                    var attach = message.Files.Count > 0 && message.Files.Sum(f => f.Length) <= outboxOptions.Value.MaxAttachmentBytes;
                    foreach (var r in recipients)
                        Send(r, ticket, thread, (t, n) => Replied(t, n, message.Author, message.BodyText, message.Files, attach), attach ? e.MessageId : null);
                    break;
                case TicketEventKind.StatusChanged when int.TryParse(e.After, out var statusId):
                    var status = await db.Statuses.AsNoTracking().SingleOrDefaultAsync(s => s.Id == statusId, ct);
                    Func<Ticket, string, MailBody>? body = status?.Category switch
                    {
                        // Merged away: the mail about the merge says all (see below).
                        StatusCategory.Closed when ticket.MergedIntoId is not null => null,
                        StatusCategory.Pending => Waiting,
                        StatusCategory.Solved => Resolved,
                        StatusCategory.Closed => Closed,
                        _ => null,
                    };
                    if (body is null) break;
                    foreach (var r in recipients) Send(r, ticket, thread, body);
                    break;
                // Added by someone else, and not because a request was merged into this one (that has its own mail).
                case TicketEventKind.ParticipantAdded when Guid.TryParse(e.After, out var added) && !(e.At == ticket.CreatedAt && e.ActorId == ticket.RequesterId)
                        && !await db.TicketEvents.AnyAsync(x => x.TicketId == ticket.Id && x.Kind == TicketEventKind.MergedFrom && x.At == e.At, ct):
                    var adder = e.ActorId is { } by
                        ? await db.Users.Where(u => u.Id == by).Select(u => PersonName.Of(u.FirstName, u.LastName, u.Email)).SingleOrDefaultAsync(ct)
                        : null;
                    adder ??= L["Our team"];
                    foreach (var r in recipients.Where(r => r.Id == added)) Send(r, ticket, thread, (t, n) => Added(t, n, adder));
                    break;
                case TicketEventKind.MergedInto when long.TryParse(e.After, out var into):
                    foreach (var r in recipients) Send(r, ticket, thread, (t, n) => Merged(t, n, into));
                    break;
            }
        }
    }

    private void Send(Recipient recipient, Ticket ticket, MailThread thread, Func<Ticket, string, MailBody> body, Guid? attachmentsOf = null) =>
        outbox.Enqueue(recipient.Email, recipient.FullName, Cultures.With(recipient.Culture, () =>
            body(ticket, string.IsNullOrWhiteSpace(recipient.FirstName) ? L["Hello,"] : L["Hello {0},", recipient.FirstName])), thread: thread, attachmentsOf: attachmentsOf);

    private MailAction View(Ticket ticket) => new(L["View request"], options.Value.Link($"/requests/{ticket.Number}"));

    private MailBody Received(Ticket t, string greeting) => new(
        L["[#{0}] We received your request: {1}", t.Number, t.Subject], greeting,
        [L["We received your request #{0}, \"{1}\". Our team will answer you soon.", t.Number, t.Subject],
         L["To add details, reply to this mail or on the portal."]])
    { Action = View(t) };

    private MailBody KeptInformed(Ticket t, string greeting, string requester) => new(
        L["[#{0}] You are kept informed: {1}", t.Number, t.Subject], greeting,
        [L["{0} opened the request #{1}, \"{2}\", and asked us to keep you informed. You will get its news by mail.", requester, t.Number, t.Subject]])
    { Action = View(t) };

    private MailBody Replied(Ticket t, string greeting, string author, string text, List<SentFile> files, bool attached)
    {
        List<string> paragraphs = [L["{0} replied to your request #{1}:", author, t.Number], text];
        if (attached)
            paragraphs.Add(L["Files attached to this mail: {0}", string.Join(", ", files.Select(f => f.FileName))]);
        // Too heavy to go with the mail: listed with their addresses (which need signing in).
        else if (files.Count > 0)
            paragraphs.Add(L["Files sent with this reply:"] + "\n" + string.Join("\n",
                files.Select(f => $"{f.FileName} ({FileSizes.Format(f.Length)}): {options.Value.Link(AttachmentLink.UrlOf(f.Id, f.FileName)).AbsoluteUri}")));
        paragraphs.Add(L["You can reply to this mail or on the portal."]);
        return new(L["[#{0}] New reply: {1}", t.Number, t.Subject], greeting, paragraphs) { Action = View(t) };
    }

    private MailBody Added(Ticket t, string greeting, string by) => new(
        L["[#{0}] You are kept informed: {1}", t.Number, t.Subject], greeting,
        [L["{0} added you to the people kept informed of the request #{1}, \"{2}\". You will get its news by mail.", by, t.Number, t.Subject]])
    { Action = View(t) };

    private MailBody Merged(Ticket t, string greeting, long into) => new(
        L["[#{0}] Merged into #{1}: {2}", t.Number, into, t.Subject], greeting,
        [L["Your request #{0}, \"{1}\", is about the same thing as the request #{2}: our team merged them, and it goes on in #{2}, where you can follow it and reply.", t.Number, t.Subject, into]])
    { Action = new(L["View request"], options.Value.Link($"/requests/{into}")) };

    private MailBody Waiting(Ticket t, string greeting) => new(
        L["[#{0}] We need your reply: {1}", t.Number, t.Subject], greeting,
        [L["Your request #{0} is waiting for your answer. Reply to this mail or on the portal so that we can go on.", t.Number]])
    { Action = View(t) };

    private MailBody Resolved(Ticket t, string greeting) => new(
        L["[#{0}] Resolved: {1}", t.Number, t.Subject], greeting,
        [L["Your request #{0} is resolved. If the problem is still there, reply to this mail or on the portal within a few days and it opens again.", t.Number]])
    { Action = View(t) };

    private MailBody Closed(Ticket t, string greeting) => new(
        L["[#{0}] Closed: {1}", t.Number, t.Subject], greeting,
        [L["Your request #{0} is closed. If you need more help, reply to this mail or open a follow-up request from its page.", t.Number]])
    { Action = View(t) };
}
