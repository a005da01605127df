namespace Guichet.Web.Email.Outbound;

public static class OutboxQueries
{
    /// <summary>Mail to send now: not sent, not given up, its time come, and no live claim on it by any node.</summary>
    public static IQueryable<OutboxMail> Due(this IQueryable<OutboxMail> mails, DateTimeOffset now) =>
        mails.Where(m => m.SentAt == null && m.FailedAt == null && m.NextAttemptAt <= now
                         && (m.LockedUntil == null || m.LockedUntil <= now));
}
