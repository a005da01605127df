using Ganss.Xss;
using Markdig;

namespace Guichet.Web.Text;

/// <summary>
/// What people type becomes safe HTML: Markdown (bold, italic, lists, links, code) rendered to
/// HTML, then sanitized with an allow-list. Nothing a user wrote is ever shown any other way.
/// </summary>
public sealed class RichText
{
    private static readonly string[] AllowedTags =
        ["p", "br", "strong", "b", "em", "i", "u", "s", "del", "code", "pre", "blockquote", "ul", "ol", "li", "a", "h3", "h4", "hr", "table", "thead", "tbody", "tr", "th", "td"];

    private readonly MarkdownPipeline markdown = new MarkdownPipelineBuilder()
        .UseEmphasisExtras().UseAutoLinks().UsePipeTables().UseSoftlineBreakAsHardlineBreak().DisableHtml().Build();

    private readonly HtmlSanitizer sanitizer = CreateSanitizer();

    public sealed record Result(string Html, string Text);

    public Result FromMarkdown(string markdownText)
    {
        var html = Markdown.ToHtml(markdownText ?? "", markdown);
        return Sanitize(html);
    }

    /// <summary>HTML from elsewhere (a mail, an API client) made safe.</summary>
    public Result Sanitize(string html)
    {
        var safe = sanitizer.Sanitize(html ?? "");
        return new Result(safe, ToText(safe));
    }

    private static string ToText(string html)
    {
        var document = new AngleSharp.Html.Parser.HtmlParser().ParseDocument("<body>" + html.Replace("<br>", "\n").Replace("</p>", "</p>\n") + "</body>");
        return string.Join('\n', (document.Body?.TextContent ?? "").Split('\n').Select(l => l.TrimEnd())).Trim();
    }

    private static HtmlSanitizer CreateSanitizer()
    {
        var options = new HtmlSanitizerOptions
        {
            AllowedTags = new HashSet<string>(AllowedTags, StringComparer.OrdinalIgnoreCase),
            AllowedAttributes = new HashSet<string>(["href", "title"], StringComparer.OrdinalIgnoreCase),
            AllowedSchemes = new HashSet<string>(["http", "https", "mailto"], StringComparer.OrdinalIgnoreCase),
            UriAttributes = new HashSet<string>(["href"], StringComparer.OrdinalIgnoreCase),
        };
        var sanitizer = new HtmlSanitizer(options);
        // Links open outside Guichet and tell the target nothing about where they came from.
        sanitizer.PostProcessNode += (_, e) =>
        {
            if (e.Node is AngleSharp.Dom.IElement { LocalName: "a" } a)
            {
                a.SetAttribute("rel", "noopener noreferrer nofollow");
                a.SetAttribute("target", "_blank");
            }
        };
        return sanitizer;
    }
}
