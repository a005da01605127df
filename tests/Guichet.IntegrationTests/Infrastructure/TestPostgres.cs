using Npgsql;

namespace Guichet.IntegrationTests.Infrastructure;

/// <summary>
/// The PostgreSQL server that ./test.sh starts: GUICHET_TEST_POSTGRES holds a connection string
/// to it (without a database). Each app gets a database of its own, dropped at the end.
/// </summary>
public static class TestPostgres
{
    public const string Variable = "GUICHET_TEST_POSTGRES";

    public static string ServerConnectionString =>
        Environment.GetEnvironmentVariable(Variable) is { Length: > 0 } value
            ? value
            : throw new InvalidOperationException($"{Variable} is not set: run the tests with ./test.sh, which starts PostgreSQL.");

    /// <summary>A new database, empty or a copy of <paramref name="template"/>.</summary>
    public static async Task<string> CreateDatabaseAsync(string? template)
    {
        var name = $"guichet_test_{Guid.NewGuid():N}";
        await using var connection = new NpgsqlConnection(ServerConnectionString);
        await connection.OpenAsync();
        var copy = template is null ? "" : $" TEMPLATE \"{template}\"";
        await using var command = new NpgsqlCommand($"CREATE DATABASE \"{name}\"{copy}", connection);
        await command.ExecuteNonQueryAsync();
        return new NpgsqlConnectionStringBuilder(ServerConnectionString) { Database = name, Pooling = false }.ConnectionString;
    }

    public static async Task DropDatabaseAsync(string connectionString)
    {
        var name = new NpgsqlConnectionStringBuilder(connectionString).Database;
        await using var connection = new NpgsqlConnection(ServerConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand($"DROP DATABASE IF EXISTS \"{name}\" WITH (FORCE)", connection);
        await command.ExecuteNonQueryAsync();
    }
}
