namespace Guichet.Web.Queues;

public static class QueuesSetup
{
    public static WebApplicationBuilder AddGuichetQueues(this WebApplicationBuilder builder)
    {
        builder.Services.AddScoped<AgentQueues>();
        builder.Services.AddScoped<BulkChanges>();
        builder.Services.AddScoped<SavedViews>();
        builder.Services.AddScoped<ViewCounts>();
        builder.Services.AddMemoryCache();
        return builder;
    }
}
