using Guichet.Web.Data;
using Guichet.Web.Email.Inbound;
using Guichet.Web.Hosting;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Guichet.Web.Email.Outbound;

/// <summary>
/// The <see cref="MailThread"/> of our mails about a request: each answers the conversation's first mail, so that mail
/// clients show them together. For a request opened by mail that is the customer's own mail (our acknowledgement then
/// reads as the answer to it); otherwise the request's <see cref="OurMessageIds.Root"/>, which no mail carries.
/// </summary>
/// <remarks>
/// Every mail answers the first one rather than the one before it: which mail the reader saw last is not ours to know,
/// and one Message-ID per request needs no record of what was sent. Scoped: the dispatcher loads a batch's requests
/// with one query (<see cref="LoadAsync"/>) and every notifier of the round reads them.
/// </remarks>
public sealed class RequestMailThreads(GuichetDbContext db, IOptions<GuichetOptions> options)
{
    // The Message-ID (without angle brackets) of the mail that opened each request; null when none did.
    private readonly Dictionary<Guid, string?> opening = [];

    public async Task LoadAsync(IEnumerable<Guid> ticketIds, CancellationToken ct)
    {
        var missing = ticketIds.Where(id => !opening.ContainsKey(id)).Distinct().ToList();
        if (missing.Count == 0) return;
        // A follow-up opened by mail starts with the customer's mail too.
        var found = await db.InboundMessages.AsNoTracking()
            .Where(m => m.TicketId != null && missing.Contains(m.TicketId.Value) && m.MessageIdHeader != ""
                        && (m.Outcome == InboundOutcome.NewRequest || m.Outcome == InboundOutcome.FollowUp))
            .Select(m => new { TicketId = m.TicketId!.Value, m.MessageIdHeader }).ToListAsync(ct);
        foreach (var id in missing) opening[id] = found.FirstOrDefault(f => f.TicketId == id)?.MessageIdHeader;
    }

    public async Task<MailThread> ForAsync(Guid ticketId, long ticketNumber, CancellationToken ct)
    {
        await LoadAsync([ticketId], ct);
        var first = "<" + (opening[ticketId] ?? OurMessageIds.Root(ticketNumber, options.Value.Link("/").Host)) + ">";
        return new MailThread(ticketId, ticketNumber, InReplyTo: first, References: first);
    }
}
