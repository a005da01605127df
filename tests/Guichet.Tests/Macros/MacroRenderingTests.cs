using Guichet.Web.Hosting;
using Guichet.Web.Macros;
using Microsoft.Extensions.Options;

namespace Guichet.Tests.Macros;

public sealed class MacroRenderingTests
{
    private static readonly MacroRendering Rendering = new(Options.Create(new GuichetOptions { BaseUrl = "https://help.example.org" }));

    private static readonly MacroRendering.Subject Subject = new(1042, "Printer on fire", "En cours", "Haute",
        new Dictionary<string, string> { ["version"] = "4.2.1" },
        new MacroRendering.Person("Zoë", "O'Brien", "zoe@acme.test"), "Acme", new MacroRendering.Person("Ada", "Lovelace", "ada@support.test"));

    [Fact]
    public void Fills_the_placeholders_with_the_ticket_the_requester_and_the_agent_as_plain_text()
    {
        var text = Rendering.Render(
            "Bonjour {{ requester.first_name }} {{ requester.last_name }},\n#{{ ticket.number }} « {{ ticket.subject }} » ({{ ticket.status }}, {{ ticket.priority }}), "
            + "version {{ ticket.fields.version }}, {{ organization.name }}: {{ ticket.url }}\n{{ agent.name }}", Subject);
        Assert.Equal("Bonjour Zoë O'Brien,\n#1042 « Printer on fire » (En cours, Haute), version 4.2.1, Acme: https://help.example.org/requests/1042\nAda Lovelace", text);
    }

    [Fact]
    public void Knows_liquid_and_leaves_what_does_not_exist_empty()
    {
        Assert.Equal("Big one.  ", Rendering.Render("{% if ticket.number > 1000 %}Big one.{% endif %} {{ ticket.fields.nope }} {{ secret.password }}", Subject));
        Assert.Equal("ZOË", Rendering.Render("{{ requester.first_name | upcase }}", Subject));
    }

    [Fact]
    public void A_mistake_is_found_before_it_is_saved_and_a_runaway_template_is_stopped()
    {
        Assert.Equal(new MacroRendering.Mistake(MacroRendering.MistakeKind.Unclosed, "}}", 1, 30, "End of tag '}}' was expected"),
            MacroRendering.MistakeIn("Hello {{ requester.first_name "));
        Assert.Null(MacroRendering.MistakeIn("Hello {{ requester.first_name }}"));
        // A range is a whole list in memory before any step counts: refused when saved, left as written if met.
        const string loop = "{% for i in (1..10000000) %}x{% endfor %}";
        Assert.Equal(MacroRendering.MistakeKind.Range, MacroRendering.MistakeIn(loop)?.Kind);
        Assert.Equal(MacroRendering.MistakeKind.Range, MacroRendering.MistakeIn("{{ (1..2000000000) | size }}")?.Kind);
        Assert.Equal(loop, Rendering.Render(loop, Subject));
        Assert.Null(MacroRendering.MistakeIn("Back in 2..3 days, {{ requester.first_name }}."));
        // A reply longer than twice what a macro holds is not made; nor a variable doubled until memory runs out.
        var wide = "{% for c in ticket.subject %}{% endfor %}" + string.Concat(Enumerable.Repeat("{{ ticket.subject | append: ticket.subject | append: ticket.subject }}", 2000));
        Assert.Equal(wide, Rendering.Render(wide, Subject));
        var assign = MacroRendering.MistakeIn("{% assign a = 'x' %}{{ a }}");
        Assert.Equal((MacroRendering.MistakeKind.UnknownTag, "assign"), (assign?.Kind, assign?.Name));
    }

    [Theory]
    [InlineData("{% if ticket.priority %}urgent", MacroRendering.MistakeKind.MissingEnd, "{% endif %}", 1, 31)]
    [InlineData("Line one\n{{ ticket.subject | }}", MacroRendering.MistakeKind.MissingFilter, null, 2, 20)]
    [InlineData("{% unknown %}", MacroRendering.MistakeKind.UnknownTag, "unknown", 1, 11)]
    public void Each_kind_of_mistake_is_named_with_where_the_parser_stopped(string text, MacroRendering.MistakeKind kind, string? name, int line, int column)
    {
        var mistake = MacroRendering.MistakeIn(text)!;
        Assert.Equal((kind, name, line, column), (mistake.Kind, mistake.Name, mistake.Line, mistake.Column));
    }
}
