using System.Text;
using Guichet.Web.Search;

namespace Guichet.Web.Tickets;

/// <summary>
/// The stable names of fields and options ("contract_number"): lower-case ASCII letters, digits and
/// underscores, starting with a letter, so that they read well in URLs, JSON and spreadsheet headings.
/// </summary>
public static class CustomFieldKeys
{
    public const int MaxLength = 50;

    public static bool IsValid(string? key) =>
        key is { Length: > 0 and <= MaxLength } && key[0] is >= 'a' and <= 'z' && key.All(c => c is >= 'a' and <= 'z' or >= '0' and <= '9' or '_');

    /// <summary>A key made from a label: "Numéro de contrat" → "numero_de_contrat".</summary>
    public static string From(string label)
    {
        var key = new StringBuilder();
        foreach (var c in TextFolding.Fold(label))
        {
            if (c is >= 'a' and <= 'z' or >= '0' and <= '9') key.Append(c);
            else if (key.Length > 0 && key[^1] != '_') key.Append('_');
        }
        var text = key.ToString().Trim('_');
        if (text.Length == 0 || !char.IsAsciiLetterLower(text[0])) text = "field_" + text;
        return text.Length > MaxLength ? text[..MaxLength].TrimEnd('_') : text;
    }
}
