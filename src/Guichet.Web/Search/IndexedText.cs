using System.Text;

namespace Guichet.Web.Search;

/// <summary>
/// Text as the search engines receive it: the words of <see cref="SearchQuery.Words"/>, one space apart, so that SQLite's
/// and PostgreSQL's tokenizers agree on what a word is; cut at a length (PostgreSQL refuses a tsvector over 1 MB).
/// </summary>
internal static class IndexedText
{
    public static string Of(IEnumerable<string> parts, int maxLength)
    {
        var text = new StringBuilder();
        foreach (var word in parts.SelectMany(SearchQuery.Words))
        {
            if (text.Length + word.Length + 1 > maxLength) break;
            if (text.Length > 0) text.Append(' ');
            text.Append(word);
        }
        return text.ToString();
    }
}
