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
/// context comes back still happens: its transaction is rolled back, its tracked entities forgotten.
/// An open connection that is not reading holds no lock on the file (WAL); disposing the context pool
/// (the app stopping) closes it.
/// </summary>
internal sealed class SqliteKeptConnection(
    RelationalConnectionDependencies dependencies, IRawSqlCommandBuilder rawSqlCommandBuilder, IDiagnosticsLogger<DbLoggerCategory.Infrastructure> logger)
    : SqliteRelationalConnection(dependencies, rawSqlCommandBuilder, logger)
{
    public static DbContextOptionsBuilder Use(DbContextOptionsBuilder options) =>
        options.ReplaceService<ISqliteRelationalConnection, SqliteKeptConnection>();

    private SqliteWriteGate? WriteGate =>
        Dependencies.ContextOptions.FindExtension<CoreOptionsExtension>()?.Interceptors?.OfType<SqliteWriteGate>().FirstOrDefault();

    // Back to the pool: EF rolls back a transaction left open; the write turn it held must go back too, as no close
    // will end it now (the test that found it: SqliteConnectionTests, a transaction left open).
    protected override void ResetState(bool disposeDbConnection)
    {
        var connection = DbConnection;
        base.ResetState(disposeDbConnection);
        WriteGate?.ContextReturned(connection);
    }

    protected override async ValueTask ResetStateAsync(bool disposeDbConnection)
    {
        var connection = DbConnection;
        await base.ResetStateAsync(disposeDbConnection);
        WriteGate?.ContextReturned(connection);
    }

    // EF calls these when a context goes back to the pool (and, through the interceptor that suppresses
    // it, never otherwise: SqlitePragmas keeps the connection open for the context's life already).
    protected override void CloseDbConnection()
    {
        if (DbConnection.State == System.Data.ConnectionState.Broken) base.CloseDbConnection();
    }

    protected override Task CloseDbConnectionAsync() =>
        DbConnection.State == System.Data.ConnectionState.Broken ? base.CloseDbConnectionAsync() : Task.CompletedTask;
}
