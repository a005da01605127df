using System.Data.Common;
using Npgsql;
using NpgsqlTypes;

namespace Guichet.Bench;

/// <summary>Binary COPY, one per table; the column types are read from the catalog so the rows stay plain CLR values.</summary>
internal sealed class PostgresLoader(NpgsqlConnection connection) : Loader
{
    protected override DbConnection Connection => connection;

    public static async Task<PostgresLoader> OpenAsync(string connectionString, CancellationToken ct)
    {
        // COPY of a million rows ends with a long wait for the indexes and foreign keys: no timeout.
        var connection = new NpgsqlConnection(new NpgsqlConnectionStringBuilder(connectionString) { CommandTimeout = 0 }.ConnectionString);
        await connection.OpenAsync(ct);
        var loader = new PostgresLoader(connection);
        // The kept counts' triggers would update the same hundred count rows once a ticket, in one transaction: PostgreSQL
        // then walks ever longer chains of row versions (a COPY of a million tickets ran for over half an hour). Off during
        // the load, the counts made once at the end (FinishAsync).
        await loader.ExecuteAsync("ALTER TABLE \"Tickets\" DISABLE TRIGGER USER; ALTER TABLE \"TicketEvents\" DISABLE TRIGGER USER", ct);
        return loader;
    }

    public override async Task<long> WriteAsync(string table, string[] columns, IEnumerable<object?[]> rows, CancellationToken ct)
    {
        var types = new List<string>();
        foreach (var column in columns)
        {
            var found = await QueryAsync($"SELECT data_type FROM information_schema.columns WHERE table_name = '{table}' AND column_name = '{column}'", ct);
            types.Add(found.Count == 1 ? (string)found[0][0]! : throw new InvalidOperationException($"No column {table}.{column}."));
        }
        var dbTypes = types.Select(Type).ToArray();

        var count = 0L;
        await using (var writer = await connection.BeginBinaryImportAsync(
            $"COPY \"{table}\" ({string.Join(", ", columns.Select(c => $"\"{c}\""))}) FROM STDIN (FORMAT BINARY)", ct))
        {
            foreach (var row in rows)
            {
                await writer.StartRowAsync(ct);
                for (var i = 0; i < row.Length; i++)
                {
                    if (row[i] is null) await writer.WriteNullAsync(ct);
                    else await writer.WriteAsync(row[i] is DateTimeOffset d ? d.ToUniversalTime() : row[i], dbTypes[i], ct);
                }
                count++;
            }
            await writer.CompleteAsync(ct);
        }
        return count;
    }

    private static NpgsqlDbType Type(string dataType) => dataType switch
    {
        "uuid" => NpgsqlDbType.Uuid,
        "text" => NpgsqlDbType.Text,
        "character varying" => NpgsqlDbType.Varchar,
        "integer" => NpgsqlDbType.Integer,
        "bigint" => NpgsqlDbType.Bigint,
        "boolean" => NpgsqlDbType.Boolean,
        "timestamp with time zone" => NpgsqlDbType.TimestampTz,
        _ => throw new InvalidOperationException($"Unexpected column type {dataType}."),
    };

    public override async Task FinishAsync(CancellationToken ct)
    {
        await ExecuteAsync("""
            BEGIN;
            DELETE FROM "QueueTicketCounts";
            INSERT INTO "QueueTicketCounts" ("GroupId", "AssigneeId", "StatusId", "Count")
            SELECT COALESCE("GroupId", 0), COALESCE("AssigneeId", '00000000-0000-0000-0000-000000000000'), "StatusId", COUNT(*) FROM "Tickets" GROUP BY 1, 2, 3;
            DELETE FROM "OrganizationTicketCounts";
            INSERT INTO "OrganizationTicketCounts" ("OrganizationId", "StatusId", "Count")
            SELECT "OrganizationId", "StatusId", COUNT(*) FROM "Tickets" WHERE "OrganizationId" IS NOT NULL GROUP BY 1, 2;
            ALTER TABLE "Tickets" ENABLE TRIGGER USER;
            ALTER TABLE "TicketEvents" ENABLE TRIGGER USER;
            COMMIT;
            """, ct);
        await ExecuteAsync("VACUUM ANALYZE", ct);
    }
}
