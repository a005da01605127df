using System.Globalization;
using Fluid;
using Guichet.Web.Hosting;
using Guichet.Web.Tickets;
using Microsoft.Extensions.Options;

namespace Guichet.Web.Macros;

/// <summary>
/// A macro's text made into a reply for one ticket, with the Liquid engine Fluid. What a template may read:
/// <c>ticket</c> (number, subject, status, priority, url, and <c>fields</c> by key), <c>requester</c> and <c>agent</c>
/// (first_name, last_name, name, email), <c>organization</c> (name). Nothing else of the application is reachable,
/// and a template's work and output are bounded: an agent's template cannot read or hold more than its reply.
/// </summary>
public sealed partial class MacroRendering(IOptions<GuichetOptions> guichet)
{
    private static readonly FluidParser Parser = NewParser();

    private static readonly TemplateOptions Options = new() { MaxSteps = 10_000, MaxRecursion = 10 };

    /// <summary>Past this, rendering stops: a reply is never longer than twice what a macro may hold.</summary>
    private const int MaxOutputLength = Macro.MaxBodyLength * 2;

    // Filling in a reply needs no variables of its own: without them a template cannot grow a value in memory
    // ("assign a = a | append: a" twenty times is a gigabyte), and what it writes is bounded by OutputLimit.
    private static FluidParser NewParser()
    {
        var parser = new FluidParser();
        foreach (var tag in new[] { "assign", "capture", "increment", "decrement" }) parser.RegisteredTags.Remove(tag);
        return parser;
    }

    public sealed record Person(string FirstName, string LastName, string Email)
    {
        public string Name => $"{FirstName} {LastName}".Trim() is { Length: > 0 } name ? name : Email;
    }

    /// <summary>What a template knows of the ticket: values as the requester reads them (the status in their language).</summary>
    public sealed record Subject(long Number, string Title, string Status, string Priority, IReadOnlyDictionary<string, string> Fields,
        Person Requester, string? Organization, Person Agent);

    /// <summary>What kind of mistake a template has: the author is told in their language (<see cref="MacroLibrary"/>).</summary>
    public enum MistakeKind { Range, Unclosed, MissingEnd, MissingFilter, UnknownTag, Other }

    /// <summary>
    /// A mistake in a template: its kind, the tag or mark it is about (<see cref="Name"/>), where the parser stopped, and the
    /// parser's own words (English) for the kinds not worded here.
    /// </summary>
    public sealed record Mistake(MistakeKind Kind, string? Name, int? Line, int? Column, string ParserMessage);

    /// <summary>Null when the text is a valid template.</summary>
    public static Mistake? MistakeIn(string text)
    {
        if (HasRange(text)) return new(MistakeKind.Range, null, null, null, "");
        if (Parser.TryParse(text, out _, out var error)) return null;
        // Fluid says "<what> at (line:column)", then the source line.
        var first = error.ReplaceLineEndings("\n").Split('\n')[0].Trim();
        var at = Position().Match(first);
        var message = at.Success ? first[..at.Index] : first;
        var (line, column) = at.Success ? (int.Parse(at.Groups[1].Value, CultureInfo.InvariantCulture), int.Parse(at.Groups[2].Value, CultureInfo.InvariantCulture)) : ((int?)null, (int?)null);
        Mistake Of(MistakeKind kind, string? name = null) => new(kind, name, line, column, message);
        if (UnclosedMark().Match(message) is { Success: true } unclosed) return Of(MistakeKind.Unclosed, unclosed.Groups[1].Value);
        if (MissingEndTag().Match(message) is { Success: true } end) return Of(MistakeKind.MissingEnd, end.Groups[1].Value);
        if (message.Contains("expected after the '|'", StringComparison.Ordinal)) return Of(MistakeKind.MissingFilter);
        if (UnknownTagName().Match(message) is { Success: true } unknown) return Of(MistakeKind.UnknownTag, unknown.Groups[1].Value);
        return Of(MistakeKind.Other);
    }

    [System.Text.RegularExpressions.GeneratedRegex(@" at \((\d+):(\d+)\)$")]
    private static partial System.Text.RegularExpressions.Regex Position();

    [System.Text.RegularExpressions.GeneratedRegex(@"^End of tag '(.+)' was expected$")]
    private static partial System.Text.RegularExpressions.Regex UnclosedMark();

    [System.Text.RegularExpressions.GeneratedRegex(@"^'(\{% *\w+ *%\})' was expected$")]
    private static partial System.Text.RegularExpressions.Regex MissingEndTag();

    [System.Text.RegularExpressions.GeneratedRegex(@"^Unknown tag '(.+)'$")]
    private static partial System.Text.RegularExpressions.Regex UnknownTagName();

    // A range is made as a whole list in memory before any step is counted: (1..2000000000) alone would take a node's
    // memory. Nothing a reply needs is a range, so none is allowed (inside {{ }} and {% %} only: "2..3 days" is text).
    [System.Text.RegularExpressions.GeneratedRegex(@"(\{\{|\{%)((?!\}\}|%\}).)*\.\.", System.Text.RegularExpressions.RegexOptions.Singleline)]
    private static partial System.Text.RegularExpressions.Regex Range();

    private static bool HasRange(string text) => Range().IsMatch(text);

    public string Render(string text, Subject subject)
    {
        if (HasRange(text) || !Parser.TryParse(text, out var template, out _)) return text;
        var context = new TemplateContext(Options);
        context.SetValue("ticket", new Dictionary<string, object?>
        {
            ["number"] = subject.Number, ["subject"] = subject.Title, ["status"] = subject.Status, ["priority"] = subject.Priority,
            ["url"] = guichet.Value.Link($"/requests/{subject.Number}").ToString(),
            ["fields"] = subject.Fields.ToDictionary(f => f.Key, f => (object?)f.Value),
        });
        context.SetValue("requester", PersonValue(subject.Requester));
        context.SetValue("agent", PersonValue(subject.Agent));
        context.SetValue("organization", new Dictionary<string, object?> { ["name"] = subject.Organization ?? "" });
        // Plain text out: the reply is Markdown, sanitized when it is saved; an HTML encoder here would turn "O'Brien" into entities.
        try
        {
            using var output = new OutputLimit(MaxOutputLength);
            // Values are plain objects already in memory: rendering completes synchronously; waiting costs nothing.
            template.RenderAsync(output, NullEncoder.Default, context).AsTask().GetAwaiter().GetResult();
            return output.ToString();
        }
        catch (InvalidOperationException)
        {
            // Past the bounds (a loop of a million turns, a reply of a million characters): the text as written, for the agent to see and mend.
            return text;
        }
    }

    /// <summary>A writer that refuses to hold more than its limit.</summary>
    private sealed class OutputLimit(int limit) : StringWriter(System.Globalization.CultureInfo.InvariantCulture)
    {
        public override void Write(char value)
        {
            Check(1);
            base.Write(value);
        }

        public override void Write(string? value)
        {
            Check(value?.Length ?? 0);
            base.Write(value);
        }

        public override void Write(char[] buffer, int index, int count)
        {
            Check(count);
            base.Write(buffer, index, count);
        }

        private void Check(int more)
        {
            if (GetStringBuilder().Length + more > limit) throw new InvalidOperationException("The macro's reply is too long.");
        }
    }

    private static Dictionary<string, object?> PersonValue(Person person) => new()
    {
        ["first_name"] = person.FirstName, ["last_name"] = person.LastName, ["name"] = person.Name, ["email"] = person.Email,
    };
}
