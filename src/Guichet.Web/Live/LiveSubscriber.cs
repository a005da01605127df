using System.Threading.Channels;

namespace Guichet.Web.Live;

/// <summary>What a stream sends: the server-sent event's name, its JSON data, and for a ticket event its id (for Last-Event-ID).</summary>
public sealed record LiveMessage(string Name, string Data, long? Id = null);

/// <summary>One open stream: whose it is, the ticket whose page it serves (agents' ticket pages only), and what waits to be sent.</summary>
public sealed class LiveSubscriber(Guid userId, Guid? watchedTicketId)
{
    // A page that stops reading (a laptop asleep) must not hold the node's memory: past this, it is told to load again.
    // Room for what a reconnecting stream missed (LiveFeed.MaxMissed) and what comes meanwhile.
    private const int Capacity = 2 * LiveFeed.MaxMissed;

    private readonly Channel<LiveMessage> queue = Channel.CreateBounded<LiveMessage>(
        new BoundedChannelOptions(Capacity) { SingleReader = true, FullMode = BoundedChannelFullMode.Wait });

    private long through;
    private int overflowed;

    public Guid UserId => userId;
    public Guid? WatchedTicketId => watchedTicketId;
    public ChannelReader<LiveMessage> Messages => queue.Reader;

    /// <summary>The newest event id the feed has judged for this stream: a reconnection with it as Last-Event-ID misses nothing.</summary>
    public long Through => Volatile.Read(ref through);

    /// <summary>What the last presence message said, so that only a change is sent.</summary>
    internal string? LastPresence { get; set; }

    internal void Send(LiveMessage message)
    {
        if (!queue.Writer.TryWrite(message)) Volatile.Write(ref overflowed, 1);
    }

    internal void Judged(long eventId) => Volatile.Write(ref through, Math.Max(Through, eventId));

    /// <summary>Whether messages were lost since the last call (the queue was full): the page must then load everything again.</summary>
    public bool TakeOverflow() => Interlocked.Exchange(ref overflowed, 0) == 1;
}
