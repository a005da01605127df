using System.Net;
using System.Text.Encodings.Web;
using Guichet.Web.Data;
using Guichet.Web.Journal;
using Guichet.Web.Pages.Shared;
using Guichet.Web.Text;
using Guichet.Web.Tickets;
using Microsoft.AspNetCore.Html;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.Localization;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace Guichet.Web.Pages.Admin;

/// <summary>The activity journal: every change to every request over a period, filtered, page by page or as a file.</summary>
public sealed class JournalModel(ActivityJournal journal, TicketCatalog catalog, CustomFieldValues fieldValues, GuichetDbContext db,
    Accounts.CurrentUser me, TimeProvider time, IHtmlLocalizer<SharedResource> L) : PageModel
{
    [BindProperty(SupportsGet = true)] public DateOnly? From { get; set; }
    [BindProperty(SupportsGet = true)] public DateOnly? To { get; set; }
    [BindProperty(SupportsGet = true)] public string? Who { get; set; }
    [BindProperty(SupportsGet = true)] public Guid? Organization { get; set; }
    [BindProperty(SupportsGet = true)] public int? Type { get; set; }
    [BindProperty(SupportsGet = true)] public string? Kind { get; set; }
    [BindProperty(SupportsGet = true)] public long? Before { get; set; }

    public IReadOnlyList<ActivityJournal.Line> Lines { get; private set; } = [];
    public bool More { get; private set; }
    public Catalog Catalog { get; private set; } = null!;
    public sealed record Choice(string Value, string Name);
    public IReadOnlyList<Choice> Organizations { get; private set; } = [];
    private IReadOnlyList<CustomFieldValues.TicketField> fields = [];

    public async Task<IActionResult> OnGetAsync(string? format, CancellationToken ct)
    {
        Catalog = await catalog.GetAsync(ct);
        // Ids made text here: SQLite keeps GUIDs as upper-case text.
        Organizations = (await db.Organizations.AsNoTracking().OrderBy(o => o.Name).Select(o => new { o.Id, o.Name }).ToListAsync(ct))
            .Select(o => new Choice(o.Id.ToString(), o.Name)).ToList();
        fields = Catalog.Fields.Select(f => new CustomFieldValues.TicketField(f, null, false)).ToList();

        // The last seven days, in the admin's calendar.
        var today = DateOnly.FromDateTime(me.ToLocal(time.GetUtcNow()).DateTime);
        From ??= today.AddDays(-6);
        To ??= today;
        if (From > To)
        {
            ModelState.AddModelError(nameof(To), L["The period ends before it starts."].Value);
            To = From;
        }
        if (Kind is not null && !ActivityJournal.Kinds.Contains(Kind)) Kind = null;
        Guid? actorId = null;
        if (!string.IsNullOrWhiteSpace(Who))
        {
            var normalized = Who.Trim().ToUpperInvariant();
            actorId = await db.Users.Where(u => u.NormalizedEmail == normalized).Select(u => (Guid?)u.Id).SingleOrDefaultAsync(ct);
            if (actorId is null)
            {
                ModelState.AddModelError(nameof(Who), L["Nobody has this address."].Value);
                return Page();
            }
        }
        var filter = new ActivityJournal.Filter(Start(From.Value), Start(To.Value.AddDays(1)), actorId, Organization, Type, Kind, Before);

        if (format is "csv" or "xlsx")
        {
            var all = await journal.AllAsync(filter with { Before = null }, ct);
            string[] headings = [L["When"].Value, L["Number"].Value, L["Subject"].Value, L["Organization"].Value, L["Who"].Value, L["What"].Value, L["Processed"].Value];
            var rows = all.Select(l => new object?[]
            {
                me.ToLocal(l.At).DateTime, l.Number, l.Subject, l.Organization ?? "", l.Actor, PlainText(Describe(l)), l.Processed ? L["Yes"].Value : "",
            });
            var (content, contentType, fileName) = await TableFile.WriteAsync(format, $"journal-{From:yyyy-MM-dd}-{To:yyyy-MM-dd}", headings, rows, ct);
            return File(content, contentType, fileName);
        }
        (Lines, More) = await journal.PageAsync(filter, ct);
        return Page();
    }

    /// <summary>A line in the reader's language, as the ticket's own history says it.</summary>
    public LocalizedHtmlString Describe(ActivityJournal.Line line) => HistoryText.Describe(L,
        new TicketView.Entry(line.MessageId, line.ActorId, line.Actor, line.ActorIsStaff, line.At, null, false, line.Kind, line.Field, line.Before, line.After),
        Catalog.Statuses, fields, fieldValues);

    public string Link(long? before = null, string? format = null)
    {
        var query = new List<string> { $"from={From:yyyy-MM-dd}", $"to={To:yyyy-MM-dd}" };
        if (!string.IsNullOrWhiteSpace(Who)) query.Add($"who={Uri.EscapeDataString(Who.Trim())}");
        if (Organization is { } organization) query.Add($"organization={organization}");
        if (Type is { } type) query.Add($"type={type}");
        if (Kind is not null) query.Add($"kind={Kind}");
        if (before is { } b) query.Add($"before={b}");
        if (format is not null) query.Add($"format={format}");
        return "/admin/journal?" + string.Join('&', query);
    }

    /// <summary>The first instant of a day in the admin's time zone.</summary>
    private DateTimeOffset Start(DateOnly day)
    {
        var local = day.ToDateTime(TimeOnly.MinValue);
        return new DateTimeOffset(local, me.TimeZone.GetUtcOffset(local)).ToUniversalTime();
    }

    private static string PlainText(IHtmlContent html)
    {
        using var writer = new StringWriter();
        html.WriteTo(writer, HtmlEncoder.Default);
        return WebUtility.HtmlDecode(writer.ToString());
    }
}
