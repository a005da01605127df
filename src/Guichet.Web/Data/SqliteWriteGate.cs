using System.Data.Common;
using System.Runtime.CompilerServices;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace Guichet.Web.Data;

/// <summary>
/// SQLite lets one writer at a time into the file. Left to itself, a writer that finds the lock
/// taken sleeps in SQLite's busy handler (steps of 1, 2, 5… up to 100 ms), blocking a thread of
/// the pool, and often wakes long after the lock was freed: with 16 portal creations at once most
/// of the time went to sleeping (bench: one core idle, p99 past a second). This gate makes the
/// writers of this process wait their turn asynchronously and in order instead. SQLite's own lock
/// and busy timeout still guard the file against other processes (the CLI verbs, a second app).
/// <para>
/// A turn lasts from BEGIN to COMMIT or ROLLBACK (Microsoft.Data.Sqlite begins every transaction
/// IMMEDIATE, that is as a writer), or one write statement outside any transaction. It also ends
/// when the connection closes or is disposed, which covers a transaction disposed without either.
/// A writer that waited <see cref="Patience"/> goes on without its turn, as before the gate, so a
/// mistake (a second context writing inside a first one's transaction) fails as SQLite would
/// have made it fail, instead of hanging.
/// </para>
/// </summary>
internal sealed class SqliteWriteGate(ILogger<SqliteWriteGate> log) : IDbTransactionInterceptor, IDbCommandInterceptor, IDbConnectionInterceptor, IDisposable
{
    /// <summary>The same as the connections' busy timeout.</summary>
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(10);

    private readonly SemaphoreSlim turn = new(1, 1);

    // Which connections hold the turn, and whether for a transaction or for one statement.
    private sealed class Holder
    {
        public bool Held;
        public bool ForStatement;
    }

    private readonly ConditionalWeakTable<DbConnection, Holder> holders = new();

    // ---- Transactions --------------------------------------------------------------------------

    public async ValueTask<InterceptionResult<DbTransaction>> TransactionStartingAsync(
        DbConnection connection, TransactionStartingEventData eventData, InterceptionResult<DbTransaction> result, CancellationToken cancellationToken = default)
    {
        await EnterAsync(connection, forStatement: false, cancellationToken);
        return result;
    }

    public InterceptionResult<DbTransaction> TransactionStarting(DbConnection connection, TransactionStartingEventData eventData, InterceptionResult<DbTransaction> result)
    {
        Enter(connection, forStatement: false);
        return result;
    }

    public void TransactionCommitted(DbTransaction transaction, TransactionEndEventData eventData) => Leave(ConnectionOf(eventData));

    public Task TransactionCommittedAsync(DbTransaction transaction, TransactionEndEventData eventData, CancellationToken cancellationToken = default)
    {
        Leave(ConnectionOf(eventData));
        return Task.CompletedTask;
    }

    public void TransactionRolledBack(DbTransaction transaction, TransactionEndEventData eventData) => Leave(ConnectionOf(eventData));

    public Task TransactionRolledBackAsync(DbTransaction transaction, TransactionEndEventData eventData, CancellationToken cancellationToken = default)
    {
        Leave(ConnectionOf(eventData));
        return Task.CompletedTask;
    }

    public void TransactionFailed(DbTransaction transaction, TransactionErrorEventData eventData) => LeaveUnlessInTransaction(ConnectionOf(eventData));

    public Task TransactionFailedAsync(DbTransaction transaction, TransactionErrorEventData eventData, CancellationToken cancellationToken = default)
    {
        LeaveUnlessInTransaction(ConnectionOf(eventData));
        return Task.CompletedTask;
    }

    // ---- Write statements outside a transaction ---------------------------------------------------

    public async ValueTask<InterceptionResult<int>> NonQueryExecutingAsync(
        DbCommand command, CommandEventData eventData, InterceptionResult<int> result, CancellationToken cancellationToken = default)
    {
        if (IsLoneWrite(command)) await EnterAsync(command.Connection!, forStatement: true, cancellationToken);
        return result;
    }

    public InterceptionResult<int> NonQueryExecuting(DbCommand command, CommandEventData eventData, InterceptionResult<int> result)
    {
        if (IsLoneWrite(command)) Enter(command.Connection!, forStatement: true);
        return result;
    }

    public ValueTask<int> NonQueryExecutedAsync(DbCommand command, CommandExecutedEventData eventData, int result, CancellationToken cancellationToken = default)
    {
        LeaveStatement(command.Connection);
        return ValueTask.FromResult(result);
    }

    public int NonQueryExecuted(DbCommand command, CommandExecutedEventData eventData, int result)
    {
        LeaveStatement(command.Connection);
        return result;
    }

    // An INSERT … RETURNING outside a transaction (SaveChanges of a single row) writes while it is read.
    public async ValueTask<InterceptionResult<DbDataReader>> ReaderExecutingAsync(
        DbCommand command, CommandEventData eventData, InterceptionResult<DbDataReader> result, CancellationToken cancellationToken = default)
    {
        if (IsLoneWrite(command)) await EnterAsync(command.Connection!, forStatement: true, cancellationToken);
        return result;
    }

    public InterceptionResult<DbDataReader> ReaderExecuting(DbCommand command, CommandEventData eventData, InterceptionResult<DbDataReader> result)
    {
        if (IsLoneWrite(command)) Enter(command.Connection!, forStatement: true);
        return result;
    }

