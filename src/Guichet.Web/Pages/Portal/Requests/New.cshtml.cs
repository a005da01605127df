using System.ComponentModel.DataAnnotations;
using System.Globalization;
using Guichet.Web.Accounts;
using Guichet.Web.Attachments;
using Guichet.Web.Data;
using Guichet.Web.KnowledgeBase;
using Guichet.Web.Organizations;
using Guichet.Web.Pages.Portal.KnowledgeBase;
using Guichet.Web.Pages.Shared;
using Guichet.Web.Portal;
using Guichet.Web.Tickets;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace Guichet.Web.Pages.Portal.Requests;

/// <summary>
/// The request form. Visitors who are not signed in get it too, with their name and address
/// (_GuestFields), unless the portal is by invitation only: see docs/portal.md, "Guests".
/// </summary>
[EnableRateLimiting(PortalSetup.GuestRateLimitPolicy)]
public sealed class NewModel(TicketIntake intake, CustomFieldValues fieldValues, TicketCatalog catalog, NodeCache cache, AttachmentUploads uploads,
    GuichetDbContext db, CurrentUser me, GuestRequests guests, KbSuggestions suggestions, KbDeflections deflections, CurrentKbReader reader,
    IStringLocalizer<SharedResource> L) : PageModel
{
    public sealed record OrganizationChoice(Guid Id, string Name);

    [BindProperty] public NewRequestInput Input { get; set; } = new();
    [BindProperty] public AttachmentsInput Attachments { get; set; } = new();
    public IReadOnlyList<RequestType> Types { get; private set; } = [];
    public IReadOnlyList<Product> Products { get; private set; } = [];
    public IReadOnlyList<OrganizationChoice> Organizations { get; private set; } = [];

    /// <summary>The custom fields of every type offered, so that switching type keeps what was typed in the fields they share.</summary>
    public ILookup<int, RequestTypeField> FieldsByType { get; private set; } = Array.Empty<RequestTypeField>().ToLookup(f => f.RequestTypeId);

    /// <summary>What was typed in custom fields, by key, for every type (kept when the type changes).</summary>
    public Dictionary<string, IReadOnlyList<string>> FieldInput { get; } = [];

    /// <summary>Who a visitor who is not signed in says they are; null for a signed-in person.</summary>
    public GuestInput? Guest { get; private set; }

    /// <summary>
    /// This form, from the moment it is first shown to the moment it is sent (kept when it comes back with errors): the
    /// help articles opened from its suggestions count as requests avoided until it is sent (<see cref="KbDeflections"/>).
    /// </summary>
    [BindProperty] public Guid FormKey { get; set; }

    /// <summary>The help articles for the subject, shown without script (after "Search help articles" or errors); null: not searched.</summary>
    public SuggestionList? Suggestions { get; private set; }

    public async Task<IActionResult> OnGetAsync(int? type, CancellationToken ct)
    {
        if (!me.IsSignedIn)
        {
            if (!await guests.AcceptsGuestsAsync(ct)) return Challenge();
            Guest = new();
        }
        await LoadAsync(ct);
        Input.RequestTypeId = type is { } t && Types.Any(x => x.Id == t) ? t : Types.FirstOrDefault()?.Id ?? 0;
        Input.OrganizationId = Organizations.FirstOrDefault()?.Id;
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        // A guest's form is taken even if the portal turned invitation-only meanwhile: the mail then says no.
        var uploadOwner = me.IsSignedIn ? me.RequireId() : await BindGuestAsync();
        await LoadAsync(ct);
        if (Types.All(t => t.Id != Input.RequestTypeId))
            ModelState.AddModelError($"{nameof(Input)}.{nameof(Input.RequestTypeId)}", L["Choose the kind of request."]);
        if (Input.ProductId is { } p && Products.All(x => x.Id != p))
            ModelState.AddModelError($"{nameof(Input)}.{nameof(Input.ProductId)}", L["Choose a product from the list."]);
        var cc = CcList.Parse(Input.Cc);
        if (cc.Invalid.Count > 0)
            ModelState.AddModelError($"{nameof(Input)}.{nameof(Input.Cc)}", L["These addresses are not valid: {0}", string.Join(", ", cc.Invalid)]);
        var fields = fieldValues.Read(FieldsByType[Input.RequestTypeId].ToList(), f => CustomFieldInput.Sent(Request.Form, f),
            isStaff: false, partial: false, CultureInfo.CurrentCulture);
        foreach (var (key, error) in fields.Errors) ModelState.AddModelError(CustomFieldInput.Prefix + key, error);
        var files = await Attachments.ReceiveAsync(uploads, uploadOwner, ModelState, ct);
        if (!ModelState.IsValid)
        {
            // Before trying again, the articles that may answer it: without script, this is when they can be shown.
            await SuggestAsync(ct);
            return Page();
        }
        await deflections.SubmittedAsync(FormKey, ct);

        var request = new TicketIntake.Request(
            me.Id ?? Guid.Empty, Input.RequestTypeId, Input.Subject, Input.Description, Input.Priority, Input.ProductId, Input.Environment,
            cc.Valid, MessageSource.Portal, Input.OrganizationId, Attachments: files) { Fields = fields.ToStore() };
        if (Guest is not null) return await HoldAsync(Guest, request, files, ct);
        var ticket = await intake.OpenAsync(request, ct);
        TempData["Flash"] = L["Your request #{0} was sent. We will answer you here and by mail.", ticket.Number].Value;
        return Redirect($"/requests/{ticket.Number}");
    }

    /// <summary>Without script, choosing another type redraws the form with its fields; everything typed stays.</summary>
    public async Task<IActionResult> OnPostSwitchTypeAsync(CancellationToken ct)
    {
        var uploadOwner = me.IsSignedIn ? me.RequireId() : await BindGuestAsync();
        await LoadAsync(ct);
        await Attachments.ReceiveAsync(uploads, uploadOwner, ModelState, ct);
        ModelState.Clear();
        return Page();
    }

    /// <summary>Without script, "Search help articles" redraws the form with the articles for its subject; everything typed stays.</summary>
    public async Task<IActionResult> OnPostSuggestAsync(CancellationToken ct)
    {
        var uploadOwner = me.IsSignedIn ? me.RequireId() : await BindGuestAsync();
        await LoadAsync(ct);
        await Attachments.ReceiveAsync(uploads, uploadOwner, ModelState, ct);
        ModelState.Clear();
        await SuggestAsync(ct);
        return Page();
    }

    /// <summary>What the suggestions' live region says: how many articles, or that none matched a search asked for.</summary>
    public string SuggestionStatus() => Suggestions switch
    {
        null or { Hits.Count: 0, Query.Length: 0 } => "",
        { Hits.Count: 0 } => L["No help article matches this subject."],
        { Hits.Count: 1 } => L["1 article may answer your question"],
        { Hits.Count: var n } => L["{0} articles may answer your question", n],
    };

    private async Task SuggestAsync(CancellationToken ct)
    {
        if (string.IsNullOrWhiteSpace(Input.Subject)) return;
        var hits = await suggestions.ForAsync(await reader.GetAsync(ct), CultureInfo.CurrentUICulture.TwoLetterISOLanguageName, Input.Subject, ct);
        Suggestions = new SuggestionList(hits, FormKey, Input.Subject.Trim());
    }

    /// <summary>The fields to draw: the chosen type's first, in its order, then the others' (hidden until their type is chosen).</summary>
    public IEnumerable<CustomFieldInput> FieldInputs()
    {
        var chosen = FieldsByType[Input.RequestTypeId].ToList();
        var all = chosen.Select(f => f.CustomField)
            .Concat(FieldsByType.SelectMany(t => t).Select(f => f.CustomField))
            .DistinctBy(f => f.Id);
        foreach (var field in all)
        {
            var onChosen = chosen.FirstOrDefault(f => f.CustomFieldId == field.Id);
            yield return new CustomFieldInput(field, onChosen?.IsRequired == true, FieldInput.GetValueOrDefault(field.Key) ?? [], CustomFieldInput.ErrorOf(ModelState, field))
            {
                ShownForTypes = string.Join(' ', FieldsByType.Where(t => t.Any(f => f.CustomFieldId == field.Id)).Select(t => t.Key)),
                RequiredForTypes = string.Join(' ', FieldsByType.Where(t => t.Any(f => f.CustomFieldId == field.Id && f.IsRequired)).Select(t => t.Key)),
                Hidden = onChosen is null,
            };
        }
    }

    /// <summary>Each type's fields in its order, for the script that redraws the form when the type changes.</summary>
    public string FieldOrderJson() =>
        System.Text.Json.JsonSerializer.Serialize(FieldsByType.ToDictionary(t => t.Key.ToString(), t => t.Select(f => f.CustomField.Key)));

    // ---- Guests (see _GuestFields.cshtml) ----

    private async Task<Guid> BindGuestAsync()
    {
        Guest = new();
        await TryUpdateModelAsync(Guest, nameof(Guest));
        (var owner, Guest.UploadKey) = guests.UploadOwner(Guest.UploadKey);
        return owner;
    }

    private async Task<IActionResult> HoldAsync(GuestInput guest, TicketIntake.Request request, IReadOnlyList<PendingUpload> files, CancellationToken ct)
    {
        await guests.SubmitAsync(new GuestRequests.Guest(guest.Email.Trim(), guest.FirstName, guest.LastName, CultureInfo.CurrentUICulture.TwoLetterISOLanguageName),
            request, files, ct);
        TempData[SentModel.SentToKey] = guest.Email.Trim();
        return Redirect("/requests/sent");
    }

    private async Task LoadAsync(CancellationToken ct)
    {
        // Made when the form is first shown; a form sent without one (a script's) gets its own from here on.
        if (FormKey == Guid.Empty) FormKey = Guid.NewGuid();
        // A guest belongs to no organization (yet): nobody's id gives the types open to everyone.
        var userId = me.Id ?? Guid.Empty;
        Types = await intake.TypesForAsync(userId, ct);
        Products = [.. (await catalog.GetAsync(ct)).Products.Where(p => p.IsActive)];
        Organizations = [.. (await db.MembershipsOfAsync(cache, userId, ct)).Select(m => new OrganizationChoice(m.Id, m.Name))];
        // The portal's form has the fields customers may fill in.
        FieldsByType = (await fieldValues.OfTypesAsync(Types.Select(t => t.Id).ToList(), ct))
            .SelectMany(t => t).Where(f => CustomFieldValues.MayEdit(f.CustomField, isStaff: false)).ToLookup(f => f.RequestTypeId);
        if (Request.HasFormContentType)
            foreach (var field in FieldsByType.SelectMany(t => t).Select(f => f.CustomField))
                if (CustomFieldInput.Sent(Request.Form, field) is { } sent) FieldInput[field.Key] = sent;
    }
}

public sealed class NewRequestInput
{
    [Display(Name = "Kind of request")]
    public int RequestTypeId { get; set; }

    [Required(ErrorMessage = "Enter a subject.")]
    [StringLength(250, ErrorMessage = "Use at most {1} characters.")]
    [Display(Name = "Subject")]
    public string Subject { get; set; } = "";

    [Required(ErrorMessage = "Describe your request.")]
    [StringLength(50_000, ErrorMessage = "Use at most {1} characters.")]
    [Display(Name = "Description")]
    public string Description { get; set; } = "";

    [Display(Name = "Product or module")]
    public int? ProductId { get; set; }

    [Display(Name = "Environment")]
    public TicketEnvironment? Environment { get; set; }

    [Display(Name = "Priority")]
    public TicketPriority Priority { get; set; } = TicketPriority.Normal;

    [StringLength(2000, ErrorMessage = "Use at most {1} characters.")]
    [Display(Name = "Keep informed (CC)")]
    public string? Cc { get; set; }

    [Display(Name = "Organization")]
    public Guid? OrganizationId { get; set; }
}
