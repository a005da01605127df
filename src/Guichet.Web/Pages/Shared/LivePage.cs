namespace Guichet.Web.Pages.Shared;

/// <summary>
/// How a page follows live updates (partial <c>_Live</c>, script <c>live.js</c>): <paramref name="On"/> is "ticket" (the
/// events of <paramref name="Ticket"/>), "list" (any event the reader may see) or "queues" (those and the queue counts);
/// <paramref name="Updated"/> is said when the page was brought up to date, <paramref name="Kept"/> when a part of it
/// was left as it was because a form in it is being filled in.
/// </summary>
public sealed record LivePage(string On, string Updated, string Kept, long? Ticket = null);
