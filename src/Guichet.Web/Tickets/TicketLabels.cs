using Microsoft.Extensions.Localization;

namespace Guichet.Web.Tickets;

/// <summary>The words for the ticket enums, in the reader's language: one place for pages, exports and mail.</summary>
public static class TicketLabels
{
    public static LocalizedString Priority(IStringLocalizer L, TicketPriority priority) => priority switch
    {
        TicketPriority.Low => L["Low"],
        TicketPriority.High => L["High"],
        TicketPriority.Urgent => L["Urgent"],
        _ => L["Normal"],
    };

    public static LocalizedString Environment(IStringLocalizer L, TicketEnvironment environment) => environment switch
    {
        TicketEnvironment.Staging => L["Staging"],
        TicketEnvironment.Test => L["Test"],
        _ => L["Production"],
    };
}
