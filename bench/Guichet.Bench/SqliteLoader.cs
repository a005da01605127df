using System.Data.Common;
using Microsoft.Data.Sqlite;

namespace Guichet.Bench;

/// <summary>
/// Prepared INSERTs, 50,000 rows a transaction, with synchronous=OFF for the load only (a crash
/// during the load means generating again). Values are stored as the app's EF model stores them:
/// GUIDs as upper-case text, dates as UTC ticks.
/// </summary>
internal sealed class SqliteLoader(SqliteConnection connection) : Loader
{
    private const int RowsPerTransaction = 50_000;

    protected override DbConnection Connection => connection;

    public static async Task<SqliteLoader> OpenAsync(string connectionString, CancellationToken ct)
    {
        var connection = new SqliteConnection(connectionString);
        await connection.OpenAsync(ct);
        var loader = new SqliteLoader(connection);
        await loader.ExecuteAsync("PRAGMA synchronous = OFF; PRAGMA foreign_keys = OFF; PRAGMA cache_size = -400000;", ct);
        return loader;
    }

    public override async Task<long> WriteAsync(string table, string[] columns, IEnumerable<object?[]> rows, CancellationToken ct)
    {
        var count = 0L;
        SqliteTransaction? transaction = null;
        SqliteCommand? insert = null;
        try
        {
            foreach (var row in rows)
            {
                if (transaction is null)
                {
                    transaction = connection.BeginTransaction();
                    insert = connection.CreateCommand();
                    insert.Transaction = transaction;
                    insert.CommandText = $"INSERT INTO \"{table}\" ({string.Join(", ", columns.Select(c => $"\"{c}\""))}) VALUES ({string.Join(", ", columns.Select((_, i) => $"$p{i}"))})";
                    for (var i = 0; i < columns.Length; i++) insert.Parameters.Add(new SqliteParameter($"$p{i}", null));
                    insert.Prepare();
                }
                for (var i = 0; i < row.Length; i++) insert!.Parameters[i].Value = Sqlite(row[i]);
                await insert!.ExecuteNonQueryAsync(ct);
                if (++count % RowsPerTransaction == 0)
                {
                    await transaction.CommitAsync(ct);
                    await insert.DisposeAsync();
                    await transaction.DisposeAsync();
                    transaction = null;
                }
            }
            if (transaction is not null) await transaction.CommitAsync(ct);
        }
        finally
        {
            if (insert is not null) await insert.DisposeAsync();
            if (transaction is not null) await transaction.DisposeAsync();
        }
        return count;
    }

    private static object Sqlite(object? value) => value switch
    {
        null => DBNull.Value,
        Guid g => g.ToString().ToUpperInvariant(),
        DateTimeOffset d => d.UtcTicks,
        bool b => b ? 1 : 0,
        _ => value,
    };

    public override Task FinishAsync(CancellationToken ct) =>
        ExecuteAsync("PRAGMA synchronous = NORMAL; PRAGMA foreign_keys = ON; PRAGMA wal_checkpoint(TRUNCATE);", ct);
}
