using Guichet.Web.Data;
using Guichet.Web.Organizations;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace Guichet.Web.Pages.Admin.Organizations;

public sealed class IndexModel(GuichetDbContext db, TimeProvider time, IStringLocalizer<SharedResource> L) : PageModel
{
    public sealed record Row(Guid Id, string Name, IReadOnlyList<string> Domains, int Members, int Managers);

    public IReadOnlyList<Row> Rows { get; private set; } = [];
    [BindProperty] public OrganizationInput Input { get; set; } = new();

    public async Task OnGetAsync(CancellationToken ct) => await LoadAsync(ct);

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        var domains = await OrganizationInput.ValidateAsync(Input, null, db, ModelState, L, ct);
        if (!ModelState.IsValid)
        {
            await LoadAsync(ct);
            return Page();
        }
        var organization = new Organization(Guid.CreateVersion7(time.GetUtcNow()), Input.Name!, time.GetUtcNow());
        organization.SetDomains(domains);
        organization.MembersSeeEachOthersRequests = Input.MembersSeeEachOthersRequests;
        db.Organizations.Add(organization);
        await db.SaveChangesAsync(ct);
        return RedirectToPage("Edit", new { id = organization.Id });
    }

    private async Task LoadAsync(CancellationToken ct)
    {
        var rows = await db.Organizations.AsNoTracking().OrderBy(o => o.Name)
            .Select(o => new
            {
                o.Id, o.Name,
                Domains = o.Domains.Select(d => d.Domain).ToList(),
                Members = o.Memberships.Count,
                Managers = o.Memberships.Count(m => m.IsManager),
            })
            .ToListAsync(ct);
        Rows = rows.Select(r => new Row(r.Id, r.Name, r.Domains, r.Members, r.Managers)).ToList();
    }
}
