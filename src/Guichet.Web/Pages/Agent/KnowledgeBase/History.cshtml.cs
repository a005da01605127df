using System.Globalization;
using Guichet.Web.Accounts;
using Guichet.Web.Data;
using Guichet.Web.KnowledgeBase;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace Guichet.Web.Pages.Agent.KnowledgeBase;

/// <summary>An article's history, latest first: who changed what, when; a change of text shows that version's text on demand (<c>?revision=</c>).</summary>
public sealed class HistoryModel(GuichetDbContext db, NodeCache cache, CurrentUser me, IStringLocalizer<SharedResource> L) : PageModel
{
    public sealed record Line(long Id, KbChange Change, string? Language, string By, DateTimeOffset At, string? Detail, bool HasText);

    [BindProperty(SupportsGet = true)] public int Id { get; set; }
    [BindProperty(SupportsGet = true)] public long? Revision { get; set; }

    public string Title { get; private set; } = "";
    public IReadOnlyList<Line> Lines { get; private set; } = [];
    public KbRevision? Shown { get; private set; }
    private KbStructure structure = null!;

    /// <summary>
    /// A line's detail in the editor's words: the details are written in words that do not depend on a language (a UTC
    /// date, visibility names, "section#position"), read here in the editor's language and time zone.
    /// </summary>
    public string DetailOf(Line line) => line.Change switch
    {
        KbChange.Published or KbChange.Scheduled when DateTimeOffset.TryParse(line.Detail, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var at) =>
            me.ToLocal(at).ToString("g"),
        KbChange.VisibilityChanged => Enum.GetValues<KbVisibility>().Aggregate(line.Detail ?? "", (d, v) => d.Replace(v.ToString(), KbLabels.Visibility(L, v))),
        KbChange.Moved => string.Join(" → ", (line.Detail ?? "").Split(" → ").Select(place =>
            int.TryParse(place.Split('#')[0], out var section) && structure.Section(section) is { } s ? s.Names.ToString() : place)),
        _ when line.Detail == "draft" => L["as a draft"],
        _ => line.Detail ?? "",
    };

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        if (await ArticleModel.TitleAsync(db, Id, ct) is not { } title) return NotFound();
        Title = title;
        structure = await KbStructure.GetAsync(db, cache, ct);
        var revisions = await db.KbRevisions.AsNoTracking().Where(r => r.ArticleId == Id).OrderByDescending(r => r.Id)
            .Select(r => new { r.Id, r.Change, r.Language, r.ById, r.At, r.Detail, HasText = r.Title != null }).ToListAsync(ct);
        var people = revisions.Select(r => r.ById).Distinct().ToList();
        var names = (await AgentAccounts.NamedAsync(db.Users.Where(u => people.Contains(u.Id)), ct)).ToDictionary(p => p.Id, p => p.Name);
        Lines = revisions.ConvertAll(r => new Line(r.Id, r.Change, r.Language, names.GetValueOrDefault(r.ById, ""), r.At, r.Detail, r.HasText));
        if (Revision is { } revision)
        {
            Shown = await db.KbRevisions.AsNoTracking().SingleOrDefaultAsync(r => r.Id == revision && r.ArticleId == Id && r.Title != null, ct);
            if (Shown is null) return NotFound();
        }
        return Page();
    }
}
