using System.Text;

namespace Guichet.Web.KnowledgeBase;

/// <summary>A title as an address part: "Réinitialiser votre mot de passe" → "reinitialiser-votre-mot-de-passe".</summary>
public static class KbSlug
{
    public const int MaxLength = 80;

    public static string Of(string title)
    {
        var slug = new StringBuilder();
        foreach (var word in Search.SearchQuery.Words(title ?? ""))
        {
            var folded = Search.TextFolding.Fold(word);
            if (slug.Length + folded.Length + 1 > MaxLength) break;
            if (slug.Length > 0) slug.Append('-');
            slug.Append(folded);
        }
        return slug.Length == 0 ? "article" : slug.ToString();
    }
}
