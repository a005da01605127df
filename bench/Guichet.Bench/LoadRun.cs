using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Text.RegularExpressions;

namespace Guichet.Bench;

/// <summary>
/// The run verb: N loops on one HttpClient (N pooled connections) for a duration after a warm-up,
/// each request timed with the Stopwatch; latencies are kept in full and sorted for percentiles.
/// Only loopback targets: this is a bench for one machine, not a load tool for other people's servers.
/// </summary>
internal static partial class LoadRun
{
    public static async Task<int> RunAsync(Arguments args, CancellationToken ct)
    {
        var url = new Uri(args.Required("url"));
        if (!IPAddress.TryParse(url.Host, out var ip) || !IPAddress.IsLoopback(ip))
        {
            await Console.Error.WriteLineAsync("Only loopback targets (http://127.0.0.1:PORT).");
            return 2;
        }
        var scenarioName = args.Required("scenario");
        // "bare": bench/Guichet.Bare on the same data set, the same scenarios without Guichet's sign-in.
        var target = args.Text("target", "guichet");
        if (target is not ("guichet" or "bare"))
        {
            await Console.Error.WriteLineAsync("--target must be guichet or bare.");
            return 2;
        }
        var concurrency = args.Int("concurrency", 16);
        var duration = args.Duration("duration", TimeSpan.FromSeconds(30));
        var warmup = args.Duration("warmup", TimeSpan.FromSeconds(5));

        using var http = new HttpClient(new SocketsHttpHandler
        {
            CookieContainer = new CookieContainer(),
            AllowAutoRedirect = false,
            MaxConnectionsPerServer = concurrency,
            PooledConnectionLifetime = Timeout.InfiniteTimeSpan,
        })
        { BaseAddress = url, Timeout = TimeSpan.FromSeconds(60) };

        var scenario = await Scenario.PrepareAsync(scenarioName, target == "bare", http, args, ct);
        await Console.Out.WriteLineAsync($"{scenarioName} ({target}): {scenario.Description}; {concurrency} loops, warm-up {warmup.TotalSeconds:F0} s, measured {duration.TotalSeconds:F0} s");

        await LoopAsync(scenario, concurrency, warmup, ct);
        var server = args.Text("server-pid") is { } pid ? int.Parse(pid, CultureInfo.InvariantCulture) : (int?)null;
        var serverBefore = server is { } s1 ? CpuTime(s1) : TimeSpan.Zero;
        var clientBefore = Process.GetCurrentProcess().TotalProcessorTime;
        var result = await LoopAsync(scenario, concurrency, duration, ct);
        result.Print(scenarioName, concurrency);
        double? serverMs = null;
        // On a shared, loaded machine wall-clock latency says as much about the neighbours as about
        // the app; the app's CPU time per request does not.
        var client = Process.GetCurrentProcess().TotalProcessorTime - clientBefore;
        var perRequest = result.Sorted.Length == 0 ? 0 : 1.0 / result.Sorted.Length;
        if (server is { } s2)
        {
            var used = CpuTime(s2) - serverBefore;
            serverMs = used.TotalMilliseconds * perRequest;
            Console.WriteLine(FormattableString.Invariant(
                $"app CPU {used.TotalSeconds:F1} s ({used.TotalMilliseconds * perRequest:F2} ms a request, {used / result.Elapsed:P0} of one core); bench CPU {client.TotalMilliseconds * perRequest:F2} ms a request"));
        }
        // One line for scripts (bench/run-baseline.sh): key=value, invariant numbers, "-" when not measured.
        Console.WriteLine(result.Summary(target, scenarioName, serverMs));
        return 0;
    }

    /// <summary>User + system CPU of a process, from /proc (Linux), in clock ticks of 1/100 s.</summary>
    internal static TimeSpan CpuTime(int pid)
    {
        var stat = File.ReadAllText($"/proc/{pid.ToString(CultureInfo.InvariantCulture)}/stat");
        var fields = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
        var ticks = long.Parse(fields[11], CultureInfo.InvariantCulture) + long.Parse(fields[12], CultureInfo.InvariantCulture);
        return TimeSpan.FromMilliseconds(ticks * 10);
    }

