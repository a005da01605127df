using System.Text.RegularExpressions;
using Ganss.Xss;
using Markdig;
using Markdig.Renderers;
using Markdig.Syntax;
using Markdig.Syntax.Inlines;

namespace Guichet.Web.Text;

/// <summary>
/// What people type becomes safe HTML: Markdown (bold, italic, lists, links, code) rendered to
/// HTML, then sanitized with an allow-list. Nothing a user wrote is ever shown any other way.
/// Images show only when they are files of the message itself (see <see cref="AttachedFile"/>):
/// an image from elsewhere would tell its server who reads the request, and the CSP blocks it anyway.
/// </summary>
public sealed partial class RichText
{
    /// <summary>How a message's text names one of its files: <c>attachment:screenshot.png</c>.</summary>
    public const string AttachmentScheme = "attachment:";

    private static readonly string[] AllowedTags =
        ["p", "div", "br", "strong", "b", "em", "i", "u", "s", "del", "code", "pre", "blockquote", "ul", "ol", "li", "a", "h2", "h3", "h4", "hr", "table", "thead", "tbody", "tr", "th", "td", "img"];

    /// <summary>Elements whose content is not words to read: removed whole, where any other element not allowed is unwrapped.</summary>
    private static readonly string[] NotWords =
        ["head", "title", "style", "script", "noscript", "template", "svg", "math", "object", "embed", "applet", "iframe", "frame", "frameset", "noframes", "noembed", "select", "textarea", "xml"];

    private readonly MarkdownPipeline markdown = new MarkdownPipelineBuilder()
        .UseEmphasisExtras().UseAutoLinks().UsePipeTables().UseSoftlineBreakAsHardlineBreak().DisableHtml().Build();

    private readonly HtmlSanitizer sanitizer = CreateSanitizer();

    public sealed record Result(string Html, string Text);

    public Result FromMarkdown(string markdownText) => FromMarkdown(markdownText, []);

    /// <param name="files">The files sent with this message: references to them become their address, images show inline.</param>
    public Result FromMarkdown(string markdownText, IReadOnlyList<AttachedFile> files)
    {
        var document = Markdown.Parse(markdownText ?? "", markdown);
        foreach (var link in document.Descendants<LinkInline>().ToList())
            Resolve(link, files);
        using var writer = new StringWriter();
        var renderer = new HtmlRenderer(writer);
        markdown.Setup(renderer);
        renderer.Render(document);
        writer.Flush();
        return Sanitize(writer.ToString());
    }

    /// <summary>HTML from elsewhere (a mail, an API client) made safe.</summary>
    public Result Sanitize(string html)
    {
        var safe = sanitizer.Sanitize(html ?? "");
        return new Result(safe, ToText(safe));
    }

    /// <summary>
    /// An <c>attachment:</c> reference becomes the file's address; an image shows only if it is one of
    /// the message's images, anything else is a link (no image of another site is ever loaded).
    /// A reference to a file that was not sent stays as the words that were typed.
    /// </summary>
    private static void Resolve(LinkInline link, IReadOnlyList<AttachedFile> files)
    {
        var url = link.Url ?? "";
        if (url.StartsWith(AttachmentScheme, StringComparison.OrdinalIgnoreCase))
        {
            var name = Uri.UnescapeDataString(url[AttachmentScheme.Length..]).Trim();
            if (files.FirstOrDefault(f => string.Equals(f.FileName, name, StringComparison.OrdinalIgnoreCase)) is { } file)
            {
                link.Url = file.Url;
                link.IsImage = link.IsImage && file.IsImage;
                return;
            }
            var typed = link.IsImage ? $"![{Label(link)}]({url})" : $"[{Label(link)}]({url})";
            link.ReplaceBy(new LiteralInline(typed), copyChildren: false);
            return;
        }
        link.IsImage = false;
    }

    private static string Label(ContainerInline container) =>
        string.Concat(container.Descendants<LiteralInline>().Select(l => l.Content.ToString()));

    private static string ToText(string html)
    {
        var document = new AngleSharp.Html.Parser.HtmlParser().ParseDocument("<body>" + html.Replace("<br>", "\n").Replace("</p>", "</p>\n").Replace("</div>", "</div>\n") + "</body>");
        // An image reads as its name in the text of the message (mail, search): "[screenshot.png]".
        foreach (var image in document.QuerySelectorAll("img").ToList())
            image.Replace(document.CreateTextNode($"[{image.GetAttribute("alt")}]"));
        return string.Join('\n', (document.Body?.TextContent ?? "").Split('\n').Select(l => l.TrimEnd())).Trim();
    }

    private static HtmlSanitizer CreateSanitizer()
    {
        var options = new HtmlSanitizerOptions
        {
            AllowedTags = new HashSet<string>(AllowedTags, StringComparer.OrdinalIgnoreCase),
            AllowedAttributes = new HashSet<string>(["href", "title", "src", "alt"], StringComparer.OrdinalIgnoreCase),
            AllowedSchemes = new HashSet<string>(["http", "https", "mailto"], StringComparer.OrdinalIgnoreCase),
            UriAttributes = new HashSet<string>(["href", "src"], StringComparer.OrdinalIgnoreCase),
        };
        // A mail's HTML is <div>, <span> and <font> all through (Gmail, Outlook): an element not allowed gives up its tag, not its words.
        var sanitizer = new HtmlSanitizer(options) { KeepChildNodes = true };
        sanitizer.RemovingTag += (_, e) =>
        {
            if (NotWords.Contains(e.Tag.LocalName, StringComparer.OrdinalIgnoreCase)) e.Tag.InnerHtml = "";
        };
        sanitizer.PostProcessNode += (_, e) =>
        {
            switch (e.Node)
            {
                // Links open outside Guichet and tell the target nothing about where they came from.
                case AngleSharp.Dom.IElement { LocalName: "a" } a:
                    a.SetAttribute("rel", "noopener noreferrer nofollow");
                    a.SetAttribute("target", "_blank");
                    break;
                // Only this site's attachment and article file downloads, which check who may see them, may show as images.
                case AngleSharp.Dom.IElement { LocalName: "img" } img when !AttachmentAddress().IsMatch(img.GetAttribute("src") ?? ""):
                    img.Replace(img.Owner!.CreateTextNode(img.GetAttribute("alt") ?? ""));
                    break;
                case AngleSharp.Dom.IElement { LocalName: "img" } img:
                    img.SetAttribute("loading", "lazy");
                    break;
            }
        };
        return sanitizer;
    }

    [GeneratedRegex(@"^/(?:attachments|kb/files)/[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}/[^/?#\\\s]+$")]
    private static partial Regex AttachmentAddress();
}
