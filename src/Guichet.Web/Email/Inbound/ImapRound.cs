namespace Guichet.Web.Email.Inbound;

/// <summary>
/// What one fetching round did. <paramref name="Accepted"/> messages were stored by the caller and
/// marked (or moved) on the server; <paramref name="Failed"/> were left where they were and come
/// again next round; <paramref name="Waiting"/> new messages were not reached because the round
/// stopped at its limit.
/// </summary>
public sealed record ImapRound(int Accepted, IReadOnlyList<ImapFailure> Failed, int Waiting);
