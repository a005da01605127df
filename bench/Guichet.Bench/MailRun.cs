using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;

namespace Guichet.Bench;

/// <summary>
/// <c>mail</c>: posts generated mail to a running Guichet's raw-MIME endpoint (<c>POST /mail/inbound</c>), as a mail
/// server would, and reports how many messages a second it stores and processes. A mix of new requests and replies
/// (each reply from the requester, In-Reply-To their own first mail, its history quoted below), some with a file.
/// </summary>
internal static class MailRun
{
    public static async Task<int> RunAsync(Arguments args, CancellationToken ct)
    {
        var url = new Uri(args.Required("url"));
        if (!IPAddress.TryParse(url.Host, out var ip) || !IPAddress.IsLoopback(ip))
        {
            await Console.Error.WriteLineAsync("Only loopback targets (http://127.0.0.1:PORT).");
            return 2;
        }
        var token = args.Required("token");
        var count = args.Int("messages", 10_000);
        var concurrency = args.Int("concurrency", 4);
        var replyShare = args.Int("reply-percent", 40) / 100.0;
        var fileShare = args.Int("file-percent", 30) / 100.0;
        var random = new Random(args.Int("seed", 1));
        var runId = Guid.NewGuid().ToString("N")[..8];

        var messages = Generate(count, replyShare, fileShare, random, runId);
        var bytes = messages.Sum(m => (long)m.Length);
        await Console.Out.WriteLineAsync($"mail: {count:N0} messages ({bytes / 1024 / 1024:N0} MiB, {replyShare:P0} replies, {fileShare:P0} of new requests with a 40 KB file), {concurrency} senders");

        using var http = new HttpClient(new SocketsHttpHandler { MaxConnectionsPerServer = concurrency, PooledConnectionLifetime = Timeout.InfiniteTimeSpan })
        { BaseAddress = url, Timeout = TimeSpan.FromSeconds(120) };
        http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);

        var server = args.Text("server-pid") is { } pid ? int.Parse(pid, CultureInfo.InvariantCulture) : (int?)null;
        var serverBefore = server is { } s1 ? LoadRun.CpuTime(s1) : TimeSpan.Zero;
        var latencies = new double[count];
        var outcomes = new Dictionary<string, int>();
        var next = -1;
        var clock = Stopwatch.StartNew();
        var senders = Enumerable.Range(0, concurrency).Select(_ => Task.Run(async () =>
        {
            int i;
            while ((i = Interlocked.Increment(ref next)) < count)
            {
                var started = Stopwatch.GetTimestamp();
                using var content = new ByteArrayContent(messages[i]);
                content.Headers.ContentType = new MediaTypeHeaderValue("message/rfc822");
                using var response = await http.PostAsync("/mail/inbound", content, ct);
                var body = await response.Content.ReadAsStringAsync(ct);
                latencies[i] = Stopwatch.GetElapsedTime(started).TotalMilliseconds;
                var outcome = !response.IsSuccessStatusCode ? $"HTTP {(int)response.StatusCode}" : Outcome(body);
                lock (outcomes) outcomes[outcome] = outcomes.GetValueOrDefault(outcome) + 1;
            }
        }, ct)).ToList();
        await Task.WhenAll(senders);
        var elapsed = clock.Elapsed;

