using System.Text.Json;
using System.Threading.Channels;

namespace Guichet.IntegrationTests.Infrastructure;

/// <summary>A <c>/live</c> stream read as a browser's EventSource reads it: every event, in order, as it comes.</summary>
public sealed class LiveEvents : IAsyncDisposable
{
    public sealed record Event(string Name, string Data, string? Id)
    {
        public JsonElement Json => JsonDocument.Parse(Data).RootElement;
        public long Number => Json.GetProperty("number").GetInt64();
    }

    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(10);

    private readonly Channel<Event> incoming = Channel.CreateUnbounded<Event>();
    private readonly List<Event> received = [];
    private readonly CancellationTokenSource stop = new();
    private readonly HttpResponseMessage response;
    private Task reading = Task.CompletedTask;

    private LiveEvents(HttpResponseMessage response) => this.response = response;

    /// <summary>Every event received so far, whether a test waited for it or not.</summary>
    public IReadOnlyList<Event> Received { get { lock (received) return [.. received]; } }

    /// <summary>The last id the stream gave, as the browser sends it back in Last-Event-ID when it reconnects.</summary>
    public string? LastId { get; private set; }

    public static async Task<LiveEvents> OpenAsync(HttpClient client, string url = "/live", string? lastEventId = null)
    {
        var request = new HttpRequestMessage(HttpMethod.Get, url);
        if (lastEventId is not null) request.Headers.Add("Last-Event-ID", lastEventId);
        var response = await client.SendAsync(request, HttpCompletionOption.ResponseHeadersRead);
        response.EnsureSuccessStatusCode();
        Assert.Equal("text/event-stream", response.Content.Headers.ContentType?.MediaType);
        var events = new LiveEvents(response);
        events.reading = events.ReadAsync();
        return events;
    }

    /// <summary>The next event of this name (and matching, if given); the others on the way are skipped.</summary>
    public async Task<Event> NextAsync(string name, Func<Event, bool>? match = null)
    {
        using var timeout = new CancellationTokenSource(Patience);
        try
        {
            while (true)
            {
                var e = await incoming.Reader.ReadAsync(timeout.Token);
                if (e.Name == name && (match is null || match(e))) return e;
            }
        }
        catch (OperationCanceledException)
        {
            throw new Xunit.Sdk.XunitException($"No '{name}' event within {Patience.TotalSeconds} s; received: {string.Join(" | ", Received.Select(r => $"{r.Name} {r.Data}"))}");
        }
    }

    private async Task ReadAsync()
    {
        try
        {
            using var reader = new StreamReader(await response.Content.ReadAsStreamAsync(stop.Token));
            string? name = null, data = null, id = null;
            while (await reader.ReadLineAsync(stop.Token) is { } line)
            {
                if (line.Length == 0)
                {
                    if (id is not null) LastId = id;
                    if (data is not null)
                    {
                        var e = new Event(name ?? "message", data, id);
                        lock (received) received.Add(e);
                        incoming.Writer.TryWrite(e);
                    }
                    (name, data, id) = (null, null, null);
                }
                else if (line.StartsWith("event: ", StringComparison.Ordinal)) name = line[7..];
                else if (line.StartsWith("data: ", StringComparison.Ordinal)) data = data is null ? line[6..] : data + "\n" + line[6..];
                else if (line.StartsWith("id: ", StringComparison.Ordinal)) id = line[4..];
            }
        }
        catch (Exception) when (stop.IsCancellationRequested)
        {
        }
        finally
        {
            incoming.Writer.TryComplete();
        }
    }

    public async ValueTask DisposeAsync()
    {
        await stop.CancelAsync();
        response.Dispose();
        try { await reading; } catch (Exception) { }
        stop.Dispose();
    }
}
