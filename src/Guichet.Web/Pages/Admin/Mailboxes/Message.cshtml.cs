using System.Text;
using Guichet.Web.Attachments;
using Guichet.Web.Data;
using Guichet.Web.Email.Inbound;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace Guichet.Web.Pages.Admin.Mailboxes;

/// <summary>
/// One message that came in and what became of it, step by step (its trace), with its source as it came: retried or
/// discarded from the quarantine here, downloaded whole as an .eml file (<c>…/raw</c>).
/// </summary>
public sealed class MessageModel(GuichetDbContext db, IBlobStore blobs, InboundMail inbound, IStringLocalizer<SharedResource> L) : PageModel
{
    /// <summary>The page shows the source up to this size; the download has all of it (a message may be tens of megabytes).</summary>
    public const int ShownBytes = 200 * 1024;

    [BindProperty(SupportsGet = true)] public Guid Id { get; set; }

    public InboundMessage Message { get; private set; } = null!;
    public string? MailboxAddress { get; private set; }

    /// <summary>The start of the raw message as text; null when the blob store does not have it.</summary>
    public string? Source { get; private set; }
    public bool Truncated { get; private set; }

    public bool MayRetry => Message.State is InboundState.Quarantined or InboundState.Received;
    public bool MayDiscard => Message.State == InboundState.Quarantined;

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        var message = await db.InboundMessages.AsNoTracking().SingleOrDefaultAsync(m => m.Id == Id, ct);
        if (message is null) return NotFound();
        Message = message;
        if (message.MailboxId is { } mailboxId)
            MailboxAddress = await db.Mailboxes.Where(m => m.Id == mailboxId).Select(m => m.Address).SingleOrDefaultAsync(ct);
        await using var raw = await blobs.OpenReadAsync(message.RawBlobKey, ct);
        if (raw is not null)
        {
            var buffer = new byte[ShownBytes + 1];
            var read = await raw.ReadAtLeastAsync(buffer, buffer.Length, throwOnEndOfStream: false, ct);
            Truncated = read > ShownBytes;
            // Mail is 7-bit or UTF-8 nearly always; other 8-bit bytes show as replacement characters (the download is exact).
            Source = Encoding.UTF8.GetString(buffer, 0, Math.Min(read, ShownBytes));
        }
        return Page();
    }

    public async Task<IActionResult> OnGetRawAsync(CancellationToken ct)
    {
        var message = await db.InboundMessages.AsNoTracking().Where(m => m.Id == Id).Select(m => new { m.RawBlobKey, m.ReceivedAt }).SingleOrDefaultAsync(ct);
        if (message is null) return NotFound();
        var raw = await blobs.OpenReadAsync(message.RawBlobKey, ct);
        return raw is null ? NotFound() : File(raw, "message/rfc822", $"{message.ReceivedAt:yyyy-MM-dd-HHmmss}-{Id}.eml");
    }

    public async Task<IActionResult> OnPostRetryAsync(CancellationToken ct)
    {
        var row = await inbound.RetryAsync(Id, ct);
        TempData["Flash"] = (row?.State switch
        {
            null => L["This message is not waiting to be processed any more."],
            InboundState.Quarantined => L["The message could not be processed this time either: it stays in the quarantine."],
            _ => L["The message was processed."],
        }).Value;
        return Redirect($"/admin/mailboxes/messages/{Id}");
    }

    public async Task<IActionResult> OnPostDiscardAsync(CancellationToken ct)
    {
        var row = await inbound.DiscardAsync(Id, User.Identity?.Name ?? "an admin", ct);
        TempData["Flash"] = (row is null
            ? L["This message is not in the quarantine any more."]
            : L["The message was discarded; its source and trace stay here."]).Value;
        return Redirect($"/admin/mailboxes/messages/{Id}");
    }
}
