using Guichet.Web.Accounts;
using Guichet.Web.Data;
using Guichet.Web.Tickets;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace Guichet.Web.Pages.Admin.Agents;

/// <summary>One member of the support team: role and groups, a new invitation link, deactivation and reactivation.</summary>
public sealed class EditModel(GuichetDbContext db, AgentAccounts agents, UserManager<User> users, TimeProvider time, IStringLocalizer<SharedResource> L) : PageModel
{
    public sealed class RoleInput
    {
        public AgentAccounts.Role Role { get; set; }
        public bool IsEditor { get; set; }
        public List<int> GroupIds { get; set; } = [];
    }

    [BindProperty(SupportsGet = true)] public Guid Id { get; set; }
    [BindProperty] public RoleInput Input { get; set; } = new();
    public User Agent { get; private set; } = null!;
    public bool IsSelf { get; private set; }
    public int OwnedTickets { get; private set; }
    public IReadOnlyList<IndexModel.Choice> Groups { get; private set; } = [];
    /// <summary>Who may take the tickets of this person if they leave.</summary>
    public IReadOnlyList<AgentAccounts.Person> Colleagues { get; private set; } = [];

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        if (!await LoadAsync(ct)) return NotFound();
        Input.Role = await users.IsInRoleAsync(Agent, Roles.Admin) ? AgentAccounts.Role.Admin : AgentAccounts.Role.Agent;
        Input.IsEditor = await users.IsInRoleAsync(Agent, Roles.Editor);
        Input.GroupIds = await db.Set<GroupMember>().Where(m => m.UserId == Id).Select(m => m.GroupId).ToListAsync(ct);
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        if (!ModelState.IsValid || !Enum.IsDefined(Input.Role)) return await RefusedAsync(L["Choose a role from the list."], ct);
        var outcome = await agents.ChangeAsync(Id, Input.Role, Input.GroupIds, Input.IsEditor, await ActorAsync(), ct);
        return outcome.Succeeded ? Saved(L["The changes were saved."]) : await RefusedAsync(outcome.Error!, ct);
    }

    public async Task<IActionResult> OnPostInviteAgainAsync(CancellationToken ct)
    {
        var outcome = await agents.ResendInvitationAsync(Id, await ActorAsync(), ct);
        return outcome.Succeeded ? Saved(L["A new invitation is on its way."]) : await RefusedAsync(outcome.Error!, ct);
    }

    public async Task<IActionResult> OnPostDeactivateAsync(Guid? handOverTo, CancellationToken ct)
    {
        var outcome = await agents.DeactivateAsync(Id, handOverTo, await ActorAsync(), ct);
        if (!outcome.Succeeded) return await RefusedAsync(outcome.Error!, ct);
        return Saved(outcome.Tickets == 0 ? L["The account is deactivated."] : L["The account is deactivated; tickets handed over: {0}.", outcome.Tickets]);
    }

    public async Task<IActionResult> OnPostReactivateAsync(CancellationToken ct)
    {
        var outcome = await agents.ReactivateAsync(Id, await ActorAsync(), ct);
        return outcome.Succeeded ? Saved(L["The account is active again."]) : await RefusedAsync(outcome.Error!, ct);
    }

    private IActionResult Saved(LocalizedString message)
    {
        TempData["Flash"] = message.Value;
        return RedirectToPage(new { id = Id });
    }

    /// <summary>The page again with the refusal on top and the admin's choices kept.</summary>
    private async Task<IActionResult> RefusedAsync(string error, CancellationToken ct)
    {
        if (!await LoadAsync(ct)) return NotFound();
        ModelState.AddModelError("", error);
        return Page();
    }

    private async Task<User> ActorAsync() =>
        await users.GetUserAsync(User) ?? throw new InvalidOperationException("Signed-in admin not found.");

    private async Task<bool> LoadAsync(CancellationToken ct)
    {
        var agent = await AgentAccounts.Staff(db).AsNoTracking().SingleOrDefaultAsync(u => u.Id == Id, ct);
        if (agent is null) return false;
        Agent = agent;
        IsSelf = users.GetUserId(User) == Id.ToString();
        OwnedTickets = (await agents.OwnedCountsAsync(ct)).GetValueOrDefault(Id);
        Groups = await db.Groups.AsNoTracking().OrderBy(g => g.Name).Select(g => new IndexModel.Choice(g.Id, g.Name)).ToListAsync(ct);
        // Those the hand-over may go to (DeactivateAsync asks the same rule), the person leaving excepted.
        Colleagues = await AgentAccounts.NamedAsync(AgentAccounts.Assignable(db, Guid.Parse(users.GetUserId(User)!), time.GetUtcNow()).Where(u => u.Id != Id), ct);
        return true;
    }
}
