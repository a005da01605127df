namespace Guichet.Web.Tickets;

/// <summary>Configuration section Guichet:Tickets.</summary>
public sealed class TicketOptions
{
    public const string Section = "Guichet:Tickets";

    /// <summary>A customer reply within this many days of the resolution reopens the request; later, it opens a follow-up.</summary>
    public int ReopenDays { get; set; } = 7;

    /// <summary>Resolved requests close by themselves after this many days.</summary>
    public int AutoCloseDays { get; set; } = 7;
}
