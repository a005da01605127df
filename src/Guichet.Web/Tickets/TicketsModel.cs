using Guichet.Web.Accounts;
using Guichet.Web.Localization;
using Microsoft.EntityFrameworkCore;

namespace Guichet.Web.Tickets;

/// <summary>The tickets capability's part of the database model.</summary>
internal static class TicketsModel
{
    public static void Build(ModelBuilder builder)
    {
        builder.Entity<Status>(s =>
        {
            s.Property(x => x.Names).HasConversion<LocalizedText.Converter, LocalizedText.Comparer>().HasMaxLength(2000);
        });

        builder.Entity<RequestType>(t =>
        {
            t.Property(x => x.Names).HasConversion<LocalizedText.Converter, LocalizedText.Comparer>().HasMaxLength(2000);
            t.Property(x => x.Descriptions).HasConversion<LocalizedText.Converter, LocalizedText.Comparer>().HasMaxLength(8000);
            t.HasOne<Group>().WithMany().HasForeignKey(x => x.GroupId).OnDelete(DeleteBehavior.SetNull);
            t.HasOne<Status>().WithMany().HasForeignKey(x => x.ProcessedStatusId).OnDelete(DeleteBehavior.SetNull);
            t.HasMany(x => x.Organizations).WithOne().HasForeignKey(o => o.RequestTypeId).OnDelete(DeleteBehavior.Cascade);
            t.HasMany(x => x.Fields).WithOne().HasForeignKey(f => f.RequestTypeId).OnDelete(DeleteBehavior.Cascade);
        });
        builder.Entity<RequestTypeOrganization>(o =>
        {
            o.ToTable("RequestTypeOrganizations");
            o.HasKey(x => new { x.RequestTypeId, x.OrganizationId });
            o.HasOne(x => x.Organization).WithMany().HasForeignKey(x => x.OrganizationId).OnDelete(DeleteBehavior.Cascade);
        });

        builder.Entity<CustomField>(f =>
        {
            f.Property(x => x.Key).HasMaxLength(CustomFieldKeys.MaxLength);
            f.HasIndex(x => x.Key).IsUnique();
            f.Property(x => x.Kind).HasConversion<string>().HasMaxLength(20);
            f.Property(x => x.CustomerAccess).HasConversion<string>().HasMaxLength(20);
            f.Property(x => x.Labels).HasConversion<LocalizedText.Converter, LocalizedText.Comparer>().HasMaxLength(2000);
            f.Property(x => x.Help).HasConversion<LocalizedText.Converter, LocalizedText.Comparer>().HasMaxLength(8000);
            f.HasMany(x => x.Options).WithOne().HasForeignKey(o => o.CustomFieldId).OnDelete(DeleteBehavior.Cascade);
        });
        builder.Entity<CustomFieldOption>(o =>
        {
            o.ToTable("CustomFieldOptions");
            o.Property(x => x.Key).HasMaxLength(CustomFieldKeys.MaxLength);
            o.HasIndex(x => new { x.CustomFieldId, x.Key }).IsUnique();
            o.Property(x => x.Labels).HasConversion<LocalizedText.Converter, LocalizedText.Comparer>().HasMaxLength(2000);
        });
        builder.Entity<RequestTypeField>(f =>
        {
            f.ToTable("RequestTypeFields");
            f.HasKey(x => new { x.RequestTypeId, x.CustomFieldId });
            f.HasOne(x => x.CustomField).WithMany().HasForeignKey(x => x.CustomFieldId).OnDelete(DeleteBehavior.Cascade);
        });
        builder.Entity<TicketFieldValue>(v =>
        {
            v.ToTable("TicketFieldValues");
            v.HasKey(x => new { x.TicketId, x.CustomFieldId });
            v.Property(x => x.Value).HasMaxLength(CustomFieldValues.LongTextMaxLength);
            v.HasOne<CustomField>().WithMany().HasForeignKey(x => x.CustomFieldId).OnDelete(DeleteBehavior.Cascade);
            // No index on the value: a long text can exceed what a PostgreSQL B-tree entry holds.
            v.HasIndex(x => x.CustomFieldId);
        });

        builder.Entity<Product>(p => p.Property(x => x.Name).HasMaxLength(200));

        builder.Entity<Group>(g =>
        {
            g.Property(x => x.Name).HasMaxLength(200);
            g.HasIndex(x => x.Name).IsUnique();
            g.HasMany(x => x.Members).WithOne().HasForeignKey(m => m.GroupId).OnDelete(DeleteBehavior.Cascade);
        });
        builder.Entity<GroupMember>(m =>
        {
            m.ToTable("GroupMembers");
            m.HasKey(x => new { x.GroupId, x.UserId });
            m.HasOne(x => x.User).WithMany().HasForeignKey(x => x.UserId).OnDelete(DeleteBehavior.Cascade);
            m.HasIndex(x => x.UserId);
        });

        builder.Entity<NumberSequence>(n =>
        {
            n.ToTable("NumberSequences");
            n.HasKey(x => x.Name);
            n.Property(x => x.Name).HasMaxLength(50);
            n.HasData(new NumberSequence { Name = NumberSequence.Tickets, Next = TicketNumbers.First });
        });

        builder.Entity<Ticket>(t =>
        {
            t.Property(x => x.Id).ValueGeneratedNever();
            t.HasIndex(x => x.Number).IsUnique();
            t.Property(x => x.Subject).HasMaxLength(250);
            // Stored as its number so that sorting by priority follows urgency, not the alphabet.
            t.Property(x => x.Environment).HasConversion<string>().HasMaxLength(20);
            t.Property(x => x.Version).IsConcurrencyToken();
            t.HasOne(x => x.RequestType).WithMany().HasForeignKey(x => x.RequestTypeId).OnDelete(DeleteBehavior.Restrict);
            t.HasOne(x => x.Status).WithMany().HasForeignKey(x => x.StatusId).OnDelete(DeleteBehavior.Restrict);
            t.HasOne(x => x.Product).WithMany().HasForeignKey(x => x.ProductId).OnDelete(DeleteBehavior.SetNull);
            t.HasOne(x => x.Requester).WithMany().HasForeignKey(x => x.RequesterId).OnDelete(DeleteBehavior.Restrict);
            t.HasOne(x => x.Organization).WithMany().HasForeignKey(x => x.OrganizationId).OnDelete(DeleteBehavior.Restrict);
            t.HasOne(x => x.Group).WithMany().HasForeignKey(x => x.GroupId).OnDelete(DeleteBehavior.SetNull);
            t.HasOne(x => x.Assignee).WithMany().HasForeignKey(x => x.AssigneeId).OnDelete(DeleteBehavior.SetNull);
            t.HasOne<Ticket>().WithMany().HasForeignKey(x => x.FollowUpOfId).OnDelete(DeleteBehavior.SetNull);
            t.HasMany(x => x.Messages).WithOne().HasForeignKey(m => m.TicketId).OnDelete(DeleteBehavior.Cascade);
            t.HasMany(x => x.Events).WithOne().HasForeignKey(e => e.TicketId).OnDelete(DeleteBehavior.Cascade);
            t.HasMany(x => x.Participants).WithOne().HasForeignKey(p => p.TicketId).OnDelete(DeleteBehavior.Cascade);
            t.HasMany(x => x.FieldValues).WithOne().HasForeignKey(v => v.TicketId).OnDelete(DeleteBehavior.Cascade);
            // The lists: a requester's, an organization's, a group's, newest activity first.
            t.HasIndex(x => new { x.RequesterId, x.LastActivityAt });
            // With the number: the list's own order (activity, then number), and a search's count
            // and page answered from the index alone (bench: SQLite read the organization's 10,000 rows).
            t.HasIndex(x => new { x.OrganizationId, x.LastActivityAt, x.Number });
            t.HasIndex(x => new { x.GroupId, x.StatusId, x.LastActivityAt });
            // An agent's own tickets by status, sorted from the index alone: their queue, and how many each one still has to
            // work. Without the unassigned ones: SQLite chose it for "nobody's" and sorted 40,000 rows (bench: 65 ms).
            t.HasIndex(x => new { x.AssigneeId, x.StatusId, x.LastActivityAt, x.Number }).HasFilter("\"AssigneeId\" IS NOT NULL");
            // Newest first, whatever else: a big queue's first page is its first 50 matches in this order, read without
            // sorting the 100,000 others (bench: 474 → 0.2 ms for an agent's open tickets).
            t.HasIndex(x => new { x.LastActivityAt, x.Number });
            // Auto-close (solved for N days), and the "recently solved" queue of groups and agents, counted and sorted
            // without reading the rows.
            t.HasIndex(x => new { x.StatusId, x.SolvedAt, x.GroupId, x.AssigneeId, x.LastActivityAt, x.Number });
            // The other sorts of a queue, walked the same way (bench, 1M, 100,000 open tickets: sorted by creation
            // 0.6–1.5 s → 10–25 ms a page, by priority 0.46 s → 10–25 ms, by subject 0.4–0.8 s → 10–30 ms).
            t.HasIndex(x => new { x.CreatedAt, x.Number });
            t.HasIndex(x => new { x.Priority, x.LastActivityAt, x.Number });
            t.HasIndex(x => new { x.Subject, x.Number });
        });

        builder.Entity<OrganizationTicketCount>(c =>
        {
            c.ToTable("OrganizationTicketCounts");
            c.HasKey(x => new { x.OrganizationId, x.StatusId });
        });
        builder.Entity<Queues.QueueTicketCount>(c =>
        {
            c.ToTable("QueueTicketCounts");
            c.HasKey(x => new { x.GroupId, x.AssigneeId, x.StatusId });
            // An agent's own counts ("mine") without reading every group's.
            c.HasIndex(x => new { x.AssigneeId, x.StatusId });
        });

        builder.Entity<Message>(m =>
        {
            // Ids are made by the code (v7 GUIDs): a message added to a loaded ticket must be inserted, not updated.
            m.Property(x => x.Id).ValueGeneratedNever();
            m.HasOne(x => x.Author).WithMany().HasForeignKey(x => x.AuthorId).OnDelete(DeleteBehavior.Restrict);
            m.Property(x => x.Source).HasConversion<string>().HasMaxLength(20);
            m.HasIndex(x => new { x.TicketId, x.CreatedAt });
        });

        builder.Entity<TicketEvent>(e =>
        {
            e.Property(x => x.Kind).HasConversion<string>().HasMaxLength(30);
            e.Property(x => x.Field).HasMaxLength(100);
            e.Property(x => x.Before).HasMaxLength(1000);
            e.Property(x => x.After).HasMaxLength(1000);
            e.HasOne<User>().WithMany().HasForeignKey(x => x.ActorId).OnDelete(DeleteBehavior.SetNull);
            e.HasIndex(x => new { x.TicketId, x.Id });
            // The journal: a period, newest first.
            e.HasIndex(x => x.At);
            // The dispatcher's query: events not yet handed on. Partial, so it stays small.
            e.HasIndex(x => x.Id, "IX_TicketEvents_Undispatched").HasFilter("\"DispatchedAt\" IS NULL");
            e.HasIndex(x => x.DispatchToken);
        });

        TicketTag.Build(builder);
        TicketRelation.Build(builder);

        builder.Entity<TicketParticipant>(p =>
        {
            p.ToTable("TicketParticipants");
            p.HasKey(x => new { x.TicketId, x.UserId, x.Role });
            p.Property(x => x.Role).HasConversion<string>().HasMaxLength(20);
            p.HasOne(x => x.User).WithMany().HasForeignKey(x => x.UserId).OnDelete(DeleteBehavior.Cascade);
            p.HasIndex(x => x.UserId);
        });
    }
}
