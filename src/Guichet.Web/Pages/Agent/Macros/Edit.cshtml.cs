using Guichet.Web.Data;
using Guichet.Web.Localization;
using Guichet.Web.Macros;
using Guichet.Web.Tickets;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace Guichet.Web.Pages.Agent.Macros;

/// <summary>
/// A macro's form: its name, its text in each language, who may use it, what it sets. An agent shares with the team
/// or a group they are in only their own macros; only admins share with everyone, and change others' shared macros.
/// </summary>
public sealed class EditModel(GuichetDbContext db, CurrentViewer currentViewer, TicketCatalog catalog, TimeProvider time,
    IStringLocalizer<SharedResource> L) : PageModel
{
    public sealed record Choice(string Value, string Name);

    [BindProperty(SupportsGet = true)] public int? Id { get; set; }
    [BindProperty] public MacroInput Input { get; set; } = new();
    public Viewer Viewer { get; private set; } = null!;
    public IReadOnlyList<Choice> Groups { get; private set; } = [];
    public IReadOnlyList<Status> Statuses { get; private set; } = [];

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        await LoadAsync(ct);
        if (Id is null) return Page();
        var macro = await db.Macros.AsNoTracking().SingleOrDefaultAsync(m => m.Id == Id, ct);
        if (macro is null || !MacroLibrary.MayChange(macro, Viewer)) return NotFound();
        Input = new MacroInput
        {
            Name = macro.Name, Bodies = Cultures.Supported.ToDictionary(c => c, c => (string?)macro.Bodies[c]), Scope = macro.Scope,
            GroupId = macro.GroupId, SetStatusId = macro.SetStatusId, SetPriority = macro.SetPriority, AsInternalNote = macro.AsInternalNote,
        };
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        await LoadAsync(ct);
        var macro = Id is { } id ? await db.Macros.SingleOrDefaultAsync(m => m.Id == id, ct) : null;
        if (Id is not null && (macro is null || !MacroLibrary.MayChange(macro, Viewer))) return NotFound();

        Input.Name = Input.Name?.Trim() ?? "";
        if (Input.Name.Length == 0) ModelState.AddModelError("Input.Name", L["Give the macro a name."]);
        if (Input.Name.Length > Macro.MaxNameLength) ModelState.AddModelError("Input.Name", L["Use at most {0} characters.", Macro.MaxNameLength]);
        if (Input.Bodies.Values.All(string.IsNullOrWhiteSpace)) ModelState.AddModelError("Input.Bodies[en]", L["Write the text in at least one language."]);
        foreach (var (culture, text) in Input.Bodies.Where(b => !string.IsNullOrWhiteSpace(b.Value)))
        {
            if (text!.Length > Macro.MaxBodyLength) ModelState.AddModelError($"Input.Bodies[{culture}]", L["Use at most {0} characters.", Macro.MaxBodyLength]);
            else if (MacroRendering.ErrorIn(text) is { } error) ModelState.AddModelError($"Input.Bodies[{culture}]", L["The placeholders have a mistake: {0}", error]);
        }
        if (!Enum.IsDefined(Input.Scope) || (Input.Scope == MacroScope.Everyone && !Viewer.IsAdmin))
            ModelState.AddModelError("Input.Scope", L["Only admins share a macro with the whole team."]);
        if (Input.Scope == MacroScope.Group && (Input.GroupId is not { } g || Groups.All(x => x.Value != g.ToString())))
            ModelState.AddModelError("Input.GroupId", L["Choose one of your groups."]);
        if (Input.SetStatusId is { } s && Statuses.All(x => x.Id != s || !x.IsActive)) ModelState.AddModelError("Input.SetStatusId", L["Choose a status from the list."]);
        if (Input.SetPriority is { } p && !Enum.IsDefined(p)) ModelState.AddModelError("Input.SetPriority", L["Choose a priority from the list."]);
        if (!ModelState.IsValid) return Page();

        if (macro is null)
        {
            macro = new Macro { OwnerId = Viewer.UserId };
            db.Macros.Add(macro);
        }
        macro.Name = Input.Name;
        macro.Bodies = new LocalizedText(Input.Bodies.Where(b => !string.IsNullOrWhiteSpace(b.Value)).ToDictionary(b => b.Key, b => b.Value!.Trim()));
        macro.Scope = Input.Scope;
        macro.GroupId = Input.Scope == MacroScope.Group ? Input.GroupId : null;
        macro.SetStatusId = Input.SetStatusId;
        macro.SetPriority = Input.SetPriority;
        macro.AsInternalNote = Input.AsInternalNote;
        macro.UpdatedAt = time.GetUtcNow();
        await db.SaveChangesAsync(ct);
        TempData["Flash"] = L["The macro was saved."].Value;
        return Redirect("/agent/macros");
    }

    public async Task<IActionResult> OnPostDeleteAsync(CancellationToken ct)
    {
        Viewer = await currentViewer.GetAsync(ct);
        var macro = await db.Macros.SingleOrDefaultAsync(m => m.Id == Id, ct);
        if (macro is null || !MacroLibrary.MayChange(macro, Viewer)) return NotFound();
        db.Macros.Remove(macro);
        await db.SaveChangesAsync(ct);
        TempData["Flash"] = L["The macro was deleted."].Value;
        return Redirect("/agent/macros");
    }

    private async Task LoadAsync(CancellationToken ct)
    {
        Viewer = await currentViewer.GetAsync(ct);
        // An agent shares with their own groups; an admin with any.
        var mine = Viewer.GroupIds;
        Groups = await db.Groups.AsNoTracking().Where(g => Viewer.IsAdmin || mine.Contains(g.Id)).OrderBy(g => g.Name)
            .Select(g => new Choice(g.Id.ToString(), g.Name)).ToListAsync(ct);
        Statuses = (await catalog.GetAsync(ct)).Statuses;
    }
}

public sealed class MacroInput
{
    public string? Name { get; set; }
    public Dictionary<string, string?> Bodies { get; set; } = Cultures.Supported.ToDictionary(c => c, _ => (string?)null);
    public MacroScope Scope { get; set; } = MacroScope.Personal;
    public int? GroupId { get; set; }
    public int? SetStatusId { get; set; }
    public TicketPriority? SetPriority { get; set; }
    public bool AsInternalNote { get; set; }
}
