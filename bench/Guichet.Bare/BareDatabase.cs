using System.Collections.Concurrent;
using Microsoft.Data.Sqlite;

namespace Guichet.Bare;

/// <summary>
/// Open connections to the data set's file, kept for the life of the process (Microsoft.Data.Sqlite's
/// own pool is off): each physical connection gets Guichet's pragmas once, when it opens, and keeps
/// its prepared statements. Writers queue here, one at a time, as SQLite has one writer (Guichet
/// queues them too, in <c>SqliteWriteGate</c>), rather than spinning in SQLite's busy handler.
/// </summary>
internal sealed class BareDatabase(string file, long mmapBytes) : IDisposable
{
    private readonly string connectionString = new SqliteConnectionStringBuilder { DataSource = file, Pooling = false }.ToString();
    private readonly ConcurrentBag<BareConnection> idle = [];
    private readonly SemaphoreSlim writer = new(1, 1);

    /// <summary>Guichet's per-connection settings (<c>SqlitePragmas</c>); WAL is the file's own, set by Guichet at creation.</summary>
    private string Pragmas => $"PRAGMA foreign_keys = ON; PRAGMA busy_timeout = 10000; PRAGMA synchronous = NORMAL; PRAGMA mmap_size = {mmapBytes};";

    public async Task<Lease> OpenAsync(CancellationToken ct)
    {
        if (idle.TryTake(out var connection)) return new Lease(this, connection);
        var opened = new SqliteConnection(connectionString);
        await opened.OpenAsync(ct);
        await using (var pragmas = opened.CreateCommand())
        {
            pragmas.CommandText = Pragmas;
            await pragmas.ExecuteNonQueryAsync(ct);
        }
        return new Lease(this, new BareConnection(opened));
    }

    /// <summary>The one writer's turn; dispose it to let the next one write.</summary>
    public async Task<IDisposable> WriteTurnAsync(CancellationToken ct)
    {
        await writer.WaitAsync(ct);
        return new Turn(writer);
    }

    public void Dispose()
    {
        while (idle.TryTake(out var connection)) connection.Dispose();
        writer.Dispose();
    }

    /// <summary>A connection borrowed for one request; disposing it gives it back, open.</summary>
    public readonly struct Lease(BareDatabase database, BareConnection connection) : IDisposable
    {
        public BareConnection Connection => connection;
        public void Dispose() => database.idle.Add(connection);
    }

    private sealed class Turn(SemaphoreSlim writer) : IDisposable
    {
        public void Dispose() => writer.Release();
    }
}
