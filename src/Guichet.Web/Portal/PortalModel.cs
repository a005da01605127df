using Guichet.Web.Accounts;
using Guichet.Web.Attachments;
using Microsoft.EntityFrameworkCore;

namespace Guichet.Web.Portal;

/// <summary>The portal capability's part of the database model.</summary>
internal static class PortalModel
{
    public static void Build(ModelBuilder builder)
    {
        builder.Entity<HeldRequest>(h =>
        {
            h.ToTable("HeldRequests");
            h.Property(x => x.Id).ValueGeneratedNever();
            h.Property(x => x.TokenHash).HasMaxLength(64);
            h.HasOne<User>().WithMany().HasForeignKey(x => x.UserId).OnDelete(DeleteBehavior.Cascade);
            // The files go with the request, whether it is opened, swept or its person deleted.
            h.HasMany<PendingUpload>().WithOne().HasForeignKey(p => p.HeldRequestId).OnDelete(DeleteBehavior.Cascade);
            h.HasIndex(x => x.UserId);
            h.HasIndex(x => x.ExpiresAt);
        });
    }
}
