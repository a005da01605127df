using Guichet.Web.Email.Outbound;

namespace Guichet.Tests.Email;

public sealed class MailLayoutTests
{
    private static readonly MailBody Body = new("Subject <b>", "Hello <script>alert(1)</script>,", ["Your request \"<img src=x onerror=alert(1)>\" & more"])
    {
        Action = new MailAction("View <request>", new Uri("https://guichet.test/requests/1042?a=1&b=2")),
        Code = "<123>",
        Footnote = "Not you? <a href=\"https://evil.test\">click</a>",
    };

    [Fact]
    public void Text_from_users_and_translations_cannot_inject_markup_into_the_html_part()
    {
        var (html, _) = MailLayout.Render(Body, "Guichet <Support>");
        Assert.DoesNotContain("<script>", html);
        Assert.DoesNotContain("<img", html);
        Assert.DoesNotContain("evil.test\">", html);
        Assert.DoesNotContain("<b>", html);
        Assert.DoesNotContain("<Support>", html);
        Assert.Contains("&lt;script&gt;", html);
        Assert.Contains("href=\"https://guichet.test/requests/1042?a=1&amp;b=2\"", html);
    }

    [Fact]
    public void The_text_part_says_the_same_things_unencoded_with_the_link_in_full()
    {
        var (_, text) = MailLayout.Render(Body, "Guichet");
        Assert.Contains("Hello <script>alert(1)</script>,", text);
        Assert.Contains("Your request \"<img src=x onerror=alert(1)>\" & more", text);
        Assert.Contains("https://guichet.test/requests/1042?a=1&b=2", text);
        Assert.Contains("<123>", text);
        Assert.DoesNotContain("&lt;", text);
    }
}
