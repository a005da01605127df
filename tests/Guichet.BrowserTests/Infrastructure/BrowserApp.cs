using System.Net;
using System.Net.Sockets;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.Logging;
using MimeKit;
using Xunit.Abstractions;

namespace Guichet.BrowserTests.Infrastructure;

/// <summary>
/// One Guichet for one browser test, on a real loopback port (a browser cannot reach the
/// in-memory TestServer), with its own data directory and SQLite file. Dispose at the end.
/// </summary>
public sealed class BrowserApp : WebApplicationFactory<Program>
{
    private readonly Dictionary<string, string?> settings;
    private readonly MailPickup mail;
    private readonly ITestOutputHelper? output;
    private bool keepData;

    /// <summary>
    /// A database every migration has been applied to, made by the first app of the run; each app starts on a copy
    /// (tests/Guichet.IntegrationTests' MigratedTemplate does the same for those tests, and says why).
    /// </summary>
    private static readonly Lazy<Task<string>> MigratedDatabase = new(MakeMigratedDatabaseAsync);

    /// <summary>The address the browser uses, e.g. http://127.0.0.1:40123 (no trailing slash).</summary>
    public string BaseUrl { get; }
    public string DataDirectory { get; }

    private BrowserApp(int port, string dataDirectory, ITestOutputHelper? output, IDictionary<string, string?> extra)
    {
        this.output = output;
        BaseUrl = $"http://127.0.0.1:{port}";
        DataDirectory = dataDirectory;
        mail = new MailPickup(Path.Combine(dataDirectory, "mail-out"));
        settings = new Dictionary<string, string?>
        {
            ["Guichet:DataDirectory"] = dataDirectory,
            // Links in mail must point at this very server, so the port is chosen before start.
            ["Guichet:BaseUrl"] = BaseUrl,
            ["Guichet:Database:Provider"] = "sqlite",
            ["Guichet:Accounts:AccountPermitsPerMinute"] = "100000",
            ["Guichet:Accounts:SessionCheckInterval"] = "00:00:00",
            // No AllowedHosts: the default (the base URL's host and loopback) is what a laptop user gets.
        };
        foreach (var (key, value) in extra) settings[key] = value;
        UseKestrel(o => o.Listen(IPAddress.Loopback, port));
    }

    /// <param name="output">The test's output (constructor-injected in the test class): the app's warnings and errors go there.</param>
    /// <param name="settings">Configuration on top of the test defaults, e.g. ["Guichet:Name"] = "Help".</param>
    public static async Task<BrowserApp> StartAsync(ITestOutputHelper? output = null, IDictionary<string, string?>? settings = null)
    {
        // The free port is found by binding port 0 and letting it go, so another process may take
        // it before Kestrel binds: then try again with a new one.
        for (var attempt = 1; ; attempt++)
        {
            var dataDirectory = Directory.CreateTempSubdirectory("guichet-browser-").FullName;
            File.Copy(await MigratedDatabase.Value, Path.Combine(dataDirectory, "guichet.db"));
            var app = new BrowserApp(FreeLoopbackPort(), dataDirectory, output, settings ?? new Dictionary<string, string?>());
            try
            {
                // Builds and starts the host (migrations run now, before the first page is asked for).
                await Task.Run(app.StartServer);
                return app;
            }
            catch (IOException) when (attempt < 3)
            {
                await app.DisposeAsync();
            }
        }
    }

    private static async Task<string> MakeMigratedDatabaseAsync()
    {
        var directory = Directory.CreateTempSubdirectory("guichet-browser-template-").FullName;
        var file = Path.Combine(directory, "guichet.db");
        // Without pooling the last connection closes with the app, which folds the WAL into the file before the copies.
        for (var attempt = 1; ; attempt++)
        {
            var app = new BrowserApp(FreeLoopbackPort(), directory, null, new Dictionary<string, string?>
            {
                ["Guichet:Database:ConnectionString"] = $"Data Source={file};Pooling=False",
            }) { keepData = true };
            try
            {
                await Task.Run(app.StartServer);
                break;
            }
            catch (IOException) when (attempt < 3) { }   // the port was taken meanwhile, as in StartAsync
            finally
            {
                await app.DisposeAsync();
            }
        }
        AppDomain.CurrentDomain.ProcessExit += (_, _) =>
        {
            try { Directory.Delete(directory, recursive: true); }
            catch (IOException) { }
        };
        return file;
    }

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment("Testing");
        foreach (var (key, value) in settings.Where(s => s.Value is not null))
            builder.UseSetting(key, value);
        if (output is not null)
            builder.ConfigureLogging(logging => logging.AddProvider(new TestOutputLoggerProvider(output)));
    }

    /// <summary>
    /// Waits for the next mail to <paramref name="toAddress"/> (and whose subject contains
    /// <paramref name="subjectContains"/>, if given) that this app writes to its mail-out folder.
    /// A mail is returned once: asking again waits for another one.
    /// </summary>
    public Task<MimeMessage> WaitForMailAsync(string toAddress, string? subjectContains = null, TimeSpan? timeout = null) =>
        mail.WaitForAsync(toAddress, subjectContains, timeout ?? TimeSpan.FromSeconds(30));

    // Dispose() ends up here too.
    public override async ValueTask DisposeAsync()
    {
        await base.DisposeAsync();
        if (keepData) return;
        try { Directory.Delete(DataDirectory, recursive: true); }
        catch (IOException) { }   // a file still held open; the temp folder is cleaned by the OS
    }

    private static int FreeLoopbackPort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
