namespace Guichet.Web.Text;

/// <summary>
/// A file sent with the message being written, as its text may refer to it: <c>![name](attachment:name)</c>
/// shows it (when <see cref="IsImage"/>) and <c>[name](attachment:name)</c> links to it.
/// </summary>
public sealed record AttachedFile(string FileName, string Url, bool IsImage);
