using Guichet.Web.TimeTracking;

namespace Guichet.Tests.TimeTracking;

public sealed class DurationTests
{
    [Theory]
    [InlineData("1h30", 90)]
    [InlineData("1 h 30 min", 90)]
    [InlineData("1H30M", 90)]
    [InlineData("1:30", 90)]
    [InlineData("0:05", 5)]
    [InlineData("90m", 90)]
    [InlineData("45 min", 45)]
    [InlineData("45mn", 45)]
    [InlineData("2h", 120)]
    [InlineData("1.5h", 90)]
    [InlineData("1,5", 90)]
    [InlineData("2", 120)]
    [InlineData("0.25", 15)]
    [InlineData("3 heures", 180)]
    [InlineData("2 Std.", 120)]
    [InlineData("24h", 1440)]
    public void Reads_a_duration_as_people_type_it_in_a_timesheet(string typed, int minutes)
    {
        Assert.True(Durations.TryParse(typed, out var read));
        Assert.Equal(minutes, read);
    }

    [Theory]
    [InlineData("")]
    [InlineData("soon")]
    [InlineData("0")]
    [InlineData("0m")]
    [InlineData("25h")]
    [InlineData("1:75")]
    [InlineData("-1h")]
    [InlineData("h")]
    [InlineData("1h 30 apples")]
    public void Refuses_what_is_not_a_duration_of_one_minute_to_a_day(string typed) =>
        Assert.False(Durations.TryParse(typed, out _));

    [Theory]
    [InlineData(45, "45 min")]
    [InlineData(60, "1 h")]
    [InlineData(90, "1 h 30 min")]
    [InlineData(125, "2 h 05 min")]
    public void Writes_hours_and_minutes(int minutes, string written) => Assert.Equal(written, Durations.Format(minutes));
}
