using System.Text;
using System.Text.Encodings.Web;
using System.Text.RegularExpressions;
using System.Text.Unicode;
using Guichet.Web.Search;

namespace Guichet.Web.KnowledgeBase;

/// <summary>
/// A few lines of an article around the first words a search matched, HTML-encoded, with the matched words in
/// <c>&lt;mark&gt;</c>. Matching folds case and accents as the index does (<see cref="TextFolding"/>: "resilie" marks
/// "Résilié"); the words of the text are found with <see cref="SearchQuery.Words"/>, so what is marked is what was matched.
/// </summary>
public static partial class KbExcerpt
{
    public const int DefaultLength = 220;

    /// <summary>An excerpt is cut from the start of a long article: a match further on is not worth the time.</summary>
    private const int ScannedLength = 50_000;

    public static string Of(string text, SearchQuery query, int length = DefaultLength)
    {
        text ??= "";
        var wanted = query.Terms.SelectMany(t => t.Words.Select((w, i) => (Word: TextFolding.Fold(w), Prefix: t.IsPrefix && i == t.Words.Count - 1))).ToList();
        bool Wanted(string word) => wanted.Any(q => q.Prefix ? word.StartsWith(q.Word, StringComparison.Ordinal) : word == q.Word);

        // Each word folded once, and no further than the window the first match opens: a long article is not read to
        // its end to mark words that would not be shown.
        var marked = new List<(int Start, int Length)>();
        var windowEnd = int.MaxValue;
        foreach (var w in Spans(text))
        {
            if (w.Start >= windowEnd) break;
            if (!Wanted(TextFolding.Fold(text.Substring(w.Start, w.Length)))) continue;
            if (marked.Count == 0) windowEnd = w.Start + length;
            marked.Add(w);
        }

        // A window starting a little before the first match, widened to whole words.
        var start = marked.Count == 0 ? 0 : Math.Max(0, marked[0].Start - length / 4);
        while (start > 0 && !char.IsWhiteSpace(text[start - 1])) start--;
        var end = Math.Min(text.Length, start + length);
        while (end < text.Length && !char.IsWhiteSpace(text[end])) end++;

        var html = new StringBuilder();
        if (start > 0) html.Append("… ");
        var at = start;
        foreach (var m in marked.Where(m => m.Start >= start && m.Start + m.Length <= end))
        {
            html.Append(Encode(text[at..m.Start])).Append("<mark>").Append(Encode(text.Substring(m.Start, m.Length))).Append("</mark>");
            at = m.Start + m.Length;
        }
        html.Append(Encode(text[at..end]));
        if (end < text.Length) html.Append(" …");
        return html.ToString();
    }

    // Letters of every language as they are ("été", not "&#233;t&#233;"); markup characters encoded.
    private static readonly HtmlEncoder Encoder = HtmlEncoder.Create(UnicodeRanges.All);

    private static string Encode(string s) => Encoder.Encode(Spaces().Replace(s, " "));

    /// <summary>Where each word of the text is (looked for in its first <see cref="ScannedLength"/> characters only).</summary>
    private static IEnumerable<(int Start, int Length)> Spans(string text)
    {
        var start = -1;
        var scanned = Math.Min(text.Length, ScannedLength);
        for (var i = 0; i <= scanned; i++)
        {
            var inWord = i < scanned && SearchQuery.IsWordChar(text, i);
            if (inWord && start < 0) start = i;
            else if (!inWord && start >= 0)
            {
                yield return (start, i - start);
                start = -1;
            }
        }
    }

    [GeneratedRegex(@"\s+")]
    private static partial Regex Spaces();
}
