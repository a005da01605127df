using Guichet.Web.Attachments;
using Guichet.Web.Data;
using Guichet.Web.Text;
using Guichet.Web.Tickets;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using MimeKit;

namespace Guichet.Web.Pages.Agent;

/// <summary>
/// The mail a message of a request came as, whole: its headers and its full text (the conversation shows it trimmed of
/// quotes and signatures), and the .eml file (<c>…/raw</c>). Only for someone who may see the request it is on.
/// </summary>
public sealed class MailModel(GuichetDbContext db, IBlobStore blobs, TicketConversation conversation, CurrentViewer currentViewer, RichText richText) : PageModel
{
    [BindProperty(SupportsGet = true)] public Guid Id { get; set; }

    public long Number { get; private set; }
    public string TicketSubject { get; private set; } = "";

    /// <summary>The mail as read from its source; null when the source is missing or cannot be read as a mail.</summary>
    public MimeMessage? Original { get; private set; }

    /// <summary>The text part, or the HTML part as text when there is no text part.</summary>
    public string Body { get; private set; } = "";

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        if (await VisibleAsync(ct) is not { } key) return NotFound();
        await using var raw = await blobs.OpenReadAsync(key, ct);
        if (raw is null) return Page();
        try
        {
            Original = await MimeMessage.LoadAsync(raw, ct);
        }
        catch (FormatException)
        {
            return Page();
        }
        Body = Original.TextBody ?? (Original.HtmlBody is { } html ? richText.Sanitize(html).Text : "");
        return Page();
    }

    public async Task<IActionResult> OnGetRawAsync(CancellationToken ct)
    {
        if (await VisibleAsync(ct) is not { } key) return NotFound();
        var raw = await blobs.OpenReadAsync(key, ct);
        return raw is null ? NotFound() : File(raw, "message/rfc822", $"request-{Number}-{Id}.eml");
    }

    /// <summary>The key of the mail's source, if the agent may see the request it is on; null otherwise (a 404 either way).</summary>
    private async Task<string?> VisibleAsync(CancellationToken ct)
    {
        var mail = await db.InboundMessages.AsNoTracking().Where(m => m.Id == Id)
            .Select(m => new { m.RawBlobKey, m.TicketNumber, m.ConversationMessageId }).SingleOrDefaultAsync(ct);
        if (mail is null) return null;
        // The request its message is on now (a merge or a split moves messages), else the one it made.
        var number = mail.ConversationMessageId is { } messageId
            ? await db.Tickets.Where(t => db.Messages.Any(m => m.Id == messageId && m.TicketId == t.Id)).Select(t => (long?)t.Number).SingleOrDefaultAsync(ct)
            : null;
        number ??= mail.TicketNumber;
        if (number is null) return null;
        var ticket = await conversation.FindAsync(number.Value, await currentViewer.GetAsync(ct), ct);
        if (ticket is null) return null;
        (Number, TicketSubject) = (ticket.Number, ticket.Subject);
        return mail.RawBlobKey;
    }
}
