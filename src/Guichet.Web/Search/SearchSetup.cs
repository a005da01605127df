using Microsoft.EntityFrameworkCore.Diagnostics;

namespace Guichet.Web.Search;

public static class SearchSetup
{
    public static WebApplicationBuilder AddGuichetSearch(this WebApplicationBuilder builder)
    {
        // DataSetup adds every registered IInterceptor to the DbContext.
        builder.Services.AddSingleton<IInterceptor, SearchIndexInterceptor>();
        builder.Services.AddScoped<TicketSearch>();
        builder.Services.AddScoped<SearchIndex>();
        builder.Services.AddHostedService<SearchIndexStartup>();
        return builder;
    }
}
