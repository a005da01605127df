using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Sockets;

namespace Guichet.Bench;

/// <summary>
/// The app, started as its own process on a free loopback port, as an operator starts it. Start-up
/// runs the migrations, seeds statuses and request types, and rebuilds an empty search index
/// before Kestrel listens: "ready" is the first answer from /healthz.
/// </summary>
internal sealed class AppProcess(Process process, Uri url) : IAsyncDisposable
{
    public Uri Url => url;

    public static string DefaultDll()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
            if (File.Exists(Path.Combine(dir.FullName, "Guichet.slnx")))
                return Path.Combine(dir.FullName, "src", "Guichet.Web", "bin", "Release", "net10.0", "Guichet.Web.dll");
        throw new InvalidOperationException("Guichet.slnx not found above the bench; pass --app PATH/Guichet.Web.dll.");
    }

    public static async Task<AppProcess> StartAsync(string dll, IEnumerable<string> settings, TimeSpan timeout, CancellationToken ct)
    {
        var port = FreePort();
        var url = new Uri($"http://127.0.0.1:{port.ToString(CultureInfo.InvariantCulture)}");
        var start = new ProcessStartInfo("dotnet")
        {
            // The project folder, so that wwwroot and the resources are found as with dotnet run.
            WorkingDirectory = Path.GetFullPath(Path.Combine(Path.GetDirectoryName(dll)!, "..", "..", "..")),
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        start.ArgumentList.Add(dll);
        start.ArgumentList.Add("--urls");
        start.ArgumentList.Add(url.ToString().TrimEnd('/'));
        foreach (var s in settings) start.ArgumentList.Add(s);
        var process = Process.Start(start) ?? throw new InvalidOperationException("dotnet did not start.");
        process.OutputDataReceived += (_, e) => { if (e.Data is not null) Console.WriteLine($"  app| {e.Data}"); };
        process.ErrorDataReceived += (_, e) => { if (e.Data is not null) Console.WriteLine($"  app| {e.Data}"); };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        var app = new AppProcess(process, url);

        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(5) };
        var clock = Stopwatch.StartNew();
        while (clock.Elapsed < timeout)
        {
            if (process.HasExited) throw new InvalidOperationException($"The app exited with code {process.ExitCode}.");
            try
            {
                using var response = await http.GetAsync(new Uri(url, "/healthz"), ct);
                if (response.IsSuccessStatusCode) return app;
            }
            catch (HttpRequestException) { }
            catch (TaskCanceledException) when (!ct.IsCancellationRequested) { }
            await Task.Delay(200, ct);
        }
        await app.DisposeAsync();
        throw new TimeoutException($"The app did not answer /healthz within {timeout}.");
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    public async ValueTask DisposeAsync()
    {
        if (!process.HasExited)
        {
            // SIGTERM first: the host stops cleanly and SQLite checkpoints its WAL.
            using (var term = Process.Start("kill", ["-TERM", process.Id.ToString(CultureInfo.InvariantCulture)]))
                await term.WaitForExitAsync();
            using var patience = new CancellationTokenSource(TimeSpan.FromSeconds(30));
            try { await process.WaitForExitAsync(patience.Token); }
            catch (OperationCanceledException) { process.Kill(entireProcessTree: true); await process.WaitForExitAsync(); }
        }
        process.Dispose();
    }
}
