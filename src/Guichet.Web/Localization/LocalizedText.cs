using System.Globalization;
using System.Text.Json;
using Microsoft.EntityFrameworkCore.ChangeTracking;
using Microsoft.EntityFrameworkCore.Storage.ValueConversion;

namespace Guichet.Web.Localization;

/// <summary>
/// A text an admin writes once per language (a status or request type name). Stored as one JSON
/// column; shown in the reader's language, else English, else any language it has.
/// </summary>
public sealed class LocalizedText
{
    private readonly Dictionary<string, string> texts;

    public LocalizedText(IDictionary<string, string> texts) =>
        this.texts = texts.Where(t => Cultures.Match(t.Key) is not null && !string.IsNullOrWhiteSpace(t.Value))
            .ToDictionary(t => Cultures.Match(t.Key)!, t => t.Value.Trim());

    public static LocalizedText Of(string en, string fr, string de, string es, string it) =>
        new(new Dictionary<string, string> { ["en"] = en, ["fr"] = fr, ["de"] = de, ["es"] = es, ["it"] = it });

    public IReadOnlyDictionary<string, string> All => texts;

    public string this[string culture] => texts.GetValueOrDefault(culture) ?? "";

    /// <summary>The text in the current UI language.</summary>
    public override string ToString() => In(CultureInfo.CurrentUICulture.TwoLetterISOLanguageName);

    public string In(string culture) => LanguageFor(culture) is { } found ? texts[found] : "";

    /// <summary>The language <see cref="In"/> picks for a reader of <paramref name="culture"/>; null when there is no text at all.</summary>
    public string? LanguageFor(string culture) =>
        texts.ContainsKey(culture) ? culture : texts.ContainsKey(Cultures.Default) ? Cultures.Default : texts.Keys.FirstOrDefault();

    internal sealed class Converter() : ValueConverter<LocalizedText, string>(
        v => JsonSerializer.Serialize(v.texts, (JsonSerializerOptions?)null),
        v => new LocalizedText(JsonSerializer.Deserialize<Dictionary<string, string>>(v, (JsonSerializerOptions?)null) ?? new()));

    internal sealed class Comparer() : ValueComparer<LocalizedText>(
        (a, b) => a != null && b != null && a.texts.Count == b.texts.Count && !a.texts.Except(b.texts).Any(),
        v => v.texts.Aggregate(0, (h, t) => HashCode.Combine(h, t.Key, t.Value)),
        v => new LocalizedText(v.texts));
}
