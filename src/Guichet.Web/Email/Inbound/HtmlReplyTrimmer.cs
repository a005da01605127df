using System.Collections.Frozen;
using System.Text;
using AngleSharp.Dom;
using AngleSharp.Html;
using AngleSharp.Html.Parser;

namespace Guichet.Web.Email.Inbound;

/// <summary>
/// <see cref="ReplyTrimmer.TrimHtml"/>: finds the elements the clients put around what they quote (their classes
/// and ids, Outlook's header block) and signatures, then writes the body without them. The document itself is
/// never changed: AngleSharp finds a node among its siblings by scanning them, so removing the thousands of
/// paragraphs of a long quoted thread one by one would take quadratic time. What is left out is a set of nodes,
/// skipped when the body is written out.
/// </summary>
internal static class HtmlReplyTrimmer
{
    private enum Step { Into, Over, Stop }

    private enum Part { Text, Quote, Footer }

    public static TrimmedReply Trim(string html)
    {
        var body = new HtmlParser().ParseDocument(html).Body;
        if (body is null) return new TrimmedReply(html, false);

        // Left out, each with everything inside it.
        var left = new HashSet<INode>(ReferenceEqualityComparer.Instance);
        // Outlook heads a forwarded message as a replied one; a forward is what the customer means to send.
        if (FindReplyHeader(body) is { } header && From(header, body) is var rest && !IsForward(rest)) left.UnionWith(rest);

        var (quotes, signatures, footers) = FindQuotesAndSignatures(body, left);
        var parts = Parts(body, left, quotes, signatures, footers);

        // As in text, a footer ends the new words: one followed by more of them (not by a quote) is the customer's.
        var blocks = new List<bool>();
        var ends = true;
        for (var p = parts.Count - 1; p >= 0; p--)
        {
            var (part, node) = parts[p];
            if (part == Part.Footer && ends)
            {
                left.Add(node);
                continue;
            }
            blocks.Add(part == Part.Quote);
            ends = part == Part.Quote;
        }
        blocks.Reverse();

        switch (ReplyTrimmer.LayoutOf(blocks))
        {
            case ReplyTrimmer.Layout.Empty or ReplyTrimmer.Layout.AllQuote:
                return Untrimmed(body);
            case ReplyTrimmer.Layout.QuoteAfter or ReplyTrimmer.Layout.QuoteBefore:
                left.UnionWith(quotes);
                break;
        }
        left.UnionWith(signatures);
        if (left.Count == 0) return Untrimmed(body);

        TrimEdges(body, left);
        return new TrimmedReply(Write(body, left), true);
    }

    private static TrimmedReply Untrimmed(IElement body) => new(Write(body, new HashSet<INode>(ReferenceEqualityComparer.Instance)), false);

    /// <summary>
    /// Where Outlook's copy of the answered message begins: all that follows is the quoted thread. Outlook writes no
    /// quote element, only a header block ("From: … Sent: …") in a marked or bordered div; a separator line or
    /// a "-- " signature delimiter ends the new text the same way.
    /// </summary>
    private static INode? FindReplyHeader(IElement body)
    {
        INode? found = null;
        Walk(body, (node, siblings, index) =>
        {
            switch (node)
            {
                // Headers inside a quote belong to older messages: an answer written below that quote must stay.
                case IElement e when IsQuote(e) || e.LocalName == "blockquote":
                    return Step.Over;
                case IElement e when IsReplyHeader(e):
                    found = e.Id is { } id && id.EndsWith("divRplyFwdMsg", StringComparison.OrdinalIgnoreCase) ? RuleBefore(siblings, index) ?? e : e;
                    return Step.Stop;
                case IText text when ReplyMarkers.IsOutlookSeparator(text.Data) || IsSignatureDelimiter(text, siblings, index):
                    found = text;
                    return Step.Stop;
                default:
                    return Step.Into;
            }
        });
        return found;
    }

