using Guichet.Web.Data;
using Microsoft.EntityFrameworkCore;

namespace Guichet.Web.KnowledgeBase;

/// <summary>
/// The articles the request form suggests while a subject is typed, and what happens when one is opened from there: the
/// open is counted against the form (<see cref="KbDeflections"/>), so that a form never sent counts as a request avoided.
/// </summary>
public sealed class KbSuggestions(GuichetDbContext db, KbSearch search, KbLibrary library, KbDeflections deflections, TimeProvider time)
{
    /// <summary>More would push the rest of the form down the page; the link to the search shows all of them.</summary>
    public const int Count = 5;

    public Task<IReadOnlyList<KbHit>> ForAsync(KbReader reader, string language, string? subject, CancellationToken ct) =>
        search.SearchAsync(reader, language, subject, Count, asYouType: true, ct, sentence: true);

    /// <summary>Where a suggestion's link goes: through <see cref="OpenAsync"/>, which counts the open before showing the article.</summary>
    public static string OpenAddress(int articleId, Guid formKey) => $"/kb/suggested/{articleId}?form={formKey:N}";

    /// <summary>
    /// The article's address for the reader, having counted that the form <paramref name="formKey"/> opened it; null when
    /// the reader may not read it (nothing counted: a guessed address counts nothing). The team's own opens are not
    /// counted, as their views are not (<see cref="KbLibrary.CountViewAsync"/>).
    /// </summary>
    public async Task<string?> OpenAsync(KbReader reader, string language, int articleId, Guid formKey, CancellationToken ct)
    {
        var readable = db.KbArticles.ReadableBy(reader, time.GetUtcNow()).Where(a => a.Id == articleId);
        if (await library.SummariesAsync(readable, language, ct) is not [var article]) return null;
        if (!reader.IsStaff) await deflections.OpenedAsync(articleId, formKey, ct);
        return article.Url;
    }
}
