namespace Guichet.Web.Tickets;

/// <summary>Where the problem happens: a built-in field of the request form.</summary>
public enum TicketEnvironment
{
    Production = 0,
    Staging = 1,
    Test = 2,
}
