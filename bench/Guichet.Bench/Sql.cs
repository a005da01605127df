using System.Diagnostics;
using System.Globalization;
using Microsoft.Data.Sqlite;
using Npgsql;

namespace Guichet.Bench;

/// <summary>
/// The sql verb: runs one statement (EXPLAIN QUERY PLAN ..., EXPLAIN ANALYZE ...) with the same
/// SQLite build as the app (the system sqlite3 may lack FTS5 options the index uses), prints the rows
/// and the time. Parameters: --param name=value, repeatable as --param1, --param2, ...
/// </summary>
internal static class Sql
{
    public static async Task<int> RunAsync(Arguments args, CancellationToken ct)
    {
        var provider = args.Required("provider");
        await using System.Data.Common.DbConnection connection = provider == "sqlite"
            ? new SqliteConnection(args.Required("connection")) : new NpgsqlConnection(args.Required("connection"));
        await connection.OpenAsync(ct);
        var repeat = args.Int("repeat", 1);
        for (var r = 0; r < repeat; r++)
        {
            await using var command = connection.CreateCommand();
            command.CommandText = args.Required("query");
            for (var i = 0; args.Text(i == 0 ? "param" : $"param{i}") is { } p; i++)
            {
                var parameter = command.CreateParameter();
                parameter.ParameterName = p[..p.IndexOf('=', StringComparison.Ordinal)];
                parameter.Value = p[(p.IndexOf('=', StringComparison.Ordinal) + 1)..];
                command.Parameters.Add(parameter);
            }
            var clock = Stopwatch.StartNew();
            await using var reader = await command.ExecuteReaderAsync(ct);
            while (await reader.ReadAsync(ct))
                if (r == repeat - 1)
                    Console.WriteLine(string.Join(" | ", Enumerable.Range(0, reader.FieldCount).Select(i => Convert.ToString(reader.GetValue(i), CultureInfo.InvariantCulture))));
            Console.WriteLine(FormattableString.Invariant($"-- {clock.Elapsed.TotalMilliseconds:F2} ms"));
        }
        return 0;
    }
}
