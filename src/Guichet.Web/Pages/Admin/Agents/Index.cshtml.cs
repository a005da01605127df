using System.Globalization;
using Guichet.Web.Accounts;
using Guichet.Web.Data;
using Guichet.Web.Localization;
using Guichet.Web.Tickets;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace Guichet.Web.Pages.Admin.Agents;

/// <summary>The support team: who is in it, with which role and groups, and the invitation of a new member.</summary>
public sealed class IndexModel(GuichetDbContext db, AgentAccounts agents, UserManager<User> users, IStringLocalizer<SharedResource> L) : PageModel
{
    public sealed record Row(Guid Id, string Name, string Email, bool IsAdmin, IReadOnlyList<string> Groups, int OwnedTickets,
        bool HasOpenedAccount, bool IsDeactivated);

    public sealed record Choice(int Id, string Name);

    public IReadOnlyList<Row> Rows { get; private set; } = [];
    public IReadOnlyList<Choice> Groups { get; private set; } = [];
    [BindProperty] public AgentInviteInput Input { get; set; } = new();

    public async Task OnGetAsync(CancellationToken ct)
    {
        Input.Culture = CultureInfo.CurrentUICulture.TwoLetterISOLanguageName;
        await LoadAsync(ct);
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        if (!Enum.IsDefined(Input.Role)) ModelState.AddModelError($"{nameof(Input)}.{nameof(Input.Role)}", L["Choose a role from the list."]);
        if (ModelState.IsValid)
        {
            var inviter = await users.GetUserAsync(User) ?? throw new InvalidOperationException("Signed-in admin not found.");
            var email = Input.Email.Trim();
            var outcome = await agents.InviteAsync(new AgentAccounts.Invite(email, Input.FirstName, Input.LastName, Input.Role, Input.GroupIds,
                Cultures.Match(Input.Culture) ?? Cultures.Default, Input.IsEditor), inviter, ct);
            if (outcome.Succeeded)
            {
                TempData["Flash"] = L["{0} was invited.", email].Value;
                return RedirectToPage();
            }
            ModelState.AddModelError($"{nameof(Input)}.{nameof(Input.Email)}", outcome.Error!);
        }
        await LoadAsync(ct);
        return Page();
    }

    private async Task LoadAsync(CancellationToken ct)
    {
        Groups = await db.Groups.AsNoTracking().OrderBy(g => g.Name).Select(g => new Choice(g.Id, g.Name)).ToListAsync(ct);
        var admins = AgentAccounts.Admins(db);
        var people = await AgentAccounts.Staff(db).AsNoTracking()
            .OrderBy(u => u.DeactivatedAt != null).ThenBy(u => u.FirstName).ThenBy(u => u.LastName).ThenBy(u => u.Email)
            .Select(u => new
            {
                u.Id, u.FirstName, u.LastName, u.Email, HasPassword = u.PasswordHash != null, u.DeactivatedAt,
                IsAdmin = admins.Any(a => a.Id == u.Id),
            })
            .ToListAsync(ct);
        var memberships = await db.Set<GroupMember>().AsNoTracking().Select(m => new { m.UserId, m.GroupId }).ToListAsync(ct);
        var owned = await agents.OwnedCountsAsync(ct);
        Rows = people.Select(p => new Row(p.Id, $"{p.FirstName} {p.LastName}".Trim(), p.Email ?? "", p.IsAdmin,
                Groups.Where(g => memberships.Any(m => m.UserId == p.Id && m.GroupId == g.Id)).Select(g => g.Name).ToList(),
                owned.GetValueOrDefault(p.Id), p.HasPassword, p.DeactivatedAt is not null))
            .ToList();
    }
}
