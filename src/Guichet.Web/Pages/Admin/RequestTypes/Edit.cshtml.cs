using Guichet.Web.Data;
using Guichet.Web.Localization;
using Guichet.Web.Tickets;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace Guichet.Web.Pages.Admin.RequestTypes;

/// <summary>A request type: its name and description in each language, who handles it, who may choose it.</summary>
public sealed class EditModel(GuichetDbContext db, IStringLocalizer<SharedResource> L) : PageModel
{
    public sealed record Choice(string Id, string Name);

    [BindProperty(SupportsGet = true)] public int? Id { get; set; }
    [BindProperty] public RequestTypeInput Input { get; set; } = new();
    public IReadOnlyList<Choice> Groups { get; private set; } = [];
    public IReadOnlyList<Choice> Statuses { get; private set; } = [];
    public IReadOnlyList<Choice> Organizations { get; private set; } = [];

    /// <summary>Every field that could be on the form, by id: the active ones and any inactive one still on it.</summary>
    public IReadOnlyDictionary<int, CustomField> AvailableFields { get; private set; } = new Dictionary<int, CustomField>();

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        if (Id is { } id)
        {
            var type = await db.RequestTypes.AsNoTracking().Include(t => t.Organizations).Include(t => t.Fields).SingleOrDefaultAsync(t => t.Id == id, ct);
            if (type is null) return NotFound();
            Input = new RequestTypeInput
            {
                Names = Cultures.Supported.ToDictionary(c => c, c => (string?)type.Names[c]),
                Descriptions = Cultures.Supported.ToDictionary(c => c, c => (string?)type.Descriptions[c]),
                IsActive = type.IsActive,
                IsDefault = type.IsDefault,
                GroupId = type.GroupId,
                ProcessedStatusId = type.ProcessedStatusId,
                OrganizationIds = type.Organizations.Select(o => o.OrganizationId).ToList(),
                Fields = type.Fields.OrderBy(f => f.SortOrder)
                    .Select((f, i) => new TypeFieldInput { FieldId = f.CustomFieldId, Shown = true, Required = f.IsRequired, Order = i + 1 }).ToList(),
            };
        }
        await LoadAsync(ct);
        // Fields not on the form yet come after, unticked.
        Input.Fields.AddRange(AvailableFields.Values.Where(f => f.IsActive && Input.Fields.All(x => x.FieldId != f.Id))
            .OrderBy(f => f.Labels.ToString(), StringComparer.CurrentCultureIgnoreCase).Select(f => new TypeFieldInput { FieldId = f.Id }));
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        await LoadAsync(ct);
        if (string.IsNullOrWhiteSpace(Input.Names.GetValueOrDefault(Cultures.Default)))
            ModelState.AddModelError("Input.Names[en]", L["Enter at least the English name: it is shown where a language has none."]);
        foreach (var (culture, text) in Input.Names.Concat(Input.Descriptions))
            if (text?.Length > 500) ModelState.AddModelError($"Input.Names[{culture}]", L["Use at most {0} characters.", 500]);
        if (Input.IsDefault && !Input.IsActive)
            ModelState.AddModelError("Input.IsDefault", L["The default type must be active."]);
        if (Input.GroupId is { } g && Groups.All(x => x.Id != g.ToString()))
            ModelState.AddModelError("Input.GroupId", L["Choose a group from the list."]);
        if (Input.ProcessedStatusId is { } p && Statuses.All(x => x.Id != p.ToString()))
            ModelState.AddModelError("Input.ProcessedStatusId", L["Choose a status from the list."]);
        if (!ModelState.IsValid) return Page();

