namespace Guichet.Web.Attachments;

/// <summary>Why a file cannot go with a message (see <see cref="AttachmentOptions.Refusal"/>).</summary>
public enum FileRefusal
{
    /// <summary>Its extension is blocked, or not among the allowed ones.</summary>
    Type,

    /// <summary>It is over the size of one file.</summary>
    FileSize,

    /// <summary>The message has as many files as it may.</summary>
    Count,

    /// <summary>With it, the message's files would weigh more than they may in all.</summary>
    TotalSize,
}
