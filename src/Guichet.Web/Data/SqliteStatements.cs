using System.Data;
using System.Data.Common;
using System.Runtime.CompilerServices;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace Guichet.Web.Data;

/// <summary>
/// Keeps each connection's prepared statements, so that SQLite parses and plans a statement once per
/// connection instead of once per query. Microsoft.Data.Sqlite keeps a statement only as long as its
/// command, and EF makes a new command for every query: preparing them again was 14 % of a request
/// page's CPU (bench, 1M tickets), more than running them. The connections stay open for the life of
/// their pooled context (<see cref="SqliteKeptConnection"/>), so a page's statements are ready the next time.
/// <para>
/// EF still builds its command; once its text and parameters are set, this hands EF the connection's
/// kept command for the same text instead, which EF runs and disposes as its own. Disposing returns it
/// here. A command still in use (the same text read in a read) is not shared: EF's own one runs. When
/// the connection closes, Microsoft.Data.Sqlite disposes the kept commands with it, and they are
/// forgotten; SQLite prepares a kept statement again by itself if the schema changed since.
/// </para>
/// </summary>
internal sealed class SqliteStatements : DbCommandInterceptor
{
    /// <summary>Per connection: a page makes a few dozen different statements. Past this, the connection starts again.</summary>
    private const int Capacity = 256;

    private readonly ConditionalWeakTable<SqliteConnection, Kept> connections = new();

    public override DbCommand CommandInitialized(CommandEndEventData eventData, DbCommand result)
    {
        if (result is not SqliteCommand { Connection: { State: ConnectionState.Open } connection } made || made is KeptCommand
            || eventData.CommandSource is not (CommandSource.LinqQuery or CommandSource.SaveChanges or CommandSource.ExecuteUpdate or CommandSource.ExecuteDelete))
        {
            return result;
        }
        var kept = connections.GetValue(connection, c => new Kept(c)).Rent(made.CommandText);
        if (kept is null) return result;
        kept.Transaction = made.Transaction;
        kept.CommandTimeout = made.CommandTimeout;
        foreach (SqliteParameter parameter in made.Parameters) kept.Parameters.Add(parameter);
        made.Parameters.Clear();
        made.Dispose();
        return kept;
    }

    /// <summary>Whether a kept command of this connection is still lent out: a read not yet disposed.</summary>
    internal bool InUse(SqliteConnection connection) => connections.TryGetValue(connection, out var kept) && kept.AnyLent;

    /// <summary>How many statements this connection keeps (the tests' window on the capacity).</summary>
    internal int CountOn(SqliteConnection connection) => connections.TryGetValue(connection, out var kept) ? kept.Count : 0;

    /// <summary>Disposes this connection's kept commands, lent or not, before it closes.</summary>
    internal void ReleaseAll(SqliteConnection connection)
    {
        if (connections.TryGetValue(connection, out var kept)) kept.ReleaseAll();
    }

    /// <summary>One connection's commands by text. A connection serves one context at a time, so no lock.</summary>
    private sealed class Kept
    {
        private readonly SqliteConnection connection;
        private readonly Dictionary<string, KeptCommand> byText = new(StringComparer.Ordinal);

        public Kept(SqliteConnection connection)
        {
            this.connection = connection;
            // Closed: the kept commands were disposed with the connection's statements; a command still
            // lent out then (a close in the middle of a read) is let go here rather than kept.
            connection.StateChange += (_, change) =>
            {
                if (change.CurrentState == ConnectionState.Closed) ReleaseAll();
            };
        }

        public int Count => byText.Count;

        public bool AnyLent => byText.Values.Any(c => c.IsLent);

        public void ReleaseAll()
        {
            foreach (var command in byText.Values.ToList()) command.Release();
            byText.Clear();
        }

        public KeptCommand? Rent(string sql)
        {
            if (byText.TryGetValue(sql, out var kept)) return kept.TryRent() ? kept : null;
            // Full (texts that vary, such as batches of saves): let the idle ones go, so that the statements in use
            // now are kept rather than those of the connection's first requests.
            if (byText.Count >= Capacity)
            {
                foreach (var idle in byText.Values.Where(c => !c.IsLent).ToList()) idle.Release();
            }
            // Created on the connection, so that closing it disposes the command's statements.
            kept = new KeptCommand(this) { Connection = connection, CommandText = sql };
            try
            {
                // Prepared now: Microsoft.Data.Sqlite counts a command as prepared only once all its statements were.
                kept.Prepare();
            }
            catch (SqliteException)
            {
                // EF's own command runs it and reports the error as usual.
                kept.Dispose();
                return null;
            }
            byText.Add(sql, kept);
            kept.TryRent();
            return kept;
        }

        public void Forget(KeptCommand command)
        {
            if (byText.TryGetValue(command.CommandText, out var kept) && kept == command) byText.Remove(command.CommandText);
        }
    }

    private sealed class KeptCommand(Kept owner) : SqliteCommand
    {
        private bool lent;

        public bool IsLent => lent;

        public bool TryRent()
        {
            if (lent || DataReader is not null) return false;
            lent = true;
            return true;
        }

        /// <summary>Disposes it for good: its statements are finalized.</summary>
        public void Release()
        {
            lent = false;
            Dispose();
        }

        protected override void Dispose(bool disposing)
        {
            if (disposing && lent)
            {
                // EF is done with it: back to the connection, statements kept.
                lent = false;
                Parameters.Clear();
                Transaction = null;
                return;
            }
            base.Dispose(disposing);
            if (disposing) owner.Forget(this);
        }
    }
}
