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

    /// <summary>
    /// The type of a request that does not say its own (an API client leaving typeId out, later a mail).
    /// At most one type is the default; an admin chooses it (<see cref="MakeDefault"/>).
    /// </summary>
    public bool IsDefault { get; private set; }

    /// <summary>Makes this type the default and every other one not; only an active type may be the default.</summary>
    public void MakeDefault(IEnumerable<RequestType> others)
    {
        if (!IsActive) throw new InvalidOperationException($"Request type {Id} is inactive: it cannot be the default.");
        foreach (var other in others) other.IsDefault = false;
        IsDefault = true;
    }

    public void StopBeingDefault() => IsDefault = false;

    /// <summary>The group new requests of this type go to.</summary>
    public int? GroupId { get; set; }

    /// <summary>
    /// The status that counts as "processed" for this type (a bug is processed when fixed, a question when answered):
    /// the journal marks the change into it, and can list only those. None: the journal marks nothing.
    /// </summary>
    public int? ProcessedStatusId { get; set; }

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
