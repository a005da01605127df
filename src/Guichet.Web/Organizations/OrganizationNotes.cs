using Guichet.Web.Data;
using Microsoft.Extensions.Localization;

namespace Guichet.Web.Organizations;

/// <summary>The team's notes on an organization (internal, never shown to its people): from the ticket page and the API.</summary>
public sealed class OrganizationNotes(GuichetDbContext db, IStringLocalizer<SharedResource> L)
{
    /// <summary>Saves the notes (trimmed; blank is none); null when done, else why not (nothing changed then).</summary>
    public async Task<string?> SetAsync(Organization organization, string? notes, CancellationToken ct)
    {
        notes = string.IsNullOrWhiteSpace(notes) ? null : notes.Trim();
        if (notes?.Length > Organization.MaxNotesLength) return L["Use at most {0} characters.", Organization.MaxNotesLength];
        organization.Notes = notes;
        await db.SaveChangesAsync(ct);
        return null;
    }
}
