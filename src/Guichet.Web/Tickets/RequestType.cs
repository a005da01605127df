using Guichet.Web.Localization;
using Guichet.Web.Organizations;

namespace Guichet.Web.Tickets;

/// <summary>A kind of request ("Bug report"), with its own form and the group that handles it.</summary>
public sealed class RequestType
{
    public int Id { get; init; }
    public required LocalizedText Names { get; set; }
    public required LocalizedText Descriptions { get; set; }
    public int SortOrder { get; set; }
    public bool IsActive { get; set; } = true;

    /// <summary>The group new requests of this type go to.</summary>
    public int? GroupId { get; set; }

    /// <summary>When not empty, only these organizations' people may choose this type.</summary>
    public List<RequestTypeOrganization> Organizations { get; } = [];

    /// <summary>The custom fields its form shows, each required or not, in order.</summary>
    public List<RequestTypeField> Fields { get; } = [];
}

public sealed class RequestTypeOrganization
{
    public int RequestTypeId { get; init; }
    public Guid OrganizationId { get; init; }
    public Organization Organization { get; init; } = null!;
}
