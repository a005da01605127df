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
        Assert.NotNull(MacroRendering.ErrorIn("Hello {{ requester.first_name "));
        Assert.Null(MacroRendering.ErrorIn("Hello {{ requester.first_name }}"));
        // A range is a whole list in memory before any step counts: refused when saved, left as written if met.
        const string loop = "{% for i in (1..10000000) %}x{% endfor %}";
        Assert.NotNull(MacroRendering.ErrorIn(loop));
        Assert.NotNull(MacroRendering.ErrorIn("{{ (1..2000000000) | size }}"));
        Assert.Equal(loop, Rendering.Render(loop, Subject));
        Assert.Null(MacroRendering.ErrorIn("Back in 2..3 days, {{ requester.first_name }}."));
        // A reply longer than twice what a macro holds is not made; nor a variable doubled until memory runs out.
        var wide = "{% for c in ticket.subject %}{% endfor %}" + string.Concat(Enumerable.Repeat("{{ ticket.subject | append: ticket.subject | append: ticket.subject }}", 2000));
        Assert.Equal(wide, Rendering.Render(wide, Subject));
        Assert.NotNull(MacroRendering.ErrorIn("{% assign a = 'x' %}{{ a }}"));
    }
}
