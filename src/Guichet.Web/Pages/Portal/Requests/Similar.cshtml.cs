using Guichet.Web.Data;
using Guichet.Web.Search;
using Guichet.Web.Tickets;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace Guichet.Web.Pages.Portal.Requests;

/// <summary>
/// While a subject is typed on the form, the open requests the person can already see (their
/// own and their organization's) with the same words: a duplicate is often one click away.
/// A fragment of HTML fetched by requests.js; the form works without it.
/// </summary>
[Authorize]
public sealed class SimilarModel(GuichetDbContext db, TicketSearch search, CurrentViewer currentViewer) : PageModel
{
    public sealed record Match(long Number, string Subject, Status Status);

    public IReadOnlyList<Match> Matches { get; private set; } = [];

    public async Task OnGetAsync(string? subject, CancellationToken ct)
    {
        if (string.IsNullOrWhiteSpace(subject) || subject.Trim().Length < 3) return;
        var viewer = await currentViewer.GetAsync(ct);
        var rows = await search.Filter(db.Tickets.AsNoTracking(), subject, viewer, asYouType: true)
            .Where(t => t.Status.Category == StatusCategory.New || t.Status.Category == StatusCategory.Open || t.Status.Category == StatusCategory.Pending)
            .OrderByDescending(t => t.LastActivityAt).Take(5)
            .Select(t => new { t.Number, t.Subject, t.Status }).ToListAsync(ct);
        Matches = rows.Select(r => new Match(r.Number, r.Subject, r.Status)).ToList();
    }
}
