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
        // Where the feed stands when a page starts, before it reads anything: the page's stream starts from there (see
        // SinceOf), so a change committed while the page was being made is sent to it, never skipped.
        var feed = app.Services.GetRequiredService<LiveFeed>();
        app.Use((context, next) =>
        {
            if (HttpMethods.IsGet(context.Request.Method)) context.Items[SinceKey] = feed.Cursor;
            return next(context);
        });
        app.MapGet("/live", LiveEndpoints.StreamAsync).RequireAuthorization().ExcludeFromDescription();
        return app;
    }

    private const string SinceKey = "guichet.live.since";

    /// <summary>The feed's position when this request began; null when the node has none yet (it just started).</summary>
    public static long? SinceOf(HttpContext context) => context.Items[SinceKey] is long since and >= 0 ? since : null;
}
