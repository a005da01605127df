namespace Guichet.Web.Email.Inbound;

/// <summary>
/// Keeps the new part of a customer's reply: the quoted history and the signature are left out of what is shown
/// (the mail as received is kept elsewhere). When in doubt it keeps: a reply that would be left empty is shown
/// whole, and answers written between quoted lines keep the quotes they answer.
/// </summary>
public static class ReplyTrimmer
{
    /// <summary>How the quoted blocks of a reply sit among its own words.</summary>
    internal enum Layout { Empty, NoQuote, AllQuote, QuoteAfter, QuoteBefore, Interleaved }

    private enum LineKind { Blank, Text, Quote }

    private enum OutlookHeader { None, Reply, Forward }

    /// <summary>The new part of a plain-text reply.</summary>
    public static TrimmedReply TrimText(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var (lines, starts) = Split(text);
        var kinds = lines.Select(l => string.IsNullOrWhiteSpace(l) ? LineKind.Blank : l.AsSpan().TrimStart().StartsWith(">") ? LineKind.Quote : LineKind.Text).ToArray();

        var end = CutAt(lines, kinds);
        var runs = Runs(kinds, end);
        int from = 0, to = end;
        switch (LayoutOf(runs.Select(r => r.Quote)))
        {
            case Layout.Empty or Layout.AllQuote:
                return new TrimmedReply(text, false);
            case Layout.QuoteAfter:
                to = runs[^1].First;
                break;
            case Layout.QuoteBefore:
                from = runs[^1].First;
                break;
        }
        if (from == 0 && to == lines.Length) return new TrimmedReply(text, false);

        while (from < to && kinds[from] == LineKind.Blank) from++;
        var kept = text[starts[from]..(to < lines.Length ? starts[to] : text.Length)].TrimEnd();
        return kept.Length == 0 ? new TrimmedReply(text, false) : new TrimmedReply(kept, true);
    }

    /// <summary>
    /// The new part of an HTML reply, from the mail's raw HTML: the clients' quote markers are class and id attributes,
    /// which sanitizing removes. Kept is always the inner HTML of the body (also when nothing is trimmed: the head's
    /// styles and title are never shown), to be sanitized like any mail.
    /// </summary>
    public static TrimmedReply TrimHtml(string html)
    {
        ArgumentNullException.ThrowIfNull(html);
        return HtmlReplyTrimmer.Trim(html);
    }

    /// <summary>
    /// Which part is new, from the order of quoted blocks (true) and the customer's own words (false), in the order
    /// they come: words then a quote is a top-posted reply, a quote then words a bottom-posted one; any other mix
    /// is an answer written between quoted lines, where the quotes give the answers their sense.
    /// </summary>
    internal static Layout LayoutOf(IEnumerable<bool> blocks)
    {
        var runs = new List<bool>();
        foreach (var quote in blocks)
            if (runs.Count == 0 || runs[^1] != quote) runs.Add(quote);
        return runs switch
        {
            [] => Layout.Empty,
            _ when !runs.Contains(true) => Layout.NoQuote,
            [true] => Layout.AllQuote,
            [false, true] => Layout.QuoteAfter,
            [true, false] => Layout.QuoteBefore,
            _ => Layout.Interleaved,
        };
    }

    /// <summary>
    /// The first line of what follows the new text in any case: an Outlook header or separator, an attribution
    /// without "&gt;" lines after it, a signature, a mobile app's footer. Attributions followed by "&gt;" lines
    /// become part of their quote, whose place among the customer's words decides (<see cref="LayoutOf"/>).
    /// </summary>
    private static int CutAt(string[] lines, LineKind[] kinds)
    {
        for (var i = 0; i < lines.Length; i++)
        {
            if (kinds[i] != LineKind.Text) continue;
            if (IsForwarded(lines, kinds, i)) break;
            var attribution = AttributionLength(lines, kinds, i);
            if (attribution > 0)
            {
                var next = NextNonBlank(kinds, i + attribution);
                if (next == lines.Length || kinds[next] != LineKind.Quote) return i;
                Array.Fill(kinds, LineKind.Quote, i, attribution);
                i += attribution - 1;
                continue;
            }
            if (IsHeaderOrSignature(lines, kinds, i)) return i;
            // A footer is the last line of the new text: one followed by more of the customer's words is something they wrote.
            if (ReplyMarkers.IsMobileFooter(lines[i]) && NextNonBlank(kinds, i + 1) is var after
                && (after == lines.Length || kinds[after] == LineKind.Quote || AttributionLength(lines, kinds, after) > 0 || IsHeaderOrSignature(lines, kinds, after)))
                return i;
        }
        return lines.Length;
    }

