using Guichet.Web.Accounts;
using Guichet.Web.Data;
using Guichet.Web.KnowledgeBase;
using Guichet.Web.Localization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace Guichet.Web.Pages.Agent.KnowledgeBase;

/// <summary>
/// The editors' list of articles, drafts included: filtered by place, state, visibility and missing translation,
/// searched by title (a plain LIKE: the full-text index holds only what readers may find), latest changes first.
/// </summary>
public sealed class IndexModel(GuichetDbContext db, NodeCache cache, TimeProvider time) : PageModel
{
    public const int PageSize = 50;

    public sealed record Row(int Id, string Title, KbState State, DateTimeOffset? PublishAt, KbVisibility Visibility, string SourceLanguage,
        IReadOnlyDictionary<string, bool> Translations, long Views, int? HelpfulPercent, string UpdatedBy, DateTimeOffset UpdatedAt);

    /// <summary>"c12" (a category) or "s5" (a section).</summary>
    [BindProperty(SupportsGet = true, Name = "in")] public string? In { get; set; }
    [BindProperty(SupportsGet = true)] public KbState? State { get; set; }
    [BindProperty(SupportsGet = true)] public KbVisibility? Visibility { get; set; }
    [BindProperty(SupportsGet = true)] public string? Missing { get; set; }
    [BindProperty(SupportsGet = true)] public string? Q { get; set; }
    public int PageNumber { get; private set; } = 1;

    public KbStructure Structure { get; private set; } = null!;
    public IReadOnlyList<Row> Rows { get; private set; } = [];
    public int Total { get; private set; }
    public int PageCount => Math.Max(1, (Total + PageSize - 1) / PageSize);

    public async Task OnGetAsync([FromQuery(Name = "page")] int? page, CancellationToken ct)
    {
        PageNumber = Math.Max(1, page ?? 1);
        Structure = await KbStructure.GetAsync(db, cache, ct);
        var now = time.GetUtcNow();
        var articles = db.KbArticles.AsNoTracking();
        if (In is { Length: > 1 } place && int.TryParse(place[1..], out var placeId))
        {
            if (place[0] == 's') articles = articles.Where(a => a.SectionId == placeId);
            else
            {
                var sections = Structure.SectionsOf(placeId).Select(s => s.Id).ToList();
                articles = articles.Where(a => sections.Contains(a.SectionId));
            }
        }
        articles = State switch
        {
            KbState.Draft => articles.Where(a => a.PublishAt == null),
            KbState.Scheduled => articles.Where(a => a.PublishAt > now),
            KbState.Published => articles.Where(a => a.PublishAt <= now),
            _ => articles,
        };
        if (Visibility is { } visibility) articles = articles.Where(a => a.Visibility == visibility);
        if (Cultures.Match(Missing) is { } missing) articles = articles.Where(a => !a.Translations.Any(t => t.Language == missing));
        if (!string.IsNullOrWhiteSpace(Q))
        {
            var words = Q.Trim().ToLower();
            articles = articles.Where(a => a.Translations.Any(t => t.Title.ToLower().Contains(words)));
        }

        Total = await articles.CountAsync(ct);
        var found = await articles.OrderByDescending(a => a.UpdatedAt).ThenByDescending(a => a.Id)
            .Skip((PageNumber - 1) * PageSize).Take(PageSize)
            .Select(a => new
            {
                a.Id, a.PublishAt, a.Visibility, a.SourceLanguage, a.Views, a.UpdatedAt, a.UpdatedById,
                Translations = a.Translations.Select(t => new { t.Language, t.Title, t.IsDraft }).ToList(),
            }).ToListAsync(ct);
        var people = found.Select(a => a.UpdatedById).Distinct().ToList();
        var names = (await AgentAccounts.NamedAsync(db.Users.Where(u => people.Contains(u.Id)), ct)).ToDictionary(p => p.Id, p => p.Name);
        var ids = found.ConvertAll(a => a.Id);
        var votes = await db.KbVotes.Where(v => ids.Contains(v.ArticleId)).GroupBy(v => v.ArticleId)
            .Select(g => new { g.Key, Helpful = g.Count(v => v.IsHelpful), All = g.Count() }).ToDictionaryAsync(g => g.Key, ct);
        Rows = found.ConvertAll(a => new Row(
            a.Id, (a.Translations.FirstOrDefault(t => t.Language == a.SourceLanguage) ?? a.Translations.FirstOrDefault())?.Title ?? "",
            KbLabels.StateOf(a.PublishAt, now), a.PublishAt, a.Visibility, a.SourceLanguage,
            a.Translations.ToDictionary(t => t.Language, t => t.IsDraft), a.Views,
            votes.TryGetValue(a.Id, out var v) && v.All > 0 ? (int)Math.Round(100.0 * v.Helpful / v.All) : null,
            names.GetValueOrDefault(a.UpdatedById, ""), a.UpdatedAt));
    }

    /// <summary>This list's address with the same filters on another page.</summary>
    public string Link(int page) => QueryString.Create(new Dictionary<string, string?>
    {
        ["in"] = In, ["state"] = State?.ToString(), ["visibility"] = Visibility?.ToString(), ["missing"] = Missing, ["q"] = Q,
        ["page"] = page.ToString(System.Globalization.CultureInfo.InvariantCulture),
    }.Where(p => !string.IsNullOrEmpty(p.Value))).ToUriComponent();
}
