using System.ComponentModel.DataAnnotations;
using Guichet.Web.Data;
using Guichet.Web.Tickets;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace Guichet.Web.Pages.Admin;

/// <summary>The product or module list of the request form: add, rename, retire.</summary>
public sealed class ProductsModel(GuichetDbContext db, IStringLocalizer<SharedResource> L) : PageModel
{
    public IReadOnlyList<Product> Products { get; private set; } = [];
    [BindProperty] public ProductInput Input { get; set; } = new();

    public async Task OnGetAsync(CancellationToken ct) => await LoadAsync(ct);

    public async Task<IActionResult> OnPostAddAsync(CancellationToken ct)
    {
        if (ModelState.IsValid && await db.Products.AnyAsync(p => p.Name == Input.Name!.Trim(), ct))
            ModelState.AddModelError("Input.Name", L["A product with this name exists already."]);
        if (!ModelState.IsValid)
        {
            await LoadAsync(ct);
            return Page();
        }
        var last = await db.Products.MaxAsync(p => (int?)p.SortOrder, ct) ?? 0;
        db.Products.Add(new Product { Name = Input.Name!.Trim(), SortOrder = last + 10 });
        await db.SaveChangesAsync(ct);
        return RedirectToPage();
    }

    public async Task<IActionResult> OnPostUpdateAsync(int id, string? name, bool active, CancellationToken ct)
    {
        var product = await db.Products.SingleOrDefaultAsync(p => p.Id == id, ct);
        if (product is null) return NotFound();
        if (!string.IsNullOrWhiteSpace(name) && name.Trim().Length <= 200) product.Name = name.Trim();
        product.IsActive = active;
        await db.SaveChangesAsync(ct);
        TempData["Flash"] = L["The product was saved."].Value;
        return RedirectToPage();
    }

    private async Task LoadAsync(CancellationToken ct) =>
        Products = await db.Products.AsNoTracking().OrderBy(p => p.SortOrder).ThenBy(p => p.Name).ToListAsync(ct);
}

public sealed class ProductInput
{
    [Required(ErrorMessage = "Enter a name.")]
    [StringLength(200, ErrorMessage = "Use at most {1} characters.")]
    [Display(Name = "Name")]
    public string? Name { get; set; }
}
