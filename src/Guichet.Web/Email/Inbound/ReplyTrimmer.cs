namespace Guichet.Web.Email.Inbound;

public sealed record TrimmedReply(string Kept, bool Trimmed);

/// <summary>Placeholder until the trimmer lands: keeps everything.</summary>
public static class ReplyTrimmer
{
    public static TrimmedReply TrimText(string text) => new(text, false);
    public static TrimmedReply TrimHtml(string html) => new(html, false);
}
