using System.Net;
using Guichet.Web.Data;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Time.Testing;

namespace Guichet.IntegrationTests.Infrastructure;

/// <summary>
/// One Guichet for one test: its own data directory (SQLite file, mail pickup folder) or its
/// own PostgreSQL database, its own clock. Start with <see cref="StartAsync"/>, dispose at the end.
/// </summary>
public sealed class GuichetApp : WebApplicationFactory<Program>
{
    public const string BaseUrl = "http://guichet.test";

    private readonly Dictionary<string, string?> settings;
    private readonly string? connectionString;
    // A second node shares the first one's database and data directory; the first one removes them.
    private bool ownsData = true;
    private bool onKestrel;

    public Db Db { get; }
    public string DataDirectory { get; }

    /// <summary>The configuration this app was started with, for a command run against the same installation.</summary>
    public IReadOnlyDictionary<string, string?> Settings => settings;
    public FakeTimeProvider Time { get; } = new(new DateTimeOffset(2026, 11, 2, 9, 0, 0, TimeSpan.Zero));

    private GuichetApp(Db db, string dataDirectory, string? connectionString, IDictionary<string, string?> extra)
    {
        Db = db;
        DataDirectory = dataDirectory;
        this.connectionString = connectionString;
        settings = new Dictionary<string, string?>
        {
            ["Guichet:DataDirectory"] = dataDirectory,
            ["Guichet:BaseUrl"] = BaseUrl,
            ["Guichet:Database:Provider"] = db == Db.Postgres ? "postgres" : "sqlite",
            ["Guichet:Database:ConnectionString"] = connectionString,
            ["Guichet:Accounts:AccountPermitsPerMinute"] = "100000",
            ["Guichet:Accounts:SessionCheckInterval"] = "00:00:00",
            ["AllowedHosts"] = "*",
        };
        foreach (var (key, value) in extra) settings[key] = value;
    }

    /// <param name="onKestrel">
    /// Serve on a real loopback port instead of the in-memory TestServer, for what only a real server
    /// does: its request body limit (Kestrel:Limits:MaxRequestBodySize), reading a body as it arrives.
    /// </param>
    public static async Task<GuichetApp> StartAsync(Db db, IDictionary<string, string?>? settings = null, bool onKestrel = false)
    {
        var dataDirectory = Directory.CreateTempSubdirectory("guichet-test-").FullName;
        var template = await MigratedTemplate.OfAsync(db);
        string? connectionString = null;
        if (db == Db.Postgres) connectionString = await TestPostgres.CreateDatabaseAsync(template);
        else File.Copy(template, Path.Combine(dataDirectory, "guichet.db"));
        var app = new GuichetApp(db, dataDirectory, connectionString, settings ?? new Dictionary<string, string?>());
        if (onKestrel)
        {
            app.onKestrel = true;
            app.UseKestrel(o => o.Listen(IPAddress.Loopback, 0));
            await Task.Run(app.StartServer);
        }
        else _ = app.Server;   // builds the host: migrations run now, not in the middle of the test
        return app;
    }

    /// <summary>Starts an app on this database only for the migrations it applies at start-up, and stops it.</summary>
    internal static async Task MigrateOnlyAsync(Db db, string dataDirectory, string connectionString)
    {
        var app = new GuichetApp(db, dataDirectory, connectionString, new Dictionary<string, string?>()) { ownsData = false };
        _ = app.Server;
        await app.DisposeAsync();
    }

    /// <summary>Another node of the same installation: the same database and data directory, its own memory and clock.</summary>
    public static GuichetApp StartNode(GuichetApp first)
    {
        var app = new GuichetApp(first.Db, first.DataDirectory, first.connectionString, first.settings) { ownsData = false };
        _ = app.Server;
        return app;
    }

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment("Testing");
        foreach (var (key, value) in settings.Where(s => s.Value is not null))
            builder.UseSetting(key, value);
        builder.ConfigureTestServices(services =>
        {
            services.RemoveAll<TimeProvider>();
            services.AddSingleton<TimeProvider>(Time);
        });
    }

    /// <summary>A fresh browser-like client: cookies kept, redirects not followed (tests look at them).</summary>
    public HttpClient NewClient() => onKestrel
        // The real address the factory found once the server listened; a socket handler would follow redirects itself.
        ? new HttpClient(new SocketsHttpHandler { AllowAutoRedirect = false, UseCookies = true, CookieContainer = new() }) { BaseAddress = ClientOptions.BaseAddress }
        : CreateClient(new WebApplicationFactoryClientOptions
        {
            BaseAddress = new Uri(BaseUrl),
            AllowAutoRedirect = false,
            HandleCookies = true,
        });

    /// <summary>Runs code with a scoped service, e.g. the DbContext, to arrange or check data.</summary>
    public async Task<T> WithScopeAsync<T>(Func<IServiceProvider, Task<T>> action)
    {
        await using var scope = Services.CreateAsyncScope();
        return await action(scope.ServiceProvider);
    }

    public Task<T> WithDbAsync<T>(Func<GuichetDbContext, Task<T>> action) =>
        WithScopeAsync(sp => action(sp.GetRequiredService<GuichetDbContext>()));

    public override async ValueTask DisposeAsync()
    {
        await base.DisposeAsync();
        if (!ownsData) return;
        if (connectionString is not null) await TestPostgres.DropDatabaseAsync(connectionString);
        try { Directory.Delete(DataDirectory, recursive: true); }
        catch (IOException) { }   // a file still held open; the temp folder is cleaned by the OS
    }
}
