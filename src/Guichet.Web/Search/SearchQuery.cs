using System.Globalization;
using System.Text;

namespace Guichet.Web.Search;

/// <summary>
/// What someone typed in a search box, reduced to words that every term must match. Nothing of
/// the engines' own syntax survives (quotes, operators, parentheses, column filters, NEAR), so
/// any input is a valid query. Each whitespace-separated chunk is one term; a chunk that holds
/// several words ("e-mail", "l'arrêt") is a phrase. Words are whole words unless the chunk ends
/// with <c>*</c> ("imprim*" finds "imprimantes"); as one types (<c>asYouType</c>), the last word is a
/// prefix too ("resil" finds "résilié").
/// <para>
/// Whole words by default because a prefix is the costly part of a search: the engine gathers every
/// ticket with a word of that beginning before it narrows to the viewer's (bench, 1M tickets, a word
/// in 5 % of them: 10 ms with the prefix against 1.5 ms for the word, in SQLite as in PostgreSQL).
/// </para>
/// </summary>
public sealed record SearchQuery(IReadOnlyList<SearchTerm> Terms)
{
    /// <summary>Beyond this, extra terms are ignored: they narrow little and cost a lot.</summary>
    public const int MaxTerms = 8;

    /// <summary>Longer "words" are pasted hashes or base64, not something anyone searches for.</summary>
    public const int MaxWordLength = 64;

    /// <summary>A single letter as a prefix would match half of every document.</summary>
    public const int MinPrefixLength = 2;

    public static readonly SearchQuery Empty = new([]);

    public bool IsEmpty => Terms.Count == 0;

    public static SearchQuery Parse(string? text, bool asYouType = false)
    {
        if (string.IsNullOrWhiteSpace(text)) return Empty;
        var terms = new List<SearchTerm>();
        foreach (var chunk in text.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries))
        {
            var words = Words(chunk).Where(w => w.Length <= MaxWordLength).ToList();
            if (words.Count > 0) terms.Add(new SearchTerm(words, IsPrefix: chunk.EndsWith('*') && words[^1].Length >= MinPrefixLength));
            if (terms.Count == MaxTerms) break;
        }
        if (terms.Count == 0) return Empty;
        var last = terms[^1];
        if (asYouType && last.Words[^1].Length >= MinPrefixLength) terms[^1] = last with { IsPrefix = true };
        return new SearchQuery(terms);
    }

    /// <summary>
    /// The words of a text: runs of letters, digits and combining marks, in composed (NFC) form.
    /// Documents are split by this same function before they reach the engine, so that SQLite's
    /// and PostgreSQL's tokenizers only ever see plain words between spaces and both engines
    /// agree on what a word is ("C++" is "C", "jean@acme.fr" is "jean acme fr").
    /// </summary>
    public static IEnumerable<string> Words(string text)
    {
        var normalized = text.IsNormalized(NormalizationForm.FormC) ? text : text.Normalize(NormalizationForm.FormC);
        var start = -1;
        for (var i = 0; i <= normalized.Length; i++)
        {
            var inWord = i < normalized.Length && IsWordChar(normalized, i);
            if (inWord && start < 0) start = i;
            else if (!inWord && start >= 0)
            {
                yield return normalized[start..i];
                start = -1;
            }
        }
    }

    internal static bool IsWordChar(string text, int index)
    {
        // The low half of a surrogate pair belongs to whatever its high half is (e.g. 𝑥, 𠀀).
        if (char.IsLowSurrogate(text[index]) && index > 0 && char.IsHighSurrogate(text[index - 1])) index--;
        return CharUnicodeInfo.GetUnicodeCategory(text, index) switch
        {
            UnicodeCategory.UppercaseLetter or UnicodeCategory.LowercaseLetter or UnicodeCategory.TitlecaseLetter
                or UnicodeCategory.ModifierLetter or UnicodeCategory.OtherLetter
                or UnicodeCategory.DecimalDigitNumber or UnicodeCategory.LetterNumber or UnicodeCategory.OtherNumber
                or UnicodeCategory.NonSpacingMark or UnicodeCategory.SpacingCombiningMark => true,
            _ => false,
        };
    }
}
