using System.Data;
using System.Diagnostics;
using Guichet.IntegrationTests.Infrastructure;
using Guichet.Web.Data;
using Guichet.Web.Organizations;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Guichet.IntegrationTests.Hosting;

/// <summary>
/// On SQLite a pooled context keeps its connection open between requests, and the connection keeps its prepared
/// statements (SqliteKeptConnection, SqliteStatements). What was guaranteed before still holds: the pragmas, fresh
/// reads, a transaction left open rolled back and the writer's turn given back, schema changes, errors.
/// </summary>
public sealed class SqliteConnectionTests
{
    private static Task<int> OrganizationsAsync(GuichetApp app) => app.WithDbAsync(db => db.Organizations.CountAsync());

    private static Task AddOrganizationAsync(GuichetApp app, string name) =>
        app.WithDbAsync(db =>
        {
            db.Organizations.Add(new Organization(Guid.NewGuid(), name, app.Time.GetUtcNow()));
            return db.SaveChangesAsync();
        });

    /// <summary>The organizations counted before and after <paramref name="between"/>, in one context: the second count runs the statement the first prepared.</summary>
    private static Task<(int Before, int After)> CountedAroundAsync(GuichetApp app, Func<Task> between) =>
        app.WithDbAsync(async db =>
        {
            var before = await db.Organizations.CountAsync();
            await between();
            return (before, await db.Organizations.CountAsync());
        });

    [Fact]
    public async Task A_context_back_from_the_pool_has_its_connection_open_with_foreign_keys_still_on()
    {
        await using var app = await GuichetApp.StartAsync(Db.Sqlite);
        var used = new HashSet<Guid>();
        var reused = false;
        // Background work may take a context from the pool too: use contexts until one comes back.
        for (var attempt = 0; attempt < 10 && !reused; attempt++)
        {
            var (instance, openAtStart, foreignKeys) = await app.WithDbAsync(async db =>
            {
                var openAtStart = db.Database.GetDbConnection().State == ConnectionState.Open;
                await db.Organizations.CountAsync();
                await using var pragma = db.Database.GetDbConnection().CreateCommand();
                pragma.CommandText = "PRAGMA foreign_keys";
                return (db.ContextId.InstanceId, openAtStart, Convert.ToInt64(await pragma.ExecuteScalarAsync()));
            });
            Assert.Equal(1, foreignKeys);
            if (!used.Add(instance))
            {
                reused = true;
                Assert.True(openAtStart, "the pooled context's connection was closed between two uses");
            }
        }
        Assert.True(reused, "no context came back from the pool");
    }

    [Fact]
    public async Task A_kept_statement_reads_what_another_node_wrote_since()
    {
        await using var app = await GuichetApp.StartAsync(Db.Sqlite);
        await using var other = GuichetApp.StartNode(app);

        var (before, after) = await CountedAroundAsync(app, () => AddOrganizationAsync(other, "Written elsewhere"));

        Assert.Equal(before + 1, after);
    }

