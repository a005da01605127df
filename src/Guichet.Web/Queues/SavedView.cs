using Guichet.Web.Accounts;
using Guichet.Web.Tickets;
using Microsoft.EntityFrameworkCore;

namespace Guichet.Web.Queues;

/// <summary>
/// A list an agent saved to come back to: a queue with its search, filters and sort, kept as the list's own address
/// (<c>/agent?queue=all&amp;tag=vip&amp;sort=priority…</c>), so a view is exactly what the agent saw. Personal, or shared
/// with one of their groups; ordered by <see cref="Position"/> within its owner's or group's views.
/// </summary>
public sealed class SavedView
{
    public const int MaxNameLength = 100;
    public const int MaxAddressLength = 2_000;

    public int Id { get; init; }
    public string Name { get; set; } = "";
    public Guid OwnerId { get; init; }

    /// <summary>Shared with this group's members; null: only its owner's.</summary>
    public int? GroupId { get; set; }

    public string Address { get; set; } = "";
    public int Position { get; set; }
    public DateTimeOffset UpdatedAt { get; set; }

    internal static void Build(ModelBuilder builder) => builder.Entity<SavedView>(v =>
    {
        v.ToTable("SavedViews");
        v.Property(x => x.Name).HasMaxLength(MaxNameLength);
        v.Property(x => x.Address).HasMaxLength(MaxAddressLength);
        v.HasOne<User>().WithMany().HasForeignKey(x => x.OwnerId).OnDelete(DeleteBehavior.Cascade);
        v.HasOne<Group>().WithMany().HasForeignKey(x => x.GroupId).OnDelete(DeleteBehavior.Cascade);
        v.HasIndex(x => x.OwnerId);
        v.HasIndex(x => x.GroupId);
    });
}
