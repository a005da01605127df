namespace Guichet.Web.Email.Outbound;

/// <summary>
/// When to try again after a temporary failure: quickly at first (a server restarting, a
/// greylisting delay of a few minutes), then every four hours, like an MTA's queue.
/// </summary>
public static class RetrySchedule
{
    public static TimeSpan DelayAfter(int attempts) => attempts switch
    {
        <= 1 => TimeSpan.FromMinutes(1),
        2 => TimeSpan.FromMinutes(5),
        3 => TimeSpan.FromMinutes(15),
        4 => TimeSpan.FromHours(1),
        _ => TimeSpan.FromHours(4),
    };

    /// <summary>The next attempt, or null when it would fall past <paramref name="giveUpAfter"/> and the mail should fail.</summary>
    public static DateTimeOffset? NextAttempt(int attempts, DateTimeOffset createdAt, DateTimeOffset now, TimeSpan giveUpAfter)
    {
        var next = now + DelayAfter(attempts);
        return next - createdAt > giveUpAfter ? null : next;
    }
}