    private static bool IsForward(List<INode> rest) =>
        ReplyMarkers.IsForwardHeader(LeadingText(rest, 3000, out _).Split('\n').Select(ReplyMarkers.Collapse)
            .SkipWhile(l => ReplyMarkers.Header(l) != ReplyMarkers.HeaderField.From));

    private static bool IsReplyHeader(IElement e) =>
        e.Id is { } id && (id.EndsWith("divRplyFwdMsg", StringComparison.OrdinalIgnoreCase)   // Outlook on the web and mobile ("x_" in copies)
                           || id.Equals("appendonsend", StringComparison.OrdinalIgnoreCase)
                           || id.Equals("mail-editor-reference-message-container", StringComparison.OrdinalIgnoreCase))   // the new Outlook
        || e.ClassList.Contains("OutlookMessageHeader")
        || IsOutlookDesktopHeader(e);

    /// <summary>
    /// Outlook desktop's <c>&lt;div style="border:none;border-top:solid #E1E1E1 1.0pt;…"&gt;</c> (#B5C4DF before 2013)
    /// around "From: … Sent: …". The header's first field is checked too: a bordered div alone proves nothing.
    /// </summary>
    private static bool IsOutlookDesktopHeader(IElement e)
    {
        if (e.LocalName != "div" || e.GetAttribute("style") is not { } style) return false;
        var css = string.Concat(style.Where(c => !char.IsWhiteSpace(c))).ToLowerInvariant();
        return css.Contains("border-top:", StringComparison.Ordinal)
            && (css.Contains("#e1e1e1", StringComparison.Ordinal) || css.Contains("#b5c4df", StringComparison.Ordinal) || css.Contains("rgb(225,225,225)", StringComparison.Ordinal))
            && ShortText(e, 4000) is { } text && ReplyMarkers.Header(text) == ReplyMarkers.HeaderField.From;
    }

    /// <summary>Outlook draws a rule (&lt;hr&gt;) just before its header block: it goes with it.</summary>
    private static INode? RuleBefore(INodeList siblings, int index)
    {
        for (var k = index - 1; k >= 0; k--)
        {
            if (siblings[k] is IText text && string.IsNullOrWhiteSpace(text.Data)) continue;
            return siblings[k] is IElement { LocalName: "hr" } rule ? rule : null;
        }
        return null;
    }

    /// <summary>"-- " on a line of its own: the text alone between line breaks or its element's edges.</summary>
    private static bool IsSignatureDelimiter(IText text, INodeList siblings, int index) =>
        text.Data.AsSpan().Trim() is "--"
        && (index == 0 || siblings[index - 1] is IElement { LocalName: "br" })
        && (index == siblings.Length - 1 || siblings[index + 1] is IElement { LocalName: "br" });

    private static (HashSet<INode> Quotes, HashSet<INode> Signatures, HashSet<INode> Footers) FindQuotesAndSignatures(IElement body, HashSet<INode> left)
    {
        var quotes = new HashSet<INode>(ReferenceEqualityComparer.Instance);
        var signatures = new HashSet<INode>(ReferenceEqualityComparer.Instance);
        var footers = new HashSet<INode>(ReferenceEqualityComparer.Instance);
        Walk(body, (node, siblings, index) =>
        {
            if (left.Contains(node)) return Step.Over;
            switch (node)
            {
                case IElement e when IsQuote(e):
                    if (!StartsForward([e])) quotes.Add(e);   // Gmail forwards in a gmail_quote too
                    return Step.Over;
                // Apple Mail forwards in a blockquote after "Begin forwarded message:", or with it inside.
                case IElement { LocalName: "blockquote" } e when StartsForward([e]) || ForwardBefore(siblings, index):
                    return Step.Over;
                // Apple Mail and Thunderbird quote in <blockquote type="cite">, after their attribution; any other
                // blockquote is a quote only after an attribution ("On … wrote:"), else the customer's own formatting.
                case IElement { LocalName: "blockquote" } e:
                    var attribution = AttributionBefore(siblings, index, left);
                    if (attribution is not null || string.Equals(e.GetAttribute("type"), "cite", StringComparison.OrdinalIgnoreCase))
                    {
                        quotes.Add(e);
                        quotes.UnionWith(attribution ?? []);
                    }
                    return Step.Over;
                case IElement e when IsSignature(e):
                    signatures.Add(e);
                    return Step.Over;
                case IText text when ReplyMarkers.MayBeMobileFooter(text.Data) && FooterAround(text, body) is { } footer:
                    footers.Add(footer);
                    return Step.Over;
                default:
                    return Step.Into;
            }
        });
        return (quotes, signatures, footers);
    }

