using System.ComponentModel.DataAnnotations;
using Guichet.Web.Accounts;
using Guichet.Web.Data;
using Guichet.Web.Tickets;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace Guichet.Web.Pages.Admin.Groups;

/// <summary>One group: its name, its members, and its deletion with the tickets handed to another group.</summary>
public sealed class EditModel(GuichetDbContext db, Tickets.Groups groups, UserManager<User> users, IStringLocalizer<SharedResource> L) : PageModel
{
    public sealed record Member(Guid Id, string Name, string Email, bool IsDeactivated);
    public sealed record Choice(int Id, string Name);

    [BindProperty(SupportsGet = true)] public int Id { get; set; }

    [BindProperty, Required(ErrorMessage = "Enter the group's name."), StringLength(Tickets.Groups.NameMaxLength, ErrorMessage = "Use at most {1} characters.")]
    [Display(Name = "Name")]
    public string? Name { get; set; }

    public string SavedName { get; private set; } = "";
    public IReadOnlyList<Member> Team { get; private set; } = [];
    public IReadOnlySet<Guid> Members { get; private set; } = new HashSet<Guid>();
    public IReadOnlyList<Choice> OtherGroups { get; private set; } = [];
    public int TicketCount { get; private set; }

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        if (!await LoadAsync(ct)) return NotFound();
        Name = SavedName;
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        if (ModelState.IsValid)
        {
            var outcome = await groups.RenameAsync(Id, Name!, ct);
            if (outcome.Succeeded) return Saved(L["The group was saved."]);
            ModelState.AddModelError(nameof(Name), outcome.Error!);
        }
        return await LoadAsync(ct) ? Page() : NotFound();
    }

    public async Task<IActionResult> OnPostMembersAsync(List<Guid> members, CancellationToken ct)
    {
        var outcome = await groups.SetMembersAsync(Id, members, ct);
        return outcome.Succeeded ? Saved(L["The members were saved."]) : await RefusedAsync(outcome.Error!, ct);
    }

    public async Task<IActionResult> OnPostDeleteAsync(int? moveTo, CancellationToken ct)
    {
        var actor = users.GetUserId(User) is { } id ? Guid.Parse(id) : throw new InvalidOperationException("Signed-in admin not found.");
        var outcome = await groups.DeleteAsync(Id, moveTo, actor, ct);
        if (!outcome.Succeeded) return await RefusedAsync(outcome.Error!, ct);
        TempData["Flash"] = L["The group was deleted."].Value;
        return RedirectToPage("Index");
    }

    private IActionResult Saved(LocalizedString message)
    {
        TempData["Flash"] = message.Value;
        return RedirectToPage(new { id = Id });
    }

    private async Task<IActionResult> RefusedAsync(string error, CancellationToken ct)
    {
        if (!await LoadAsync(ct)) return NotFound();
        Name = SavedName;
        ModelState.AddModelError("", error);
        return Page();
    }

    private async Task<bool> LoadAsync(CancellationToken ct)
    {
        var group = await db.Groups.AsNoTracking().Include(g => g.Members).SingleOrDefaultAsync(g => g.Id == Id, ct);
        if (group is null) return false;
        SavedName = group.Name;
        Members = group.Members.Select(m => m.UserId).ToHashSet();
        var memberIds = Members.ToList();
        // The active team, and anyone deactivated who is still a member (so that they can be taken out).
        Team = (await AgentAccounts.Staff(db).AsNoTracking().Where(u => u.DeactivatedAt == null || memberIds.Contains(u.Id))
                .Select(u => new { u.Id, u.FirstName, u.LastName, u.Email, u.DeactivatedAt }).ToListAsync(ct))
            .Select(u => new Member(u.Id, $"{u.FirstName} {u.LastName}".Trim(), u.Email ?? "", u.DeactivatedAt is not null))
            .OrderBy(m => m.Name, StringComparer.CurrentCultureIgnoreCase).ToList();
        OtherGroups = await db.Groups.AsNoTracking().Where(g => g.Id != Id).OrderBy(g => g.Name).Select(g => new Choice(g.Id, g.Name)).ToListAsync(ct);
        TicketCount = await db.Tickets.CountAsync(t => t.GroupId == Id, ct);
        return true;
    }
}
