using Guichet.Web.Data;
using Guichet.Web.Localization;
using Guichet.Web.Notifications;
using Microsoft.EntityFrameworkCore;

namespace Guichet.Web.Accounts;

/// <summary>
/// What an agent sets for themselves (<c>/agent/profile</c>): a signature per language, which notifications reach
/// them by mail and in the bell, and when they are out of office. An agent without a row has the defaults.
/// </summary>
public sealed class AgentProfile
{
    public const int MaxSignatureLength = 2_000;

    /// <summary>By mail by default: what is addressed to the agent personally; a new request in their groups only in the bell.</summary>
    public const AgentNotice DefaultByMail = AgentNotice.CustomerReplied | AgentNotice.AssignedToMe | AgentNotice.Mentioned;
    public const AgentNotice DefaultInApp = AgentNotice.All;

    public Guid UserId { get; init; }

    /// <summary>Added under the agent's public replies, in the requester's language (else English, else any).</summary>
    public LocalizedText Signature { get; set; } = new(new Dictionary<string, string>());

    public AgentNotice ByMail { get; set; } = DefaultByMail;
    public AgentNotice InApp { get; set; } = DefaultInApp;

    /// <summary>Out of office from then (null: at work); others cannot assign them requests meanwhile.</summary>
    public DateTimeOffset? AwaySince { get; set; }

    /// <summary>Back at that instant (null: until they say so).</summary>
    public DateTimeOffset? AwayUntil { get; set; }

    public static AgentProfile DefaultFor(Guid userId) => new() { UserId = userId };

    public bool IsAway(DateTimeOffset now) => AwaySince is { } since && since <= now && (AwayUntil is not { } until || now < until);

    /// <summary>The same rule as <see cref="IsAway"/>, for a query: the agents out of office at that instant.</summary>
    public static IQueryable<Guid> AwayAt(GuichetDbContext db, DateTimeOffset now) =>
        db.AgentProfiles.Where(p => p.AwaySince != null && p.AwaySince <= now && (p.AwayUntil == null || p.AwayUntil > now)).Select(p => p.UserId);

    internal static void Build(ModelBuilder builder) => builder.Entity<AgentProfile>(p =>
    {
        p.ToTable("AgentProfiles");
        p.HasKey(x => x.UserId);
        p.Property(x => x.Signature).HasConversion<LocalizedText.Converter, LocalizedText.Comparer>();
        p.HasOne<User>().WithOne().HasForeignKey<AgentProfile>(x => x.UserId).OnDelete(DeleteBehavior.Cascade);
    });
}
