using Guichet.Web.Data;
using Guichet.Web.Localization;
using Guichet.Web.Tickets;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace Guichet.Web.Pages.Admin.Fields;

/// <summary>
/// One custom field: its label and help in each language, what customers get of it, and the choices of
/// a list. Its kind and key are chosen once, at creation: tickets' values and API clients depend on them.
/// </summary>
public sealed class EditModel(GuichetDbContext db, IStringLocalizer<SharedResource> L) : PageModel
{
    /// <summary>Empty rows offered for new choices at each save; save again for more.</summary>
    public const int NewOptionRows = 3;

    [BindProperty(SupportsGet = true)] public int? Id { get; set; }
    [BindProperty] public FieldInput Input { get; set; } = new();
    public CustomField? Field { get; private set; }
    public bool HasOptions => (Field?.Kind ?? Input.Kind) is CustomFieldKind.Dropdown or CustomFieldKind.MultiSelect;

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        if (Id is not null)
        {
            Field = await FindAsync(ct);
            if (Field is null) return NotFound();
            Input = new FieldInput
            {
                Key = Field.Key,
                Kind = Field.Kind,
                Labels = Texts(Field.Labels),
                Help = Texts(Field.Help),
                CustomerAccess = Field.CustomerAccess,
                IsActive = Field.IsActive,
                Options = Field.Options.OrderBy(o => o.SortOrder).Select(o => new OptionInput
                {
                    Id = o.Id, Key = o.Key, Labels = Texts(o.Labels), IsActive = o.IsActive, Order = o.SortOrder / 10,
                }).ToList(),
            };
        }
        Input.Options.AddRange(Enumerable.Range(0, NewOptionRows).Select(_ => new OptionInput()));
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        if (Id is not null)
        {
            Field = await FindAsync(ct);
            if (Field is null) return NotFound();
        }
        var kind = Field?.Kind ?? Input.Kind;
        if (!Enum.IsDefined(kind)) ModelState.AddModelError("Input.Kind", L["Choose a kind of field."]);
        if (!Enum.IsDefined(Input.CustomerAccess)) ModelState.AddModelError("Input.CustomerAccess", L["Choose what customers get of this field."]);
        if (string.IsNullOrWhiteSpace(Input.Labels.GetValueOrDefault(Cultures.Default)))
            ModelState.AddModelError("Input.Labels[en]", L["Enter at least the English name: it is shown where a language has none."]);
        foreach (var (culture, text) in Input.Labels)
            if (text?.Length > 200) ModelState.AddModelError($"Input.Labels[{culture}]", L["Use at most {0} characters.", 200]);
        foreach (var (culture, text) in Input.Help)
            if (text?.Length > 1000) ModelState.AddModelError($"Input.Help[{culture}]", L["Use at most {0} characters.", 1000]);

        var key = Field?.Key;
        if (Field is null)
        {
            key = string.IsNullOrWhiteSpace(Input.Key) ? CustomFieldKeys.From(Input.Labels.GetValueOrDefault(Cultures.Default) ?? "") : Input.Key.Trim();
            if (!CustomFieldKeys.IsValid(key))
                ModelState.AddModelError("Input.Key", L["Use lower-case letters, digits and _, starting with a letter ({0} characters at most).", CustomFieldKeys.MaxLength]);
            else if (await db.CustomFields.AnyAsync(f => f.Key == key, ct))
                ModelState.AddModelError("Input.Key", L["Another field already has this key."]);
        }

        var options = kind is CustomFieldKind.Dropdown or CustomFieldKind.MultiSelect
            ? Input.Options.Where(o => o.Id is not null || o.Labels.Values.Any(v => !string.IsNullOrWhiteSpace(v)))
                .Select((o, i) => (o, i)).OrderBy(x => x.o.Order ?? int.MaxValue).ThenBy(x => x.i).Select(x => x.o).ToList()
            : [];
        for (var i = 0; i < Input.Options.Count; i++)
        {
            var option = Input.Options[i];
            if (!options.Contains(option)) continue;
            if (string.IsNullOrWhiteSpace(option.Labels.GetValueOrDefault(Cultures.Default)))
                ModelState.AddModelError($"Input.Options[{i}]", L["Enter at least the English name: it is shown where a language has none."]);
        }
        if (kind is CustomFieldKind.Dropdown or CustomFieldKind.MultiSelect && !options.Any(o => o.IsActive))
            ModelState.AddModelError("Input.Options", L["Add at least one choice."]);
        if (!ModelState.IsValid) return Page();

        if (Field is null)
        {
            Field = new CustomField { Key = key!, Kind = kind, Labels = Text(Input.Labels), Help = Text(Input.Help) };
            db.CustomFields.Add(Field);
        }
        Field.Labels = Text(Input.Labels);
        Field.Help = Text(Input.Help);
        Field.CustomerAccess = Input.CustomerAccess;
        Field.IsActive = Input.IsActive;
        var order = 0;
        foreach (var input in options)
        {
            order += 10;
            var option = input.Id is { } id ? Field.Options.SingleOrDefault(o => o.Id == id) : null;
            if (option is null)
            {
                var optionKey = UniqueKey(Field, CustomFieldKeys.From(input.Labels[Cultures.Default]!));
                option = new CustomFieldOption { Key = optionKey, Labels = Text(input.Labels) };
                Field.Options.Add(option);
            }
            option.Labels = Text(input.Labels);
            option.SortOrder = order;
            option.IsActive = input.IsActive;
        }
        await db.SaveChangesAsync(ct);
        TempData["Flash"] = L["The field was saved."].Value;
        // A list's page again, so that more choices can be added; other fields go back to the list.
        return Redirect(Field.HasOptions && Id is null ? $"/admin/fields/edit?id={Field.Id}" : "/admin/fields");
    }

    private Task<CustomField?> FindAsync(CancellationToken ct) =>
        db.CustomFields.Include(f => f.Options).SingleOrDefaultAsync(f => f.Id == Id, ct);

    /// <summary>Option keys are unique within their field; "high" twice becomes "high_2".</summary>
    private static string UniqueKey(CustomField field, string key)
    {
        var candidate = key;
        for (var n = 2; field.Options.Any(o => o.Key == candidate); n++)
            candidate = $"{key[..Math.Min(key.Length, CustomFieldKeys.MaxLength - 4)]}_{n}";
        return candidate;
    }

    private static Dictionary<string, string?> Texts(LocalizedText text) => Cultures.Supported.ToDictionary(c => c, c => (string?)text[c]);

    private static LocalizedText Text(Dictionary<string, string?> texts) =>
        new(texts.Where(t => !string.IsNullOrWhiteSpace(t.Value)).ToDictionary(t => t.Key, t => t.Value!));
}

public sealed class FieldInput
{
    public string? Key { get; set; }
    public CustomFieldKind Kind { get; set; } = CustomFieldKind.Text;
    public Dictionary<string, string?> Labels { get; set; } = Cultures.Supported.ToDictionary(c => c, _ => (string?)null);
    public Dictionary<string, string?> Help { get; set; } = Cultures.Supported.ToDictionary(c => c, _ => (string?)null);
    public CustomerAccess CustomerAccess { get; set; } = CustomerAccess.Editable;
    public bool IsActive { get; set; } = true;
    public List<OptionInput> Options { get; set; } = [];
}

public sealed class OptionInput
{
    public int? Id { get; set; }
    public string? Key { get; set; }
    public Dictionary<string, string?> Labels { get; set; } = Cultures.Supported.ToDictionary(c => c, _ => (string?)null);
    public bool IsActive { get; set; } = true;
    public int? Order { get; set; }
}