        var type = Id is { } id
            ? await db.RequestTypes.Include(t => t.Organizations).Include(t => t.Fields).SingleOrDefaultAsync(t => t.Id == id, ct)
            : null;
        if (Id is not null && type is null) return NotFound();
        if (type is null)
        {
            var last = await db.RequestTypes.MaxAsync(t => (int?)t.SortOrder, ct) ?? 0;
            type = new RequestType { Names = Text(Input.Names), Descriptions = Text(Input.Descriptions), SortOrder = last + 10 };
            db.RequestTypes.Add(type);
        }
        type.Names = Text(Input.Names);
        type.Descriptions = Text(Input.Descriptions);
        type.IsActive = Input.IsActive;
        if (Input.IsDefault) type.MakeDefault(await db.RequestTypes.Where(t => t.IsDefault && t.Id != type.Id).ToListAsync(ct));
        else type.StopBeingDefault();
        type.GroupId = Input.GroupId;
        type.ProcessedStatusId = Input.ProcessedStatusId;
        var chosen = Input.OrganizationIds.Where(o => Organizations.Any(x => x.Id == o.ToString())).ToHashSet();
        type.Organizations.RemoveAll(o => !chosen.Contains(o.OrganizationId));
        foreach (var organizationId in chosen.Where(o => type.Organizations.All(x => x.OrganizationId != o)))
            type.Organizations.Add(new RequestTypeOrganization { OrganizationId = organizationId });
        var shown = Input.Fields.Where(f => f.Shown && AvailableFields.ContainsKey(f.FieldId)).DistinctBy(f => f.FieldId)
            .Select((f, i) => (f, i)).OrderBy(x => x.f.Order ?? int.MaxValue).ThenBy(x => x.i).Select(x => x.f).ToList();
        type.Fields.RemoveAll(f => shown.All(x => x.FieldId != f.CustomFieldId));
        var order = 0;
        foreach (var input in shown)
        {
            var field = type.Fields.SingleOrDefault(f => f.CustomFieldId == input.FieldId);
            if (field is null) type.Fields.Add(field = new RequestTypeField { CustomFieldId = input.FieldId });
            field.IsRequired = input.Required;
            field.SortOrder = order += 10;
        }
        await db.SaveChangesAsync(ct);
        TempData["Flash"] = L["The request type was saved."].Value;
        return Redirect("/admin/requesttypes");
    }

    private static LocalizedText Text(Dictionary<string, string?> texts) =>
        new(texts.Where(t => !string.IsNullOrWhiteSpace(t.Value)).ToDictionary(t => t.Key, t => t.Value!));

    private async Task LoadAsync(CancellationToken ct)
    {
        Groups = await db.Groups.AsNoTracking().OrderBy(g => g.Name).Select(g => new Choice(g.Id.ToString(), g.Name)).ToListAsync(ct);
        Statuses = (await db.Statuses.AsNoTracking().OrderBy(s => s.SortOrder).ToListAsync(ct)).Select(s => new Choice(s.Id.ToString(), s.Names.ToString())).ToList();
        // Ids turned into text here, not in SQL: SQLite keeps GUIDs as upper-case text.
        Organizations = (await db.Organizations.AsNoTracking().OrderBy(o => o.Name).Select(o => new { o.Id, o.Name }).ToListAsync(ct))
            .Select(o => new Choice(o.Id.ToString(), o.Name)).ToList();
        var onForm = Input.Fields.Select(f => f.FieldId).ToList();
        AvailableFields = await db.CustomFields.AsNoTracking().Where(f => f.IsActive || onForm.Contains(f.Id)).ToDictionaryAsync(f => f.Id, ct);
    }
}

public sealed class RequestTypeInput
{
    public Dictionary<string, string?> Names { get; set; } = Cultures.Supported.ToDictionary(c => c, _ => (string?)null);
    public Dictionary<string, string?> Descriptions { get; set; } = Cultures.Supported.ToDictionary(c => c, _ => (string?)null);
    public bool IsActive { get; set; } = true;
    public bool IsDefault { get; set; }
    public int? GroupId { get; set; }
    public int? ProcessedStatusId { get; set; }
    public List<Guid> OrganizationIds { get; set; } = [];
    public List<TypeFieldInput> Fields { get; set; } = [];
}

public sealed class TypeFieldInput
{
    public int FieldId { get; set; }
    public bool Shown { get; set; }
    public bool Required { get; set; }
    public int? Order { get; set; }
}
