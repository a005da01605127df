using System.Threading.Channels;

namespace Guichet.Web.Email.Outbound;

/// <summary>
/// Wakes this node's <see cref="OutboxSender"/> when mail was saved here, so it need not wait for
/// the next poll. Only a shortcut: mail saved on another node is found by polling, and a poke
/// lost (sender busy, process restarting) costs at most one poll interval.
/// </summary>
public sealed class OutboxSignal
{
    // One pending poke is enough: the sender takes every due mail when it wakes.
    private readonly Channel<bool> pokes = Channel.CreateBounded<bool>(new BoundedChannelOptions(1) { FullMode = BoundedChannelFullMode.DropWrite });

    public void Poke() => pokes.Writer.TryWrite(true);

    /// <summary>Returns at the first poke or when <paramref name="timeout"/> has passed on <paramref name="time"/>.</summary>
    public async Task WaitAsync(TimeSpan timeout, TimeProvider time, CancellationToken ct)
    {
        using var timer = new CancellationTokenSource(timeout, time);
        using var either = CancellationTokenSource.CreateLinkedTokenSource(ct, timer.Token);
        try
        {
            await pokes.Reader.WaitToReadAsync(either.Token);
            pokes.Reader.TryRead(out _);
        }
        catch (OperationCanceledException) when (!ct.IsCancellationRequested)
        {
            // The poll interval is over: time to look again.
        }
    }
}
