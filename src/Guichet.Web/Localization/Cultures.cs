using System.Globalization;

namespace Guichet.Web.Localization;

/// <summary>The languages Guichet speaks, in the order the language picker shows them.</summary>
public static class Cultures
{
    public const string Default = "en";
    public static readonly IReadOnlyList<string> Supported = ["en", "fr", "de", "es", "it"];

    /// <summary>A supported culture name for the input, or null ("fr-CA" → "fr").</summary>
    public static string? Match(string? name)
    {
        if (string.IsNullOrWhiteSpace(name)) return null;
        var neutral = name.Split('-', '_')[0].ToLowerInvariant();
        return Supported.Contains(neutral) ? neutral : null;
    }

    /// <summary>The language's own name ("Français"), as a picker should show it.</summary>
    public static string NativeName(string culture)
    {
        var native = CultureInfo.GetCultureInfo(culture).NativeName;
        return char.ToUpper(native[0], CultureInfo.GetCultureInfo(culture)) + native[1..];
    }

    /// <summary>Runs code with the UI culture of a mail's recipient, then puts the request's back.</summary>
    public static T With<T>(string? culture, Func<T> render)
    {
        var (ui, current) = (CultureInfo.CurrentUICulture, CultureInfo.CurrentCulture);
        var target = CultureInfo.GetCultureInfo(Match(culture) ?? Default);
        CultureInfo.CurrentUICulture = target;
        CultureInfo.CurrentCulture = target;
        try { return render(); }
        finally
        {
            CultureInfo.CurrentUICulture = ui;
            CultureInfo.CurrentCulture = current;
        }
    }
}
