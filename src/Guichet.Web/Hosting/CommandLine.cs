using Guichet.Web.Accounts;
using Guichet.Web.Data;
using Guichet.Web.Email.Inbound;
using Guichet.Web.Search;

namespace Guichet.Web.Hosting;

/// <summary>
/// The command-line verbs: <c>migrate</c>, <c>admin create --email E --name N [--password P]</c>,
/// <c>search rebuild</c>, <c>mail import PATH</c>, and the <c>--demo</c> flag. Everything else is passed to the host as configuration.
/// </summary>
public sealed record CommandLine(string? Verb, bool Demo, string[] HostArgs, IReadOnlyDictionary<string, string> VerbOptions)
{
    public static CommandLine Parse(string[] args)
    {
        var rest = args.ToList();
        var demo = rest.Remove("--demo");
        string? verb = null;
        var verbOptions = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        if (rest.Count > 0 && rest[0] == "migrate")
        {
            verb = "migrate";
            rest.RemoveAt(0);
        }
        else if (rest.Count > 1 && rest[0] == "search" && rest[1] == "rebuild")
        {
            verb = "search rebuild";
            rest.RemoveRange(0, 2);
        }
        else if (rest.Count > 1 && rest[0] == "mail" && rest[1] == "import")
        {
            verb = "mail import";
            rest.RemoveRange(0, 2);
            // The path: the first argument that is not configuration (--key value, --key=value).
            var i = 0;
            while (i < rest.Count && rest[i].StartsWith("--", StringComparison.Ordinal)) i += rest[i].Contains('=') ? 1 : 2;
            if (i < rest.Count)
            {
                verbOptions["path"] = rest[i];
                rest.RemoveAt(i);
            }
        }
        else if (rest.Count > 1 && rest[0] == "admin" && rest[1] == "create")
        {
            verb = "admin create";
            rest.RemoveRange(0, 2);
            foreach (var name in new[] { "--email", "--name", "--password" })
            {
                var i = rest.IndexOf(name);
                if (i >= 0 && i + 1 < rest.Count)
                {
                    verbOptions[name[2..]] = rest[i + 1];
                    rest.RemoveRange(i, 2);
                }
            }
        }
        return new CommandLine(verb, demo, rest.ToArray(), verbOptions);
    }

    public async Task<int> RunVerbAsync(WebApplication app)
    {
        await app.Services.MigrateDatabaseAsync();
        if (Verb == "migrate")
        {
            await Console.Out.WriteLineAsync("Database is up to date.");
            return 0;
        }

        if (Verb == "search rebuild")
        {
            await using var searchScope = app.Services.CreateAsyncScope();
            var indexed = await searchScope.ServiceProvider.GetRequiredService<SearchIndex>().RebuildAsync(CancellationToken.None);
            await Console.Out.WriteLineAsync($"Search index rebuilt: {indexed} tickets.");
            return 0;
        }

        if (Verb == "mail import") return await ImportMailAsync(app);

        if (!VerbOptions.TryGetValue("email", out var email) || !VerbOptions.TryGetValue("name", out var name))
        {
            await Console.Error.WriteLineAsync("Usage: admin create --email EMAIL --name \"FULL NAME\" [--password PASSWORD]");
            return 2;
        }
        await using var scope = app.Services.CreateAsyncScope();
        var admins = scope.ServiceProvider.GetRequiredService<AdminAccounts>();
        var result = await admins.CreateAsync(email, name, VerbOptions.GetValueOrDefault("password"), CancellationToken.None);
        await Console.Out.WriteLineAsync(result.Message);
        return result.Succeeded ? 0 : 1;
    }

    private async Task<int> ImportMailAsync(WebApplication app)
    {
        if (!VerbOptions.TryGetValue("path", out var path))
        {
            await Console.Error.WriteLineAsync("Usage: mail import <file.eml | file.mbox | folder>");
            return 2;
        }
        var (files, error) = MailImport.FilesOf(path);
        if (error is not null)
        {
            await Console.Error.WriteLineAsync(error);
            return 1;
        }
        await using var scope = app.Services.CreateAsyncScope();
        var import = scope.ServiceProvider.GetRequiredService<MailImport>();
        var totals = await import.ImportAsync(files, line => Console.Error.WriteLine(line), CancellationToken.None);
        await Console.Out.WriteLineAsync(
            $"{totals.Messages} messages: {totals.NewRequests} new requests, {totals.Replies} replies, {totals.Dropped} dropped, " +
            $"{totals.Quarantined} quarantined, {totals.Duplicates} already imported.");
        // Quarantined messages are kept, and listed on /admin/mailboxes; the exit code tells a script to look.
        return totals.Quarantined > 0 ? 3 : 0;
    }
}
