namespace Guichet.Web.Attachments;

/// <summary>Configuration section Guichet:Attachments: how much and what people may attach to a message.</summary>
public sealed class AttachmentOptions
{
    public const string Section = "Guichet:Attachments";

    public long MaxFileBytes { get; set; } = 20 * 1024 * 1024;

    public int MaxFilesPerMessage { get; set; } = 10;

    public long MaxTotalBytesPerMessage { get; set; } = 50 * 1024 * 1024;

    /// <summary>When not empty, only these extensions are accepted (".pdf", ".png"...) and <see cref="BlockedExtensions"/> is not read.</summary>
    public string[] AllowedExtensions { get; set; } = [];

    /// <summary>
    /// Files that run when double-clicked on a customer's or an agent's machine. A help desk is a
    /// way in for anyone who can write to it, so these are refused unless an installation says otherwise.
    /// </summary>
    public string[] BlockedExtensions { get; set; } =
    [
        ".exe", ".bat", ".cmd", ".com", ".scr", ".pif", ".cpl", ".msi", ".msp", ".dll", ".js", ".jse", ".vbs", ".vbe",
        ".wsf", ".wsh", ".hta", ".ps1", ".psm1", ".sh", ".jar", ".lnk", ".reg",
    ];

    /// <summary>Files chosen on a form that came back with an error are kept this long for the person to send it again.</summary>
    public TimeSpan PendingLifetime { get; set; } = TimeSpan.FromDays(1);

    /// <summary>A blob no attachment or pending upload uses is deleted once it is older than this (see <see cref="BlobSweep"/>).</summary>
    public TimeSpan UnusedBlobGrace { get; set; } = TimeSpan.FromDays(1);

    public TimeSpan BlobSweepInterval { get; set; } = TimeSpan.FromHours(1);

    /// <summary>
    /// The text of a message form, or the JSON of an API request: far more than they need (a description
    /// is at most 50,000 characters), far less than files.
    /// </summary>
    public const long MaxTextBytes = 1024 * 1024;

    /// <summary>A request may carry all of a message's files plus its text and the form's other fields.</summary>
    public long MaxRequestBytes => MaxTotalBytesPerMessage + MaxTextBytes;

    /// <summary>
    /// A form larger than <see cref="MaxRequestBytes"/>, up to this size, is still read to its end (its
    /// files are not stored) so that the person gets the form back with what they typed and a message
    /// next to the file field; beyond it the answer is a 413 page, given without reading the body. The API
    /// reads as far as its limits and answers a 413 problem (see Api/ApiRequestLimits).
    /// </summary>
    public long MaxOversizeRequestBytes { get; set; } = 512L * 1024 * 1024;

    /// <summary>
    /// The one rule of which files go with a message, whatever the door (forms, API, mail): why a file of
    /// <paramref name="length"/> bytes cannot join the <paramref name="filesSoFar"/> files of <paramref name="bytesSoFar"/>
    /// bytes in all already taken; null when it can. In this order: what no other choice of files would fix comes first.
    /// </summary>
    public FileRefusal? Refusal(string fileName, long length, int filesSoFar, long bytesSoFar) =>
        !IsAccepted(fileName) ? FileRefusal.Type
        : length > MaxFileBytes ? FileRefusal.FileSize
        : filesSoFar >= MaxFilesPerMessage ? FileRefusal.Count
        : bytesSoFar + length > MaxTotalBytesPerMessage ? FileRefusal.TotalSize
        : null;

    public bool IsAccepted(string fileName)
    {
        var extension = Path.GetExtension(fileName);
        if (AllowedExtensions.Length > 0) return AllowedExtensions.Contains(extension, StringComparer.OrdinalIgnoreCase);
        return !BlockedExtensions.Contains(extension, StringComparer.OrdinalIgnoreCase);
    }
}
