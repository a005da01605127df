using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Guichet.Web.Hosting;
using Microsoft.Extensions.Options;

namespace Guichet.Web.Data;

public static class DataSetup
{
    /// <summary>Registers the provider's DbContext and exposes it as <see cref="GuichetDbContext"/>.</summary>
    public static WebApplicationBuilder AddGuichetData(this WebApplicationBuilder builder)
    {
        builder.Services.AddOptions<DatabaseOptions>().BindConfiguration(DatabaseOptions.Section).ValidateDataAnnotations()
            .Validate(o => o.Provider != DatabaseOptions.Postgres || !string.IsNullOrWhiteSpace(o.ConnectionString),
                "Guichet:Database:ConnectionString is required when the provider is postgres.")
            .ValidateOnStart();

        // Capabilities add their EF interceptors as IInterceptor services (e.g. the search index).
        // Both contexts are registered; the configured provider decides which one is GuichetDbContext.
        // Options are read when the first context is made, so every configuration source has its say.
        // Contexts are pooled (every interceptor is a singleton): a new context per request made EF
        // build its dozens of internal services again each time (a quarter of /healthz's CPU).
        builder.Services.AddDbContextPool<PostgresGuichetDbContext>((sp, o) =>
            o.UseNpgsql(PostgresConnectionString(sp.GetRequiredService<IOptions<DatabaseOptions>>().Value.ConnectionString!))
                .AddInterceptors(sp.GetServices<IInterceptor>()));
        builder.Services.AddDbContextPool<SqliteGuichetDbContext>((sp, o) =>
            SqliteKeptConnection.Use(o.UseSqlite(SqliteConnectionString(sp)))
                .AddInterceptors(new SqlitePragmas(sp.GetRequiredService<IOptions<DatabaseOptions>>().Value.SqliteMemoryMapBytes), sp.GetRequiredService<SqliteWriteGate>(),
                    sp.GetRequiredService<SqliteStatements>())
                .AddInterceptors(sp.GetServices<IInterceptor>()));
        builder.Services.AddSingleton<SqliteWriteGate>();
        builder.Services.AddSingleton<SqliteStatements>();
        builder.Services.AddSingleton<NodeCache>();
        builder.Services.AddSingleton<IInterceptor, CacheStampInterceptor>();
        builder.Services.AddScoped<GuichetDbContext>(sp =>
            sp.GetRequiredService<IOptions<DatabaseOptions>>().Value.Provider == DatabaseOptions.Postgres
                ? sp.GetRequiredService<PostgresGuichetDbContext>()
                : sp.GetRequiredService<SqliteGuichetDbContext>());
        builder.Services.AddHealthChecks().AddCheck<DatabaseHealthCheck>("database");
        return builder;
    }

    /// <summary>
    /// The configured connection string, with Npgsql's automatic preparation on unless it says otherwise: a statement
    /// run a second time on a physical connection is prepared there, so PostgreSQL parses and plans it once per
    /// connection rather than on every query (what <see cref="SqliteStatements"/> does on SQLite).
    /// </summary>
    internal static string PostgresConnectionString(string configured)
    {
        // The key as the operator wrote it ("Max Auto Prepare", "MaxAutoPrepare", any case): theirs wins.
        var keys = new System.Data.Common.DbConnectionStringBuilder { ConnectionString = configured }.Keys.Cast<string>();
        var builder = new Npgsql.NpgsqlConnectionStringBuilder(configured);
        if (!keys.Any(k => k.Replace(" ", "", StringComparison.Ordinal).Equals("MaxAutoPrepare", StringComparison.OrdinalIgnoreCase))) builder.MaxAutoPrepare = 256;
        return builder.ConnectionString;
    }

    private static string SqliteConnectionString(IServiceProvider sp) =>
        sp.GetRequiredService<IOptions<DatabaseOptions>>().Value.ConnectionString is { Length: > 0 } configured
            ? configured
            : new SqliteConnectionStringBuilder
        {
            DataSource = Path.Combine(sp.GetRequiredService<IOptions<GuichetOptions>>().Value.FullDataDirectory, "guichet.db"),
        }.ToString();

    /// <summary>Creates the data directory, sets WAL on SQLite and applies pending migrations.</summary>
    public static async Task MigrateDatabaseAsync(this IServiceProvider services, CancellationToken ct = default)
    {
        await using var scope = services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<GuichetDbContext>();
        if (db.Database.IsSqlite())
        {
            var source = new SqliteConnectionStringBuilder(db.Database.GetConnectionString()).DataSource;
            var directory = Path.GetDirectoryName(Path.GetFullPath(source));
            if (!string.IsNullOrEmpty(directory)) Directory.CreateDirectory(directory);
            await MigrateIfPendingAsync(db, ct);
            // WAL lets readers go on while one writer writes; it is remembered by the file.
            await db.Database.ExecuteSqlRawAsync("PRAGMA journal_mode = WAL;", ct);
            // Table statistics for the query planner (SQLite keeps none by itself): without them a
            // search starts from an organization's 10,000 tickets instead of the few matches.
            await db.Database.ExecuteSqlRawAsync("PRAGMA optimize = 0x10002;", ct);
        }
        else
        {
            await MigrateIfPendingAsync(db, ct);
        }
    }

    /// <summary>
    /// Migrates when a migration is left to apply. MigrateAsync itself would also compare the model with the last
    /// migration's snapshot on every start (to warn of model changes without a migration): a fifth of a start's CPU,
    /// for a warning the migrations' own tests already give. A missing database has every migration pending.
    /// </summary>
    private static async Task MigrateIfPendingAsync(GuichetDbContext db, CancellationToken ct)
    {
        if ((await db.Database.GetPendingMigrationsAsync(ct)).Any()) await db.Database.MigrateAsync(ct);
    }
}
