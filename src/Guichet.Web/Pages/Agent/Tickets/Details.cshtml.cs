using System.ComponentModel.DataAnnotations;
using System.Globalization;
using Guichet.Web.Accounts;
using Guichet.Web.Attachments;
using Guichet.Web.Data;
using Guichet.Web.Live;
using Guichet.Web.Macros;
using Guichet.Web.Organizations;
using Guichet.Web.Pages.Shared;
using Guichet.Web.Queues;
using Guichet.Web.Tickets;
using Guichet.Web.TimeTracking;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.Filters;
using Microsoft.AspNetCore.Mvc.ModelBinding;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace Guichet.Web.Pages.Agent.Tickets;

/// <summary>One request as an agent works it: the whole conversation with notes, a reply box, status and priority.</summary>
public sealed class DetailsModel(TicketConversation conversation, TicketView view, StatusWorkflow workflow, AttachmentUploads uploads, CurrentViewer currentViewer, TicketCatalog catalog,
    AgentQueues queues, CustomFieldValues fieldValues, TicketPresences presences, TimeEntries timeEntries, MacroLibrary macros, TicketMerge merge, TicketContext ticketContext, TicketParticipants participants, TicketTags tags, TicketRelations relations, TicketSplit split, AgentProfiles profiles, OrganizationNotes organizationNotes, NodeCache cache, CurrentUser me, GuichetDbContext db, TimeProvider time, IStringLocalizer<SharedResource> L) : PageModel
{
    [BindProperty(SupportsGet = true)] public long Number { get; set; }

    /// <summary>
    /// The queue the ticket was opened from, as its address ("/agent?queue=open&amp;sort=…": search, filters, sort, page): the
    /// page's way back, and the list its next and previous tickets are taken from. Anything else is ignored.
    /// </summary>
    [BindProperty(SupportsGet = true, Name = "from")] public string? From { get; set; }
    public string? Queue => Queues.SavedViews.IsListAddress(From) ? From : null;

    /// <summary>The tickets before and after this one in <see cref="Queue"/>, if any.</summary>
    public long? PreviousNumber { get; private set; }
    public long? NextNumber { get; private set; }

    /// <summary>A ticket's page that remembers the queue it is opened from.</summary>
    public string TicketLink(long number, string? fragment = null) =>
        $"/agent/tickets/{number}{(Queue is { } queue ? "?from=" + Uri.EscapeDataString(queue) : "")}{fragment}";

    /// <summary>
    /// The ticket's version when the form was shown, and the newest of its events then: a save from a page older than
    /// the ticket is refused with what changed meanwhile, and what the agent typed or chose stays in the form.
    /// </summary>
    [BindProperty(Name = "version")] public Guid? ShownVersion { get; set; }
    [BindProperty(Name = "seen")] public long ShownThrough { get; set; }

    /// <summary>What others changed since the agent's page was shown, when a save was refused for it.</summary>
    public IReadOnlyList<TicketView.Entry>? ChangedMeanwhile { get; private set; }

    /// <summary>The newest event the page shows (its forms send it back as "seen").</summary>
    public long Seen { get; private set; }

    /// <summary>What the agent chose in the side panel when it was refused; the ticket's values otherwise.</summary>
    public (int StatusId, TicketPriority Priority, string? Group, string? Assignee)? Chosen { get; private set; }
    public AgentReplyInput Reply { get; set; } = new();
    public AttachmentsInput Attachments { get; set; } = new();
    public Ticket Ticket { get; private set; } = null!;
    public TicketView.Details View { get; private set; } = null!;
    public IReadOnlyList<Status> Statuses { get; private set; } = [];
    public TicketFieldsForm Fields { get; } = new();
    public sealed record Choice(string Value, string Name);
    public IReadOnlyList<Choice> Groups { get; private set; } = [];
    /// <summary>Who may be given the ticket: the active team, and whoever has it now even if they left.</summary>
    public IReadOnlyList<AgentAccounts.Person> Assignees { get; private set; } = [];

    /// <summary>Whether public replies get the agent's signature (said under the reply box).</summary>
    public bool HasSignature { get; private set; }

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        if (!await LoadAsync(ct)) return NotFound();
        // A merged request leads to where its conversation went.
        if (Ticket.MergedIntoId is not null && await merge.WentToAsync(Ticket, await currentViewer.GetAsync(ct), ct) is { } into)
        {
            TempData["Flash"] = L["The request #{0} was merged into this one.", Number].Value;
            return Redirect(TicketLink(into));
        }
        return Page();
    }

    /// <summary>The requester's other requests and the organization's notes, beside the request.</summary>
    public TicketContext.Context Context { get; private set; } = null!;

    /// <summary>
    /// The team's notes on the requester's organization, if still as the page showed them (<paramref name="notesRevision"/>);
    /// the page comes back with what was typed if too long, or with what colleagues changed meanwhile.
    /// </summary>
    public async Task<IActionResult> OnPostOrganizationNotesAsync(string? notes, int? notesRevision, CancellationToken ct)
    {
        if (!await LoadAsync(ct)) return NotFound();
        var organization = Ticket.OrganizationId is { } id ? await db.Organizations.SingleOrDefaultAsync(o => o.Id == id, ct) : null;
        if (organization is null) return NotFound();
        var outcome = await organizationNotes.SetAsync(organization, notes, notesRevision, me.RequireId(), ct);
        if (outcome.Refusal is { } refusal)
        {
            ModelState.AddModelError("notes", refusal);
            NotesTyped = notes;
            NotesMeanwhile = outcome.Meanwhile;
            return Page();
        }
        TempData["Flash"] = L["The notes on {0} were saved.", organization.Name].Value;
        return Redirect(TicketLink(Number));
    }

    /// <summary>What colleagues saved of the organization's notes since the agent's page, when their save was refused for it.</summary>
    public IReadOnlyList<OrganizationNotes.Revision>? NotesMeanwhile { get; private set; }

    /// <summary>The message the request was opened with, which stays with it (the others may be split off).</summary>
    public Guid? FirstMessageId { get; private set; }

    /// <summary>The message being split when it was refused, with the subject typed and why.</summary>
    public (Guid MessageId, string? Subject, string Refusal)? SplitRefused { get; private set; }

    public async Task<IActionResult> OnPostSplitAsync(Guid messageId, string? subject, CancellationToken ct)
    {
        if (!await LoadAsync(ct)) return NotFound();
        var outcome = await split.SplitAsync(Ticket, messageId, subject, await currentViewer.GetAsync(ct), ct);
        if (outcome.Refusal is { } refusal)
        {
            SplitRefused = (messageId, subject, refusal);
            return Page();
        }
        TempData["Flash"] = L["The message is now the request #{0}; the customer was told by mail.", outcome.Created!.Number].Value;
        return Redirect(TicketLink(outcome.Created.Number));
    }

    /// <summary>Related requests the agent may see; the number typed to link and why it was refused.</summary>
    public IReadOnlyList<TicketRelations.Related> Related { get; private set; } = [];
    public string? LinkTyped { get; private set; }

    public async Task<IActionResult> OnPostLinkAsync(string? related, CancellationToken ct)
    {
        if (!await LoadAsync(ct)) return NotFound();
        var refusal = TicketNumbers.Typed(related) is { } number
            ? await relations.LinkAsync(Ticket, number, await currentViewer.GetAsync(ct), ct)
            : L["Type the number of a request."].Value;
        if (refusal is null) return Redirect(TicketLink(Number, "#related"));
        ModelState.AddModelError("related", refusal);
        LinkTyped = related;
        return Page();
    }

    public async Task<IActionResult> OnPostUnlinkAsync(long related, CancellationToken ct)
    {
        if (!await LoadAsync(ct)) return NotFound();
        await relations.UnlinkAsync(Ticket, related, await currentViewer.GetAsync(ct), ct);
        return Redirect(TicketLink(Number, "#related"));
    }

    /// <summary>The request's tags, and what was typed when refused.</summary>
    public IReadOnlyList<string> Tags { get; private set; } = [];
    public string? TagsTyped { get; private set; }

    public async Task<IActionResult> OnPostTagsAsync(string? tagsText, CancellationToken ct)
    {
        if (!await LoadAsync(ct)) return NotFound();
        if (await tags.SetAsync(Ticket, tagsText, me.RequireId(), ct) is { } refusal)
        {
            ModelState.AddModelError("tags", refusal);
            TagsTyped = tagsText;
            return Page();
        }
        await db.SaveChangesAsync(ct);
        return Redirect(TicketLink(Number));
    }

    /// <summary>Addresses typed in "keep informed", shown again when one is not an address.</summary>
    public string? ParticipantsTyped { get; private set; }

    public async Task<IActionResult> OnPostAddParticipantsAsync(string? addresses, CancellationToken ct)
    {
        if (!await LoadAsync(ct)) return NotFound();
        var invalid = await participants.AddAsync(Ticket, addresses, me.RequireId(), ct);
        if (invalid.Count > 0 || string.IsNullOrWhiteSpace(addresses))
        {
            ModelState.AddModelError("addresses", invalid.Count > 0
                ? L["These are not email addresses: {0}", string.Join(", ", invalid)] : L["Type one or more email addresses."]);
            ParticipantsTyped = addresses;
            return Page();
        }
        return Redirect(TicketLink(Number, "#kept-informed"));
    }

    public async Task<IActionResult> OnPostRemoveParticipantAsync(Guid userId, CancellationToken ct)
    {
        if (!await LoadAsync(ct)) return NotFound();
        await participants.RemoveAsync(Ticket, userId, me.RequireId(), ct);
        return Redirect(TicketLink(Number, "#kept-informed"));
    }

    /// <summary>Notes refused (too long), shown again as typed.</summary>
    public string? NotesTyped { get; private set; }

    /// <summary>The number typed in "merge into", and why it was refused.</summary>
    public long? MergeInto { get; private set; }
    public string? MergeRefusal { get; private set; }

    /// <summary>The request to merge into, checked, while the agent confirms.</summary>
    public Ticket? MergeTarget { get; private set; }

    /// <summary>Merging in two steps: the number is checked and the target shown; the confirmation merges.</summary>
    public async Task<IActionResult> OnPostMergeAsync(string? into, bool confirm, CancellationToken ct)
    {
        if (!await LoadAsync(ct)) return NotFound();
        var viewer = await currentViewer.GetAsync(ct);
        if (TicketNumbers.Typed(into) is not { } target)
        {
            MergeRefusal = L["Type the number of the request to merge into."];
            return Page();
        }
        MergeInto = target;
        var check = await merge.CheckAsync(Number, target, viewer, ct);
        MergeRefusal = check.Refusal;
        if (MergeRefusal is not null) return Page();
        if (!confirm)
        {
            MergeTarget = check.Target;
            return Page();
        }
        db.ChangeTracker.Clear();
        MergeRefusal = await merge.MergeAsync(Number, target, viewer, ct);
        if (MergeRefusal is not null)
        {
            await LoadAsync(ct);
            return Page();
        }
        TempData["Flash"] = L["The request #{0} was merged into this one.", Number].Value;
        return Redirect(TicketLink(target));
    }

    public async Task<IActionResult> OnPostReplyAsync([Bind(Prefix = nameof(Reply))] AgentReplyInput reply,
        [Bind(Prefix = AttachmentsInput.Prefix)] AttachmentsInput attachments, CancellationToken ct)
    {
        Reply = reply;
        Attachments = attachments;
        if (!await LoadAsync(ct)) return NotFound();
        var files = await Attachments.ReceiveAsync(uploads, me.RequireId(), ModelState, ct);
        if (ChangedSinceShown() || !ModelState.IsValid) return Page();
        var body = reply.Internal ? reply.Body : await profiles.SignAsync(me.RequireId(), Ticket.RequesterId, reply.Body, ct);
        await conversation.AgentReplyAsync(Ticket, me.RequireId(), body, reply.Internal, files, ct);
        // What the reply sets besides (chosen, or brought by a macro): in one more save, each change its own event.
        var statusChanged = reply.StatusId is { } statusId && statusId != Ticket.StatusId && await workflow.SetAsync(Ticket, statusId, me.RequireId(), ct);
        if (reply.Priority is { } priority && Enum.IsDefined(priority)) Ticket.ChangePriority(priority, me.RequireId(), time.GetUtcNow());
        if (statusChanged || reply.Priority is not null) await db.SaveChangesAsync(ct);
        TempData["Flash"] = (reply.Internal ? L["Your note was added."] : L["Your reply was sent."]).Value;
        // The page that follows tells drafts.js that the reply was taken: only now may the kept draft go.
        TempData[ReplyDrafts.Accepted] = ReplyDrafts.OfTicket(Number);
        return Redirect(TicketLink(Number, "#latest"));
    }

    /// <summary>
    /// Status, priority, group and assignee in one save. <paramref name="group"/> and <paramref name="assignee"/> are left
    /// as they are when not sent; empty means none (no group, nobody).
    /// </summary>
    /// <summary>What the agent chose for the kind, product and environment when it was refused (a colleague changed the request).</summary>
    public (int TypeId, string Product, string Environment)? Classified { get; private set; }

    /// <summary>The kind of request, its product and environment, in one save; each change its own event.</summary>
    public async Task<IActionResult> OnPostClassifyAsync(int typeId, string? product, string? environment, CancellationToken ct)
    {
        if (!await LoadAsync(ct)) return NotFound();
        if (ChangedSinceShown())
        {
            var theirs = await ChangedFieldsAsync(ct);
            Classified = (theirs.Contains("type") ? Ticket.RequestTypeId : typeId,
                theirs.Contains("product") ? Ticket.ProductId?.ToString() ?? "" : product ?? "",
                theirs.Contains("environment") ? Ticket.Environment?.ToString() ?? "" : environment ?? "");
            return Page();
        }
        var described = await catalog.GetAsync(ct);
        var type = described.RequestTypes.FirstOrDefault(t => t.Id == typeId && Ticket.MayBecome(t));
        int? productId = int.TryParse(product, out var p) ? p : null;
        TicketEnvironment? env = Enum.TryParse<TicketEnvironment>(environment, out var e) && Enum.IsDefined(e) ? e : null;
        if (type is null || (productId is { } pid && described.Products.All(x => x.Id != pid))
            || (!string.IsNullOrEmpty(environment) && env is null)) return BadRequest();
        var now = time.GetUtcNow();
        Ticket.ChangeType(type, me.RequireId(), now);
        Ticket.ChangeProduct(productId, me.RequireId(), now);
        Ticket.ChangeEnvironment(env, me.RequireId(), now);
        await db.SaveChangesAsync(ct);
        TempData["Flash"] = L["The details were saved."].Value;
        return Redirect(TicketLink(Number));
    }

    /// <summary>The kinds of request and products to choose from (set with the page).</summary>
    public IReadOnlyList<RequestType> Types { get; private set; } = [];
    public IReadOnlyList<Product> Products { get; private set; } = [];

    public async Task<IActionResult> OnPostUpdateAsync(int statusId, TicketPriority priority, string? group, string? assignee, CancellationToken ct)
    {
        if (!await LoadAsync(ct)) return NotFound();
        if (ChangedSinceShown())
        {
            // What someone else changed meanwhile shows as it is now (saving again must not undo it); the rest as chosen.
            var theirs = await ChangedFieldsAsync(ct);
            Chosen = (theirs.Contains("status") ? Ticket.StatusId : statusId, theirs.Contains("priority") ? Ticket.Priority : priority,
                group is null || theirs.Contains("group") ? Ticket.GroupId?.ToString() ?? "" : group,
                assignee is null || theirs.Contains("assignee") ? Ticket.AssigneeId?.ToString() ?? "" : assignee);
            return Page();
        }
        if (!Enum.IsDefined(priority) || !await workflow.SetAsync(Ticket, statusId, me.RequireId(), ct)) return BadRequest();
        var now = time.GetUtcNow();
        Ticket.ChangePriority(priority, me.RequireId(), now);
        if (group is not null)
        {
            int? groupId = int.TryParse(group, out var g) ? g : null;
            if (group != "" && (groupId is null || !await db.Groups.AnyAsync(x => x.Id == groupId, ct))) return BadRequest();
            Ticket.ChangeGroup(groupId, me.RequireId(), now);
        }
        if (assignee is not null)
        {
            Guid? assigneeId = Guid.TryParse(assignee, out var a) ? a : null;
            // Whoever has it may keep it (even if they left); anyone else must be in the active team.
            if (assignee != "" && (assigneeId is null
                || (assigneeId != Ticket.AssigneeId && !await AgentAccounts.MayBeGivenTicketsAsync(db, assigneeId.Value, me.RequireId(), now, ct)))) return BadRequest();
            Ticket.Assign(assigneeId, me.RequireId(), now);
        }
        await db.SaveChangesAsync(ct);
        // Handed to a group the agent is not in, and not to them: it is no longer theirs to see.
        if (!TicketAccess.Sees(await currentViewer.GetAsync(ct), Ticket))
        {
            TempData["Flash"] = L["The request was updated and handed over: it is no longer among the requests you see."].Value;
            return Redirect(Queue ?? "/agent");
        }
        TempData["Flash"] = L["The request was updated."].Value;
        return Redirect(TicketLink(Number));
    }

    public async Task<IActionResult> OnPostFieldsAsync(CancellationToken ct)
    {
        if (!await LoadAsync(ct)) return NotFound();
        if (ChangedSinceShown())
        {
            var theirs = await ChangedFieldsAsync(ct);
            Fields.KeepTyped(Request, except: key => theirs.Contains(Ticket.FieldEventPrefix + key));
            return Page();
        }
        if (!await Fields.SaveAsync(Ticket, isStaff: true, me.RequireId(), time.GetUtcNow(), Request, ModelState, fieldValues, db, L, ct)) return Page();
        TempData["Flash"] = L["The details were saved."].Value;
        return Redirect(TicketLink(Number));
    }

    public async Task<IActionResult> OnPostAssignAsync(bool toMe, CancellationToken ct)
    {
        if (!await LoadAsync(ct)) return NotFound();
        if (ChangedSinceShown()) return Page();
        Ticket.Assign(toMe ? me.RequireId() : null, me.RequireId(), time.GetUtcNow());
        await db.SaveChangesAsync(ct);
        return Redirect(TicketLink(Number));
    }

    public TimeSheetForm TimeSheet { get; } = new();

    /// <summary>The requester's language: the macros' texts searched are theirs.</summary>
    public string RequesterCulture { get; private set; } = Localization.Cultures.Default;

    /// <summary>The macros the agent may insert, by name.</summary>
    public IReadOnlyList<Macro> Macros { get; private set; } = [];

    /// <summary>Said after a macro was inserted in the reply box (nothing is sent yet).</summary>
    public string? MacroInserted { get; private set; }

    /// <summary>
    /// Inserts a macro in the reply being written (the whole reply form is posted, so nothing typed is lost): its text in
    /// the requester's language after what is there, and what it sets, to be seen and sent by the agent.
    /// </summary>
    public async Task<IActionResult> OnPostMacroAsync(int macroId, [Bind(Prefix = nameof(Reply))] AgentReplyInput reply,
        [Bind(Prefix = AttachmentsInput.Prefix)] AttachmentsInput attachments, CancellationToken ct)
    {
        Reply = reply;
        Attachments = attachments;
        if (!await LoadAsync(ct)) return NotFound();
        await Attachments.ReceiveAsync(uploads, me.RequireId(), ModelState, ct);
        var applied = await macros.ApplyAsync(macroId, Ticket, await currentViewer.GetAsync(ct), ct);
        if (applied is null) return NotFound();
        Reply.Body = string.IsNullOrWhiteSpace(Reply.Body) ? applied.Body : Reply.Body.TrimEnd() + "\n\n" + applied.Body;
        Reply.StatusId = applied.StatusId ?? Reply.StatusId;
        Reply.Priority = applied.Priority ?? Reply.Priority;
        Reply.Internal |= applied.Internal;
        // The form shows these values, not what was posted; an empty body is no error here.
        foreach (var key in new[] { "Reply.Body", "Reply.StatusId", "Reply.Priority", "Reply.Internal" }) ModelState.Remove(key);
        MacroInserted = L["The macro was inserted: read the reply, then send it."].Value;
        return Page();
    }

    public async Task<IActionResult> OnPostTimeAsync([Bind(Prefix = "Time")] TimeInput input, CancellationToken ct)
    {
        if (!await LoadAsync(ct)) return NotFound();
        TimeSheet.Time = input;
        if (await TimeSheet.LogAsync(timeEntries, Ticket, await currentViewer.GetAsync(ct), me.TimeZone, ModelState, L, ct) is not { } said) return Page();
        TempData["Flash"] = said;
        return Redirect(TicketLink(Number, "#time"));
    }

    /// <summary>The time entry whose correction form is open (its "Correct" link, or the form posted back).</summary>
    [BindProperty(SupportsGet = true, Name = "editTime")] public Guid? EditTime { get; set; }

    public async Task<IActionResult> OnPostEditTimeAsync([Bind(Prefix = "Edit")] TimeInput input, CancellationToken ct)
    {
        if (!await LoadAsync(ct)) return NotFound();
        TimeSheet.Edit = input;
        switch (await TimeSheet.CorrectAsync(timeEntries, Ticket, await currentViewer.GetAsync(ct), me.TimeZone, EditTime, ModelState, L, ct))
        {
            case (null, _): return Page();
            case (TimeEntries.Outcome.NotFound, _): return NotFound();
            case (TimeEntries.Outcome.NotYours, _): return StatusCode(StatusCodes.Status403Forbidden);
            case (_, var said): TempData["Flash"] = said; break;
        }
        return Redirect(TicketLink(Number, "#time"));
    }

    public async Task<IActionResult> OnPostRemoveTimeAsync(Guid entryId, CancellationToken ct)
    {
        if (!await LoadAsync(ct)) return NotFound();
        switch (await timeEntries.RemoveAsync(Ticket, await currentViewer.GetAsync(ct), entryId, ct))
        {
            case TimeEntries.Outcome.NotFound: return NotFound();
            case TimeEntries.Outcome.NotYours: return StatusCode(StatusCodes.Status403Forbidden);
        }
        TempData["Flash"] = L["The time was taken off."].Value;
        return Redirect(TicketLink(Number, "#time"));
    }

    /// <summary>The colleagues wwwroot/js/mentions.js suggests while the agent types "@…" in a note, as JSON.</summary>
    public async Task<IActionResult> OnGetMentionsAsync(string? q, CancellationToken ct)
    {
        if (!await LoadAsync(ct)) return NotFound();
        return new JsonResult(await Guichet.Web.Notifications.Mentions.SuggestAsync(db, cache, Ticket, me.RequireId(), q, ct));
    }

    /// <summary>The knowledge base's articles wwwroot/js/kb-picker.js offers to insert in the reply, as JSON.</summary>
    public async Task<IActionResult> OnGetArticlesAsync(string? q, [FromServices] Guichet.Web.KnowledgeBase.KbReplyArticles articles, CancellationToken ct)
    {
        if (!await LoadAsync(ct)) return NotFound();
        return new JsonResult(await articles.FindAsync(await currentViewer.GetAsync(ct), Ticket, q, ct));
    }

    /// <summary>The live script's "I am writing a reply" (see <see cref="TicketPresences"/>); nothing else changes.</summary>
    public async Task<IActionResult> OnPostReplyingAsync(CancellationToken ct)
    {
        if (!await LoadAsync(ct)) return NotFound();
        await presences.ReplyingAsync(Ticket.Id, me.RequireId(), replying: true, ct);
        return new NoContentResult();
    }

    /// <summary>
    /// Whether the ticket changed since the form was shown (by anyone, the agent in another tab too). A form that does
    /// not say (a script of the agent's own) is not checked; the database's concurrency token still keeps two saves at
    /// the same moment apart.
    /// </summary>
    private bool ChangedSinceShown()
    {
        if (ShownVersion is not { } shown || shown == Ticket.Version) return false;
        ChangedMeanwhile = [];
        return true;
    }

    /// <summary>What the events since the agent's page changed: "status", "priority", "group", "assignee", custom fields by their event name.</summary>
    private async Task<HashSet<string>> ChangedFieldsAsync(CancellationToken ct) =>
        (await db.TicketEvents.AsNoTracking().Where(e => e.TicketId == Ticket.Id && e.Id > ShownThrough)
            .Select(e => e.Kind == TicketEventKind.StatusChanged ? "status" : e.Field).ToListAsync(ct))
        .OfType<string>().ToHashSet();

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
        // Two people saving the same thing at the same instant (the same tag, the same link, a crosswise merge): the one
        // the database refused sees the request as it is now and is told so, instead of an error page.
        if (executed.Exception is DbUpdateException && HttpMethods.IsPost(Request.Method))
        {
            executed.ExceptionHandled = true;
            TempData["Flash"] = L["Someone changed this request at the same time. Here it is as it is now; make your change again."].Value;
            executed.Result = Redirect(TicketLink(Number));
            return;
        }
        if (executed.Result is PageResult && Ticket is not null)
        {
            var ct = HttpContext.RequestAborted;
            View = await view.LoadAsync(Ticket, await currentViewer.GetAsync(ct), ct);
            OriginalMails = await OriginalMailsAsync(ct);
            if (ChangedMeanwhile is not null) ChangedMeanwhile = View.History.Where(e => e.EventId > ShownThrough).ToList();
            Statuses = (await catalog.GetAsync(ct)).Statuses;
            Fields.Show(Ticket, View, isStaff: true, ModelState);
            Seen = View.History.Count == 0 ? 0 : View.History.Max(e => e.EventId);
            Fields.Stamp = (Ticket.Version, Seen);
            await TimeSheet.ShowAsync(timeEntries, Ticket, await currentViewer.GetAsync(ct), me.TimeZone, $"/agent/tickets/{Number}", EditTime, ct);
            Macros = await macros.UsableBy(await currentViewer.GetAsync(ct)).OrderBy(m => m.Name).ToListAsync(ct);
            Groups = (await Guichet.Web.Tickets.Groups.AllAsync(db, cache, ct)).Select(g => new Choice(g.Id.ToString(CultureInfo.InvariantCulture), g.Name)).ToList();
            // Whoever has it stays in the menu (even if they left); others must be at work, but agents may always take it themselves.
            var (current, mine) = (Ticket.AssigneeId, me.RequireId());
            var assignable = AgentAccounts.Assignable(db, mine, time.GetUtcNow()).Select(u => u.Id);
            Assignees = await AgentAccounts.NamedAsync(AgentAccounts.Staff(db).Where(u => u.Id == current || assignable.Contains(u.Id)), ct);
            HasSignature = await profiles.HasSignatureAsync(mine, ct);
            Context = await ticketContext.OfAsync(Ticket, await currentViewer.GetAsync(ct), Statuses, ct);
            Tags = await tags.OfAsync(Ticket.Id, ct);
            RequesterCulture = Localization.Cultures.Match(View.RequesterCulture) ?? Localization.Cultures.Default;
            var described = await catalog.GetAsync(ct);
            Types = described.RequestTypes.Where(Ticket.MayBecome).ToList();
            Products = described.Products.Where(x => x.IsActive || x.Id == Ticket.ProductId).ToList();
            // The opening's event names the first message (what TicketSplit.FirstMessageIdAsync reads), and the history has it.
            FirstMessageId = View.History.FirstOrDefault(e => e.Kind == TicketEventKind.Created)?.MessageId;
            Related = await relations.OfAsync(Ticket.Id, await currentViewer.GetAsync(ct), ct);
            if (Queue is { } queue) (PreviousNumber, NextNumber) = await NeighboursAsync(queue, ct);
        }
    }

    /// <summary>The mail each message came as (its "Original mail" link), by message id.</summary>
    public IReadOnlyDictionary<Guid, Guid> OriginalMails { get; private set; } = new Dictionary<Guid, Guid>();

    /// <summary>One statement for all the page's messages, through the index on ConversationMessageId.</summary>
    private async Task<IReadOnlyDictionary<Guid, Guid>> OriginalMailsAsync(CancellationToken ct)
    {
        var messageIds = View.Messages.Where(m => !m.IsInternal).Select(m => m.MessageId).ToList();
        if (messageIds.Count == 0) return new Dictionary<Guid, Guid>();
        var mails = await db.InboundMessages.AsNoTracking().Where(i => messageIds.Contains(i.ConversationMessageId))
            .Select(i => new { MessageId = i.ConversationMessageId!.Value, i.Id }).ToListAsync(ct);
        // A message has one original; should two rows ever name the same message, one link is enough.
        return mails.DistinctBy(m => m.MessageId).ToDictionary(m => m.MessageId, m => m.Id);
    }

    /// <summary>
    /// The tickets on either side of this one in the queue's list as its address describes it (the same tickets, through the
    /// same rule of who sees what, in the same order as the queue's page), each one indexed look-up.
    /// </summary>
    private async Task<(long? Previous, long? Next)> NeighboursAsync(string queueAddress, CancellationToken ct)
    {
        var values = QueryHelpers.ParseQuery(queueAddress.Contains('?') ? queueAddress[queueAddress.IndexOf('?')..] : "");
        var list = TicketListQuery.Read(values);
        var viewer = await currentViewer.GetAsync(ct);
        var queue = AgentQueues.Named(values.TryGetValue("queue", out var named) ? named.ToString() : null, viewer);
        var tickets = await queues.SearchAsync(queue, list.Q, viewer, ct);
        list.At(time.GetUtcNow());
        var fields = (await catalog.GetAsync(ct)).Fields;
        var previous = await list.Beyond(tickets, me.TimeZone, Ticket, backwards: true, fields).Select(t => (long?)t.Number).FirstOrDefaultAsync(ct);
        var next = await list.Beyond(tickets, me.TimeZone, Ticket, backwards: false, fields).Select(t => (long?)t.Number).FirstOrDefaultAsync(ct);
        return (previous, next);
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

    /// <summary>A priority to set with the reply (a macro's).</summary>
    [Display(Name = "And the priority to")]
    public TicketPriority? Priority { get; set; }
}
