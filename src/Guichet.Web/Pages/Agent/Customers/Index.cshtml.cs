using Guichet.Web.Accounts;
using Guichet.Web.Data;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace Guichet.Web.Pages.Agent.Customers;

/// <summary>Customers (contacts), searchable by name or address, a page at a time.</summary>
public sealed class IndexModel(GuichetDbContext db) : PageModel
{
    public const int PageSize = 50;

    public sealed record Row(string Name, string Email, string Organizations, bool HasAccount, DateTimeOffset CreatedAt);

    [BindProperty(SupportsGet = true)] public string? Q { get; set; }
    [BindProperty(SupportsGet = true, Name = "page")] public int PageNumber { get; set; } = 1;
    public IReadOnlyList<Row> Rows { get; private set; } = [];
    public int Total { get; private set; }
    public int PageCount => Math.Max(1, (Total + PageSize - 1) / PageSize);

    public async Task OnGetAsync(CancellationToken ct)
    {
        PageNumber = Math.Max(1, PageNumber);
        var staff = db.UserRoles.Select(ur => ur.UserId);
        var customers = db.Users.AsNoTracking().Where(u => !staff.Contains(u.Id));
        if (!string.IsNullOrWhiteSpace(Q))
        {
            var q = Q.Trim().ToUpperInvariant();
            customers = customers.Where(u => u.NormalizedEmail!.Contains(q)
                || (u.FirstName + " " + u.LastName).ToUpper().Contains(q));
        }
        Total = await customers.CountAsync(ct);
        var rows = await customers.OrderBy(u => u.LastName).ThenBy(u => u.FirstName).ThenBy(u => u.Email)
            .Skip((PageNumber - 1) * PageSize).Take(PageSize)
            .Select(u => new
            {
                Name = (u.FirstName + " " + u.LastName).Trim(), u.Email,
                Organizations = u.Memberships.Select(m => m.Organization.Name).ToList(),
                HasAccount = u.PasswordHash != null, u.CreatedAt,
            })
            .ToListAsync(ct);
        Rows = rows.Select(r => new Row(r.Name, r.Email!, string.Join(", ", r.Organizations.Order()), r.HasAccount, r.CreatedAt)).ToList();
    }
}
