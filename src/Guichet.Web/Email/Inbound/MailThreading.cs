using System.Text.RegularExpressions;
using Guichet.Web.Data;
using Guichet.Web.Email.Outbound;
using Microsoft.EntityFrameworkCore;

namespace Guichet.Web.Email.Inbound;

/// <summary>
/// Which request a mail answers: by its In-Reply-To and References (our mails' Message-IDs, or an earlier mail of the
/// conversation we received), then by the reference in its subject ("[#1042]"). Naming a request does not let a mail
/// join it: <see cref="InboundProcessor"/> then checks that the sender is one of its people.
/// </summary>
/// <remarks>
/// <see cref="Found.AnswersNote"/>: any of the mail's In-Reply-To and References (not only the nearest) names one of our
/// mails about an internal note. Such an ID reaches a mail only through a mail we sent to the team alone, and mistaking
/// a reply for a note costs the agent a second mail, while the opposite shows the note's answer to the customer.
/// </remarks>
public sealed partial class MailThreading(GuichetDbContext db)
{
    /// <summary>At most this many of a mail's references are looked up (the newest): a long thread's oldest tell nothing more.</summary>
    private const int MaxReferences = 30;

    /// <param name="AnswersNote">The first of the mail's references that names one of our mails about an internal note; null if none does.</param>
    public sealed record Found(long Number, string How, string? AnswersNote);

    public async Task<Found?> FindAsync(MailContent mail, string ourHost, CancellationToken ct)
    {
        var ids = mail.ThreadIds.Take(MaxReferences).Select(id => id.Trim().Trim('<', '>')).Where(id => id.Length is > 0 and <= InboundMessage.MessageIdMaxLength).ToList();
        var note = ids.FirstOrDefault(id => OurMessageIds.IsAboutNote(id, ourHost));
        foreach (var id in ids)
            if (OurMessageIds.TicketNumberOf(id, ourHost) is { } number)
                return new Found(number, $"In-Reply-To/References name our mail <{id}>", note);
        if (ids.Count > 0)
        {
            // Our mails made before their Message-ID named the request, and the mails of the conversation we received.
            var outbox = await db.OutboxMails.Where(m => ids.Contains(m.MessageId) && m.TicketId != null)
                .Select(m => new { m.MessageId, m.TicketId }).ToListAsync(ct);
            var inbound = await db.InboundMessages.Where(m => ids.Contains(m.MessageIdHeader) && m.TicketId != null)
                .Select(m => new { MessageId = m.MessageIdHeader, m.TicketId }).ToListAsync(ct);
            foreach (var id in ids)
            {
                var ticketId = outbox.FirstOrDefault(m => m.MessageId == id)?.TicketId ?? inbound.FirstOrDefault(m => m.MessageId == id)?.TicketId;
                if (ticketId is null) continue;
                var number = await db.Tickets.Where(t => t.Id == ticketId).Select(t => (long?)t.Number).SingleOrDefaultAsync(ct);
                if (number is { } n) return new Found(n, $"In-Reply-To/References name <{id}>, a mail of #{n}", note);
            }
        }
        var reference = SubjectReference().Match(mail.Subject);
        if (reference.Success && long.TryParse(reference.Groups[1].Value, out var subjectNumber))
            return new Found(subjectNumber, $"the subject names [#{subjectNumber}]", note);
        return null;
    }

    [GeneratedRegex(@"\[#([0-9]{1,18})\]", RegexOptions.CultureInvariant)]
    private static partial Regex SubjectReference();
}
