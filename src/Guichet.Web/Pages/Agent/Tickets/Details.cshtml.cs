using System.ComponentModel.DataAnnotations;
using Guichet.Web.Accounts;
using Guichet.Web.Attachments;
using Guichet.Web.Data;
using Guichet.Web.Pages.Shared;
using Guichet.Web.Tickets;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.Filters;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace Guichet.Web.Pages.Agent.Tickets;

/// <summary>One request as an agent works it: the whole conversation with notes, a reply box, status and priority.</summary>
public sealed class DetailsModel(TicketConversation conversation, TicketView view, StatusWorkflow workflow, AttachmentUploads uploads, CurrentViewer currentViewer, TicketCatalog catalog,
    CustomFieldValues fieldValues, CurrentUser me, GuichetDbContext db, TimeProvider time, IStringLocalizer<SharedResource> L) : PageModel
{
    [BindProperty(SupportsGet = true)] public long Number { get; set; }
    public AgentReplyInput Reply { get; set; } = new();
    public AttachmentsInput Attachments { get; set; } = new();
    public Ticket Ticket { get; private set; } = null!;
    public TicketView.Details View { get; private set; } = null!;
    public IReadOnlyList<Status> Statuses { get; private set; } = [];
    public TicketFieldsForm Fields { get; } = new();

    public async Task<IActionResult> OnGetAsync(CancellationToken ct) => await LoadAsync(ct) ? Page() : NotFound();

    public async Task<IActionResult> OnPostReplyAsync([Bind(Prefix = nameof(Reply))] AgentReplyInput reply,
        [Bind(Prefix = AttachmentsInput.Prefix)] AttachmentsInput attachments, CancellationToken ct)
    {
        Reply = reply;
        Attachments = attachments;
        if (!await LoadAsync(ct)) return NotFound();
        var files = await Attachments.ReceiveAsync(uploads, me.RequireId(), ModelState, ct);
        if (!ModelState.IsValid) return Page();
        await conversation.AgentReplyAsync(Ticket, me.RequireId(), reply.Body, reply.Internal, files, ct);
        if (reply.StatusId is { } statusId && statusId != Ticket.StatusId)
        {
            await workflow.SetAsync(Ticket, statusId, me.RequireId(), ct);
            await db.SaveChangesAsync(ct);
        }
        TempData["Flash"] = (reply.Internal ? L["Your note was added."] : L["Your reply was sent."]).Value;
        return Redirect($"/agent/tickets/{Number}#latest");
    }

    public async Task<IActionResult> OnPostUpdateAsync(int statusId, TicketPriority priority, CancellationToken ct)
    {
        if (!await LoadAsync(ct)) return NotFound();
        if (!Enum.IsDefined(priority) || !await workflow.SetAsync(Ticket, statusId, me.RequireId(), ct)) return BadRequest();
        Ticket.ChangePriority(priority, me.RequireId(), time.GetUtcNow());
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateConcurrencyException)
        {
            TempData["Flash"] = L["Someone changed this request at the same time. Here it is as it is now; make your change again."].Value;
            return Redirect($"/agent/tickets/{Number}");
        }
        TempData["Flash"] = L["The request was updated."].Value;
        return Redirect($"/agent/tickets/{Number}");
    }

    public async Task<IActionResult> OnPostFieldsAsync(CancellationToken ct)
    {
        if (!await LoadAsync(ct)) return NotFound();
        if (!await Fields.SaveAsync(Ticket, isStaff: true, me.RequireId(), time.GetUtcNow(), Request, ModelState, fieldValues, db, L, ct)) return Page();
        TempData["Flash"] = L["The details were saved."].Value;
        return Redirect($"/agent/tickets/{Number}");
    }

    public async Task<IActionResult> OnPostAssignAsync(bool toMe, CancellationToken ct)
    {
        if (!await LoadAsync(ct)) return NotFound();
        Ticket.Assign(toMe ? me.RequireId() : null, me.RequireId(), time.GetUtcNow());
        await db.SaveChangesAsync(ct);
        return Redirect($"/agent/tickets/{Number}");
    }

    private async Task<bool> LoadAsync(CancellationToken ct)
    {
        var ticket = await conversation.FindAsync(Number, await currentViewer.GetAsync(ct), ct);
        if (ticket is null) return false;
        Ticket = ticket;
        return true;
    }

    public override async Task OnPageHandlerExecutionAsync(PageHandlerExecutingContext context, PageHandlerExecutionDelegate next)
    {
        var executed = await next();
        if (executed.Result is PageResult && Ticket is not null)
        {
            var ct = HttpContext.RequestAborted;
            View = await view.LoadAsync(Ticket, await currentViewer.GetAsync(ct), ct);
            Statuses = (await catalog.GetAsync(ct)).Statuses;
            Fields.Show(Ticket, View, isStaff: true, ModelState);
        }
    }
}

public sealed class AgentReplyInput
{
    [Required(ErrorMessage = "Write your message.")]
    [StringLength(50_000, ErrorMessage = "Use at most {1} characters.")]
    [Display(Name = "Message")]
    public string Body { get; set; } = "";

    [Display(Name = "Internal note (customers do not see it)")]
    public bool Internal { get; set; }

    [Display(Name = "Then set the status to")]
    public int? StatusId { get; set; }
}
