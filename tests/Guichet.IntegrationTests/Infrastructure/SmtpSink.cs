using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Text;
using MimeKit;

namespace Guichet.IntegrationTests.Infrastructure;

/// <summary>How <see cref="SmtpSink"/> answers RCPT TO.</summary>
public enum SmtpSinkMode
{
    Accept,

    /// <summary>"450 4.3.0": try again later.</summary>
    DeferRecipients,

    /// <summary>"550 5.1.1": never.</summary>
    RejectRecipients,
}

/// <summary>
/// A real SMTP server for one test: postfix's smtp-sink on a free loopback port, keeping each
/// message in a folder of its own.
/// <code>
/// await using var smtp = await SmtpSink.StartAsync();
/// await using var app = await GuichetApp.StartAsync(db, smtp.Settings);
/// var mails = await smtp.WaitForMessagesAsync(to: "ana@example.com");
/// </code>
/// It can be stopped and started again on the same port, possibly refusing mail.
/// </summary>
public sealed class SmtpSink : IAsyncDisposable
{
    private const string Program = "/usr/sbin/smtp-sink";
    private static readonly TimeSpan StartTimeout = TimeSpan.FromSeconds(15);

    private readonly string dumpDirectory;
    private Process? process;

    private SmtpSink(int port, string dumpDirectory)
    {
        Port = port;
        this.dumpDirectory = dumpDirectory;
    }

    public string Host => "127.0.0.1";
    public int Port { get; }

    /// <summary>Configuration for <see cref="GuichetApp.StartAsync"/>: send here, without TLS (smtp-sink has none).</summary>
    public Dictionary<string, string?> Settings => new()
    {
        ["Guichet:Smtp:Host"] = Host,
        ["Guichet:Smtp:Port"] = Port.ToString(),
        ["Guichet:Smtp:Security"] = "None",
    };

    public static async Task<SmtpSink> StartAsync(SmtpSinkMode mode = SmtpSinkMode.Accept)
    {
        if (OperatingSystem.IsWindows() || !File.Exists(Program))
            throw new InvalidOperationException($"{Program} is missing: run the tests with ./test.sh, which installs postfix.");
        var dump = Directory.CreateTempSubdirectory("guichet-smtp-").FullName;
        // smtp-sink drops to "nobody" before writing: the folder must be writable by it.
        File.SetUnixFileMode(dump, (UnixFileMode)0b111_111_111);
        var sink = new SmtpSink(FreePort(), dump);
        await sink.RestartAsync(mode);
        return sink;
    }

    /// <summary>Starts again on the same port after <see cref="StopAsync"/>, keeping the messages received so far.</summary>
    public async Task RestartAsync(SmtpSinkMode mode = SmtpSinkMode.Accept)
    {
        await StopAsync();
        var start = new ProcessStartInfo(Program) { RedirectStandardError = true };
        if (Environment.UserName == "root")
        {
            // As root smtp-sink insists on switching user; it then writes inside its new root.
            foreach (var a in new[] { "-u", "nobody", "-R", dumpDirectory, "-d", "%Y%m%d/%H%M%S." }) start.ArgumentList.Add(a);
        }
        else
        {
            foreach (var a in new[] { "-d", Path.Combine(dumpDirectory, "%Y%m%d/%H%M%S.") }) start.ArgumentList.Add(a);
        }
        foreach (var a in new[] { "-h", "smtp.test" }) start.ArgumentList.Add(a);
        switch (mode)
        {
            case SmtpSinkMode.DeferRecipients:
                foreach (var a in new[] { "-r", "RCPT", "-b", "450 4.3.0 Mailbox busy, try again later" }) start.ArgumentList.Add(a);
                break;
            case SmtpSinkMode.RejectRecipients:
                foreach (var a in new[] { "-f", "RCPT", "-B", "550 5.1.1 No such user here" }) start.ArgumentList.Add(a);
                break;
        }
        start.ArgumentList.Add($"{Host}:{Port}");
        start.ArgumentList.Add("10");

        var errors = new StringBuilder();
        process = new Process { StartInfo = start };
        // Read as it comes, so a chatty smtp-sink never blocks on a full pipe.
        process.ErrorDataReceived += (_, e) => { lock (errors) errors.AppendLine(e.Data); };
        process.Start();
        process.BeginErrorReadLine();
        var deadline = Stopwatch.StartNew();
        while (!await AcceptsConnectionsAsync())
        {
            if (process.HasExited)
                throw new InvalidOperationException($"smtp-sink exited ({process.ExitCode}): {Read(errors)}");
            if (deadline.Elapsed > StartTimeout)
                throw new TimeoutException($"smtp-sink did not listen on {Host}:{Port} within {StartTimeout}.");
            await Task.Delay(20);
        }
    }