    private static async Task<Result> LoopAsync(Scenario scenario, int concurrency, TimeSpan duration, CancellationToken ct)
    {
        var clock = Stopwatch.StartNew();
        var end = duration.Ticks * Stopwatch.Frequency / TimeSpan.TicksPerSecond;
        var loops = Enumerable.Range(0, concurrency).Select(worker => Task.Run(async () =>
        {
            var latencies = new List<long>(100_000);
            var errors = 0;
            var sample = (string?)null;
            for (var i = 0; clock.ElapsedTicks < end && !ct.IsCancellationRequested; i++)
            {
                var started = Stopwatch.GetTimestamp();
                string? error;
                try { error = await scenario.SendAsync(worker, i, ct); }
                catch (HttpRequestException e) { error = e.Message; }
                catch (TaskCanceledException e) when (!ct.IsCancellationRequested) { error = e.Message; }
                latencies.Add(Stopwatch.GetTimestamp() - started);
                if (error is not null) { errors++; sample ??= error; }
            }
            return (latencies, errors, sample);
        }, ct)).ToList();
        var done = await Task.WhenAll(loops);
        var elapsed = clock.Elapsed;
        var all = done.SelectMany(d => d.latencies).ToArray();
        Array.Sort(all);
        return new Result(all, done.Sum(d => d.errors), done.Select(d => d.sample).FirstOrDefault(s => s is not null), elapsed);
    }

    private sealed record Result(long[] Sorted, int Errors, string? SampleError, TimeSpan Elapsed)
    {
        private double Ms(double percentile)
        {
            if (Sorted.Length == 0) return double.NaN;
            var index = (int)Math.Min(Sorted.Length - 1, Math.Ceiling(percentile / 100 * Sorted.Length) - 1);
            return Sorted[Math.Max(0, index)] * 1000.0 / Stopwatch.Frequency;
        }

        public void Print(string scenario, int concurrency)
        {
            var throughput = Sorted.Length / Elapsed.TotalSeconds;
            Console.WriteLine(FormattableString.Invariant(
                $"requests {Sorted.Length:N0} in {Elapsed.TotalSeconds:F1} s, errors {Errors}{(SampleError is null ? "" : $" (first: {SampleError})")}"));
            Console.WriteLine(FormattableString.Invariant(
                $"throughput {throughput:F0} req/s; latency ms p50 {Ms(50):F1}  p95 {Ms(95):F1}  p99 {Ms(99):F1}  max {Ms(100):F1}"));
            Console.WriteLine(FormattableString.Invariant(
                $"| {scenario} | {concurrency} | {throughput:F0} | {Ms(50):F1} | {Ms(95):F1} | {Ms(99):F1} | {Ms(100):F1} | {Errors} |"));
        }

        public string Summary(string target, string scenario, double? serverMs) => FormattableString.Invariant(
            $"summary target={target} scenario={scenario} requests={Sorted.Length} rps={Sorted.Length / Elapsed.TotalSeconds:F1} p50={Ms(50):F2} p95={Ms(95):F2} p99={Ms(99):F2} errors={Errors} cpu_ms={(serverMs is { } ms ? ms.ToString("F3", CultureInfo.InvariantCulture) : "-")}");
    }

    /// <summary>What one scenario sends; prepared once (sign-in, tokens), then sent by every loop.</summary>
    internal sealed partial class Scenario(string description, Func<int, int, CancellationToken, Task<string?>> send)
    {
        public string Description => description;

        public Task<string?> SendAsync(int worker, int i, CancellationToken ct) => send(worker, i, ct);

