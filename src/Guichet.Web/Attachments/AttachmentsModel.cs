using Guichet.Web.Tickets;
using Microsoft.EntityFrameworkCore;

namespace Guichet.Web.Attachments;

/// <summary>The attachments capability's part of the database model.</summary>
internal static class AttachmentsModel
{
    public static void Build(ModelBuilder builder)
    {
        builder.Entity<Attachment>(a =>
        {
            a.ToTable("Attachments");
            // Ids are made by the code: an attachment added to a loaded message must be inserted, not updated.
            a.Property(x => x.Id).ValueGeneratedNever();
            a.Property(x => x.FileName).HasMaxLength(Attachment.FileNameMaxLength);
            a.Property(x => x.ContentType).HasMaxLength(100);
            a.Property(x => x.BlobKey).HasMaxLength(64);
            a.HasOne<Message>().WithMany(m => m.Attachments).HasForeignKey(x => x.MessageId).OnDelete(DeleteBehavior.Cascade);
            a.HasOne<Ticket>().WithMany().HasForeignKey(x => x.TicketId).OnDelete(DeleteBehavior.Cascade);
            a.HasIndex(x => x.MessageId);
            a.HasIndex(x => x.TicketId);
            a.HasIndex(x => x.BlobKey);
        });

        builder.Entity<PendingUpload>(p =>
        {
            p.ToTable("PendingUploads");
            p.Property(x => x.Id).ValueGeneratedNever();
            p.Property(x => x.FileName).HasMaxLength(Attachment.FileNameMaxLength);
            p.Property(x => x.ContentType).HasMaxLength(100);
            p.Property(x => x.BlobKey).HasMaxLength(64);
            p.HasIndex(x => x.OwnerId);
            p.HasIndex(x => x.CreatedAt);
        });
    }
}
