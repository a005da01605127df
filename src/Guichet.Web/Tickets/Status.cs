using Guichet.Web.Localization;

namespace Guichet.Web.Tickets;

/// <summary>A ticket status, as data: a fixed category and a name per language.</summary>
public sealed class Status
{
    public int Id { get; init; }
    public StatusCategory Category { get; init; }
    public required LocalizedText Names { get; set; }
    public int SortOrder { get; set; }

    /// <summary>The status a ticket gets when the workflow moves it into this category.</summary>
    public bool IsDefaultForCategory { get; set; }

    public bool IsActive { get; set; } = true;

    /// <summary>A request in one of these needs nothing more from anyone.</summary>
    public bool IsFinished => Category is StatusCategory.Solved or StatusCategory.Closed or StatusCategory.Cancelled;

    /// <summary>
    /// A ticket in one of these is still someone's to handle: every category but closed and cancelled (a solved request
    /// can still come back). A leaving agent's such tickets are handed over; the team pages count them.
    /// </summary>
    public bool NeedsAnOwner => Category is not (StatusCategory.Closed or StatusCategory.Cancelled);
}