        /// <summary>
        /// <paramref name="bare"/>: the same requests to bench/Guichet.Bare, which has no sign-in (the caller names
        /// themselves in a header), no antiforgery and no request form to read; same users, same paths, same checks.
        /// </summary>
        public static async Task<Scenario> PrepareAsync(string name, bool bare, HttpClient http, Arguments args, CancellationToken ct)
        {
            var word = args.Text("word", Dataset.Word);
            var manager = args.Text("email", Dataset.CustomerEmail(0));
            var password = args.Text("password", Dataset.Password);
            // A customer of another organization than the big one, so the big org's list stays as generated.
            var creator = args.Text("creator", Dataset.CustomerEmail(1));
            // Guichet: a cookie from its sign-in form; the bare app: the caller's address in a header.
            Task ActAsAsync(HttpClient client, string email, string secret, CancellationToken token)
            {
                if (!bare) return SignInAsync(client, email, secret, token);
                client.DefaultRequestHeaders.Remove(BareCallerHeader);
                client.DefaultRequestHeaders.Add(BareCallerHeader, email);
                return Task.CompletedTask;
            }

            switch (name)
            {
                case "healthz":
                    return new("GET /healthz, anonymous", (_, _, c) => GetAsync(http, "/healthz", c));
                case "list":
                    await ActAsAsync(http, manager, password, ct);
                    return new($"GET /requests?scope=organization as {manager} (first page)", (_, _, c) => GetAsync(http, "/requests?scope=organization", c));
                case "search":
                    await ActAsAsync(http, manager, password, ct);
                    var search = $"/requests?scope=organization&q={Uri.EscapeDataString(word)}";
                    return new($"GET {search} as {manager}", (_, _, c) => GetAsync(http, search, c));
                case "page":
                    // Any page as the manager: the framework's floor (e.g. --path /account/profile); with --anonymous,
                    // without signing in (e.g. --path /, the home page; the account pages are rate limited). The bare app's is /page.
                    var path = args.Text("path", bare ? "/page" : "/");
                    var anonymous = bare || args.Flag("anonymous");
                    if (!anonymous) await ActAsAsync(http, manager, password, ct);
                    return new($"GET {path} {(anonymous ? "anonymous" : $"as {manager}")}", (_, _, c) => GetAsync(http, path, c));
                case "search-all" or "api-create" or "queue" when bare:
                    throw new ArgumentException($"The bare app has no {name} scenario: healthz, page, list, search, view, create.");
                case "queue":
                    // The agent's workspace (data shaped by bench/queues.sql): a queue's first page with every queue's count.
                    await ActAsAsync(http, args.Text("email", Dataset.AgentEmail), password, ct);
                    var queue = $"/agent?queue={Uri.EscapeDataString(args.Text("queue", "open"))}";
                    return new($"GET {queue} as {args.Text("email", Dataset.AgentEmail)}", (_, _, c) => GetAsync(http, queue, c));
                case "search-all":
                    await ActAsAsync(http, manager, password, ct);
                    var all = $"/requests?scope=all&q={Uri.EscapeDataString(word)}";
                    return new($"GET {all} as {manager}", (_, _, c) => GetAsync(http, all, c));
                case "view":
                    await ActAsAsync(http, manager, password, ct);
                    var page = await http.GetStringAsync(new Uri("/requests?scope=organization", UriKind.Relative), ct);
                    var numbers = TicketLink().Matches(page).Select(m => m.Groups[1].Value).Distinct().ToArray();
                    if (numbers.Length == 0) throw new InvalidOperationException("No request on the organization's first page.");
                    return new($"GET /requests/N as {manager}, N cycling over the {numbers.Length} requests of the first page",
                        (w, i, c) => GetAsync(http, "/requests/" + numbers[(w + i) % numbers.Length], c));
                case "create":
                    await ActAsAsync(http, creator, password, ct);
                    string token, type;
                    if (bare)
                    {
                        // The type Guichet's form selects for this user on a generated data set (its first).
                        (token, type) = ("", args.Int("type", 1).ToString(CultureInfo.InvariantCulture));
                    }
                    else
                    {
                        var form = await http.GetStringAsync(new Uri("/requests/new", UriKind.Relative), ct);
                        token = Antiforgery(form);
                        type = SelectedType().Match(form) is { Success: true } t ? t.Groups[1].Value
                            : throw new InvalidOperationException("No request type on the form.");
                    }
                    return new($"POST /requests/new (the portal form{(bare ? "" : ", antiforgery token reused")}) as {creator}", async (w, i, c) =>
                    {
                        using var content = new FormUrlEncodedContent(new Dictionary<string, string>
                        {
                            ["Input.RequestTypeId"] = type,
                            // Not the searched word: every run would lengthen its posting list (the 1M data set had grown to 1.4M
                            // tickets, 32 % of them with the word instead of 5 %, and the search scenario cost with them).
                            ["Input.Subject"] = $"Bench request {w}-{i} printer",
                            ["Input.Description"] = $"Created by the bench, loop {w}, request {i}. Le serveur ne répond plus depuis ce matin.",
                            ["Input.Priority"] = "Normal",
                            ["__RequestVerificationToken"] = token,
                        });
                        using var response = await http.PostAsync(new Uri("/requests/new", UriKind.Relative), content, c);
                        var location = response.Headers.Location?.ToString() ?? "";
                        return response.StatusCode == HttpStatusCode.Redirect && location.StartsWith("/requests/", StringComparison.Ordinal)
                            ? null : $"{(int)response.StatusCode} {location}";
                    });
                case "api-create":
                    using (var tokenResponse = await http.PostAsJsonAsync(new Uri("/api/v1/auth/token", UriKind.Relative), new { email = creator, password }, ct))
                    {
                        tokenResponse.EnsureSuccessStatusCode();
                        var issued = await tokenResponse.Content.ReadFromJsonAsync<Dictionary<string, object>>(ct)
                            ?? throw new InvalidOperationException("No token.");
                        http.DefaultRequestHeaders.Authorization = new("Bearer", issued["token"].ToString());
                    }
                    var typeId = args.Int("type", 1);
                    return new($"POST /api/v1/tickets (JSON, bearer token) as {creator}", async (w, i, c) =>
                    {
                        using var response = await http.PostAsJsonAsync(new Uri("/api/v1/tickets", UriKind.Relative), new
                        {
                            typeId,
                            subject = $"Bench request {w}-{i} printer",
                            description = $"Created by the bench, loop {w}, request {i}. Le serveur ne répond plus depuis ce matin.",
                        }, c);
                        return response.StatusCode == HttpStatusCode.Created ? null : $"{(int)response.StatusCode}";
                    });
                default:
                    throw new ArgumentException($"Unknown scenario {name}: healthz, list, search, search-all, view, page, create, api-create, queue.");
            }
        }

