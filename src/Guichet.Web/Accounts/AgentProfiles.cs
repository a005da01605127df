using Guichet.Web.Data;
using Guichet.Web.Localization;
using Guichet.Web.Notifications;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace Guichet.Web.Accounts;

/// <summary>Agents' own settings (<see cref="AgentProfile"/>): read with their defaults, saved, and the signature a reply gets.</summary>
public sealed class AgentProfiles(GuichetDbContext db, TimeProvider time, IStringLocalizer<SharedResource> L)
{
    /// <summary>The kinds of notification an agent chooses, in the order the settings list them.</summary>
    public static readonly AgentNotice[] Kinds = [AgentNotice.NewInMyGroups, AgentNotice.CustomerReplied, AgentNotice.AssignedToMe, AgentNotice.Mentioned];

    /// <summary>
    /// The settings as the agent gives them: a signature per language, the kinds of notification by mail and in the bell,
    /// out of office, until a day (in the agent's time zone; none: until they say they are back).
    /// </summary>
    public sealed record Settings(IReadOnlyDictionary<string, string?> Signatures, IReadOnlyCollection<AgentNotice> ByMail,
        IReadOnlyCollection<AgentNotice> InApp, bool Away, DateOnly? BackOn);

    /// <summary>A refused setting: <see cref="Field"/> is signatures, byMail, inApp or backOn; <see cref="Culture"/> a signature's language.</summary>
    public sealed record Refusal(string Field, string? Culture, string Message);

    /// <summary>The settings as they are now, in the same terms.</summary>
    public async Task<Settings> SettingsAsync(Guid userId, TimeZoneInfo zone, CancellationToken ct)
    {
        var profile = await GetAsync(userId, ct);
        var away = profile.IsAway(time.GetUtcNow());
        return new Settings(Cultures.Supported.ToDictionary(c => c, c => (string?)profile.Signature[c]),
            [.. Kinds.Where(k => profile.ByMail.HasFlag(k))], [.. Kinds.Where(k => profile.InApp.HasFlag(k))], away,
            away && profile.AwayUntil is { } until ? DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(until, zone).DateTime) : null);
    }

    /// <summary>Checks the settings and saves them when all may be; else what was refused (nothing saved then).</summary>
    public async Task<IReadOnlyList<Refusal>> SaveAsync(Guid userId, Settings settings, TimeZoneInfo zone, CancellationToken ct)
    {
        var now = time.GetUtcNow();
        var refused = new List<Refusal>();
        foreach (var (culture, text) in settings.Signatures)
        {
            if (Cultures.Match(culture) is null) refused.Add(new("signatures", null, L["Choose one of: {0}.", string.Join(", ", Cultures.Supported)]));
            else if (text?.Length > AgentProfile.MaxSignatureLength)
                refused.Add(new("signatures", culture, L["Use at most {0} characters.", AgentProfile.MaxSignatureLength]));
        }
        var kinds = string.Join(", ", Kinds.Select(k => char.ToLowerInvariant(k.ToString()[0]) + k.ToString()[1..]));
        if (settings.ByMail.Any(k => !Kinds.Contains(k))) refused.Add(new("byMail", null, L["Choose one of: {0}.", kinds]));
        if (settings.InApp.Any(k => !Kinds.Contains(k))) refused.Add(new("inApp", null, L["Choose one of: {0}.", kinds]));
        // "Back on" a day: from midnight that day where the agent lives.
        DateTimeOffset? until = settings.Away && settings.BackOn is { } day
            ? new DateTimeOffset(day.ToDateTime(TimeOnly.MinValue), zone.GetUtcOffset(day.ToDateTime(TimeOnly.MinValue))).ToUniversalTime()
            : null;
        if (until <= now) refused.Add(new("backOn", null, L["Choose a day after today, or none."]));
        if (refused.Count > 0) return refused;

        await SaveAsync(userId, profile =>
        {
            profile.Signature = new LocalizedText(settings.Signatures.ToDictionary(s => s.Key, s => s.Value ?? ""));
            profile.ByMail = settings.ByMail.Aggregate(AgentNotice.None, (all, k) => all | k);
            profile.InApp = settings.InApp.Aggregate(AgentNotice.None, (all, k) => all | k);
            // Away since the first save that said so: saving the signature meanwhile does not move it.
            profile.AwaySince = settings.Away ? (profile.IsAway(now) ? profile.AwaySince : now) : null;
            profile.AwayUntil = until;
        }, ct);
        return [];
    }

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
