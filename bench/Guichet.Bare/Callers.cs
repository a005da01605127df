using System.Collections.Concurrent;

namespace Guichet.Bare;

/// <summary>
/// Identity is out of scope for the bare app: the caller names themselves in the X-User header
/// (an e-mail address of the data set), trusted as given. Each person is read once and kept, as
/// Guichet keeps its viewers in its node cache; the bare app never sees them change.
/// </summary>
internal sealed class Callers(BareDatabase database)
{
    public const string Header = "X-User";

    private readonly ConcurrentDictionary<string, Caller> known = new(StringComparer.OrdinalIgnoreCase);

    /// <summary>The caller, or null when the header is missing or names nobody.</summary>
    public async Task<Caller?> FindAsync(HttpContext context, CancellationToken ct)
    {
        var email = context.Request.Headers[Header].ToString();
        if (email.Length == 0) return null;
        if (known.TryGetValue(email, out var caller)) return caller;
        caller = await LoadAsync(email, ct);
        if (caller is not null) known.TryAdd(email, caller);
        return caller;
    }

    private async Task<Caller?> LoadAsync(string email, CancellationToken ct)
    {
        using var lease = await database.OpenAsync(ct);
        var db = lease.Connection;
        var id = await db.Command("SELECT Id FROM AspNetUsers WHERE NormalizedEmail = $email", ("$email", email.ToUpperInvariant()))
            .ExecuteScalarAsync(ct) as string;
        if (id is null) return null;
        var seen = new List<string>();
        var memberships = new List<string>();
        await using (var reader = await db.Command("""
            SELECT m.OrganizationId, m.IsManager OR o.MembersSeeEachOthersRequests
            FROM OrganizationMemberships m JOIN Organizations o ON o.Id = m.OrganizationId
            WHERE m.UserId = $user
            """, ("$user", id)).ExecuteReaderAsync(ct))
        {
            while (await reader.ReadAsync(ct))
            {
                memberships.Add(reader.GetString(0));
                if (reader.GetBoolean(1)) seen.Add(reader.GetString(0));
            }
        }
        // Guichet gives a new request to the first of the requester's organizations in Guid order.
        memberships.Sort((a, b) => Guid.Parse(a).CompareTo(Guid.Parse(b)));
        return new Caller(id, seen, memberships);
    }
}
