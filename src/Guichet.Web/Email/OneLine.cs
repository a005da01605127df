using System.Text.RegularExpressions;

namespace Guichet.Web.Email;

/// <summary>
/// A header value on one line, whichever way the mail goes: a subject or a name typed by a user (going out), or decoded
/// from a mail (coming in: "=?utf-8?q?Eve=0D=0ABcc:...?=" decodes to a line break). Every control character and line
/// separator becomes a space and every run of white space one space, so that nothing written by someone can end a
/// header early and start another, and the text reads the same in every mail client and on every page.
/// MimeKit would encode most of them; this does not depend on it.
/// </summary>
public static partial class OneLine
{
    public static string Of(string? value) => string.IsNullOrEmpty(value) ? "" : Breaks().Replace(value, " ").Trim();

    // Two or more white space characters, or a single control character or line/paragraph separator.
    [GeneratedRegex(@"[\s\p{Cc}\u2028\u2029]{2,}|[\p{Cc}\u2028\u2029]", RegexOptions.CultureInvariant)]
    private static partial Regex Breaks();
}
