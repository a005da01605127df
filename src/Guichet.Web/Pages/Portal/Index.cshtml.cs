using Guichet.Web.Accounts;
using Guichet.Web.Data;
using Guichet.Web.KnowledgeBase;
using Guichet.Web.Pages.Portal.KnowledgeBase;
using Guichet.Web.Portal;
using Guichet.Web.Tickets;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace Guichet.Web.Pages.Portal;

/// <summary>
/// The portal's front door, its most visited page: one search box (the help center, and a signed-in customer's
/// requests), the help center's top categories and most read articles, the kinds of request to open and, signed in,
/// the customer's requests that wait for their answer and their other open ones. A handful of queries: the structure,
/// the catalog, the portal settings and the viewer come from each node's cache.
/// </summary>
public sealed class IndexModel(KbLibrary library, CurrentKbReader readers, CurrentUser me, CurrentViewer currentViewer, TicketIntake intake,
    TicketCatalog catalog, GuestRequests guests, GuichetDbContext db) : PageModel
{
    public const int TopCategories = 6;
    public const int MostReadCount = 5;
    public const int RequestsShown = 5;

    public sealed record RequestRow(long Number, string Subject, DateTimeOffset LastActivityAt, Status Status);

    public IReadOnlyList<KbCategoryView> Categories { get; private set; } = [];
    public bool HasMoreCategories { get; private set; }
    public IReadOnlyList<KbArticleSummary> MostRead { get; private set; } = [];

    /// <summary>The kinds of request this person may open (for a visitor, those open to guests when the portal takes guests).</summary>
    public IReadOnlyList<RequestType> Types { get; private set; } = [];

    public bool AcceptsGuests { get; private set; }

    /// <summary>The customer's requests waiting for their answer (status category Pending), most recent first.</summary>
    public IReadOnlyList<RequestRow> Waiting { get; private set; } = [];

    /// <summary>The customer's other requests still open (new, in progress).</summary>
    public IReadOnlyList<RequestRow> Open { get; private set; } = [];

    public bool IsCustomer => me.IsSignedIn && !me.IsStaff;

    public async Task OnGetAsync(CancellationToken ct)
    {
        var reader = await readers.GetAsync(ct);
        var all = await library.CategoriesAsync(reader, ct);
        Categories = [.. all.Take(TopCategories)];
        HasMoreCategories = all.Count > TopCategories;
        MostRead = all.Count == 0 ? [] : await library.MostReadAsync(reader, KbPages.Language, MostReadCount, ct);

        if (!me.IsSignedIn)
        {
            AcceptsGuests = await guests.AcceptsGuestsAsync(ct);
            // A guest belongs to no organization: nobody's id gives the kinds open to everyone (as the form does).
            if (AcceptsGuests) Types = await intake.TypesForAsync(Guid.Empty, ct);
            return;
        }
        if (me.IsStaff) return;
        Types = await intake.TypesForAsync(me.RequireId(), ct);
        var viewer = await currentViewer.GetAsync(ct);
        var statuses = (await catalog.GetAsync(ct)).Statuses;
        var pending = statuses.Where(s => s.Category == StatusCategory.Pending).Select(s => s.Id).ToList();
        var inProgress = statuses.Where(s => s.Category is StatusCategory.New or StatusCategory.Open).Select(s => s.Id).ToList();
        // "Mine": the requests the customer sent (the one rule, TicketAccess, with the list's "mine" scope); their
        // colleagues' requests are on /requests, and wait for the colleague, not for them.
        var mine = db.Tickets.AsNoTracking().VisibleTo(viewer, "mine");
        Waiting = await RowsAsync(mine.Where(t => pending.Contains(t.StatusId)), statuses, ct);
        Open = await RowsAsync(mine.Where(t => inProgress.Contains(t.StatusId)), statuses, ct);
    }

    private static async Task<IReadOnlyList<RequestRow>> RowsAsync(IQueryable<Ticket> tickets, IReadOnlyList<Status> statuses, CancellationToken ct) =>
        (await tickets.OrderByDescending(t => t.LastActivityAt).Take(RequestsShown)
            .Select(t => new { t.Number, t.Subject, t.LastActivityAt, t.StatusId }).ToListAsync(ct))
        .Select(t => new RequestRow(t.Number, t.Subject, t.LastActivityAt, statuses.Single(s => s.Id == t.StatusId))).ToList();
}
