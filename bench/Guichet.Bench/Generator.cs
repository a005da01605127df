using System.Diagnostics;
using System.Globalization;
using System.Net;
using Microsoft.AspNetCore.Identity;

namespace Guichet.Bench;

/// <summary>
/// The generate verb: the app makes its schema and seeds (first start), the bench bulk-loads the rows,
/// then the app indexes them (second start, which rebuilds an empty search index).
/// </summary>
internal static class Generator
{
    public static async Task<int> RunAsync(Arguments args, CancellationToken ct)
    {
        var (provider, dataDir, connection, settings) = Target(args);
        var tickets = args.Int("tickets", 1_000_000);
        var data = new Dataset
        {
            Orgs = args.Int("orgs", 1000),
            Customers = args.Int("customers", 20_000),
            Tickets = tickets,
            MessagesPerTicket = args.Int("messages-per-ticket", 3),
            BigOrgTickets = Math.Min(tickets, args.Int("big-org-tickets", 10_000)),
            Seed = args.Int("seed", 1),
        };
        var dll = args.Text("app") ?? AppProcess.DefaultDll();
        var total = Stopwatch.StartNew();

        var step = Stopwatch.StartNew();
        await using (await AppProcess.StartAsync(dll, settings, TimeSpan.FromMinutes(5), ct)) { }
        Report("schema and seeds (first start of the app)", step);

        await using (Loader loader = provider == "sqlite" ? await SqliteLoader.OpenAsync(connection, ct) : await PostgresLoader.OpenAsync(connection, ct))
        {
            if (Convert.ToInt64((await loader.QueryAsync("SELECT COUNT(*) FROM \"Tickets\"", ct))[0][0], CultureInfo.InvariantCulture) > 0)
            {
                await Console.Error.WriteLineAsync("The database already has tickets: generate into an empty one.");
                return 1;
            }
            var statuses = (await loader.QueryAsync("SELECT \"Id\", \"Category\" FROM \"Statuses\" ORDER BY \"SortOrder\"", ct))
                .Select(r => (Id: Convert.ToInt32(r[0], CultureInfo.InvariantCulture), Category: Convert.ToInt32(r[1], CultureInfo.InvariantCulture))).ToList();
            var types = (await loader.QueryAsync("SELECT \"Id\", \"GroupId\" FROM \"RequestTypes\" ORDER BY \"SortOrder\"", ct))
                .Select(r => (Id: Convert.ToInt32(r[0], CultureInfo.InvariantCulture), Group: r[1] is null ? (int?)null : Convert.ToInt32(r[1], CultureInfo.InvariantCulture))).ToList();
            var agentRole = (await loader.QueryAsync("SELECT \"Id\" FROM \"AspNetRoles\" WHERE \"Name\" = 'Agent'", ct))[0][0]!;

            step.Restart();
            data.Plan(statuses.Count, types.Count);
            Report($"planned {data.Tickets:N0} tickets", step);

            step.Restart();
            await LoadAsync(loader, data, statuses, types, agentRole, ct);
            Report("bulk load", step);

            step.Restart();
            await loader.ExecuteAsync($"UPDATE \"NumberSequences\" SET \"Next\" = {(1001 + data.Tickets).ToString(CultureInfo.InvariantCulture)} WHERE \"Name\" = 'tickets'", ct);
            await loader.FinishAsync(ct);
            Report(provider == "sqlite" ? "finish (WAL checkpoint)" : "finish (VACUUM ANALYZE)", step);
        }

        step.Restart();
        await using (await AppProcess.StartAsync(dll, settings, TimeSpan.FromHours(3), ct)) { }
        Report("search index rebuild (second start of the app, until /healthz answers)", step);
        Report("total", total);
        await Console.Out.WriteLineAsync($"Manager of the big organization: {Dataset.CustomerEmail(0)} / {Dataset.Password}");
        return 0;
    }

    /// <summary>The database a verb works on (<c>--provider</c>, <c>--data-dir</c>, <c>--connection</c>) and the app's settings for it.</summary>
    internal static (string Provider, string DataDir, string Connection, string[] Settings) Target(Arguments args)
    {
        var provider = args.Required("provider");
        var dataDir = Path.GetFullPath(args.Required("data-dir"));
        Directory.CreateDirectory(dataDir);
        var connection = provider switch
        {
            "sqlite" => args.Text("connection") ?? $"Data Source={Path.Combine(dataDir, "guichet.db")}",
            "postgres" => args.Required("connection"),
            _ => throw new ArgumentException("--provider must be sqlite or postgres."),
        };
        return (provider, dataDir, connection,
        [
            $"--Guichet:DataDirectory={dataDir}",
            $"--Guichet:Database:Provider={provider}",
            $"--Guichet:Database:ConnectionString={connection}",
            "--Logging:LogLevel:Default=Warning",
            "--Logging:LogLevel:Guichet.Web.Search=Information",
            "--Logging:LogLevel:Guichet.Web.KnowledgeBase=Information",
        ]);
    }

