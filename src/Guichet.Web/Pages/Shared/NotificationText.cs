using Guichet.Web.Notifications;
using Microsoft.AspNetCore.Mvc.Localization;

namespace Guichet.Web.Pages.Shared;

/// <summary>The words of the agents' notifications, in the reader's language: what each kind is, and each line of the bell.</summary>
public static class NotificationText
{
    public static LocalizedHtmlString Kind(IHtmlLocalizer L, AgentNotice kind) => kind switch
    {
        AgentNotice.NewInMyGroups => L["A new request in my groups"],
        AgentNotice.CustomerReplied => L["The customer replies to a request assigned to me"],
        AgentNotice.AssignedToMe => L["Someone assigns me a request"],
        _ => L["A colleague mentions me in a note"],
    };

    public static LocalizedHtmlString Line(IHtmlLocalizer L, AgentInbox.Line line)
    {
        var who = line.Actor is { Length: > 0 } actor ? actor : L["Someone"].Value;
        return line.Kind switch
        {
            AgentNotice.NewInMyGroups => L["{0} opened #{1} “{2}”", who, line.Number, line.Subject],
            AgentNotice.CustomerReplied => L["{0} replied on #{1} “{2}”", who, line.Number, line.Subject],
            AgentNotice.AssignedToMe => L["{0} assigned you #{1} “{2}”", who, line.Number, line.Subject],
            _ => L["{0} mentioned you on #{1} “{2}”", who, line.Number, line.Subject],
        };
    }
}
