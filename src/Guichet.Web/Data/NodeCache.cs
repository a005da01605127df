using System.Collections.Concurrent;
using System.Diagnostics;
using Microsoft.EntityFrameworkCore;

namespace Guichet.Web.Data;

/// <summary>
/// Data read on nearly every page and changed rarely (statuses, request types, fields, products;
/// who belongs to which organization and role), kept in memory on each node, by region.
/// <para>
/// Every save that touches a region changes the region's row in <c>CacheStamps</c> in the same
/// transaction (<see cref="CacheStampInterceptor"/>). The node that saved forgets the region at
/// once; every node compares the stamps with what it holds at most once a second, so a change made
/// on another node (or by another process on the same SQLite file) is seen within a second.
/// </para>
/// What is handed out is shared between requests: read it, never attach or change it.
/// </summary>
public sealed class NodeCache
{
    /// <summary>How often a node asks the database whether another node changed a region.</summary>
    public static readonly TimeSpan CheckInterval = TimeSpan.FromSeconds(1);

    // A region's values, by key; a forgotten region gets a new, empty one.
    private sealed class Entries(Guid stamp)
    {
        public Guid Stamp { get; } = stamp;
        public ConcurrentDictionary<object, object> Values { get; } = new();
    }

    // A guard against a cache of every user ever seen; refilled on demand.
    private const int MaxEntriesPerRegion = 50_000;

    private readonly ConcurrentDictionary<string, Entries> regions = new();
    private readonly ConcurrentDictionary<string, long> generations = new();
    // Real time, not the TimeProvider: a test's frozen clock must not freeze what other nodes changed.
    private long nextCheck;
    private int checking;

    /// <summary>The value for a key of a region, loaded with <paramref name="load"/> when not held (or no longer current).</summary>
    public async Task<T> GetAsync<T>(GuichetDbContext db, string region, object key, Func<CancellationToken, Task<T>> load,
        CancellationToken ct) where T : class
    {
        await CheckStampsAsync(db, ct);
        if (regions.TryGetValue(region, out var entries) && entries.Values.TryGetValue(key, out var held))
            return (T)held;

        var generation = generations.GetValueOrDefault(region);
        entries ??= new Entries(await StampOfAsync(db, region, ct));
        var value = await load(ct);
        // A save on this node while it loaded may have made the value old: hand it out, keep it not.
        if (generations.GetValueOrDefault(region) == generation)
        {
            if (entries.Values.Count >= MaxEntriesPerRegion) entries.Values.Clear();
            entries.Values[key] = value;
            regions.TryAdd(region, entries);
        }
        return value;
    }

    /// <summary>This node changed the regions: drop what it holds of them.</summary>
    public void Forget(IEnumerable<string> changed)
    {
        foreach (var region in changed)
        {
            generations.AddOrUpdate(region, 1, (_, g) => g + 1);
            regions.TryRemove(region, out _);
        }
    }

    private static async Task<Guid> StampOfAsync(GuichetDbContext db, string region, CancellationToken ct) =>
        await db.Set<CacheStamp>().AsNoTracking().Where(s => s.Region == region).Select(s => s.Stamp).SingleOrDefaultAsync(ct);

    /// <summary>Once a second, one request asks for the stamps and drops the regions another node changed.</summary>
    private async Task CheckStampsAsync(GuichetDbContext db, CancellationToken ct)
    {
        var now = Stopwatch.GetTimestamp();
        if (now < Volatile.Read(ref nextCheck) || Interlocked.Exchange(ref checking, 1) == 1) return;
        try
        {
            var stamps = await db.Set<CacheStamp>().AsNoTracking().ToListAsync(ct);
            foreach (var stamp in stamps)
                if (regions.TryGetValue(stamp.Region, out var held) && held.Stamp != stamp.Stamp)
                    Forget([stamp.Region]);
            Volatile.Write(ref nextCheck, now + (long)(CheckInterval.TotalSeconds * Stopwatch.Frequency));
        }
        finally
        {
            Volatile.Write(ref checking, 0);
        }
    }
}
