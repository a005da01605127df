using System.Globalization;

namespace Guichet.Bench;

/// <summary><c>--name value</c> pairs, read by name with a default.</summary>
internal sealed class Arguments(Dictionary<string, string> values)
{
    public static Arguments Parse(ReadOnlySpan<string> args)
    {
        var values = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        for (var i = 0; i < args.Length; i++)
        {
            if (!args[i].StartsWith("--", StringComparison.Ordinal))
                throw new ArgumentException($"Expected --name, found '{args[i]}'.");
            var name = args[i][2..];
            var eq = name.IndexOf('=', StringComparison.Ordinal);
            if (eq > 0) values[name[..eq]] = name[(eq + 1)..];
            else if (i + 1 < args.Length && !args[i + 1].StartsWith("--", StringComparison.Ordinal)) values[name] = args[++i];
            else values[name] = "true";
        }
        return new Arguments(values);
    }

    public string? Text(string name) => values.GetValueOrDefault(name);

    public string Text(string name, string fallback) => values.GetValueOrDefault(name) ?? fallback;

    /// <summary>A switch: <c>--name</c> alone, or <c>--name true</c>.</summary>
    public bool Flag(string name) => values.TryGetValue(name, out var v) && !v.Equals("false", StringComparison.OrdinalIgnoreCase);

    public string Required(string name) =>
        values.GetValueOrDefault(name) ?? throw new ArgumentException($"--{name} is required.");

    public int Int(string name, int fallback) =>
        values.TryGetValue(name, out var v) ? int.Parse(v.Replace("_", "", StringComparison.Ordinal), CultureInfo.InvariantCulture) : fallback;

    /// <summary>"30s", "2m", "500ms" or a number of seconds.</summary>
    public TimeSpan Duration(string name, TimeSpan fallback)
    {
        if (!values.TryGetValue(name, out var v)) return fallback;
        if (v.EndsWith("ms", StringComparison.Ordinal)) return TimeSpan.FromMilliseconds(double.Parse(v[..^2], CultureInfo.InvariantCulture));
        if (v.EndsWith('s')) return TimeSpan.FromSeconds(double.Parse(v[..^1], CultureInfo.InvariantCulture));
        if (v.EndsWith('m')) return TimeSpan.FromMinutes(double.Parse(v[..^1], CultureInfo.InvariantCulture));
        return TimeSpan.FromSeconds(double.Parse(v, CultureInfo.InvariantCulture));
    }
}