    private static bool IsHeaderOrSignature(string[] lines, LineKind[] kinds, int i) =>
        ReplyMarkers.IsSignatureDelimiter(lines[i])
        || ReplyMarkers.IsOutlookSeparator(lines[i])
        || HeaderBlockAt(lines, kinds, i) == OutlookHeader.Reply
        || (ReplyMarkers.IsUnderscores(lines[i]) && NextNonBlank(kinds, i + 1) is var next && next < lines.Length && HeaderBlockAt(lines, kinds, next) == OutlookHeader.Reply);

    /// <summary>A forwarded message is what the customer means to send: nothing from its first line on is trimmed.</summary>
    private static bool IsForwarded(string[] lines, LineKind[] kinds, int i) =>
        ReplyMarkers.IsForwardSeparator(lines[i])
        || HeaderBlockAt(lines, kinds, i) == OutlookHeader.Forward
        || ((ReplyMarkers.IsOutlookSeparator(lines[i]) || ReplyMarkers.IsUnderscores(lines[i]))
            && NextNonBlank(kinds, i + 1) is var next && next < lines.Length && HeaderBlockAt(lines, kinds, next) == OutlookHeader.Forward);

    /// <summary>
    /// How many lines (1 to 3: Gmail wraps long ones) the attribution starting at line <paramref name="i"/> spans, 0 if none.
    /// </summary>
    private static int AttributionLength(string[] lines, LineKind[] kinds, int i)
    {
        if (ReplyMarkers.IsAttribution(lines[i])) return 1;
        if (!ReplyMarkers.MayStartAttribution(lines[i])) return 0;
        var joined = lines[i].Trim();
        for (var k = 1; k < 3 && i + k < lines.Length && kinds[i + k] == LineKind.Text; k++)
        {
            joined += " " + lines[i + k].Trim();
            if (ReplyMarkers.IsAttribution(joined)) return k + 1;
        }
        return 0;
    }

    /// <summary>
    /// Outlook's block "From: / Sent: / To: / Subject:" (in any order, "Date:" for "Sent:" on the web). A "From:" line
    /// alone is something the customer wrote: two more of the fields must follow within a few lines.
    /// </summary>
    private static OutlookHeader HeaderBlockAt(string[] lines, LineKind[] kinds, int i)
    {
        if (ReplyMarkers.Header(lines[i]) != ReplyMarkers.HeaderField.From) return OutlookHeader.None;
        var seen = new HashSet<ReplyMarkers.HeaderField>();
        var others = 0;
        var last = i;
        for (var j = i + 1; j < lines.Length && j <= i + 12; j++)
        {
            if (kinds[j] == LineKind.Blank) continue;
            var field = ReplyMarkers.Header(lines[j]);
            if (field == ReplyMarkers.HeaderField.From) break;
            if (field == ReplyMarkers.HeaderField.None)
            {
                if (++others > 2) break;   // a long recipient list may wrap
                continue;
            }
            if (field != ReplyMarkers.HeaderField.Other) seen.Add(field);
            last = j;
        }
        if (seen.Count < 2) return OutlookHeader.None;
        return ReplyMarkers.IsForwardHeader(lines[i..(last + 1)]) ? OutlookHeader.Forward : OutlookHeader.Reply;
    }

    private static int NextNonBlank(LineKind[] kinds, int from)
    {
        while (from < kinds.Length && kinds[from] == LineKind.Blank) from++;
        return from;
    }

    private static List<(bool Quote, int First)> Runs(LineKind[] kinds, int end)
    {
        var runs = new List<(bool Quote, int First)>();
        for (var i = 0; i < end; i++)
        {
            if (kinds[i] == LineKind.Blank) continue;
            var quote = kinds[i] == LineKind.Quote;
            if (runs.Count == 0 || runs[^1].Quote != quote) runs.Add((quote, i));
        }
        return runs;
    }

    /// <summary>The lines (without their breaks: \r\n, \n or \r) and where each starts in the text.</summary>
    private static (string[] Lines, int[] Starts) Split(string text)
    {
        var lines = new List<string>();
        var starts = new List<int>();
        var start = 0;
        for (var i = 0; i <= text.Length; i++)
        {
            if (i < text.Length && text[i] is not ('\n' or '\r')) continue;
            lines.Add(text[start..i]);
            starts.Add(start);
            if (i < text.Length - 1 && text[i] == '\r' && text[i + 1] == '\n') i++;
            start = i + 1;
        }
        return (lines.ToArray(), starts.ToArray());
    }
}
