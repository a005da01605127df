using Guichet.Web.Tickets;
using Microsoft.AspNetCore.Mvc.Localization;

namespace Guichet.Web.Pages.Shared;

/// <summary>A history line, in the reader's language: events store values, this turns them into words.</summary>
public static class HistoryText
{
    public static LocalizedHtmlString Describe(IHtmlLocalizer L, TicketView.Entry e, IReadOnlyList<Status> statuses,
        IReadOnlyList<CustomFieldValues.TicketField> fields, CustomFieldValues values)
    {
        var who = e.AuthorName == "" ? L["Guichet"].Value : e.AuthorName;
        var field = e.Field?.StartsWith(Ticket.FieldEventPrefix, StringComparison.Ordinal) == true
            ? fields.FirstOrDefault(f => Ticket.FieldEventPrefix + f.Field.Key == e.Field)?.Field
            : null;
        return e.Kind switch
        {
            // A long text's whole value would drown the history: its name is enough.
            TicketEventKind.FieldChanged when field is { Kind: CustomFieldKind.LongText } => L["{0} changed {1}.", who, field.Labels.ToString()],
            TicketEventKind.FieldChanged when field is not null && field.Kind != CustomFieldKind.Checkbox && e.Before is null =>
                L["{0} set {1} to {2}.", who, field.Labels.ToString(), FieldText(field, e.After)],
            TicketEventKind.FieldChanged when field is not null && field.Kind != CustomFieldKind.Checkbox && e.After is null =>
                L["{0} emptied {1}.", who, field.Labels.ToString()],
            TicketEventKind.FieldChanged when field is not null =>
                L["{0} changed {1} from {2} to {3}.", who, field.Labels.ToString(), FieldText(field, e.Before), FieldText(field, e.After)],
            TicketEventKind.Created => L["{0} opened the request.", who],
            TicketEventKind.Replied => L["{0} replied.", who],
            TicketEventKind.NoteAdded => L["{0} added an internal note.", who],
            TicketEventKind.StatusChanged => L["{0} changed the status from {1} to {2}.", who, StatusName(e.Before), StatusName(e.After)],
            TicketEventKind.FieldChanged when e.Field == "priority" =>
                L["{0} changed the priority from {1} to {2}.", who, Priority(e.Before), Priority(e.After)],
            TicketEventKind.FieldChanged when e.Field == "assignee" => L["{0} changed who handles the request.", who],
            TicketEventKind.FieldChanged when e.Field == "type" => L["{0} changed the kind of request.", who],
            TicketEventKind.FieldChanged when e.Field == "split" => L["{0} moved a message to a new request, #{1}.", who, e.After ?? ""],
            TicketEventKind.FieldChanged when e.Field == "related" && e.After is not null => L["{0} linked this request to #{1}.", who, e.After],
            TicketEventKind.FieldChanged when e.Field == "related" => L["{0} removed the link to #{1}.", who, e.Before ?? ""],
            TicketEventKind.FieldChanged when e.Field == "tags" => L["{0} changed the tags: {1} → {2}.", who, e.Before ?? "—", e.After ?? "—"],
            TicketEventKind.FieldChanged when e.Field == "group" => L["{0} handed the request to another group.", who],
            TicketEventKind.FieldChanged => L["{0} changed the details of the request.", who],
            TicketEventKind.ParticipantAdded => L["{0} added someone to the people kept informed.", who],
            TicketEventKind.ParticipantRemoved => L["{0} removed someone from the people kept informed.", who],
            TicketEventKind.FollowUpCreated => L["{0} opened a follow-up request.", who],
            TicketEventKind.TimeLogged => L["{0} logged {1}.", who, Duration(e.After)],
            TicketEventKind.TimeRemoved => L["{0} took off {1} of logged time.", who, Duration(e.Before)],
            TicketEventKind.TimeChanged when e.Before == e.After => L["{0} corrected a time entry of {1}.", who, Duration(e.After)],
            TicketEventKind.TimeChanged => L["{0} corrected a time entry: {1} instead of {2}.", who, Duration(e.After), Duration(e.Before)],
            TicketEventKind.MergedInto => L["{0} merged this request into #{1}.", who, e.After ?? ""],
            TicketEventKind.MergedFrom => L["{0} merged the request #{1} into this one.", who, e.Before ?? ""],
            TicketEventKind.MailBounced => L["Mail to {0} bounced: {1}", e.After ?? "", e.Before ?? ""],
            TicketEventKind.MailUndelivered => L["A mail to {0} could not be delivered: {1}", e.After ?? "", e.Before ?? ""],
            _ => L["{0} changed the request.", who],
        };

        static string Duration(string? minutes) =>
            int.TryParse(minutes, System.Globalization.CultureInfo.InvariantCulture, out var m) ? TimeTracking.Durations.Format(m) : "?";

        string StatusName(string? id) =>
            statuses.FirstOrDefault(s => s.Id.ToString() == id)?.Names.ToString() ?? "?";

        string FieldText(CustomField f, string? value) => values.Display(f, value, System.Globalization.CultureInfo.CurrentCulture);

        string Priority(string? value) =>
            Enum.TryParse<TicketPriority>(value, out var p) ? TicketLabels.Priority(L.Strings(), p).Value : "?";
    }
}
