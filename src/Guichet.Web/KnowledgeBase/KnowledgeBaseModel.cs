using Guichet.Web.Accounts;
using Guichet.Web.Localization;
using Guichet.Web.Organizations;
using Microsoft.EntityFrameworkCore;

namespace Guichet.Web.KnowledgeBase;

internal static class KnowledgeBaseModel
{
    public static void Build(ModelBuilder builder)
    {
        builder.Entity<KbCategory>(c =>
        {
            c.ToTable("KbCategories");
            c.Property(x => x.Names).HasConversion<LocalizedText.Converter, LocalizedText.Comparer>();
            c.Property(x => x.Descriptions).HasConversion<LocalizedText.Converter, LocalizedText.Comparer>();
        });
        builder.Entity<KbSection>(s =>
        {
            s.ToTable("KbSections");
            s.Property(x => x.Names).HasConversion<LocalizedText.Converter, LocalizedText.Comparer>();
            s.Property(x => x.Descriptions).HasConversion<LocalizedText.Converter, LocalizedText.Comparer>();
            // A category with sections cannot be deleted: its articles would go with it unseen.
            s.HasOne<KbCategory>().WithMany().HasForeignKey(x => x.CategoryId).OnDelete(DeleteBehavior.Restrict);
            s.HasIndex(x => new { x.CategoryId, x.Position });
        });
        builder.Entity<KbArticle>(a =>
        {
            a.ToTable("KbArticles");
            a.Property(x => x.SourceLanguage).HasMaxLength(10);
            a.HasOne<KbSection>().WithMany().HasForeignKey(x => x.SectionId).OnDelete(DeleteBehavior.Restrict);
            // Team members are deactivated, never deleted: what they wrote stays theirs.
            a.HasOne<User>().WithMany().HasForeignKey(x => x.CreatedById).OnDelete(DeleteBehavior.Restrict);
            a.HasOne<User>().WithMany().HasForeignKey(x => x.UpdatedById).OnDelete(DeleteBehavior.Restrict);
            a.HasMany(x => x.Translations).WithOne().HasForeignKey(t => t.ArticleId).OnDelete(DeleteBehavior.Cascade);
            a.HasMany(x => x.Organizations).WithOne().HasForeignKey(o => o.ArticleId).OnDelete(DeleteBehavior.Cascade);
            a.HasIndex(x => new { x.SectionId, x.Position });
            a.HasIndex(x => x.Views);
            a.HasIndex(x => x.CreatedById);
            a.HasIndex(x => x.UpdatedById);
        });
        builder.Entity<KbArticleOrganization>(o =>
        {
            o.ToTable("KbArticleOrganizations");
            o.HasKey(x => new { x.ArticleId, x.OrganizationId });
            o.HasOne<Organization>().WithMany().HasForeignKey(x => x.OrganizationId).OnDelete(DeleteBehavior.Cascade);
            o.HasIndex(x => x.OrganizationId);
        });
        builder.Entity<KbTranslation>(t =>
        {
            t.ToTable("KbTranslations");
            t.Property(x => x.Language).HasMaxLength(10);
            t.Property(x => x.Title).HasMaxLength(KbTranslation.MaxTitleLength);
            t.Property(x => x.Slug).HasMaxLength(KbTranslation.MaxTitleLength);
            t.Property(x => x.Keywords).HasMaxLength(KbTranslation.MaxKeywordsLength);
            t.HasOne<User>().WithMany().HasForeignKey(x => x.UpdatedById).OnDelete(DeleteBehavior.Restrict);
            t.HasIndex(x => new { x.ArticleId, x.Language }).IsUnique();
            t.HasIndex(x => x.UpdatedById);
        });
        builder.Entity<KbRevision>(r =>
        {
            r.ToTable("KbRevisions");
            r.Property(x => x.Change).HasConversion<string>().HasMaxLength(30);
            r.Property(x => x.Language).HasMaxLength(10);
            r.Property(x => x.Title).HasMaxLength(KbTranslation.MaxTitleLength);
            r.Property(x => x.Keywords).HasMaxLength(KbTranslation.MaxKeywordsLength);
            r.Property(x => x.Detail).HasMaxLength(1000);
            r.HasOne<KbArticle>().WithMany().HasForeignKey(x => x.ArticleId).OnDelete(DeleteBehavior.Cascade);
            r.HasOne<User>().WithMany().HasForeignKey(x => x.ById).OnDelete(DeleteBehavior.Restrict);
            r.HasIndex(x => new { x.ArticleId, x.Id });
            r.HasIndex(x => x.ById);
        });
        builder.Entity<KbFile>(f =>
        {
            f.ToTable("KbFiles");
            f.Property(x => x.FileName).HasMaxLength(Attachments.Attachment.FileNameMaxLength);
            f.Property(x => x.ContentType).HasMaxLength(100);
            f.Property(x => x.BlobKey).HasMaxLength(64);
            f.Ignore(x => x.Url);
            f.Ignore(x => x.IsImage);
            f.HasOne<KbArticle>().WithMany().HasForeignKey(x => x.ArticleId).OnDelete(DeleteBehavior.Cascade);
            f.HasOne<User>().WithMany().HasForeignKey(x => x.CreatedById).OnDelete(DeleteBehavior.Restrict);
            f.HasIndex(x => x.ArticleId);
            f.HasIndex(x => x.BlobKey);
            f.HasIndex(x => x.CreatedById);
        });
        builder.Entity<KbVote>(v =>
        {
            v.ToTable("KbVotes");
            v.Property(x => x.VoterKey).HasMaxLength(KbVote.MaxVoterKeyLength);
            v.Property(x => x.Comment).HasMaxLength(KbVote.MaxCommentLength);
            v.Property(x => x.Language).HasMaxLength(10);
            v.HasOne<KbArticle>().WithMany().HasForeignKey(x => x.ArticleId).OnDelete(DeleteBehavior.Cascade);
            // A person's votes go when the person goes; the counts were never theirs to keep.
            v.HasOne<User>().WithMany().HasForeignKey(x => x.UserId).OnDelete(DeleteBehavior.Cascade);
            v.HasIndex(x => new { x.ArticleId, x.VoterKey }).IsUnique();
            v.HasIndex(x => x.UserId);
        });
        builder.Entity<KbSuggestionOpen>(s =>
        {
            s.ToTable("KbSuggestionOpens");
            s.HasOne<KbArticle>().WithMany().HasForeignKey(x => x.ArticleId).OnDelete(DeleteBehavior.Cascade);
            s.HasIndex(x => new { x.ArticleId, x.SubmittedAt });
            s.HasIndex(x => x.FormKey);
        });
    }
}
