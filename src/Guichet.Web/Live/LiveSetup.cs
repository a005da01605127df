using Microsoft.EntityFrameworkCore.Diagnostics;

namespace Guichet.Web.Live;

public static class LiveSetup
{
    public static WebApplicationBuilder AddGuichetLive(this WebApplicationBuilder builder)
    {
        builder.Services.AddSingleton<LiveFeed>();
        builder.Services.AddHostedService(sp => sp.GetRequiredService<LiveFeed>());
        builder.Services.AddSingleton<IInterceptor, LiveNudge>();
        builder.Services.AddScoped<TicketPresences>();
        return builder;
    }

    public static WebApplication MapGuichetLive(this WebApplication app)
    {
        app.MapGet("/live", LiveEndpoints.StreamAsync).RequireAuthorization().ExcludeFromDescription();
        return app;
    }
}
