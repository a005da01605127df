using System.Globalization;
using System.Text;

namespace Guichet.Web.Search;

/// <summary>
/// Lower case without accents: "Résilié" → "resilie", "Zoë" → "zoe". The search indexes compare words so; whatever
/// compares words beside them (excerpts, slugs, mention suggestions, field keys) folds them here, the same way.
/// </summary>
public static class TextFolding
{
    public static string Fold(string text)
    {
        // Most words are plain ASCII: lower-cased as they are, without the two normalizations.
        if (Ascii.IsValid(text)) return text.ToLowerInvariant();
        var decomposed = text.Normalize(NormalizationForm.FormD);
        var folded = new StringBuilder(decomposed.Length);
        foreach (var c in decomposed)
            if (CharUnicodeInfo.GetUnicodeCategory(c) != UnicodeCategory.NonSpacingMark) folded.Append(char.ToLowerInvariant(c));
        return folded.ToString().Normalize(NormalizationForm.FormC);
    }
}
