namespace Guichet.Web.Accounts;

public static class FirstRun
{
    /// <summary>With no admin yet, says on the console how to make one.</summary>
    public static async Task AnnounceFirstRunAsync(this IServiceProvider services, CancellationToken ct = default)
    {
        await using var scope = services.CreateAsyncScope();
        var admins = scope.ServiceProvider.GetRequiredService<AdminAccounts>();
        await admins.EnsureRolesAsync();
        if (await admins.AnyAsync(ct)) return;
        scope.ServiceProvider.GetRequiredService<ILoggerFactory>().CreateLogger("Guichet.FirstRun").LogWarning(
            "No admin account yet. Create one with: dotnet run --project src/Guichet.Web -- admin create --email you@example.com --name \"Your Name\"");
    }
}
