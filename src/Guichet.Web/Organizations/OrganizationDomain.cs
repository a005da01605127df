namespace Guichet.Web.Organizations;

/// <summary>An email domain of an organization: new users with an address there join it.</summary>
public sealed class OrganizationDomain
{
    public Guid OrganizationId { get; set; }

    /// <summary>Lower-case, without "@" (acme.example). Unique across organizations.</summary>
    public string Domain { get; set; } = "";
}
