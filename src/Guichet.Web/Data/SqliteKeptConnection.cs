using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Sqlite.Storage.Internal;
using Microsoft.EntityFrameworkCore.Storage;

// EF1001: SqliteRelationalConnection is EF's own SQLite connection, public but marked internal API; only its
// closing on the way back to the context pool changes here. A change in EF shows in the build and the tests.
#pragma warning disable EF1001

namespace Guichet.Web.Data;

/// <summary>
/// A pooled context's SQLite connection stays open from one use of the context to the next, instead of
/// being closed when the context goes back to the pool and opened again for the next request. Opening
/// ran the pragmas again (<see cref="SqlitePragmas"/>) and closing threw away the connection's prepared
/// statements (<see cref="SqliteStatements"/>), on every request. Everything else the pool does when a
/// context comes back still happens: its transaction is rolled back, its tracked entities forgotten, the
/// write turn given back (<see cref="SqliteWriteGate"/>). An open connection that is not reading holds no
/// lock on the file (WAL); disposing the context pool (the app stopping) closes it.
/// </summary>
internal sealed class SqliteKeptConnection(
    RelationalConnectionDependencies dependencies, IRawSqlCommandBuilder rawSqlCommandBuilder, IDiagnosticsLogger<DbLoggerCategory.Infrastructure> logger)
    : SqliteRelationalConnection(dependencies, rawSqlCommandBuilder, logger)
{
    public static DbContextOptionsBuilder Use(DbContextOptionsBuilder options) =>
        options.ReplaceService<ISqliteRelationalConnection, SqliteKeptConnection>();

    // Found once per connection service: Close runs after every query.
    private SqliteWriteGate? writeGate;
    private SqliteStatements? statements;

    private SqliteWriteGate WriteGate => writeGate ??= Interceptor<SqliteWriteGate>();

    private SqliteStatements Statements => statements ??= Interceptor<SqliteStatements>();

    private T Interceptor<T>() where T : class, IInterceptor =>
        (Dependencies.ContextOptions.FindExtension<CoreOptionsExtension>()?.Interceptors ?? []).OfType<T>().FirstOrDefault()
        ?? throw new InvalidOperationException($"{typeof(T).Name} is not among the SQLite context's interceptors.");

    // A transaction disposed without commit or rollback raises no event, and the close of a connection EF did not
    // open itself (a kept one) raises none either: so each close EF asks for (suppressed, SqlitePragmas) lets the
    // write turn go once no SQLite transaction is open, as the real close used to.
    public override bool Close()
    {
        var closed = base.Close();
        WriteGate.LeaveUnlessInTransaction(DbConnection);
        return closed;
    }

    public override async Task<bool> CloseAsync()
    {
        var closed = await base.CloseAsync();
        WriteGate.LeaveUnlessInTransaction(DbConnection);
        return closed;
    }

    protected override void ResetState(bool disposeDbConnection)
    {
        var connection = DbConnection;
        try
        {
            base.ResetState(disposeDbConnection);
        }
        finally
        {
            AfterUse(connection);
        }
    }

    protected override async ValueTask ResetStateAsync(bool disposeDbConnection)
    {
        var connection = DbConnection;
        try
        {
            await base.ResetStateAsync(disposeDbConnection);
        }
        finally
        {
            AfterUse(connection);
        }
    }

    /// <summary>
    /// Back to the pool, EF has rolled back the context's transaction. A read left open (a reader never disposed:
    /// its statement would hold a snapshot, and a write's lock, into the next request) closes the connection after
    /// all. The write turn goes back in any case: the test that found it, SqliteConnectionTests.
    /// </summary>
    private void AfterUse(System.Data.Common.DbConnection connection)
    {
        try
        {
            if (connection is Microsoft.Data.Sqlite.SqliteConnection { State: System.Data.ConnectionState.Open } sqlite
                && (Statements.InUse(sqlite) || SqliteWriteGate.InTransaction(sqlite)))
            {
                // Finalized before the close hands the SQLite handle back to Microsoft.Data.Sqlite's pool.
                Statements.ReleaseAll(sqlite);
                sqlite.Close();
            }
        }
        finally
        {
            WriteGate.ContextReturned(connection);
        }
    }

    // EF calls these only when a context goes back to the pool: SqlitePragmas suppresses every other close.
    // Disposing the pool (the app stopping) still closes the connection, through its Dispose.
    protected override void CloseDbConnection()
    {
    }

    protected override Task CloseDbConnectionAsync() => Task.CompletedTask;
}
