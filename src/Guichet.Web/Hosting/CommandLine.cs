using Guichet.Web.Accounts;
using Guichet.Web.Data;
using Guichet.Web.Search;

namespace Guichet.Web.Hosting;

/// <summary>
/// The command-line verbs: <c>migrate</c>, <c>admin create --email E --name N [--password P]</c>,
/// <c>search rebuild</c>, and the <c>--demo</c> flag. Everything else is passed to the host as configuration.
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
}
