using Guichet.Web.Email.Outbound;

namespace Guichet.Tests.Email;

public sealed class RetryScheduleTests
{
    private static readonly DateTimeOffset Queued = new(2026, 11, 2, 9, 0, 0, TimeSpan.Zero);

    [Theory]
    [InlineData(1, 1)]
    [InlineData(2, 5)]
    [InlineData(3, 15)]
    [InlineData(4, 60)]
    [InlineData(5, 240)]
    [InlineData(12, 240)]
    public void Retries_come_quickly_at_first_then_every_four_hours(int attempts, int minutes) =>
        Assert.Equal(TimeSpan.FromMinutes(minutes), RetrySchedule.DelayAfter(attempts));

    [Fact]
    public void A_mail_is_retried_while_the_next_attempt_falls_within_the_give_up_delay()
    {
        var now = Queued.AddHours(40);
        Assert.Equal(now.AddHours(4), RetrySchedule.NextAttempt(10, Queued, now, TimeSpan.FromDays(2)));
    }

    [Fact]
    public void A_mail_is_given_up_when_the_next_attempt_would_fall_past_the_give_up_delay()
    {
        var now = Queued.AddHours(45);
        Assert.Null(RetrySchedule.NextAttempt(11, Queued, now, TimeSpan.FromDays(2)));
    }

    [Fact]
    public void Following_the_schedule_a_mail_gets_about_a_dozen_attempts_over_two_days()
    {
        var now = Queued;
        var attempts = 1;
        while (RetrySchedule.NextAttempt(attempts, Queued, now, TimeSpan.FromDays(2)) is { } next)
        {
            now = next;
            attempts++;
        }
        Assert.InRange(attempts, 10, 16);
        Assert.InRange(now - Queued, TimeSpan.FromHours(44), TimeSpan.FromDays(2));
    }
}
