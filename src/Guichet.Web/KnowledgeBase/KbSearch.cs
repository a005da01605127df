using Guichet.Web.Data;
using Guichet.Web.Search;
using Microsoft.EntityFrameworkCore;

namespace Guichet.Web.KnowledgeBase;

/// <summary>An article found by a search, in the language the reader reads it in, with its excerpt (HTML, words marked).</summary>
public sealed record KbHit(int ArticleId, string Language, string Title, string Slug, string ExcerptHtml, int SectionId)
{
    public string Url => KbAddresses.Article(ArticleId, Slug);
}

/// <summary>
/// Searching the knowledge base, for the /kb search, the portal's home, the request form's suggestions, the agents'
/// reply box and the API: the reader's language (else the source language), what the reader may read, best first.
/// </summary>
public sealed class KbSearch(GuichetDbContext db, TimeProvider time)
{
    public const int MaxResults = 50;

    /// <param name="asYouType">The last word is a beginning ("imprim" finds "imprimante"): suggestions while typing.</param>
    /// <param name="sentence">
    /// The text is a sentence ("how do I connect to the VPN"), not search words: when too few articles have every word,
    /// those with any of its words that say something (not "how", "do", "the": <see cref="CommonWords"/>) follow.
    /// </param>
    public async Task<IReadOnlyList<KbHit>> SearchAsync(KbReader reader, string language, string? text, int take, bool asYouType,
        CancellationToken ct, bool sentence = false)
    {
        var query = SearchQuery.Parse(text, asYouType);
        if (query.IsEmpty) return [];
        var now = time.GetUtcNow();
        take = Math.Clamp(take, 1, MaxResults);
        var engine = IKbSearchEngine.For(db);
        var scope = KbAccess.ScopeOf(reader);
        var telling = Telling(query);
        // Only common words ("the", "how to"): every article has them, and no ranking would mean anything.
        var order = telling.Terms.Count > 0 ? KbOrder.Relevance : KbOrder.Newest;
        var ids = await engine.SearchAsync(db, query, scope, language, now, take, order, ct);
        if (sentence && ids.Count < take && query.Terms.Count > 1 && telling.Terms.Count > 0)
            ids = [.. ids, .. (await engine.SearchAsync(db, telling, scope, language, now, take, KbOrder.Relevance, ct, anyTerm: true)).Except(ids).Take(take - ids.Count)];
        if (ids.Count == 0) return [];
        // The one rule once more, as of now: the index's tokens are as of the article's last change.
        var rows = await db.KbTranslations.AsNoTracking().Where(t => ids.Contains(t.Id))
            .Join(db.KbArticles.ReadableBy(reader, now), t => t.ArticleId, a => a.Id,
                (t, a) => new { t.Id, t.ArticleId, t.Language, t.Title, t.Slug, Text = t.BodyText.Substring(0, 20_000), a.SectionId })
            .ToListAsync(ct);
        return rows.OrderBy(r => ids.IndexOf(r.Id))
            .Select(r => new KbHit(r.ArticleId, r.Language, r.Title, r.Slug, KbExcerpt.Of(r.Text, query), r.SectionId))
            .ToList();
    }

    /// <summary>The terms of a query that say something of a subject: phrases, and words that are not <see cref="CommonWords"/>.</summary>
    private static SearchQuery Telling(SearchQuery query) =>
        new(query.Terms.Where(t => t.Words.Count > 1 || !CommonWords.Contains(TextFolding.Fold(t.Words[0]))).ToList());
}
