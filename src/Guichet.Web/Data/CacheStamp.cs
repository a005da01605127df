using System.Runtime.CompilerServices;
using Guichet.Web.Accounts;
using Guichet.Web.Organizations;
using Guichet.Web.Portal;
using Guichet.Web.Tickets;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.ChangeTracking;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace Guichet.Web.Data;

/// <summary>One row per region of the <see cref="NodeCache"/>: a new stamp each time data of the region is saved.</summary>
public sealed class CacheStamp
{
    /// <summary>Statuses, request types and their fields, custom fields and their choices, products, the portal's settings.</summary>
    public const string Catalog = "catalog";

    /// <summary>Who is admin or agent, which groups there are and who is in them, in which organizations (and their names), as what.</summary>
    public const string People = "people";

    public string Region { get; init; } = "";
    public Guid Stamp { get; set; }

    internal static void Build(ModelBuilder builder) => builder.Entity<CacheStamp>(s =>
    {
        s.ToTable("CacheStamps");
        s.HasKey(x => x.Region);
        s.Property(x => x.Region).HasMaxLength(40);
        s.HasData(new CacheStamp { Region = Catalog, Stamp = Guid.Empty }, new CacheStamp { Region = People, Stamp = Guid.Empty });
    });

    /// <summary>The region whose cached copies a change to this entry makes old, if any.</summary>
    internal static string? RegionOf(EntityEntry entry) => entry.Entity switch
    {
        Status or RequestType or RequestTypeField or RequestTypeOrganization or CustomField or CustomFieldOption or Product or PortalSettings
            or KnowledgeBase.KbCategory or KnowledgeBase.KbSection => Catalog,
        Organization or OrganizationMembership or IdentityUserRole<Guid> or Group or GroupMember => People,
        // A person's name and address show in colleagues' filters, a deactivation ends what the viewer sees; a sign-in's
        // bookkeeping changes nothing cached.
        User when entry.State != EntityState.Modified
            || entry.Properties.Any(p => p.IsModified && p.Metadata.Name is nameof(User.FirstName) or nameof(User.LastName) or nameof(User.Email)
                or nameof(User.DeactivatedAt)) => People,
        _ => null,
    };
}

/// <summary>Gives the touched regions a new stamp in the same save, and tells this node's cache once it is done.</summary>
internal sealed class CacheStampInterceptor(NodeCache cache) : SaveChangesInterceptor
{
    private readonly ConditionalWeakTable<DbContext, HashSet<string>> pending = new();

    public override InterceptionResult<int> SavingChanges(DbContextEventData eventData, InterceptionResult<int> result)
    {
        Stamp(eventData.Context);
        return result;
    }

    public override ValueTask<InterceptionResult<int>> SavingChangesAsync(DbContextEventData eventData, InterceptionResult<int> result,
        CancellationToken cancellationToken = default)
    {
        Stamp(eventData.Context);
        return ValueTask.FromResult(result);
    }

    public override int SavedChanges(SaveChangesCompletedEventData eventData, int result)
    {
        Done(eventData.Context);
        return result;
    }

    public override ValueTask<int> SavedChangesAsync(SaveChangesCompletedEventData eventData, int result, CancellationToken cancellationToken = default)
    {
        Done(eventData.Context);
        return ValueTask.FromResult(result);
    }

    public override void SaveChangesFailed(DbContextErrorEventData eventData) => Done(eventData.Context);

    public override Task SaveChangesFailedAsync(DbContextErrorEventData eventData, CancellationToken cancellationToken = default)
    {
        Done(eventData.Context);
        return Task.CompletedTask;
    }

    private void Stamp(DbContext? context)
    {
        if (context is null) return;
        var entries = SaveEntries.Of(context);
        var regions = entries
            .Where(e => e.State is EntityState.Added or EntityState.Modified or EntityState.Deleted)
            .Select(CacheStamp.RegionOf).OfType<string>().ToHashSet();
        if (regions.Count == 0) return;
        foreach (var region in regions)
        {
            var stamp = entries.Select(e => e.Entity).OfType<CacheStamp>().FirstOrDefault(s => s.Region == region)
                ?? context.Attach(new CacheStamp { Region = region }).Entity;
            stamp.Stamp = Guid.NewGuid();
            context.Entry(stamp).Property(s => s.Stamp).IsModified = true;
        }
        pending.AddOrUpdate(context, regions);
    }

    // After a failed save too: forgetting costs a reload, keeping something old costs correctness.
    private void Done(DbContext? context)
    {
        if (context is null || !pending.TryGetValue(context, out var regions)) return;
        pending.Remove(context);
        cache.Forget(regions);
    }
}
