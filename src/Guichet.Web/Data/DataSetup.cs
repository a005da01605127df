using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Guichet.Web.Hosting;

namespace Guichet.Web.Data;

public static class DataSetup
{
    /// <summary>Registers the provider's DbContext and exposes it as <see cref="GuichetDbContext"/>.</summary>
    public static WebApplicationBuilder AddGuichetData(this WebApplicationBuilder builder)
    {
        var options = builder.Configuration.GetSection(DatabaseOptions.Section).Get<DatabaseOptions>() ?? new DatabaseOptions();
        builder.Services.AddOptions<DatabaseOptions>().BindConfiguration(DatabaseOptions.Section).ValidateDataAnnotations().ValidateOnStart();

        if (options.Provider == DatabaseOptions.Postgres)
        {
            if (string.IsNullOrWhiteSpace(options.ConnectionString))
                throw new InvalidOperationException("Guichet:Database:ConnectionString is required when the provider is postgres.");
            builder.Services.AddDbContext<PostgresGuichetDbContext>(o => o.UseNpgsql(options.ConnectionString));
            builder.Services.AddScoped<GuichetDbContext>(sp => sp.GetRequiredService<PostgresGuichetDbContext>());
        }
        else
        {
            var dataDirectory = builder.Configuration.GetSection(GuichetOptions.Section).Get<GuichetOptions>()?.FullDataDirectory
                ?? Path.GetFullPath("data");
            var connectionString = options.ConnectionString
                ?? new SqliteConnectionStringBuilder { DataSource = Path.Combine(dataDirectory, "guichet.db"), Pooling = true }.ToString();
            builder.Services.AddDbContext<SqliteGuichetDbContext>(o => o.UseSqlite(connectionString).AddInterceptors(new SqlitePragmas()));
            builder.Services.AddScoped<GuichetDbContext>(sp => sp.GetRequiredService<SqliteGuichetDbContext>());
        }
        builder.Services.AddHealthChecks().AddCheck<DatabaseHealthCheck>("database");
        return builder;
    }

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
            await db.Database.MigrateAsync(ct);
            // WAL lets readers go on while one writer writes; it is remembered by the file.
            await db.Database.ExecuteSqlRawAsync("PRAGMA journal_mode = WAL;", ct);
        }
        else
        {
            await db.Database.MigrateAsync(ct);
        }
    }
}
