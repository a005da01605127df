namespace Guichet.Bare;

/// <summary>
/// Who is asking, as the bare app knows them: their id (as stored: upper-case text), the
/// organizations whose requests they see (manager, or members see each other's requests), and all
/// the organizations they belong to (a new request goes to the first, as in Guichet).
/// </summary>
internal sealed record Caller(string UserId, IReadOnlyList<string> SeenOrganizations, IReadOnlyList<string> Memberships)
{
    /// <summary>
    /// Guichet's scope tokens for a customer (<c>ScopeTokens.For</c>): requester, participant, and each
    /// organization seen; one of them must match together with the words.
    /// </summary>
    public IEnumerable<string> ScopeTokens =>
        [Token("r_", UserId), Token("p_", UserId), .. SeenOrganizations.Select(o => Token("o_", o))];

    public static string Token(string prefix, string id) => prefix + Guid.Parse(id).ToString("N");
}
