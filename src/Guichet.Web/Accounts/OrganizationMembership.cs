using Guichet.Web.Organizations;

namespace Guichet.Web.Accounts;

/// <summary>A user belongs to an organization; a manager sees all of its requests.</summary>
public sealed class OrganizationMembership
{
    public Guid UserId { get; set; }
    public User User { get; set; } = null!;
    public Guid OrganizationId { get; set; }
    public Organization Organization { get; set; } = null!;
    public bool IsManager { get; set; }
}
