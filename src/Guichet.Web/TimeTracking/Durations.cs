using System.Globalization;
using System.Text.RegularExpressions;

namespace Guichet.Web.TimeTracking;

/// <summary>
/// Durations as people type them in a timesheet: "1h30", "1 h 30 min", "1:30", "90m", "45 min", "1.5h", "1,5" (a
/// bare number is hours, as in most timesheets). Whole minutes, from one minute to a day.
/// </summary>
public static partial class Durations
{
    public const int MaxMinutes = 24 * 60;

    public static bool TryParse(string? text, out int minutes)
    {
        minutes = 0;
        var value = (text ?? "").Trim().ToLowerInvariant();
        if (value.Length == 0) return false;
        double total;
        if (Clock().Match(value) is { Success: true } clock)
            total = int.Parse(clock.Groups[1].Value, CultureInfo.InvariantCulture) * 60 + int.Parse(clock.Groups[2].Value, CultureInfo.InvariantCulture);
        else if (Hours().Match(value) is { Success: true } hours)
            total = Number(hours.Groups[1].Value) * 60;
        else if (HoursAndMinutes().Match(value) is { Success: true } parts && (parts.Groups[1].Success || parts.Groups[2].Success))
            total = (parts.Groups[1].Success ? Number(parts.Groups[1].Value) * 60 : 0) + (parts.Groups[2].Success ? Number(parts.Groups[2].Value) : 0);
        else
            return false;
        minutes = (int)Math.Round(total, MidpointRounding.AwayFromZero);
        return minutes is > 0 and <= MaxMinutes;
    }

    /// <summary>"1 h 30 min", "45 min", "2 h": symbols every language of the app reads.</summary>
    public static string Format(int minutes) => (minutes / 60, minutes % 60) switch
    {
        (0, var m) => $"{m} min",
        (var h, 0) => $"{h} h",
        var (h, m) => $"{h} h {m:00} min",
    };

    private static double Number(string value) => double.Parse(value.Replace(',', '.'), CultureInfo.InvariantCulture);

    [GeneratedRegex(@"^(\d{1,2}):([0-5]\d)$")]
    private static partial Regex Clock();

    // "1h30", "1 h 30 min", "1.5h", "90m", "45 min", "2 h": hours with their unit (optional), then minutes (optional; their
    // unit may be left out after hours). A bare number is Hours().
    [GeneratedRegex(@"^(?:(\d+(?:[.,]\d+)?)\s*(?:h|hr|hrs|hours?|heures?|std\.?|stunden?|ore|ora)\s*)?(?:(\d+)\s*(?:m|min|mins|minutes?|mn|minuten?|minuti|minutos?)?)?$")]
    private static partial Regex HoursAndMinutes();

    [GeneratedRegex(@"^(\d+(?:[.,]\d+)?)$")]
    private static partial Regex Hours();
}
