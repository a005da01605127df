using Guichet.Web.Data;
using Guichet.Web.Portal;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace Guichet.Web.Pages.Admin;

public sealed class PortalModel(GuichetDbContext db, IStringLocalizer<SharedResource> L) : PageModel
{
    [BindProperty] public SignUpPolicy SignUpPolicy { get; set; }
    [BindProperty] public bool CustomersLogTime { get; set; }

    public async Task OnGetAsync(CancellationToken ct)
    {
        var settings = await db.PortalSettings.AsNoTracking().SingleAsync(ct);
        (SignUpPolicy, CustomersLogTime) = (settings.SignUpPolicy, settings.CustomersLogTime);
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        if (!Enum.IsDefined(SignUpPolicy)) return BadRequest();
        var settings = await db.PortalSettings.SingleAsync(ct);
        settings.SignUpPolicy = SignUpPolicy;
        settings.CustomersLogTime = CustomersLogTime;
        await db.SaveChangesAsync(ct);
        TempData["Flash"] = L["The portal settings were saved."].Value;
        return RedirectToPage();
    }
}