    // Gmail (gmail_quote, and gmail_quote_container around it with its attribution gmail_attr since 2024) and
    // Yahoo, which prefixes its class ("ydp1f2e3yahoo_quoted").
    private static bool IsQuote(IElement e) =>
        e.ClassList.Contains("gmail_quote") || e.ClassList.Contains("gmail_quote_container") || e.ClassList.Contains("gmail_attr")
        || (e.GetAttribute("class") is { } classes && classes.Contains("yahoo_quoted", StringComparison.OrdinalIgnoreCase));

    private static bool IsSignature(IElement e) =>
        e.ClassList.Contains("gmail_signature") || e.ClassList.Contains("gmail_signature_prefix") || e.ClassList.Contains("moz-signature")
        || string.Equals(e.GetAttribute("data-smartmail"), "gmail_signature", StringComparison.OrdinalIgnoreCase)
        || e.Id is "Signature" or "ms-outlook-mobile-signature";   // Outlook on the web, Outlook mobile

    /// <summary>
    /// The attribution before a blockquote, with the line breaks between them: Thunderbird's div.moz-cite-prefix, or
    /// any element or text that reads like one ("On 7 Dec 2026, at 10:00, Ana Silva &lt;ana@…&gt; wrote:").
    /// </summary>
    private static List<INode>? AttributionBefore(INodeList siblings, int index, HashSet<INode> left)
    {
        var found = new List<INode>();
        for (var k = index - 1; k >= 0 && k >= index - 8; k--)
        {
            var node = siblings[k];
            if (left.Contains(node)) return null;
            found.Add(node);
            if ((node is IText blank && string.IsNullOrWhiteSpace(blank.Data)) || node is IElement { LocalName: "br" }) continue;
            var isAttribution = (node is IElement e && e.ClassList.Contains("moz-cite-prefix"))
                || (ShortText(node, 600) is { } text && ReplyMarkers.IsAttribution(ReplyMarkers.Collapse(text)));
            return isAttribution ? found : null;
        }
        return null;
    }

    private static bool ForwardBefore(INodeList siblings, int index)
    {
        for (var k = index - 1; k >= 0 && k >= index - 8; k--)
        {
            if ((siblings[k] is IText blank && string.IsNullOrWhiteSpace(blank.Data)) || siblings[k] is IElement { LocalName: "br" }) continue;
            return ShortText(siblings[k], 200) is { } text && ReplyMarkers.IsForwardSeparator(ReplyMarkers.Collapse(text));
        }
        return false;
    }

    /// <summary>The div or paragraph that holds nothing but a mobile app's footer ("Sent from my iPhone", "Get Outlook for iOS").</summary>
    private static INode? FooterAround(IText text, IElement body)
    {
        for (var node = text.Parent; node is not null && node != body; node = node.Parent)
        {
            if (node is IElement { LocalName: "div" or "p" } block)
                return ShortText(block, 120) is { } words && ReplyMarkers.IsMobileFooter(ReplyMarkers.Collapse(words)) ? block : null;
        }
        return ReplyMarkers.IsMobileFooter(ReplyMarkers.Collapse(text.Data)) ? text : null;
    }

