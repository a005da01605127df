using Guichet.Web.Accounts;
using Guichet.Web.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace Guichet.Web.Organizations;

/// <summary>
/// The team's notes on an organization (internal, never shown to its people): from the ticket page and the API. Every
/// save is kept as a revision (<see cref="OrganizationNoteRevision"/>): agents read what the notes said before, and a
/// save made from notes older than the current ones is refused, as a ticket's forms are, rather than losing a colleague's text.
/// </summary>
public sealed class OrganizationNotes(GuichetDbContext db, TimeProvider time, IStringLocalizer<SharedResource> L)
{
    /// <summary>How many revisions a page of the history holds.</summary>
    public const int PageSize = 50;

    /// <summary>
    /// One version of the notes: who saved it (<see cref="By"/>, their name or else their address) and when; both null for
    /// the notes written before the history was kept.
    /// </summary>
    public sealed record Revision(int Number, string? Notes, Guid? ById, string? By, DateTimeOffset? At);

    /// <summary>
    /// What a save did. <see cref="Refusal"/> says why nothing was saved; <see cref="Meanwhile"/>, when set, lists the saves
    /// of others since the revision the writer started from, newest first (the first is the notes as they are now).
    /// </summary>
    public sealed record Outcome(string? Refusal, IReadOnlyList<Revision>? Meanwhile = null)
    {
        public bool Saved => Refusal is null;
    }

    /// <summary>
    /// Saves the notes (trimmed; blank is none) if they are still at revision <paramref name="shown"/>: the one the writer
    /// read. Without one (a script that did not ask, see the API's If-Match), the save applies to whatever is there.
    /// </summary>
    public async Task<Outcome> SetAsync(Organization organization, string? notes, int? shown, Guid by, CancellationToken ct)
    {
        notes = string.IsNullOrWhiteSpace(notes) ? null : notes.Trim().ReplaceLineEndings("\n");
        if (notes?.Length > Organization.MaxNotesLength) return new(L["Use at most {0} characters.", Organization.MaxNotesLength]);
        // Twice at most: a save without a revision that meets another at the same instant goes once more over it.
        for (var attempt = 1; ; attempt++)
        {
            var from = organization.NotesRevision;
            if (shown is { } read && read != from) return await ChangedSinceAsync(organization.Id, read, ct);
            if (notes == organization.Notes) return new(null);
            var revision = organization.ChangeNotes(notes, by, time.GetUtcNow());
            db.OrganizationNoteRevisions.Add(revision);
            try
            {
                await db.SaveChangesAsync(ct);
                return new(null);
            }
            catch (DbUpdateException)
            {
                // Someone saved from the same revision at the same instant (the revision's number, or the concurrency token,
                // told them apart): theirs stays. Any other failure is not ours to handle.
                if (!await SavedMeanwhileAsync(organization, revision, from, ct)) throw;
                if (shown is not null || attempt == 2) return await ChangedSinceAsync(organization.Id, from, ct);
            }
        }
    }

    /// <summary>After a refused save: the organization as stored, and whether its notes moved past <paramref name="from"/>.</summary>
    private async Task<bool> SavedMeanwhileAsync(Organization organization, OrganizationNoteRevision revision, int from, CancellationToken ct)
    {
        db.Entry(revision).State = EntityState.Detached;
        await db.Entry(organization).ReloadAsync(ct);
        return organization.NotesRevision != from;
    }

    private async Task<Outcome> ChangedSinceAsync(Guid organizationId, int since, CancellationToken ct) => new(
        L["A colleague changed these notes since you read them, so yours were not saved. What you wrote is still in the box: compare it with what changed, then save again."],
        await ReadAsync(db.OrganizationNoteRevisions.Where(r => r.OrganizationId == organizationId && r.Number > since), PageSize, ct));

    /// <summary>The notes' history, newest first, <see cref="PageSize"/> at a time, before revision <paramref name="before"/> when given.</summary>
    public Task<List<Revision>> HistoryAsync(Guid organizationId, int? before, CancellationToken ct)
    {
        var revisions = db.OrganizationNoteRevisions.Where(r => r.OrganizationId == organizationId);
        if (before is { } number) revisions = revisions.Where(r => r.Number < number);
        return ReadAsync(revisions, PageSize, ct);
    }

    private Task<List<Revision>> ReadAsync(IQueryable<OrganizationNoteRevision> revisions, int take, CancellationToken ct) =>
        revisions.AsNoTracking().OrderByDescending(r => r.Number).Take(take)
            .Select(r => new Revision(r.Number, r.Notes, r.ById,
                db.Users.Where(u => u.Id == r.ById).Select(u => PersonName.Of(u.FirstName, u.LastName, u.Email)).FirstOrDefault(), r.At))
            .ToListAsync(ct);
}
