namespace Guichet.Web.Pages.Shared;

/// <summary>
/// The drafts of the reply boxes, which the browser keeps while someone types (wwwroot/js/drafts.js): the name of each box's
/// draft, and the TempData entry by which the page after a successful post says which draft the server accepted. Only
/// that page may let the draft go: a refused post comes back with the text, and a lost connection never arrives.
/// </summary>
public static class ReplyDrafts
{
    public const string Accepted = "ReplyDraftAccepted";

    /// <summary>An agent's reply or note on a ticket.</summary>
    public static string OfTicket(long number) => $"ticket:{number}";

    /// <summary>A customer's reply, or follow-up, on their request.</summary>
    public static string OfRequest(long number) => $"request:{number}";
}
