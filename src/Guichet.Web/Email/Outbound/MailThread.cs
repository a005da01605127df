namespace Guichet.Web.Email.Outbound;

/// <summary>
/// The request a mail belongs to, and the mails it answers: what makes mail clients show a request's mails as
/// one conversation, and what lets a reply find its way back (see <see cref="OurMessageIds"/>).
/// </summary>
/// <param name="InReplyTo">The Message-ID answered, angle brackets included; null for the first mail.</param>
/// <param name="References">The conversation's Message-IDs, oldest first, separated by spaces.</param>
public sealed record MailThread(Guid TicketId, long TicketNumber, string? InReplyTo = null, string? References = null);