    public InterceptionResult DataReaderClosing(DbCommand command, DataReaderClosingEventData eventData, InterceptionResult result)
    {
        LeaveStatement(command.Connection);
        return result;
    }

    public ValueTask<InterceptionResult> DataReaderClosingAsync(DbCommand command, DataReaderClosingEventData eventData, InterceptionResult result)
    {
        LeaveStatement(command.Connection);
        return ValueTask.FromResult(result);
    }

    public InterceptionResult DataReaderDisposing(DbCommand command, DataReaderDisposingEventData eventData, InterceptionResult result)
    {
        LeaveStatement(command.Connection);
        return result;
    }

    public void CommandFailed(DbCommand command, CommandErrorEventData eventData) => LeaveStatement(command.Connection);

    public Task CommandFailedAsync(DbCommand command, CommandErrorEventData eventData, CancellationToken cancellationToken = default)
    {
        LeaveStatement(command.Connection);
        return Task.CompletedTask;
    }

    public void CommandCanceled(DbCommand command, CommandEndEventData eventData) => LeaveStatement(command.Connection);

    public Task CommandCanceledAsync(DbCommand command, CommandEndEventData eventData, CancellationToken cancellationToken = default)
    {
        LeaveStatement(command.Connection);
        return Task.CompletedTask;
    }

    // ---- The connection going away ends any turn it still holds ----------------------------------

    public void ConnectionClosed(DbConnection connection, ConnectionEndEventData eventData) => Leave(connection);

    public Task ConnectionClosedAsync(DbConnection connection, ConnectionEndEventData eventData)
    {
        Leave(connection);
        return Task.CompletedTask;
    }

    public InterceptionResult ConnectionDisposing(DbConnection connection, ConnectionEventData eventData, InterceptionResult result)
    {
        Leave(connection);
        return result;
    }

    public ValueTask<InterceptionResult> ConnectionDisposingAsync(DbConnection connection, ConnectionEventData eventData, InterceptionResult result)
    {
        Leave(connection);
        return ValueTask.FromResult(result);
    }

    // ---- A pooled context going back to the pool ---------------------------------------------------

    /// <summary>
    /// Its connection stays open (<see cref="SqliteKeptConnection"/>), so no close ends the turn: EF has just rolled
    /// back any transaction the context left open, and the turn it held goes back here.
    /// </summary>
    internal void ContextReturned(DbConnection connection) => Leave(connection);

    // ---- The turn ------------------------------------------------------------------------------

    // The transaction forgets its connection once it has ended; the context does not.
    private static DbConnection? ConnectionOf(TransactionEventData eventData) => eventData.Context?.Database.GetDbConnection();

    private static bool IsLoneWrite(DbCommand command) =>
        command.Transaction is null && command.Connection is not null && StartsWithWrite(command.CommandText);

    private static bool StartsWithWrite(string sql)
    {
        var text = sql.AsSpan().TrimStart();
        return text.StartsWith("INSERT", StringComparison.OrdinalIgnoreCase) || text.StartsWith("UPDATE", StringComparison.OrdinalIgnoreCase)
            || text.StartsWith("DELETE", StringComparison.OrdinalIgnoreCase) || text.StartsWith("REPLACE", StringComparison.OrdinalIgnoreCase);
    }

    private async Task EnterAsync(DbConnection connection, bool forStatement, CancellationToken ct)
    {
        var holder = holders.GetOrCreateValue(connection);
        if (holder.Held) return;
        if (await turn.WaitAsync(Patience, ct)) Took(holder, forStatement);
        else log.LogWarning("Waited {Patience} for the SQLite write turn; going on without it", Patience);
    }

    private void Enter(DbConnection connection, bool forStatement)
    {
        var holder = holders.GetOrCreateValue(connection);
        if (holder.Held) return;
        if (turn.Wait(Patience)) Took(holder, forStatement);
        else log.LogWarning("Waited {Patience} for the SQLite write turn; going on without it", Patience);
    }

    private static void Took(Holder holder, bool forStatement)
    {
        holder.Held = true;
        holder.ForStatement = forStatement;
    }

    private void LeaveStatement(DbConnection? connection)
    {
        if (connection is not null && holders.TryGetValue(connection, out var holder) && holder is { Held: true, ForStatement: true }) Release(holder);
    }

    // A failed commit may leave the transaction open (SQLITE_BUSY on COMMIT): its end comes later.
    internal void LeaveUnlessInTransaction(DbConnection? connection)
    {
        if (connection is not null && holders.TryGetValue(connection, out var holder) && holder.Held && !InTransaction(connection)) Release(holder);
    }

    private void Leave(DbConnection? connection)
    {
        if (connection is not null && holders.TryGetValue(connection, out var holder) && holder.Held) Release(holder);
    }

    internal static bool InTransaction(DbConnection connection) =>
        connection is Microsoft.Data.Sqlite.SqliteConnection { State: System.Data.ConnectionState.Open } sqlite
        && SQLitePCL.raw.sqlite3_get_autocommit(sqlite.Handle) == 0;

    private void Release(Holder holder)
    {
        holder.Held = false;
        holder.ForStatement = false;
        turn.Release();
    }

    public void Dispose() => turn.Dispose();
}
