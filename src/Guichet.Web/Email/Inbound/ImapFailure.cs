namespace Guichet.Web.Email.Inbound;

/// <summary>
/// A message a round could not import: the caller refused it (<paramref name="Error"/> is null),
/// its callback threw, the server would not give it, or it was stored but could not be marked.
/// </summary>
public sealed record ImapFailure(uint Uid, string? MessageId, Exception? Error);
