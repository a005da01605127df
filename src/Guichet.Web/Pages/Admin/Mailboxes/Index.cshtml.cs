using Guichet.Web.Data;
using Guichet.Web.Email.Inbound;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace Guichet.Web.Pages.Admin.Mailboxes;

/// <summary>
/// The email channel at a glance: each mailbox's state, the quarantine, and every message that came in through any
/// door (the mailboxes, the HTTP endpoint, the import command), newest first, filtered, page by page.
/// </summary>
public sealed class IndexModel(GuichetDbContext db, IStringLocalizer<SharedResource> L) : PageModel
{
    public const int PageSize = 50;

    public sealed record MailboxRow(int Id, string Address, string Host, bool IsActive, DateTimeOffset? LastFetchAt, DateTimeOffset? LastSuccessAt,
        string? LastError, int Waiting);

    public sealed record MessageRow(Guid Id, DateTimeOffset ReceivedAt, string Source, string? From, string? Subject, InboundState State,
        InboundOutcome? Outcome, DropReason? DropReason, long? TicketNumber);

    /// <summary>A state's name as the address says it ("Quarantined"); anything else shows every state.</summary>
    [BindProperty(SupportsGet = true)] public string? State { get; set; }

    /// <summary>A door as <see cref="InboundMessage.Source"/> names it ("mailbox:3", "http", "import"); empty: all.</summary>
    [BindProperty(SupportsGet = true)] public string? Source { get; set; }

    /// <summary>The last message of the page before: the page shows older ones.</summary>
    [BindProperty(SupportsGet = true)] public Guid? Before { get; set; }

    public IReadOnlyList<MailboxRow> Mailboxes { get; private set; } = [];
    public int Quarantined { get; private set; }
    public IReadOnlyList<MessageRow> Messages { get; private set; } = [];
    public bool More { get; private set; }

    public async Task OnGetAsync(CancellationToken ct)
    {
        Mailboxes = await db.Mailboxes.AsNoTracking().OrderBy(m => m.Address)
            .Select(m => new MailboxRow(m.Id, m.Address, m.ImapHost, m.IsActive, m.LastFetchAt, m.LastSuccessAt, m.LastError, m.Waiting))
            .ToListAsync(ct);
        Quarantined = await db.InboundMessages.CountAsync(m => m.State == InboundState.Quarantined, ct);

        // Guid v7 ids follow the time they were received in: the primary key orders the list and pages it (keyset), and
        // the (State, ReceivedAt) and (MailboxId, ReceivedAt) indexes narrow it, even over a hundred thousand messages.
        var messages = db.InboundMessages.AsNoTracking();
        if (Enum.TryParse<InboundState>(State, out var state) && Enum.IsDefined(state)) messages = messages.Where(m => m.State == state);
        else State = null;
        if (MailboxIdOf(Source) is { } mailboxId) messages = messages.Where(m => m.MailboxId == mailboxId);
        else if (!string.IsNullOrEmpty(Source)) messages = messages.Where(m => m.Source == Source);
        if (Before is { } before) messages = messages.Where(m => m.Id.CompareTo(before) < 0);
        var page = await messages.OrderByDescending(m => m.Id).Take(PageSize + 1)
            .Select(m => new MessageRow(m.Id, m.ReceivedAt, m.Source, m.FromAddress, m.Subject, m.State, m.Outcome, m.DropReason, m.TicketNumber))
            .ToListAsync(ct);
        More = page.Count > PageSize;
        Messages = page.Take(PageSize).ToList();
    }

    /// <summary>The mailbox a source names, if it names one.</summary>
    public static int? MailboxIdOf(string? source) =>
        source is not null && source.StartsWith("mailbox:", StringComparison.Ordinal) && int.TryParse(source["mailbox:".Length..], out var id) ? id : null;

    /// <summary>The address of a source that is a mailbox; null for the other doors and for a mailbox deleted since.</summary>
    public string? AddressOf(string source) =>
        MailboxIdOf(source) is { } id ? Mailboxes.FirstOrDefault(m => m.Id == id)?.Address : null;

    public string Link(Guid? before = null, string? state = null)
    {
        var query = new List<string>();
        if ((state ?? State) is { Length: > 0 } s) query.Add($"state={s}");
        if (!string.IsNullOrEmpty(Source)) query.Add($"source={Uri.EscapeDataString(Source)}");
        if (before is { } b) query.Add($"before={b}");
        return "/admin/mailboxes" + (query.Count == 0 ? "" : "?" + string.Join('&', query)) + "#messages";
    }

    /// <summary>
    /// A mailbox's last error as the fetcher wrote it ("Kind: the server's own words"): what it means in the admin's language,
    /// and the server's words as they came (in English, like a log).
    /// </summary>
    public (string Summary, string? Detail)? Describe(string? lastError)
    {
        if (string.IsNullOrEmpty(lastError)) return null;
        var colon = lastError.IndexOf(':');
        var kind = colon > 0 && Enum.TryParse<ImapProblemKind>(lastError[..colon], out var k) ? k : (ImapProblemKind?)null;
        var detail = kind is null ? lastError : lastError[(colon + 1)..].Trim();
        string summary = kind switch
        {
            ImapProblemKind.Unreachable => L["The server cannot be reached."],
            ImapProblemKind.Tls => L["The secure connection failed."],
            ImapProblemKind.CertificateNotTrusted => L["The server's certificate is not trusted."],
            ImapProblemKind.Authentication => L["The server refused the user name or the password."],
            ImapProblemKind.FolderMissing => L["The folder to fetch from does not exist."],
            ImapProblemKind.MoveFolderMissing => L["The folder for processed messages does not exist."],
            ImapProblemKind.PasswordUnreadable => L["The stored password can no longer be read: enter it again."],
            _ => L["The connection failed."],
        };
        return (summary, kind == ImapProblemKind.PasswordUnreadable ? null : detail);
    }
}
