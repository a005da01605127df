using Microsoft.EntityFrameworkCore;

namespace Guichet.Web.Portal;

/// <summary>Who may create their own portal account.</summary>
public enum SignUpPolicy
{
    /// <summary>Anyone with a verified address.</summary>
    Open = 0,

    /// <summary>Addresses support already knows (a contact, an invitation, an earlier mail) or an organization's domain.</summary>
    KnownOrDomain = 1,

    /// <summary>Only people who received an invitation.</summary>
    InvitationOnly = 2,
}

/// <summary>Installation-wide portal settings, one row, changed by admins.</summary>
public sealed class PortalSettings
{
    public const int SingletonId = 1;

    public int Id { get; init; } = SingletonId;
    public SignUpPolicy SignUpPolicy { get; set; } = SignUpPolicy.KnownOrDomain;

    /// <summary>Customers see the time logged on their requests and log their own (a shared timesheet); otherwise time is the team's.</summary>
    public bool CustomersLogTime { get; set; }

    /// <summary>The settings as this node holds them: read on many pages, changed rarely (a change is seen within a second).</summary>
    public static Task<PortalSettings> CurrentAsync(Data.GuichetDbContext db, Data.NodeCache cache, CancellationToken ct) =>
        cache.GetAsync(db, Data.CacheStamp.Catalog, nameof(PortalSettings), c => db.PortalSettings.AsNoTracking().SingleAsync(c), ct);
}