    [Fact]
    public async Task A_transaction_left_open_is_rolled_back_and_the_next_writer_does_not_wait()
    {
        await using var app = await GuichetApp.StartAsync(Db.Sqlite);
        var before = await OrganizationsAsync(app);

        var left = await app.WithDbAsync(async db =>
        {
            // A request that fails between BEGIN and COMMIT: the context goes back to the pool with it.
            await db.Database.BeginTransactionAsync();
            db.Organizations.Add(new Organization(Guid.NewGuid(), "Never committed", app.Time.GetUtcNow()));
            await db.SaveChangesAsync();
            return db.ContextId.InstanceId;
        });

        Assert.Equal(before, await OrganizationsAsync(app));
        var clock = Stopwatch.StartNew();
        // Two contexts at once, the one that came back (if the pool hands it out) writing last: a turn never given
        // back makes another context wait the writer's turn (SqliteWriteGate) its 10 s.
        await app.WithScopeAsync(async first => await app.WithScopeAsync(async second =>
        {
            var contexts = new[] { first.GetRequiredService<GuichetDbContext>(), second.GetRequiredService<GuichetDbContext>() }
                .OrderBy(db => db.ContextId.InstanceId == left);
            foreach (var db in contexts)
            {
                db.Organizations.Add(new Organization(Guid.NewGuid(), $"Written next {db.ContextId.InstanceId}", app.Time.GetUtcNow()));
                await db.SaveChangesAsync();
            }
            return 0;
        }));
        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(5), $"the next writes waited {clock.Elapsed.TotalSeconds:F1} s");
        Assert.Equal(before + 2, await OrganizationsAsync(app));
    }

    [Fact]
    public async Task A_kept_statement_still_runs_after_the_schema_changed()
    {
        await using var app = await GuichetApp.StartAsync(Db.Sqlite);
        await AddOrganizationAsync(app, "Before");

        var (before, after) = await CountedAroundAsync(app, async () =>
        {
            await app.WithDbAsync(other => other.Database.ExecuteSqlRawAsync("CREATE INDEX IX_Test_Organizations_CreatedAt ON Organizations (CreatedAt)"));
            await AddOrganizationAsync(app, "After");
        });

        Assert.Equal(before + 1, after);
    }

    [Fact]
    public async Task The_same_query_run_inside_its_own_read_gets_its_own_statement()
    {
        await using var app = await GuichetApp.StartAsync(Db.Sqlite);
        foreach (var name in new[] { "One", "Two", "Three" }) await AddOrganizationAsync(app, name);

        var counts = await app.WithDbAsync(async db =>
        {
            var seen = new List<int>();
            await foreach (var _ in db.Organizations.AsNoTracking().OrderBy(o => o.Name).AsAsyncEnumerable())
            {
                seen.Add((await db.Organizations.AsNoTracking().OrderBy(o => o.Name).ToListAsync()).Count);
            }
            return seen;
        });

        Assert.Equal([3, 3, 3], counts);
    }

    [Fact]
    public async Task A_statement_that_failed_runs_again_with_other_values()
    {
        await using var app = await GuichetApp.StartAsync(Db.Sqlite);
        await AddOrganizationAsync(app, "Taken");

        var failure = await Assert.ThrowsAsync<DbUpdateException>(() => AddOrganizationAsync(app, "Taken"));
        Assert.IsType<SqliteException>(failure.InnerException);
        await AddOrganizationAsync(app, "Free");

        Assert.Equal(["Free", "Taken"], await app.WithDbAsync(db => db.Organizations.Select(o => o.Name).OrderBy(n => n).ToListAsync()));
    }

    [Fact]
    public async Task A_connection_that_ran_more_statements_than_it_keeps_still_answers_each_right()
    {
        await using var app = await GuichetApp.StartAsync(Db.Sqlite);
        foreach (var name in new[] { "A", "Bb", "Ccc" }) await AddOrganizationAsync(app, name);
        var statements = app.Services.GetRequiredService<SqliteStatements>();

        var (counts, kept) = await app.WithDbAsync(async db =>
        {
            var counts = new List<int>();
            var kept = new List<int>();
            // Each length inlined makes another statement text: past the 256 a connection keeps, it lets idle ones go.
            for (var length = 0; length < 300; length++)
            {
                counts.Add(await db.Organizations.CountAsync(o => o.Name.Length > EF.Constant(length % 4) && o.Name != EF.Constant($"none {length}")));
                kept.Add(statements.CountOn((SqliteConnection)db.Database.GetDbConnection()));
            }
            return (counts, kept);
        });

        Assert.Equal(Enumerable.Range(0, 300).Select(length => 3 - length % 4).ToList(), counts);
        Assert.True(kept.Max() <= 256, $"a connection kept {kept.Max()} statements");
        Assert.True(kept[100] > 0, "the statements were not kept");
    }

    [Fact]
    public async Task A_read_left_open_does_not_follow_the_context_into_the_next_request()
    {
        await using var app = await GuichetApp.StartAsync(Db.Sqlite);
        await using var other = GuichetApp.StartNode(app);
        await AddOrganizationAsync(app, "First");

        var left = await app.WithDbAsync(async db =>
        {
            // A reader never disposed: its statement would keep its snapshot into the next use of the context.
            var reader = db.Organizations.AsNoTracking().AsAsyncEnumerable().GetAsyncEnumerator();
            await reader.MoveNextAsync();
            return db.ContextId.InstanceId;
        });
        await AddOrganizationAsync(other, "Second");

        // Background work may take a context from the pool too: use contexts until that one comes back.
        for (var attempt = 0; attempt < 10; attempt++)
        {
            var (instance, count) = await app.WithDbAsync(async db => (db.ContextId.InstanceId, await db.Organizations.AsNoTracking().CountAsync()));
            Assert.Equal(2, count);
            if (instance == left) return;
        }
        Assert.Fail("the context never came back from the pool");
    }

}
