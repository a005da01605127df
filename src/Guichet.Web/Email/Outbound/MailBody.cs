namespace Guichet.Web.Email.Outbound;

/// <summary>
/// What a mail says, already in the recipient's language. <see cref="MailLayout"/> turns it
/// into the HTML and plain-text parts, so every mail looks alike and none forgets its text part.
/// </summary>
public sealed record MailBody(string Subject, string Greeting, IReadOnlyList<string> Paragraphs)
{
    /// <summary>The one thing to do, shown as a button ("View request", "Choose a password").</summary>
    public MailAction? Action { get; init; }

    /// <summary>A code to type, shown large (password reset).</summary>
    public string? Code { get; init; }

    /// <summary>A last, small line: why this mail was sent, what to do if it was not expected.</summary>
    public string? Footnote { get; init; }
}

public sealed record MailAction(string Label, Uri Url);
