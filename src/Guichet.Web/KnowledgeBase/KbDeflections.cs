using Guichet.Web.Data;
using Microsoft.EntityFrameworkCore;

namespace Guichet.Web.KnowledgeBase;

/// <summary>
/// Requests avoided: an article opened from the request form's suggestions counts as deflected until the same form is
/// sent (<see cref="KbSuggestionOpen.FormKey"/>). Counted per article for its editors (<see cref="KbVotes.FeedbackAsync"/>).
/// </summary>
public sealed class KbDeflections(GuichetDbContext db, TimeProvider time)
{
    /// <summary>A reader opened a suggested article from the form <paramref name="formKey"/>; counted once per form and article.</summary>
    public async Task OpenedAsync(int articleId, Guid formKey, CancellationToken ct)
    {
        if (formKey == Guid.Empty || await db.KbSuggestionOpens.AnyAsync(o => o.FormKey == formKey && o.ArticleId == articleId, ct)) return;
        if (!await db.KbArticles.AnyAsync(a => a.Id == articleId, ct)) return;
        db.KbSuggestionOpens.Add(new KbSuggestionOpen { ArticleId = articleId, FormKey = formKey, OpenedAt = time.GetUtcNow() });
        await db.SaveChangesAsync(ct);
    }

    /// <summary>The form was sent after all: what was opened from it did not avoid the request.</summary>
    public async Task SubmittedAsync(Guid formKey, CancellationToken ct)
    {
        if (formKey == Guid.Empty) return;
        var now = time.GetUtcNow();
        await db.KbSuggestionOpens.Where(o => o.FormKey == formKey && o.SubmittedAt == null)
            .ExecuteUpdateAsync(s => s.SetProperty(o => o.SubmittedAt, now), ct);
    }
}
