using Guichet.Web.Tickets;
using Microsoft.AspNetCore.Mvc.Localization;

namespace Guichet.Web.Pages.Shared;

/// <summary>The words for the ticket enums, in the reader's language.</summary>
public static class TicketLabels
{
    public static LocalizedHtmlString Priority(IHtmlLocalizer L, TicketPriority priority) => priority switch
    {
        TicketPriority.Low => L["Low"],
        TicketPriority.High => L["High"],
        TicketPriority.Urgent => L["Urgent"],
        _ => L["Normal"],
    };

    public static LocalizedHtmlString Environment(IHtmlLocalizer L, TicketEnvironment environment) => environment switch
    {
        TicketEnvironment.Staging => L["Staging"],
        TicketEnvironment.Test => L["Test"],
        _ => L["Production"],
    };
}
