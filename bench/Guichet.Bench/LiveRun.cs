using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.RegularExpressions;

namespace Guichet.Bench;

/// <summary>
/// The live verb: N agent pages' streams (GET /live) open at once, then one change after another to a ticket they
/// all may see (PATCH /api/v1/tickets/N, the priority), each timed from just before it is sent to the moment each
/// stream hears of it. What an agent waits for between a colleague's click and their own page knowing.
/// </summary>
internal static partial class LiveRun
{
    public static async Task<int> RunAsync(Arguments args, CancellationToken ct)
    {
        var url = new Uri(args.Required("url"));
        if (!IPAddress.TryParse(url.Host, out var ip) || !IPAddress.IsLoopback(ip))
        {
            await Console.Error.WriteLineAsync("Only loopback targets (http://127.0.0.1:PORT).");
            return 2;
        }
        var streams = args.Int("streams", 200);
        var changes = args.Int("changes", 50);
        // The first changes pay for the app's first compilations of the paths taken (as the run verb's warm-up).
        var warmup = args.Int("warmup-changes", 5);
        var pause = args.Duration("interval", TimeSpan.FromMilliseconds(300));
        var email = args.Text("email", Dataset.AgentEmail);
        var password = args.Text("password", Dataset.Password);

        // One connection per stream (HTTP/1.1, as a browser's EventSource), and a few for the changes.
        using var http = new HttpClient(new SocketsHttpHandler
        {
            CookieContainer = new CookieContainer(),
            AllowAutoRedirect = false,
            MaxConnectionsPerServer = streams + 4,
            PooledConnectionLifetime = Timeout.InfiniteTimeSpan,
        })
        { BaseAddress = url, Timeout = Timeout.InfiniteTimeSpan };
        await LoadRun.Scenario.SignInAsync(http, email, password, ct);
        var queue = await http.GetStringAsync(new Uri("/agent?queue=open", UriKind.Relative), ct);
        var number = AgentTicketLink().Match(queue) is { Success: true } m ? m.Groups[1].Value
            : throw new InvalidOperationException("No ticket in the agent's open queue.");

        using var api = new HttpClient { BaseAddress = url };
        using (var tokenResponse = await api.PostAsJsonAsync(new Uri("/api/v1/auth/token", UriKind.Relative), new { email, password, name = "bench" }, ct))
        {
            tokenResponse.EnsureSuccessStatusCode();
            var issued = await tokenResponse.Content.ReadFromJsonAsync<Dictionary<string, object>>(ct) ?? throw new InvalidOperationException("No token.");
            api.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", issued["token"].ToString());
        }

        // heard[change][stream]: when that stream heard of that change (Stopwatch ticks), 0 until then.
        var heard = new long[changes][];
        for (var i = 0; i < changes; i++) heard[i] = new long[streams];
        var current = -1;
        var connected = new CountdownEvent(streams);
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(ct);
        var readers = Enumerable.Range(0, streams).Select(s => Task.Run(async () =>
        {
            using var response = await http.GetAsync(new Uri("/live", UriKind.Relative), HttpCompletionOption.ResponseHeadersRead, stop.Token);
            response.EnsureSuccessStatusCode();
            using var reader = new StreamReader(await response.Content.ReadAsStreamAsync(stop.Token));
            connected.Signal();
            var name = "";
            while (await reader.ReadLineAsync(stop.Token) is { } line)
            {
                if (line.StartsWith("event: ", StringComparison.Ordinal)) name = line[7..];
                else if (line.StartsWith("data: ", StringComparison.Ordinal) && name == "ticket" && line.Contains($"\"number\":{number},", StringComparison.Ordinal)
                    && Volatile.Read(ref current) is var change and >= 0 && heard[change][s] == 0)
                    heard[change][s] = Stopwatch.GetTimestamp();
            }
        }, stop.Token)).ToList();
        if (!connected.Wait(TimeSpan.FromSeconds(60), ct)) throw new InvalidOperationException("Not every stream opened within a minute.");
        await Console.Out.WriteLineAsync($"live: {streams} streams of {email} open; {changes} changes of ticket #{number} ({warmup} of warm-up), {pause.TotalMilliseconds:F0} ms apart");

        var latencies = new List<double>(streams * changes);
        var missed = 0;
        // Each change must change something (an unchanged priority makes no event): start from the other one.
        var now = await api.GetFromJsonAsync<Dictionary<string, object>>(new Uri($"/api/v1/tickets/{number}", UriKind.Relative), ct);
        var priorities = now?["priority"]?.ToString() == "high" ? new[] { "normal", "high" } : ["high", "normal"];
        for (var i = 0; i < changes; i++)
        {
            Volatile.Write(ref current, i);
            var sent = Stopwatch.GetTimestamp();
            using (var response = await api.PatchAsJsonAsync(new Uri($"/api/v1/tickets/{number}", UriKind.Relative), new { priority = priorities[i % 2] }, ct))
                response.EnsureSuccessStatusCode();
            var deadline = Stopwatch.GetTimestamp() + 10 * Stopwatch.Frequency;
            while (heard[i].Any(t => t == 0) && Stopwatch.GetTimestamp() < deadline) await Task.Delay(5, ct);
            if (heard[i].Any(t => t == 0)) Console.WriteLine($"change {i}: {heard[i].Count(t => t == 0)} streams did not hear of it");
            foreach (var at in i < warmup ? [] : heard[i])
            {
                if (at == 0) missed++;
                else latencies.Add((at - sent) * 1000.0 / Stopwatch.Frequency);
            }
            Volatile.Write(ref current, -1);
            await Task.Delay(pause, ct);
        }
        await stop.CancelAsync();
        try { await Task.WhenAll(readers); } catch (Exception) when (stop.IsCancellationRequested) { }

        latencies.Sort();
        double P(double p) => latencies.Count == 0 ? double.NaN : latencies[Math.Max(0, (int)Math.Ceiling(p / 100 * latencies.Count) - 1)];
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"heard {latencies.Count:N0} of {streams * (changes - warmup):N0} after {warmup} changes of warm-up (missed {missed}); from the change sent to each stream, ms: p50 {P(50):F1}  p95 {P(95):F1}  p99 {P(99):F1}  max {P(100):F1}"));
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"| {streams} | {changes} | {P(50):F1} | {P(95):F1} | {P(99):F1} | {P(100):F1} | {missed} |"));
        return missed == 0 ? 0 : 1;
    }

    [GeneratedRegex("href=\"/agent/tickets/(\\d+)\"")]
    private static partial Regex AgentTicketLink();
}