        private const string BareCallerHeader = "X-User";

        private static async Task<string?> GetAsync(HttpClient http, string path, CancellationToken ct)
        {
            using var response = await http.GetAsync(new Uri(path, UriKind.Relative), HttpCompletionOption.ResponseContentRead, ct);
            return response.StatusCode == HttpStatusCode.OK ? null : $"{(int)response.StatusCode} {response.Headers.Location}";
        }

        internal static async Task SignInAsync(HttpClient http, string email, string password, CancellationToken ct)
        {
            var form = await http.GetStringAsync(new Uri("/account/signin", UriKind.Relative), ct);
            using var content = new FormUrlEncodedContent(new Dictionary<string, string>
            {
                ["Input.Email"] = email,
                ["Input.Password"] = password,
                ["__RequestVerificationToken"] = Antiforgery(form),
            });
            using var response = await http.PostAsync(new Uri("/account/signin", UriKind.Relative), content, ct);
            if (response.StatusCode != HttpStatusCode.Redirect)
                throw new InvalidOperationException($"Sign-in as {email} failed: {(int)response.StatusCode}.");
        }

        private static string Antiforgery(string html) =>
            AntiforgeryField().Match(html) is { Success: true } m ? WebUtility.HtmlDecode(m.Groups[1].Value)
                : throw new InvalidOperationException("No antiforgery token in the form.");

        [GeneratedRegex("name=\"__RequestVerificationToken\" type=\"hidden\" value=\"([^\"]+)\"")]
        private static partial Regex AntiforgeryField();

        [GeneratedRegex("href=\"/requests/(\\d+)\"")]
        private static partial Regex TicketLink();

        [GeneratedRegex("name=\"Input.RequestTypeId\"[^>]*value=\"(\\d+)\"")]
        private static partial Regex SelectedType();
    }
}