    /// <summary>The body in document order as the customer's words, quotes and footers, for <see cref="ReplyTrimmer.LayoutOf"/>.</summary>
    private static List<(Part Part, INode Node)> Parts(IElement body, HashSet<INode> left, HashSet<INode> quotes, HashSet<INode> signatures, HashSet<INode> footers)
    {
        var parts = new List<(Part, INode)>();
        Walk(body, (node, _, _) =>
        {
            if (left.Contains(node) || signatures.Contains(node)) return Step.Over;
            if (quotes.Contains(node)) parts.Add((Part.Quote, node));
            else if (footers.Contains(node)) parts.Add((Part.Footer, node));
            else if (IsContent(node)) parts.Add((Part.Text, node));
            else return IsHidden(node) ? Step.Over : Step.Into;
            return Step.Over;
        });
        return parts;
    }

    /// <summary>Leaves out the empty lines, breaks and paragraphs left at both ends once quotes and signatures are gone.</summary>
    private static void TrimEdges(IElement body, HashSet<INode> left)
    {
        foreach (var fromEnd in (bool[])[true, false])
        {
            INode parent = body;
            while (true)
            {
                var children = parent.ChildNodes;
                INode? edge = null;
                for (var k = 0; k < children.Length && edge is null; k++)
                {
                    var child = children[fromEnd ? children.Length - 1 - k : k];
                    if (left.Contains(child)) continue;
                    if (HasContent(child, left)) edge = child;
                    else left.Add(child);
                }
                // Only into plain containers: the cells of a table or the items of a list keep their shape.
                if (edge is not IElement { LocalName: "div" or "p" or "span" or "font" or "section" or "article" or "center" }) break;
                parent = edge;
            }
        }
    }

    /// <summary>
    /// The body's inner HTML without what is left out, written node by node with AngleSharp's formatter: its own
    /// ToHtml of a text or an element takes time in proportion to the node's place among its siblings, quadratic
    /// over the thousands of paragraphs of a long thread.
    /// </summary>
    private static string Write(IElement body, HashSet<INode> left)
    {
        var formatter = HtmlMarkupFormatter.Instance;
        using var writer = new StringWriter();
        foreach (var child in body.ChildNodes) Write(child);
        return writer.ToString();

        void Write(INode node)
        {
            if (left.Contains(node)) return;
            switch (node)
            {
                // The text of a script or style element is not escaped (it was not when parsed).
                case IText text when text.Parent is IElement { LocalName: "style" or "script" or "xmp" or "iframe" or "noembed" or "noframes" or "plaintext" }:
                    writer.Write(text.Data);
                    break;
                case IText text:
                    writer.Write(formatter.Text(text));
                    break;
                case IComment comment:
                    writer.Write(formatter.Comment(comment));
                    break;
                case IElement element:
                    writer.Write(formatter.OpenTag(element, false));
                    if (VoidElements.Contains(element.LocalName)) break;
                    // As AngleSharp: the parser drops a <pre>'s first line break, so one that begins the text is written twice.
                    if (element.LocalName is "pre" or "textarea" or "listing" && element.FirstChild is IText { Data: ['\n', ..] })
                        writer.Write('\n');
                    foreach (var child in element.ChildNodes) Write(child);
                    writer.Write(formatter.CloseTag(element, false));
                    break;
                default:
                    node.ToHtml(writer, formatter);
                    break;
            }
        }
    }

    private static readonly FrozenSet<string> VoidElements = FrozenSet.Create(
        "area", "base", "basefont", "bgsound", "br", "col", "embed", "frame", "hr", "img", "input", "keygen", "link", "meta", "param", "source", "track", "wbr");

    /// <summary><paramref name="cut"/> and everything after it in document order (each node with what it holds).</summary>
    private static List<INode> From(INode cut, IElement body)
    {
        var nodes = new List<INode> { cut };
        for (var node = cut; node != body && node.Parent is { } parent; node = parent)
        {
            var siblings = parent.ChildNodes;
            var k = 0;
            while (!ReferenceEquals(siblings[k], node)) k++;
            for (k++; k < siblings.Length; k++) nodes.Add(siblings[k]);
        }
        return nodes;
    }

