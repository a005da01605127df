using Guichet.Web.Data;
using Microsoft.EntityFrameworkCore;

namespace Guichet.Web.Organizations;

/// <summary>The domains field of the organization forms: "acme.example, acme-corp.example".</summary>
public static class DomainList
{
    public static IReadOnlyList<string> Parse(string? text) =>
        (text ?? "").Split([',', ';', ' ', '\n', '\r', '\t'], StringSplitOptions.RemoveEmptyEntries).Select(EmailDomain.Normalize).Distinct().ToList();

    /// <summary>A domain of the list that another organization has already, if any: a domain leads to one organization.</summary>
    public static async Task<string?> FirstTakenAsync(GuichetDbContext db, IReadOnlyList<string> domains, Guid? organizationId, CancellationToken ct) =>
        await db.OrganizationDomains.Where(d => domains.Contains(d.Domain) && d.OrganizationId != organizationId)
            .Select(d => d.Domain).FirstOrDefaultAsync(ct);
}
