using System.Text.RegularExpressions;
using MimeKit;

namespace Guichet.BrowserTests.Infrastructure;

public static partial class MailLinks
{
    /// <summary>
    /// The first absolute link in the mail's text part whose path starts with
    /// <paramref name="pathPrefix"/> (e.g. "/account/verify"), as the recipient would click it.
    /// </summary>
    public static Uri FirstLink(this MimeMessage message, string pathPrefix)
    {
        var text = message.TextBody ?? throw new InvalidOperationException($"The mail \"{message.Subject}\" has no text part.");
        foreach (Match match in Url().Matches(text))
        {
            if (Uri.TryCreate(match.Value.TrimEnd('.', ',', ')', '>', ';'), UriKind.Absolute, out var link)
                && link.AbsolutePath.StartsWith(pathPrefix, StringComparison.OrdinalIgnoreCase))
                return link;
        }
        throw new InvalidOperationException($"No link to {pathPrefix} in the mail \"{message.Subject}\":\n{text}");
    }

    [GeneratedRegex(@"https?://[^\s<>""]+")]
    private static partial Regex Url();
}
