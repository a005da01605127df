using Guichet.Web.Data;
using Microsoft.EntityFrameworkCore;

namespace Guichet.Web.KnowledgeBase;

/// <summary>
/// The categories and their sections, in order, as every node holds them (<see cref="NodeCache"/>, region catalog): read
/// on every knowledge base page for breadcrumbs and menus, changed by editors now and then. Shared: never change it.
/// </summary>
public sealed record KbStructure(IReadOnlyList<KbCategory> Categories, IReadOnlyList<KbSection> Sections)
{
    public static Task<KbStructure> GetAsync(GuichetDbContext db, NodeCache cache, CancellationToken ct) =>
        cache.GetAsync(db, CacheStamp.Catalog, nameof(KbStructure), async c => new KbStructure(
            await db.KbCategories.AsNoTracking().OrderBy(x => x.Position).ThenBy(x => x.Id).ToListAsync(c),
            await db.KbSections.AsNoTracking().OrderBy(x => x.Position).ThenBy(x => x.Id).ToListAsync(c)), ct);

    public KbSection? Section(int id) => Sections.FirstOrDefault(s => s.Id == id);
    public KbCategory? Category(int id) => Categories.FirstOrDefault(c => c.Id == id);
    public IEnumerable<KbSection> SectionsOf(int categoryId) => Sections.Where(s => s.CategoryId == categoryId);
    public KbCategory? CategoryOfSection(int sectionId) => Section(sectionId) is { } s ? Category(s.CategoryId) : null;
}
