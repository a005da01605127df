using Guichet.Web.Data;
using Guichet.Web.Localization;
using Microsoft.EntityFrameworkCore;

namespace Guichet.Web.Accounts;

/// <summary>Agents' own settings (<see cref="AgentProfile"/>): read with their defaults, saved, and the signature a reply gets.</summary>
public sealed class AgentProfiles(GuichetDbContext db, TimeProvider time)
{
    public async Task<AgentProfile> GetAsync(Guid userId, CancellationToken ct) =>
        await db.AgentProfiles.AsNoTracking().SingleOrDefaultAsync(p => p.UserId == userId, ct) ?? AgentProfile.DefaultFor(userId);

    public async Task SaveAsync(Guid userId, Action<AgentProfile> change, CancellationToken ct)
    {
        var profile = await db.AgentProfiles.SingleOrDefaultAsync(p => p.UserId == userId, ct);
        if (profile is null) db.AgentProfiles.Add(profile = AgentProfile.DefaultFor(userId));
        change(profile);
        await db.SaveChangesAsync(ct);
    }

    /// <summary>
    /// A public reply as sent: what the agent wrote, then their signature in the requester's language (else English, else
    /// any they wrote). A reply that already ends with it (a macro, a second attempt after a refusal) is not signed twice.
    /// </summary>
    public async Task<string> SignAsync(Guid agentId, Guid requesterId, string markdown, CancellationToken ct)
    {
        var signature = await db.AgentProfiles.AsNoTracking().Where(p => p.UserId == agentId).Select(p => p.Signature).SingleOrDefaultAsync(ct);
        if (signature is null || signature.All.Count == 0) return markdown;
        var culture = await db.Users.Where(u => u.Id == requesterId).Select(u => u.Culture).SingleOrDefaultAsync(ct);
        var text = signature.In(Cultures.Match(culture) ?? Cultures.Default);
        return markdown.TrimEnd().EndsWith(text, StringComparison.Ordinal) ? markdown : $"{markdown.TrimEnd()}\n\n{text}";
    }

    public async Task<bool> HasSignatureAsync(Guid agentId, CancellationToken ct) =>
        (await db.AgentProfiles.AsNoTracking().Where(p => p.UserId == agentId).Select(p => p.Signature).SingleOrDefaultAsync(ct))?.All.Count > 0;

    /// <summary>Whether the agent is out of office now.</summary>
    public Task<bool> IsAwayAsync(Guid userId, CancellationToken ct) =>
        AgentProfile.AwayAt(db, time.GetUtcNow()).AnyAsync(id => id == userId, ct);
}
