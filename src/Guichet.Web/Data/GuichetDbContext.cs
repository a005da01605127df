using Guichet.Web.Accounts;
using Guichet.Web.Api;
using Guichet.Web.Attachments;
using Guichet.Web.Email.Outbound;
using Guichet.Web.Organizations;
using Guichet.Web.Portal;
using Guichet.Web.Tickets;
using Microsoft.AspNetCore.DataProtection.EntityFrameworkCore;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Identity.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore;

namespace Guichet.Web.Data;

/// <summary>
/// The one DbContext. Each provider has a subclass (<see cref="SqliteGuichetDbContext"/>,
/// <see cref="PostgresGuichetDbContext"/>) only so that each keeps its own migrations.
/// </summary>
public abstract class GuichetDbContext(DbContextOptions options)
    : IdentityDbContext<User, IdentityRole<Guid>, Guid>(options), IDataProtectionKeyContext
{
    public DbSet<Organization> Organizations => Set<Organization>();
    public DbSet<OrganizationDomain> OrganizationDomains => Set<OrganizationDomain>();
    public DbSet<OrganizationMembership> OrganizationMemberships => Set<OrganizationMembership>();
    public DbSet<OrganizationNoteRevision> OrganizationNoteRevisions => Set<OrganizationNoteRevision>();
    public DbSet<Invitation> Invitations => Set<Invitation>();
    public DbSet<PasswordResetCode> PasswordResetCodes => Set<PasswordResetCode>();
    public DbSet<PortalSettings> PortalSettings => Set<PortalSettings>();
    public DbSet<HeldRequest> HeldRequests => Set<HeldRequest>();
    public DbSet<OutboxMail> OutboxMails => Set<OutboxMail>();
    public DbSet<DataProtectionKey> DataProtectionKeys => Set<DataProtectionKey>();
    public DbSet<Ticket> Tickets => Set<Ticket>();
    public DbSet<Message> Messages => Set<Message>();
    public DbSet<TicketEvent> TicketEvents => Set<TicketEvent>();
    public DbSet<Status> Statuses => Set<Status>();
    public DbSet<RequestType> RequestTypes => Set<RequestType>();
    public DbSet<Product> Products => Set<Product>();
    public DbSet<CustomField> CustomFields => Set<CustomField>();
    public DbSet<RequestTypeField> RequestTypeFields => Set<RequestTypeField>();
    public DbSet<TicketFieldValue> TicketFieldValues => Set<TicketFieldValue>();
    public DbSet<Group> Groups => Set<Group>();
    public DbSet<PersonalAccessToken> PersonalAccessTokens => Set<PersonalAccessToken>();
    public DbSet<IdempotentRequest> IdempotentRequests => Set<IdempotentRequest>();
    public DbSet<Live.TicketPresence> TicketPresences => Set<Live.TicketPresence>();
    public DbSet<TimeTracking.TimeEntry> TimeEntries => Set<TimeTracking.TimeEntry>();
    public DbSet<Guichet.Web.Macros.Macro> Macros => Set<Guichet.Web.Macros.Macro>();
    public DbSet<AgentProfile> AgentProfiles => Set<AgentProfile>();
    public DbSet<Notifications.AgentNotification> AgentNotifications => Set<Notifications.AgentNotification>();
    public DbSet<Email.Inbound.Mailbox> Mailboxes => Set<Email.Inbound.Mailbox>();
    public DbSet<Email.Inbound.InboundMessage> InboundMessages => Set<Email.Inbound.InboundMessage>();
    public DbSet<KnowledgeBase.KbCategory> KbCategories => Set<KnowledgeBase.KbCategory>();
    public DbSet<KnowledgeBase.KbSection> KbSections => Set<KnowledgeBase.KbSection>();
    public DbSet<KnowledgeBase.KbArticle> KbArticles => Set<KnowledgeBase.KbArticle>();
    public DbSet<KnowledgeBase.KbTranslation> KbTranslations => Set<KnowledgeBase.KbTranslation>();
    public DbSet<KnowledgeBase.KbRevision> KbRevisions => Set<KnowledgeBase.KbRevision>();
    public DbSet<KnowledgeBase.KbFile> KbFiles => Set<KnowledgeBase.KbFile>();
    public DbSet<KnowledgeBase.KbVote> KbVotes => Set<KnowledgeBase.KbVote>();
    public DbSet<KnowledgeBase.KbSuggestionOpen> KbSuggestionOpens => Set<KnowledgeBase.KbSuggestionOpen>();

    protected override void OnModelCreating(ModelBuilder builder)
    {
        base.OnModelCreating(builder);
        TicketsModel.Build(builder);
        ApiModel.Build(builder);
        AttachmentsModel.Build(builder);
        PortalModel.Build(builder);
        CacheStamp.Build(builder);
        Live.TicketPresence.Build(builder);
        TimeTracking.TimeEntry.Build(builder);
        Guichet.Web.Macros.Macro.Build(builder);
        Email.Inbound.InboundModel.Build(builder);
        AgentProfile.Build(builder);
        Queues.SavedView.Build(builder);
        Notifications.AgentNotification.Build(builder);
        OrganizationNoteRevision.Build(builder);
        KnowledgeBase.KnowledgeBaseModel.Build(builder);

        builder.Entity<User>(u =>
        {
            u.Property(x => x.FirstName).HasMaxLength(100);
            u.Property(x => x.LastName).HasMaxLength(100);
            u.Property(x => x.JobTitle).HasMaxLength(100);
            u.Property(x => x.Culture).HasMaxLength(10);
            u.Property(x => x.TimeZone).HasMaxLength(64);
            u.Property(x => x.MailFailure).HasMaxLength(500);
            u.Ignore(x => x.FullName);
            u.Ignore(x => x.IsDeactivated);
        });

        builder.Entity<Organization>(o =>
        {
            o.Property(x => x.Name).HasMaxLength(200);
            o.Property(x => x.Notes).HasMaxLength(Organization.MaxNotesLength);
            o.Property(x => x.NotesRevision).IsConcurrencyToken();
            o.HasIndex(x => x.Name).IsUnique();
            o.HasMany(x => x.Domains).WithOne().HasForeignKey(d => d.OrganizationId).OnDelete(DeleteBehavior.Cascade);
            o.Navigation(x => x.Domains).AutoInclude();
        });

        builder.Entity<OrganizationDomain>(d =>
        {
            d.HasKey(x => x.Domain);
            d.Property(x => x.Domain).HasMaxLength(253);
        });

        builder.Entity<OrganizationMembership>(m =>
        {
            m.HasKey(x => new { x.OrganizationId, x.UserId });
            m.HasOne(x => x.Organization).WithMany(o => o.Memberships).HasForeignKey(x => x.OrganizationId).OnDelete(DeleteBehavior.Cascade);
            m.HasOne(x => x.User).WithMany(u => u.Memberships).HasForeignKey(x => x.UserId).OnDelete(DeleteBehavior.Cascade);
            m.HasIndex(x => x.UserId);
        });

        builder.Entity<Invitation>(i =>
        {
            i.HasOne(x => x.User).WithMany().HasForeignKey(x => x.UserId).OnDelete(DeleteBehavior.Cascade);
            i.HasOne(x => x.Organization).WithMany().HasForeignKey(x => x.OrganizationId).OnDelete(DeleteBehavior.SetNull);
            i.HasOne<User>().WithMany().HasForeignKey(x => x.InvitedById).OnDelete(DeleteBehavior.Restrict);
            i.HasIndex(x => x.UserId);
        });

        builder.Entity<PasswordResetCode>(r =>
        {
            r.HasOne<User>().WithMany().HasForeignKey(x => x.UserId).OnDelete(DeleteBehavior.Cascade);
            r.HasIndex(x => x.UserId);
            r.Property(x => x.CodeHash).HasMaxLength(64);
            r.Property(x => x.LinkTokenHash).HasMaxLength(64);
        });

        builder.Entity<PortalSettings>(s =>
        {
            s.Property(x => x.Id).ValueGeneratedNever();
            s.Property(x => x.SignUpPolicy).HasConversion<string>().HasMaxLength(20);
            s.HasData(new PortalSettings());
        });

        builder.Entity<OutboxMail>(m =>
        {
            m.Property(x => x.ToAddress).HasMaxLength(320);
            m.Property(x => x.ToName).HasMaxLength(200);
            m.Property(x => x.Subject).HasMaxLength(998);
            m.Property(x => x.MessageId).HasMaxLength(250);
            m.Property(x => x.LockedBy).HasMaxLength(Hosting.ClaimHolder.MaxLength);
            m.Property(x => x.InReplyTo).HasMaxLength(250);
            m.Property(x => x.References).HasMaxLength(2000);
            m.HasIndex(x => x.MessageId).IsUnique();
            // A failure noted on its request; a request's mails read for threading.
            m.HasIndex(x => x.TicketId);
            // The sender's hot query: unsent, unfailed mail whose time has come.
            m.HasIndex(x => new { x.SentAt, x.FailedAt, x.NextAttemptAt });
        });
    }
}
