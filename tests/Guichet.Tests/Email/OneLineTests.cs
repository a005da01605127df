using Guichet.Web.Email;

namespace Guichet.Tests.Email;

/// <summary>The one rule for a header value on one line, used by the mails we send and the mails we read.</summary>
public sealed class OneLineTests
{
    [Theory]
    [InlineData("Printer\\r\\non fire", "Printer on fire")]
    [InlineData("  Printer\\n\\n\\non fire\\t", "Printer on fire")]
    [InlineData("Printer on fire", "Printer on fire")]
    [InlineData("Hello\\r\\nBcc: victim@example.com\\ttab", "Hello Bcc: victim@example.com tab")]
    [InlineData("Printer   on \\u0085 fire", "Printer on fire")]
    [InlineData("Line\\u2028separator\\u2029paragraph", "Line separator paragraph")]
    [InlineData("Zoë\\u00A0Müller", "Zoë\u00A0Müller")]
    [InlineData("\\r\\n\\t ", "")]
    public void Every_control_character_becomes_a_space_and_every_run_of_spaces_one(string escaped, string expected) =>
        Assert.Equal(expected, OneLine.Of(System.Text.RegularExpressions.Regex.Unescape(escaped)));

    [Fact]
    public void Nothing_is_an_empty_line() => Assert.Equal(("", ""), (OneLine.Of(null), OneLine.Of("")));
}
