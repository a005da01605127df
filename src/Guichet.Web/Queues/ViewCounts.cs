using Guichet.Web.Live;
using Guichet.Web.Tickets;
using Microsoft.Extensions.Caching.Memory;

namespace Guichet.Web.Queues;

/// <summary>
/// How many tickets each of an agent's saved views holds, for the menu. Asked for after the page has loaded (and again on
/// live updates), never while a page is made: a count per view on every page would make each page pay for all of them.
/// Each count stops at <see cref="Bound"/> ("1,000+"), so a view of a whole queue costs a bounded read, and is kept on
/// this node while no ticket event has come (the live feed's cursor is part of the key) and for at most
/// <see cref="KeptFor"/>, as lists that depend on the clock ("no reply for 4 hours") change without any event.
/// </summary>
public sealed class ViewCounts(SavedViews savedViews, AgentQueues queues, LiveFeed feed, IMemoryCache cache)
{
    public const int Bound = 1_000;
    public static readonly TimeSpan KeptFor = TimeSpan.FromSeconds(30);

    /// <summary>A view's count: at most <see cref="Bound"/>, <paramref name="More"/> when the list holds more.</summary>
    public sealed record Count(int ViewId, int Tickets, bool More);

    /// <summary>The count of every view the viewer sees, in the menu's order; one bounded count each, one after the other.</summary>
    public async Task<IReadOnlyList<Count>> OfAsync(Viewer viewer, TimeZoneInfo zone, CancellationToken ct)
    {
        var views = await savedViews.ListAsync(viewer, ct);
        var counts = new List<Count>(views.Count);
        foreach (var view in views) counts.Add(await OfAsync(view, viewer, zone, ct));
        return counts;
    }

    /// <summary>One view's count, through the viewer's own rules (a shared view counts what each member sees).</summary>
    public async Task<Count> OfAsync(SavedView view, Viewer viewer, TimeZoneInfo zone, CancellationToken ct)
    {
        var key = (nameof(ViewCounts), viewer.UserId, view.Id, view.UpdatedAt, zone.Id, feed.Cursor);
        if (!cache.TryGetValue(key, out int tickets))
        {
            var address = SavedViews.Read(view.Address);
            tickets = await queues.CountAsync(AgentQueues.Named(address.Queue, viewer), address.Query, viewer, zone, Bound + 1, ct);
            cache.Set(key, tickets, KeptFor);
        }
        return new Count(view.Id, Math.Min(tickets, Bound), tickets > Bound);
    }
}
