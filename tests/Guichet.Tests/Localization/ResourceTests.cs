using System.Text.RegularExpressions;
using System.Xml.Linq;
using Guichet.Web.Localization;

namespace Guichet.Tests.Localization;

/// <summary>
/// Every text the code asks the localizer for exists in all five languages, with the same
/// placeholders. Keys are the English text: L["Sign in"], ErrorMessage = "...", Display(Name = "...").
/// </summary>
public sealed partial class ResourceTests
{
    private static readonly IReadOnlyDictionary<string, IReadOnlyDictionary<string, string>> Resources =
        Cultures.Supported.ToDictionary(c => c, c => Load(c == Cultures.Default ? "SharedResource.resx" : $"SharedResource.{c}.resx"));

    private static IReadOnlyDictionary<string, string> Load(string file) =>
        XDocument.Load(Path.Combine(RepositoryFiles.WebProject, "Resources", file)).Root!.Elements("data")
            .ToDictionary(d => d.Attribute("name")!.Value, d => d.Element("value")!.Value);

    private static HashSet<string> KeysUsedInCode()
    {
        var keys = new HashSet<string>(StringComparer.Ordinal);
        foreach (var file in RepositoryFiles.WebSources(".cs", ".cshtml"))
        {
            var text = File.ReadAllText(file);
            foreach (var pattern in new[] { LocalizerCall(), ErrorMessage(), DisplayName() })
                foreach (Match match in pattern.Matches(text))
                    keys.Add(Regex.Unescape(match.Groups[1].Value));
        }
        return keys;
    }

    public static TheoryData<string> Languages => [.. Cultures.Supported];

    [Theory, MemberData(nameof(Languages))]
    public void Every_text_the_code_uses_is_translated(string culture)
    {
        var missing = KeysUsedInCode().Where(k => !Resources[culture].ContainsKey(k)).Order().ToList();
        Assert.True(missing.Count == 0, $"Missing in SharedResource {culture}:\n" + string.Join("\n", missing));
    }

    [Theory, MemberData(nameof(Languages))]
    public void Each_language_has_exactly_the_texts_of_the_others(string culture)
    {
        var english = Resources[Cultures.Default].Keys.ToHashSet();
        var extra = Resources[culture].Keys.Where(k => !english.Contains(k)).ToList();
        var absent = english.Where(k => !Resources[culture].ContainsKey(k)).ToList();
        Assert.True(extra.Count == 0 && absent.Count == 0, $"{culture}: extra [{string.Join(" | ", extra)}] missing [{string.Join(" | ", absent)}]");
    }

    [Fact]
    public void No_text_is_left_in_the_resources_after_the_code_stopped_using_it()
    {
        var used = KeysUsedInCode();
        var unused = Resources[Cultures.Default].Keys.Where(k => !used.Contains(k)).Order().ToList();
        Assert.True(unused.Count == 0, "Unused resources:\n" + string.Join("\n", unused));
    }

    /// <summary>
    /// The resource compiler keeps one of two keys that differ only in case ("Draft", "draft") and warns; the lookup is
    /// exact, so the other one was shown in English in every language.
    /// </summary>
    [Fact]
    public void No_two_texts_differ_only_in_case()
    {
        var clashes = Resources[Cultures.Default].Keys.GroupBy(k => k, StringComparer.OrdinalIgnoreCase)
            .Where(g => g.Count() > 1).Select(g => string.Join(" / ", g)).ToList();
        Assert.True(clashes.Count == 0, "Keys equal but for case:\n" + string.Join("\n", clashes));
    }

    [Theory, MemberData(nameof(Languages))]
    public void Translations_keep_the_placeholders_and_are_not_empty(string culture)
    {
        var wrong = Resources[culture]
            .Where(e => string.IsNullOrWhiteSpace(e.Value) || !Placeholders(e.Value).SetEquals(Placeholders(e.Key)))
            .Select(e => $"{e.Key} => {e.Value}").ToList();
        Assert.True(wrong.Count == 0, string.Join("\n", wrong));
    }

    private static HashSet<string> Placeholders(string text) => Placeholder().Matches(text).Select(m => m.Value).ToHashSet();

    [GeneratedRegex(@"\bL\[""((?:[^""\\]|\\.)*)""")]
    private static partial Regex LocalizerCall();

    [GeneratedRegex(@"ErrorMessage = ""((?:[^""\\]|\\.)*)""")]
    private static partial Regex ErrorMessage();

    [GeneratedRegex(@"Display\(Name = ""((?:[^""\\]|\\.)*)""")]
    private static partial Regex DisplayName();

    [GeneratedRegex(@"\{\d+\}")]
    private static partial Regex Placeholder();
}
