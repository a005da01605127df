using Microsoft.EntityFrameworkCore;

namespace Guichet.Web.Email.Inbound;

/// <summary>The inbound mail capability's part of the database model.</summary>
internal static class InboundModel
{
    public static void Build(ModelBuilder builder)
    {
        builder.Entity<Mailbox>(m =>
        {
            m.ToTable("Mailboxes");
            m.Property(x => x.Address).HasMaxLength(320);
            m.Property(x => x.ImapHost).HasMaxLength(255);
            m.Property(x => x.UserName).HasMaxLength(320);
            m.Property(x => x.ProtectedPassword).HasMaxLength(2000);
            m.Property(x => x.Folder).HasMaxLength(200);
            m.Property(x => x.MoveToFolder).HasMaxLength(200);
            m.Property(x => x.Security).HasConversion<string>().HasMaxLength(20);
            m.Property(x => x.LastError).HasMaxLength(2000);
            m.Property(x => x.FetchLockedBy).HasMaxLength(Hosting.ClaimHolder.MaxLength);
            m.HasIndex(x => x.Address).IsUnique();
        });

        builder.Entity<InboundMessage>(i =>
        {
            i.ToTable("InboundMessages");
            i.Property(x => x.Id).ValueGeneratedNever();
            i.Property(x => x.Source).HasMaxLength(40);
            i.Property(x => x.RawBlobKey).HasMaxLength(64);
            i.Property(x => x.MessageIdHeader).HasMaxLength(InboundMessage.MessageIdMaxLength);
            i.Property(x => x.FromAddress).HasMaxLength(320);
            i.Property(x => x.Subject).HasMaxLength(InboundMessage.SubjectMaxLength);
            i.Property(x => x.Channel).HasConversion<string>().HasMaxLength(20);
            i.Property(x => x.State).HasConversion<string>().HasMaxLength(20);
            i.Property(x => x.Outcome).HasConversion<string>().HasMaxLength(20);
            i.Property(x => x.DropReason).HasConversion<string>().HasMaxLength(20);
            i.Property(x => x.Error).HasMaxLength(4000);
            // The same message from the same source is processed once; the same Message-ID with other bytes is another message.
            i.HasIndex(x => new { x.Source, x.MessageIdHeader, x.RawBlobKey }).IsUnique();
            // Threading: a reply to a customer's own earlier mail (a reply-all to the first message).
            i.HasIndex(x => x.MessageIdHeader);
            // The admin pages: a mailbox's messages and the quarantine, newest first.
            i.HasIndex(x => new { x.State, x.ReceivedAt });
            i.HasIndex(x => new { x.MailboxId, x.ReceivedAt });
            // The per-sender limit on new requests.
            i.HasIndex(x => new { x.FromAddress, x.ReceivedAt });
            i.HasIndex(x => x.ConversationMessageId);
            i.HasIndex(x => x.TicketId);
        });
    }
}
