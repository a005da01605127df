using Guichet.Web.Data;
using Guichet.Web.Organizations;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace Guichet.Web.Pages.Admin.Organizations;

public sealed class EditModel(GuichetDbContext db, IStringLocalizer<SharedResource> L) : PageModel
{
    public sealed record Member(Guid UserId, string Name, string Email, bool IsManager, bool HasAccount);

    [BindProperty(SupportsGet = true)] public Guid Id { get; set; }
    [BindProperty] public OrganizationInput Input { get; set; } = new();
    public string Name { get; private set; } = "";
    public IReadOnlyList<Member> Members { get; private set; } = [];

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        var organization = await db.Organizations.AsNoTracking().SingleOrDefaultAsync(o => o.Id == Id, ct);
        if (organization is null) return NotFound();
        Input = new OrganizationInput
        {
            Name = organization.Name,
            Domains = string.Join(", ", organization.Domains.Select(d => d.Domain).Order()),
            MembersSeeEachOthersRequests = organization.MembersSeeEachOthersRequests,
        };
        await LoadAsync(organization, ct);
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        var organization = await db.Organizations.SingleOrDefaultAsync(o => o.Id == Id, ct);
        if (organization is null) return NotFound();
        var domains = await OrganizationInput.ValidateAsync(Input, Id, db, ModelState, L, ct);
        if (!ModelState.IsValid)
        {
            await LoadAsync(organization, ct);
            return Page();
        }
        organization.Rename(Input.Name!);
        organization.SetDomains(domains);
        organization.MembersSeeEachOthersRequests = Input.MembersSeeEachOthersRequests;
        await db.SaveChangesAsync(ct);
        TempData["Flash"] = L["The organization was saved."].Value;
        return RedirectToPage(new { id = Id });
    }

    public async Task<IActionResult> OnPostManagerAsync(Guid userId, bool isManager, CancellationToken ct)
    {
        // Loaded and saved rather than updated in place: a save is what tells every node's cache (NodeCache).
        var membership = await db.OrganizationMemberships.SingleOrDefaultAsync(m => m.OrganizationId == Id && m.UserId == userId, ct);
        if (membership is null) return NotFound();
        membership.IsManager = isManager;
        await db.SaveChangesAsync(ct);
        return RedirectToPage(new { id = Id });
    }

    public async Task<IActionResult> OnPostRemoveAsync(Guid userId, CancellationToken ct)
    {
        var membership = await db.OrganizationMemberships.SingleOrDefaultAsync(m => m.OrganizationId == Id && m.UserId == userId, ct);
        if (membership is null) return NotFound();
        db.OrganizationMemberships.Remove(membership);
        await db.SaveChangesAsync(ct);
        TempData["Flash"] = L["The member was removed from the organization."].Value;
        return RedirectToPage(new { id = Id });
    }

    private async Task LoadAsync(Organization organization, CancellationToken ct)
    {
        Name = organization.Name;
        Members = await db.OrganizationMemberships.AsNoTracking().Where(m => m.OrganizationId == organization.Id)
            .OrderByDescending(m => m.IsManager).ThenBy(m => m.User.LastName).ThenBy(m => m.User.FirstName)
            .Select(m => new Member(m.UserId, (m.User.FirstName + " " + m.User.LastName).Trim(), m.User.Email!, m.IsManager, m.User.PasswordHash != null))
            .ToListAsync(ct);
    }
}
