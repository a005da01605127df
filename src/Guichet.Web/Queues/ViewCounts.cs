using Guichet.Web.Live;
using Guichet.Web.Tickets;
using Microsoft.Extensions.Caching.Memory;

namespace Guichet.Web.Queues;

/// <summary>
/// How many tickets each of an agent's saved views holds, for the menu. Asked for after the page has loaded (and again on
/// live updates), never while a page is made: a count per view on every page would make each page pay for all of them.
/// Each count stops at <see cref="Bound"/> ("1,000+"), so a view of a whole queue costs a bounded read. One count per
/// agent and view is kept on this node: reused while no ticket event has come (the live feed's cursor says so) for up to
/// <see cref="KeptFor"/> (lists that depend on the clock, "no reply for 4 hours", change without any event), and, however
/// many events come, for <see cref="AtLeast"/>, so that a busy desk costs each open menu a round of counts every few
/// seconds, not one per event.
/// </summary>
public sealed class ViewCounts(SavedViews savedViews, AgentQueues queues, LiveFeed feed, IMemoryCache cache, TimeProvider time)
{
    public const int Bound = 1_000;
    public static readonly TimeSpan KeptFor = TimeSpan.FromSeconds(30);
    public static readonly TimeSpan AtLeast = TimeSpan.FromSeconds(5);

    /// <summary>A view's count: at most <see cref="Bound"/>, <paramref name="More"/> when the list holds more.</summary>
    public sealed record Count(int ViewId, int Tickets, bool More);

    private sealed record Kept(long Cursor, long Timestamp, int Tickets);

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
        // The view's own change, or the agent's time zone (dates in filters), makes another list: another key.
        var key = (nameof(ViewCounts), viewer.UserId, view.Id, view.UpdatedAt, zone.Id);
        var cursor = feed.Cursor;
        if (!cache.TryGetValue(key, out Kept? kept) || kept is null || (kept.Cursor != cursor && time.GetElapsedTime(kept.Timestamp) >= AtLeast))
        {
            var address = SavedViews.Read(view.Address);
            var tickets = await queues.CountAsync(AgentQueues.Named(address.Queue, viewer), address.Query, viewer, zone, Bound + 1, ct);
            kept = new Kept(cursor, time.GetTimestamp(), tickets);
            cache.Set(key, kept, KeptFor);
        }
        return new Count(view.Id, Math.Min(kept.Tickets, Bound), kept.Tickets > Bound);
    }
}
