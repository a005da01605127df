using System.Data.Common;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace Guichet.Web.Data;

/// <summary>
/// Per-connection SQLite settings. WAL is a property of the file and is set once at start
/// (see <see cref="DatabaseSetup"/>); these must be set on every connection.
/// <para>
/// It also keeps the connection open for the rest of the context's life (a request, a job's
/// round) once EF has opened it. EF would otherwise close it after every query and open it again
/// for the next, each time through the pool's lock and these pragmas: a list page makes about six
/// queries, and with 16 requests at once the pool's lock alone took 14 % of the app's CPU (bench).
/// An idle connection holds no lock on the file (WAL). It stays open when its pooled context goes back to
/// the pool too (<see cref="SqliteKeptConnection"/>), so these pragmas run once per physical connection.
/// </para>
/// </summary>
/// <para>
/// Memory mapping (<see cref="DatabaseOptions.SqliteMemoryMapBytes"/>): a connection's own page cache
/// is small and is emptied whenever another connection writes, so under load a search read the same
/// pages again and again through read calls (bench, 1M tickets: 28 % of the app's CPU in the kernel).
/// </para>
internal sealed class SqlitePragmas(long memoryMapBytes) : DbConnectionInterceptor
{
    public override InterceptionResult ConnectionClosing(DbConnection connection, ConnectionEventData eventData, InterceptionResult result) =>
        InterceptionResult.Suppress();

    public override ValueTask<InterceptionResult> ConnectionClosingAsync(DbConnection connection, ConnectionEventData eventData, InterceptionResult result) =>
        ValueTask.FromResult(InterceptionResult.Suppress());

    private readonly string sql = $"PRAGMA foreign_keys = ON; PRAGMA busy_timeout = 10000; PRAGMA synchronous = NORMAL; PRAGMA mmap_size = {memoryMapBytes};";

    public override void ConnectionOpened(DbConnection connection, ConnectionEndEventData eventData)
    {
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        command.ExecuteNonQuery();
    }

    public override async Task ConnectionOpenedAsync(DbConnection connection, ConnectionEndEventData eventData, CancellationToken cancellationToken = default)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        await command.ExecuteNonQueryAsync(cancellationToken);
    }
}
