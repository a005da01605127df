namespace Guichet.Web.Tickets;

/// <summary>
/// What a status means, whatever an admin names it. Rules (who may do what, reopening,
/// auto-close, SLA clocks) read the category, never the name.
/// </summary>
public enum StatusCategory
{
    New = 0,
    Open = 1,
    Pending = 2,
    Solved = 3,
    Closed = 4,
    Cancelled = 5,
}