    /// <summary>The server goes away: connections are refused until <see cref="RestartAsync"/>.</summary>
    public async Task StopAsync()
    {
        if (process is null) return;
        if (!process.HasExited) process.Kill();
        await process.WaitForExitAsync();
        process.Dispose();
        process = null;
    }

    /// <summary>Every message received so far, oldest first, optionally only those for one envelope recipient.</summary>
    public IReadOnlyList<MimeMessage> Messages(string? to = null)
    {
        var messages = new List<(string Path, MimeMessage Message)>();
        foreach (var path in Directory.EnumerateFiles(dumpDirectory, "*", SearchOption.AllDirectories))
        {
            // smtp-sink puts its own headers first (X-Client-Addr, X-Rcpt-Args, Received...): a MIME parser takes them as headers.
            MimeMessage message;
            try { message = MimeMessage.Load(path); }
            catch (FormatException) { continue; }   // still being written (smtp-sink writes as DATA streams in)
            if (to is null || message.Headers.Where(h => h.Field == "X-Rcpt-Args")
                    .Any(h => h.Value.Contains($"<{to}>", StringComparison.OrdinalIgnoreCase)))
                messages.Add((path, message));
        }
        return [.. messages.OrderBy(m => File.GetLastWriteTimeUtc(m.Path)).ThenBy(m => m.Path, StringComparer.Ordinal).Select(m => m.Message)];
    }

    /// <summary>Waits until at least <paramref name="count"/> messages (for <paramref name="to"/>, if given) have arrived.</summary>
    public async Task<IReadOnlyList<MimeMessage>> WaitForMessagesAsync(string? to = null, int count = 1, TimeSpan? timeout = null)
    {
        var deadline = Stopwatch.StartNew();
        var limit = timeout ?? TimeSpan.FromSeconds(30);
        while (true)
        {
            var size = DumpSize();
            var messages = Messages(to);
            // Enough messages, and no file grew meanwhile: none of them is cut short.
            if (messages.Count >= count && size == DumpSize()) return messages;
            if (deadline.Elapsed > limit)
                throw new TimeoutException($"{messages.Count} of {count} messages{(to is null ? "" : $" for {to}")} arrived within {limit}.");
            await Task.Delay(50);
        }
    }

    private long DumpSize() => Directory.EnumerateFiles(dumpDirectory, "*", SearchOption.AllDirectories).Sum(f => new FileInfo(f).Length);

    public async ValueTask DisposeAsync()
    {
        await StopAsync();
        try { Directory.Delete(dumpDirectory, recursive: true); }
        catch (IOException) { }   // left for the OS to clean up with the rest of the temp folder
    }

    private async Task<bool> AcceptsConnectionsAsync()
    {
        using var client = new TcpClient();
        try
        {
            await client.ConnectAsync(IPAddress.Loopback, Port);
            return true;
        }
        catch (SocketException)
        {
            return false;
        }
    }

    private static string Read(StringBuilder errors)
    {
        lock (errors) return errors.ToString();
    }

    private static int FreePort()
    {
        var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();
        return port;
    }
}
