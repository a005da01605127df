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
public sealed class EditModel(GuichetDbContext db, MacroLibrary library, CurrentViewer currentViewer, TicketCatalog catalog,
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
        var macro = Id is { } id ? await library.FindToChangeAsync(id, Viewer, ct) : null;
        if (Id is not null && macro is null) return NotFound();
        if (!ModelState.IsValid) return Page();

        var saved = await library.SaveAsync(macro, new MacroLibrary.Draft(Input.Name, Input.Bodies, Input.Scope, Input.GroupId, Input.SetStatusId,
            Input.SetPriority, Input.AsInternalNote), Viewer, ct);
        foreach (var (name, error) in saved.Errors) ModelState.AddModelError(FormKey(name), error);
        if (saved.Macro is null) return Page();
        TempData["Flash"] = L["The macro was saved."].Value;
        return Redirect("/agent/macros");
    }

    /// <summary>Where the form shows what the library named: "bodies.fr" by the French text, "bodies" (no text at all) by the English one.</summary>
    private static string FormKey(string name) => name switch
    {
        "bodies" => "Input.Bodies[en]",
        _ when name.StartsWith("bodies.", StringComparison.Ordinal) => $"Input.Bodies[{name["bodies.".Length..]}]",
        _ => "Input." + char.ToUpperInvariant(name[0]) + name[1..],
    };

    public async Task<IActionResult> OnPostDeleteAsync(CancellationToken ct)
    {
        Viewer = await currentViewer.GetAsync(ct);
        if (Id is not { } id || await library.FindToChangeAsync(id, Viewer, ct) is not { } macro) return NotFound();
        await library.DeleteAsync(macro, ct);
        TempData["Flash"] = L["The macro was deleted."].Value;
        return Redirect("/agent/macros");
    }

    private async Task LoadAsync(CancellationToken ct)
    {
        Viewer = await currentViewer.GetAsync(ct);
        Groups = await library.GroupsToShareWith(Viewer).OrderBy(g => g.Name)
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
