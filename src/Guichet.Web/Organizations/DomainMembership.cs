using Guichet.Web.Accounts;
using Guichet.Web.Data;
using Microsoft.EntityFrameworkCore;

namespace Guichet.Web.Organizations;

/// <summary>"New users with a matching address join it": the organization an address's domain belongs to.</summary>
public sealed class DomainMembership(GuichetDbContext db)
{
    public Task<Organization?> OrganizationForAsync(string email, CancellationToken ct)
    {
        var domain = EmailDomain.OfAddress(email);
        return db.Organizations.Where(o => o.Domains.Any(d => d.Domain == domain)).FirstOrDefaultAsync(ct);
    }

    /// <summary>Adds the user to the organization of their address's domain, if there is one; the caller saves.</summary>
    public async Task JoinAsync(User user, CancellationToken ct)
    {
        var organization = await OrganizationForAsync(user.Email ?? "", ct);
        if (organization is null) return;
        var isMember = await db.OrganizationMemberships.AnyAsync(m => m.OrganizationId == organization.Id && m.UserId == user.Id, ct);
        if (!isMember)
            db.OrganizationMemberships.Add(new OrganizationMembership { OrganizationId = organization.Id, UserId = user.Id });
    }
}
