namespace Guichet.Web.Email.Inbound;

/// <summary>What is shown of a reply: <paramref name="Kept"/>, and whether anything was left out of it.</summary>
public sealed record TrimmedReply(string Kept, bool Trimmed);