        Array.Sort(latencies);
        await Console.Out.WriteLineAsync($"{count:N0} messages in {elapsed.TotalSeconds:F1} s: {count / elapsed.TotalSeconds:F0} messages/s; " +
            $"latency p50 {latencies[count / 2]:F1} ms, p99 {latencies[(int)(count * 0.99)]:F1} ms, max {latencies[^1]:F0} ms");
        await Console.Out.WriteLineAsync("outcomes: " + string.Join(", ", outcomes.OrderByDescending(o => o.Value).Select(o => $"{o.Key} {o.Value:N0}")));
        if (server is { } s2)
            await Console.Out.WriteLineAsync($"server CPU {(LoadRun.CpuTime(s2) - serverBefore).TotalMilliseconds / count:F2} ms a message");
        return outcomes.Keys.Any(k => k.StartsWith("HTTP", StringComparison.Ordinal) || k == "Quarantined") ? 1 : 0;
    }

    private static string Outcome(string json)
    {
        using var document = JsonDocument.Parse(json);
        var root = document.RootElement;
        if (root.GetProperty("duplicate").GetBoolean()) return "duplicate";
        return root.GetProperty("outcome").GetString() ?? root.GetProperty("state").GetString() ?? "?";
    }

    private sealed record Opened(string From, string MessageId, string Subject, string Text);

    /// <summary>
    /// The messages in posting order. A reply answers a request opened at least 200 messages earlier, so that with a few
    /// senders at once its request is there when it arrives (else it would open one itself, and be counted so).
    /// </summary>
    private static List<byte[]> Generate(int count, double replyShare, double fileShare, Random random, string runId)
    {
        string[] words = ["imprimante", "printer", "facture", "invoice", "réseau", "network", "licence", "écran", "password", "mot de passe",
            "VPN", "serveur", "server", "connexion", "erreur", "error", "mise à jour", "update", "backup", "sauvegarde", "compte", "account"];
        var file = new byte[40 * 1024];
        random.NextBytes(file);
        Encoding.ASCII.GetBytes("%PDF-1.4\n").CopyTo(file, 0);
        var fileBase64 = Convert.ToBase64String(file, Base64FormattingOptions.InsertLineBreaks);
        var opened = new List<Opened>();
        var result = new List<byte[]>(count);
        var date = new DateTimeOffset(2026, 12, 7, 8, 0, 0, TimeSpan.Zero);
        for (var i = 0; i < count; i++)
        {
            date = date.AddSeconds(3);
            var messageId = $"{runId}.{i}@client{i % 50}.example";
            var text = string.Join(' ', Enumerable.Range(0, 60 + random.Next(120)).Select(_ => words[random.Next(words.Length)])) + ".";
            var reply = opened.Count > 300 && random.NextDouble() < replyShare ? opened[random.Next(opened.Count - 200)] : null;
            var raw = new StringBuilder();
            var from = reply?.From ?? $"person{random.Next(4000)}@company{random.Next(300)}.example";
            raw.Append("From: ").Append(from).Append("\r\nTo: support@guichet.bench\r\n")
                .Append("Date: ").Append(date.ToString("ddd, dd MMM yyyy HH:mm:ss +0000", CultureInfo.InvariantCulture)).Append("\r\n")
                .Append("Message-ID: <").Append(messageId).Append(">\r\nMIME-Version: 1.0\r\n");
            if (reply is not null)
            {
                raw.Append("Subject: Re: ").Append(reply.Subject).Append("\r\nIn-Reply-To: <").Append(reply.MessageId).Append(">\r\nReferences: <")
                    .Append(reply.MessageId).Append(">\r\nContent-Type: text/plain; charset=utf-8\r\nContent-Transfer-Encoding: 8bit\r\n\r\n")
                    .Append(text).Append("\r\n\r\nOn Mon, Dec 7, 2026 at 9:00 AM ").Append(reply.From).Append(" wrote:\r\n> ").Append(reply.Text).Append("\r\n");
            }
            else
            {
                var subject = $"{words[random.Next(words.Length)]} {words[random.Next(words.Length)]} #{i}";
                raw.Append("Subject: ").Append(subject).Append("\r\n");
                if (random.NextDouble() < fileShare)
                    raw.Append("Content-Type: multipart/mixed; boundary=\"b\"\r\n\r\n--b\r\nContent-Type: text/plain; charset=utf-8\r\nContent-Transfer-Encoding: 8bit\r\n\r\n")
                        .Append(text).Append("\r\n--b\r\nContent-Type: application/pdf; name=\"report.pdf\"\r\nContent-Disposition: attachment; filename=\"report.pdf\"\r\n")
                        .Append("Content-Transfer-Encoding: base64\r\n\r\n").Append(fileBase64).Append("\r\n--b--\r\n");
                else
                    raw.Append("Content-Type: text/plain; charset=utf-8\r\nContent-Transfer-Encoding: 8bit\r\n\r\n").Append(text).Append("\r\n");
                opened.Add(new Opened(from, messageId, subject, text));
            }
            result.Add(Encoding.UTF8.GetBytes(raw.ToString()));
        }
        return result;
    }
}