    private static async Task LoadAsync(Loader loader, Dataset data, List<(int Id, int Category)> statuses,
        List<(int Id, int? Group)> types, object agentRole, CancellationToken ct)
    {
        var now = data.Now;
        await Write(loader, "Organizations", ["Id", "Name", "MembersSeeEachOthersRequests", "CreatedAt"],
            Enumerable.Range(0, data.Orgs).Select(i => new object?[] { data.OrgIds[i], Dataset.OrgName(i), false, now.AddYears(-3) }), ct);

        // One real hash for everyone: hashing 20,000 times would cost minutes and prove nothing.
        var hash = new PasswordHasher<object>().HashPassword(new object(), Dataset.Password);
        object?[] User(Guid id, string email, string first, string last) =>
        [
            id, first, last, now.AddYears(-3), email, email.ToUpperInvariant(), email, email.ToUpperInvariant(), true, hash,
            Guid.NewGuid().ToString("N").ToUpperInvariant(), Guid.NewGuid().ToString(), false, false, true, 0,
        ];
        await Write(loader, "AspNetUsers",
            ["Id", "FirstName", "LastName", "CreatedAt", "UserName", "NormalizedUserName", "Email", "NormalizedEmail", "EmailConfirmed",
             "PasswordHash", "SecurityStamp", "ConcurrencyStamp", "PhoneNumberConfirmed", "TwoFactorEnabled", "LockoutEnabled", "AccessFailedCount"],
            Enumerable.Range(0, data.Customers).Select(i => User(data.CustomerIds[i], Dataset.CustomerEmail(i), Dataset.FirstName(i), Dataset.LastName(i)))
                .Append(User(data.AgentId, Dataset.AgentEmail, "Bench", "Agent")), ct);
        await Write(loader, "AspNetUserRoles", ["UserId", "RoleId"], [[data.AgentId, agentRole is string s ? Guid.Parse(s) : agentRole]], ct);
        await Write(loader, "OrganizationMemberships", ["UserId", "OrganizationId", "IsManager"],
            Enumerable.Range(0, data.Customers).Select(i => new object?[] { data.CustomerIds[i], data.OrgIds[i % data.Orgs], i < data.Orgs }), ct);

        await Write(loader, "Tickets",
            ["Id", "Number", "Subject", "RequestTypeId", "StatusId", "Priority", "RequesterId", "OrganizationId", "GroupId",
             "RequesterNotify", "CreatedAt", "LastActivityAt", "SolvedAt", "Version"],
            data.TicketRows.Select(t =>
            {
                var status = statuses[t.StatusIndex];
                return new object?[]
                {
                    t.Id, t.Number, t.Subject, types[t.TypeIndex].Id, status.Id, t.Priority, data.CustomerIds[t.Requester], data.OrgIds[t.Org],
                    types[t.TypeIndex].Group, true, t.CreatedAt, t.LastActivityAt, status.Category is 3 or 4 ? t.LastActivityAt : null, Guid.NewGuid(),
                };
            }), ct);

        var random = new Random(data.Seed + 1);
        await Write(loader, "Messages", ["Id", "TicketId", "AuthorId", "BodyHtml", "BodyText", "IsInternal", "Source", "CreatedAt"],
            data.TicketRows.SelectMany(t => data.Messages(t, random).Select(m => new object?[]
            {
                m.Id, t.Id, m.Author, "<p>" + WebUtility.HtmlEncode(m.Text) + "</p>", m.Text, false, "Portal", m.At,
            })), ct);
    }

    internal static async Task Write(Loader loader, string table, string[] columns, IEnumerable<object?[]> rows, CancellationToken ct)
    {
        var clock = Stopwatch.StartNew();
        var count = await loader.WriteAsync(table, columns, rows, ct);
        await Console.Out.WriteLineAsync(FormattableString.Invariant(
            $"  {table}: {count:N0} rows in {clock.Elapsed.TotalSeconds:F1} s ({count / Math.Max(0.001, clock.Elapsed.TotalSeconds):N0} rows/s)"));
    }

    internal static void Report(string what, Stopwatch clock) =>
        Console.WriteLine(FormattableString.Invariant($"{what}: {clock.Elapsed.TotalSeconds:F1} s"));
}
