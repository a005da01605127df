using Guichet.Web.Accounts;
using Microsoft.EntityFrameworkCore;

namespace Guichet.Web.Organizations;

/// <summary>
/// One saved version of the team's notes on an organization, kept so that agents can read what the notes said before
/// (see <see cref="OrganizationNotes"/>). The newest is the notes as they are now.
/// </summary>
public sealed class OrganizationNoteRevision
{
    public long Id { get; init; }
    public Guid OrganizationId { get; init; }

    /// <summary>1, 2, 3… for each organization: its <see cref="Organization.NotesRevision"/> when this text was saved.</summary>
    public int Number { get; init; }

    /// <summary>The whole text then; null when the notes were emptied.</summary>
    public string? Notes { get; init; }

    /// <summary>Who saved it and when; both null for the notes written before the history was kept (migration OrganizationNoteHistory).</summary>
    public Guid? ById { get; init; }
    public DateTimeOffset? At { get; init; }

    internal static void Build(ModelBuilder builder) => builder.Entity<OrganizationNoteRevision>(r =>
    {
        r.ToTable("OrganizationNoteRevisions");
        r.Property(x => x.Notes).HasMaxLength(Organization.MaxNotesLength);
        r.HasOne<Organization>().WithMany().HasForeignKey(x => x.OrganizationId).OnDelete(DeleteBehavior.Cascade);
        // Team members are deactivated, never deleted: what they wrote stays theirs.
        r.HasOne<User>().WithMany().HasForeignKey(x => x.ById).OnDelete(DeleteBehavior.Restrict);
        // One number per organization (two saves of the same revision cannot both be kept); the history reads newest first from it.
        r.HasIndex(x => new { x.OrganizationId, x.Number }).IsUnique();
        r.HasIndex(x => x.ById);
    });
}
