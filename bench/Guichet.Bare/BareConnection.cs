using Microsoft.Data.Sqlite;

namespace Guichet.Bare;

/// <summary>
/// One open connection and its commands, one per statement text: a command run again with the same
/// text reuses its prepared statement, so SQLite parses each statement once per connection.
/// </summary>
internal sealed class BareConnection(SqliteConnection connection) : IDisposable
{
    private readonly Dictionary<string, SqliteCommand> commands = [];

    public SqliteConnection Connection => connection;

    /// <summary>The statement with these parameters ($name, value); its earlier parameters are cleared.</summary>
    public SqliteCommand Command(string sql, params ReadOnlySpan<(string Name, object? Value)> parameters)
    {
        if (!commands.TryGetValue(sql, out var command))
        {
            command = connection.CreateCommand();
            command.CommandText = sql;
            commands.Add(sql, command);
        }
        command.Transaction = null;
        command.Parameters.Clear();
        foreach (var (name, value) in parameters) command.Parameters.AddWithValue(name, value ?? DBNull.Value);
        return command;
    }

    public void Dispose()
    {
        foreach (var command in commands.Values) command.Dispose();
        connection.Dispose();
    }
}
