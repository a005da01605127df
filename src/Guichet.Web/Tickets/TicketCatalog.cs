using Guichet.Web.Data;
using Microsoft.EntityFrameworkCore;

namespace Guichet.Web.Tickets;

/// <summary>
/// What tickets are described with: statuses, request types (with their organizations, and their fields with
/// each field's choices), custom fields (with their choices), products; each list in its display order.
/// </summary>
public sealed record Catalog(IReadOnlyList<Status> Statuses, IReadOnlyList<RequestType> RequestTypes, IReadOnlyList<CustomField> Fields,
    IReadOnlyList<Product> Products)
{
    /// <summary>The active types open to people of these organizations (those restricted to none are open to all).</summary>
    public List<RequestType> TypesFor(IReadOnlyCollection<Guid> organizations) =>
        RequestTypes.Where(t => t.IsActive && (t.Organizations.Count == 0 || t.Organizations.Any(o => organizations.Contains(o.OrganizationId)))).ToList();

    /// <summary>The active fields of these types, each type's in its order.</summary>
    public ILookup<int, RequestTypeField> FieldsOf(IReadOnlyCollection<int> typeIds) =>
        RequestTypes.Where(t => typeIds.Contains(t.Id))
            .SelectMany(t => t.Fields.Where(f => f.CustomField.IsActive).OrderBy(f => f.SortOrder).ThenBy(f => f.CustomFieldId))
            .ToLookup(f => f.RequestTypeId);

    /// <summary>The statuses whose tickets are still someone's to handle (<see cref="Status.NeedsAnOwner"/>), for queries.</summary>
    public List<int> StatusesNeedingAnOwner => [.. Statuses.Where(s => s.NeedsAnOwner).Select(s => s.Id)];

    /// <summary>The custom fields customers may see (read-only or editable), by key: the list's extra columns.</summary>
    public IEnumerable<CustomField> CustomerVisibleFields =>
        Fields.Where(f => f.IsActive && f.CustomerAccess != CustomerAccess.Hidden).OrderBy(f => f.Key, StringComparer.Ordinal);
}

/// <summary>
/// The <see cref="Catalog"/> for pages that show tickets, as this node holds it (<see cref="NodeCache"/>).
/// Its entities are shared: to change a ticket's status or type, the workflow reads its own tracked copies.
/// </summary>
public sealed class TicketCatalog(GuichetDbContext db, NodeCache cache)
{
    private Catalog? catalog;

    public async Task<Catalog> GetAsync(CancellationToken ct) =>
        catalog ??= await cache.GetAsync(db, CacheStamp.Catalog, nameof(Catalog), LoadAsync, ct);

    private async Task<Catalog> LoadAsync(CancellationToken ct) => new(
        await db.Statuses.AsNoTracking().OrderBy(s => s.SortOrder).ThenBy(s => s.Id).ToListAsync(ct),
        await db.RequestTypes.AsNoTrackingWithIdentityResolution().Include(t => t.Fields).ThenInclude(f => f.CustomField).ThenInclude(f => f.Options)
            .Include(t => t.Organizations).AsSplitQuery().OrderBy(t => t.SortOrder).ThenBy(t => t.Id).ToListAsync(ct),
        await db.CustomFields.AsNoTracking().Include(f => f.Options).OrderBy(f => f.Key).ToListAsync(ct),
        await db.Products.AsNoTracking().OrderBy(p => p.SortOrder).ThenBy(p => p.Name).ToListAsync(ct));
}
