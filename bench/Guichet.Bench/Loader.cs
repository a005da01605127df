using System.Data.Common;

namespace Guichet.Bench;

/// <summary>Bulk writing into one database: the SQLite and PostgreSQL ways.</summary>
internal abstract class Loader : IAsyncDisposable
{
    protected abstract DbConnection Connection { get; }

    /// <summary>Writes the rows into the table, in large transactions. Values are CLR values (Guid, DateTimeOffset, bool, ...).</summary>
    public abstract Task<long> WriteAsync(string table, string[] columns, IEnumerable<object?[]> rows, CancellationToken ct);

    /// <summary>What runs once the load is done (statistics, settings back to normal).</summary>
    public abstract Task FinishAsync(CancellationToken ct);

    public async Task ExecuteAsync(string sql, CancellationToken ct)
    {
        await using var command = Connection.CreateCommand();
        command.CommandText = sql;
        await command.ExecuteNonQueryAsync(ct);
    }

    public async Task<List<object?[]>> QueryAsync(string sql, CancellationToken ct)
    {
        await using var command = Connection.CreateCommand();
        command.CommandText = sql;
        await using var reader = await command.ExecuteReaderAsync(ct);
        var rows = new List<object?[]>();
        while (await reader.ReadAsync(ct))
        {
            var row = new object?[reader.FieldCount];
            for (var i = 0; i < row.Length; i++) row[i] = reader.IsDBNull(i) ? null : reader.GetValue(i);
            rows.Add(row);
        }
        return rows;
    }

    public async ValueTask DisposeAsync() => await Connection.DisposeAsync();
}
