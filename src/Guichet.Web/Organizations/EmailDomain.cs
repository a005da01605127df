using System.Text.RegularExpressions;

namespace Guichet.Web.Organizations;

public static partial class EmailDomain
{
    public static string Normalize(string domain) => domain.Trim().TrimStart('@').ToLowerInvariant();

    public static string OfAddress(string email)
    {
        var at = email.LastIndexOf('@');
        return at < 0 ? "" : Normalize(email[(at + 1)..]);
    }

    public static bool IsValid(string domain) => domain.Length <= 253 && DomainPattern().IsMatch(domain);

    [GeneratedRegex(@"^(?=.{1,253}$)([a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z]{2,63}$")]
    private static partial Regex DomainPattern();
}