    private static bool HasContent(INode node, HashSet<INode> left)
    {
        if (IsContent(node)) return true;
        var found = false;
        Walk(node, (n, _, _) =>
        {
            if (left.Contains(n) || IsHidden(n)) return Step.Over;
            if (!IsContent(n)) return Step.Into;
            found = true;
            return Step.Stop;
        });
        return found;
    }

    /// <summary>Words (not only spaces, non-breaking or zero-width) or an image: what a reader would see.</summary>
    private static bool IsContent(INode node) => node switch
    {
        IText text => text.Data.AsSpan().ContainsAnyExcept(Blanks),
        IElement { LocalName: "img" or "svg" or "video" or "audio" or "object" or "embed" or "iframe" } => true,
        _ => false,
    };

    private static bool IsHidden(INode node) => node is IComment or IElement { LocalName: "head" or "style" or "script" or "title" or "template" };

    private static readonly System.Buffers.SearchValues<char> Blanks =
        System.Buffers.SearchValues.Create(" \t\r\n\f\v\u00A0\u2007\u202F\u200B\u200C\u200D\u2060\uFEFF");

    /// <summary>The text of a small node, or null when it has more than <paramref name="max"/> characters (or many nodes).</summary>
    private static string? ShortText(INode node, int max)
    {
        var text = LeadingText([node], max, out var whole);
        return whole ? text : null;
    }

    /// <summary>
    /// The first <paramref name="max"/> characters of the nodes' text, in order, a line break for each br, p and div;
    /// <paramref name="whole"/> when that is all of it. At most a few hundred nodes are read.
    /// </summary>
    private static string LeadingText(IEnumerable<INode> nodes, int max, out bool whole)
    {
        var text = new StringBuilder();
        var visited = 0;
        var complete = true;
        foreach (var node in nodes)
        {
            if (Read(node) == Step.Into) Walk(node, (n, _, _) => Read(n));
            if (!complete) break;
        }
        whole = complete;
        return text.ToString();

        Step Read(INode n)
        {
            if (++visited > 500 || text.Length > max)
            {
                complete = false;
                return Step.Stop;
            }
            switch (n)
            {
                case IText t:
                    text.Append(t.Data);
                    return Step.Over;
                case IElement { LocalName: "br" or "p" or "div" }:
                    text.Append('\n');   // a line break or a new block ends the words before it
                    return Step.Into;
                default:
                    return IsHidden(n) ? Step.Over : Step.Into;
            }
        }
    }

    /// <summary>Whether the nodes' text starts with a forwarded message's first line ("---------- Forwarded message ---------").</summary>
    private static bool StartsForward(IEnumerable<INode> nodes) =>
        LeadingText(nodes, 300, out _).Split('\n').FirstOrDefault(l => !string.IsNullOrWhiteSpace(l)) is { } first
        && ReplyMarkers.IsForwardSeparator(ReplyMarkers.Collapse(first));

    /// <summary>
    /// Document order without recursion (a mail may nest thousands of elements) and without NextSibling, which
    /// AngleSharp answers by scanning the parent's children.
    /// </summary>
    private static void Walk(INode root, Func<INode, INodeList, int, Step> visit)
    {
        var stack = new Stack<(INodeList Children, int Index)>();
        stack.Push((root.ChildNodes, 0));
        while (stack.TryPop(out var frame))
        {
            if (frame.Index >= frame.Children.Length) continue;
            stack.Push((frame.Children, frame.Index + 1));
            var node = frame.Children[frame.Index];
            var step = visit(node, frame.Children, frame.Index);
            if (step == Step.Stop) return;
            if (step == Step.Into && node.HasChildNodes) stack.Push((node.ChildNodes, 0));
        }
    }
}
