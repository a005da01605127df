using System.ComponentModel.DataAnnotations;
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
    [BindProperty] public NewOrganizationInput Input { get; set; } = new();

    public async Task OnGetAsync(CancellationToken ct) => await LoadAsync(ct);

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        var domains = DomainList.Parse(Input.Domains);
        if (domains.Any(d => !EmailDomain.IsValid(d)))
            ModelState.AddModelError($"{nameof(Input)}.{nameof(Input.Domains)}", L["Enter domains like example.com, separated by commas."]);
        if (ModelState.IsValid && await db.Organizations.AnyAsync(o => o.Name == Input.Name!.Trim(), ct))
            ModelState.AddModelError($"{nameof(Input)}.{nameof(Input.Name)}", L["An organization with this name exists already."]);
        if (ModelState.IsValid && await DomainList.FirstTakenAsync(db, domains, null, ct) is { } taken)
            ModelState.AddModelError($"{nameof(Input)}.{nameof(Input.Domains)}", L["The domain {0} belongs to another organization.", taken]);
        if (!ModelState.IsValid)
        {
            await LoadAsync(ct);
            return Page();
        }
        var organization = new Organization(Guid.CreateVersion7(time.GetUtcNow()), Input.Name!, time.GetUtcNow());
        organization.SetDomains(domains);
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

public sealed class NewOrganizationInput
{
    [Required(ErrorMessage = "Enter a name.")]
    [StringLength(200, ErrorMessage = "Use at most {1} characters.")]
    [Display(Name = "Name")]
    public string? Name { get; set; }

    [StringLength(2000, ErrorMessage = "Use at most {1} characters.")]
    [Display(Name = "Email domains")]
    public string? Domains { get; set; }
}
