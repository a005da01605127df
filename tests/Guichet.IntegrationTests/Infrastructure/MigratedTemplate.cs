using System.Collections.Concurrent;
using Microsoft.Data.Sqlite;
using Npgsql;

namespace Guichet.IntegrationTests.Infrastructure;

/// <summary>
/// A database every migration has been applied to, made once per test run and per provider, that each app's database
/// starts as a copy of (PostgreSQL's CREATE DATABASE … TEMPLATE, a file copy for SQLite). Applying the 30-odd migrations
/// to every test's database was a second of each of some 700 tests. The app still runs its migrations at start-up:
/// there are none left to apply, which is also what an installation that restarts sees.
/// </summary>
internal static class MigratedTemplate
{
    private static readonly ConcurrentDictionary<Db, Lazy<Task<string>>> Templates = new();

    /// <summary>The SQLite file to copy, or the name of the PostgreSQL database to use as a template.</summary>
    public static Task<string> OfAsync(Db db) =>
        Templates.GetOrAdd(db, d => new Lazy<Task<string>>(() => d == Db.Postgres ? MakePostgresAsync() : MakeSqliteAsync())).Value;

    private static async Task<string> MakeSqliteAsync()
    {
        var directory = Directory.CreateTempSubdirectory("guichet-template-").FullName;
        var file = Path.Combine(directory, "guichet.db");
        // Without pooling the last connection closes with the app, which folds the WAL into the file before the copies.
        var connectionString = new SqliteConnectionStringBuilder { DataSource = file, Pooling = false }.ToString();
        await GuichetApp.MigrateOnlyAsync(Db.Sqlite, directory, connectionString);
        AppDomain.CurrentDomain.ProcessExit += (_, _) =>
        {
            try { Directory.Delete(directory, recursive: true); }
            catch (IOException) { }
        };
        return file;
    }

    private static async Task<string> MakePostgresAsync()
    {
        var connectionString = await TestPostgres.CreateDatabaseAsync(template: null);
        var directory = Directory.CreateTempSubdirectory("guichet-template-").FullName;
        await GuichetApp.MigrateOnlyAsync(Db.Postgres, directory, connectionString);
        Directory.Delete(directory, recursive: true);
        // The cluster of ./test.sh goes with the run; another one keeps no template behind.
        AppDomain.CurrentDomain.ProcessExit += (_, _) => TestPostgres.DropDatabaseAsync(connectionString).GetAwaiter().GetResult();
        return new NpgsqlConnectionStringBuilder(connectionString).Database!;
    }
}
