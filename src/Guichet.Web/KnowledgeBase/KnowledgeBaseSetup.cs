namespace Guichet.Web.KnowledgeBase;

public static class KnowledgeBaseSetup
{
    public static WebApplicationBuilder AddGuichetKnowledgeBase(this WebApplicationBuilder builder)
    {
        builder.Services.AddScoped<KbAuthoring>();
        builder.Services.AddScoped<KbSearch>();
        builder.Services.AddScoped<KbSearchIndex>();
        builder.Services.AddScoped<KbLibrary>();
        builder.Services.AddScoped<KbVotes>();
        builder.Services.AddScoped<KbDeflections>();
        builder.Services.AddScoped<CurrentKbReader>();
        builder.Services.AddHostedService<KbSearchIndexStartup>();
        return builder;
    }
}

/// <summary>Indexes the articles on a start that finds them without an index (restored database, first start after an upgrade).</summary>
internal sealed class KbSearchIndexStartup(IServiceScopeFactory scopes) : IHostedService
{
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        await scope.ServiceProvider.GetRequiredService<KbSearchIndex>().RebuildIfEmptyAsync(cancellationToken);
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
