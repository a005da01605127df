using System.Globalization;
using System.Text.Json.Serialization;
using Guichet.Web.Data;
using Guichet.Web.Hosting;
using Guichet.Web.Localization;
using Guichet.Web.Tickets;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Guichet.Web.KnowledgeBase;

/// <summary>
/// Articles an agent puts into a reply (the reply box's "Insert an article"): searched as the agent, who reads every
/// published article, in the requester's language (what the reply is written in), with what may be inserted — a link
/// that works outside Guichet (the public address, as in mail) or the article's Markdown — and whether the requester
/// may open it at all: a link to an article they cannot read answers "not found" to them.
/// </summary>
public sealed class KbReplyArticles(GuichetDbContext db, NodeCache cache, KbSearch search, IOptions<GuichetOptions> options, TimeProvider time)
{
    public const int MaxResults = 8;

    public sealed record Found(int Id, string Title, string Language, string ExcerptHtml, string Url, string Markdown,
        [property: JsonConverter(typeof(JsonStringEnumConverter<KbVisibility>))] KbVisibility Visibility, bool RequesterMayRead);

    public async Task<IReadOnlyList<Found>> FindAsync(Viewer agent, Ticket ticket, string? text, CancellationToken ct)
    {
        var language = await LanguageOfAsync(ticket.RequesterId, ct);
        var hits = await search.SearchAsync(KbReader.Of(agent), language, text, MaxResults, asYouType: true, ct);
        if (hits.Count == 0) return [];
        var ids = hits.Select(h => h.ArticleId).ToList();
        var visibilities = await db.KbArticles.Where(a => ids.Contains(a.Id)).ToDictionaryAsync(a => a.Id, a => a.Visibility, ct);
        var texts = await db.KbTranslations.Where(t => ids.Contains(t.ArticleId))
            .Select(t => new { t.ArticleId, t.Language, t.BodyMarkdown }).ToListAsync(ct);
        var requester = KbReader.Of(await Viewer.ForAsync(db, cache, ticket.RequesterId, ct));
        var readable = await db.KbArticles.ReadableBy(requester, time.GetUtcNow()).Where(a => ids.Contains(a.Id)).Select(a => a.Id).ToListAsync(ct);
        return hits.Where(h => visibilities.ContainsKey(h.ArticleId)).Select(h => new Found(h.ArticleId, h.Title, h.Language, h.ExcerptHtml,
            options.Value.Link(h.Url).ToString(), texts.FirstOrDefault(t => t.ArticleId == h.ArticleId && t.Language == h.Language)?.BodyMarkdown ?? "",
            visibilities[h.ArticleId], readable.Contains(h.ArticleId))).ToList();
    }

    /// <summary>The requester's chosen language, else the agent's (the page's), else English.</summary>
    private async Task<string> LanguageOfAsync(Guid requesterId, CancellationToken ct)
    {
        var chosen = await db.Users.Where(u => u.Id == requesterId).Select(u => u.Culture).SingleOrDefaultAsync(ct);
        return Cultures.Match(chosen) ?? Cultures.Match(CultureInfo.CurrentUICulture.TwoLetterISOLanguageName) ?? Cultures.Default;
    }
}
