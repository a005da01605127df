using System.Net;
using Microsoft.AspNetCore.HttpOverrides;

namespace Guichet.Web.Hosting;

public static class HostingSetup
{
    public const string DefaultUrl = "http://localhost:5080";

    public static WebApplicationBuilder AddGuichetHosting(this WebApplicationBuilder builder)
    {
        builder.Services.AddOptions<GuichetOptions>().BindConfiguration(GuichetOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        builder.Services.AddSingleton(TimeProvider.System);

        // --urls, ASPNETCORE_URLS and Kestrel endpoints in configuration all win over the default.
        if (string.IsNullOrEmpty(builder.Configuration["urls"]) && string.IsNullOrEmpty(builder.Configuration["http_ports"])
            && !builder.Configuration.GetSection("Kestrel:Endpoints").Exists())
            builder.WebHost.UseUrls(DefaultUrl);

        // Forwarded headers are believed only from proxies named in Guichet:KnownProxies;
        // from anyone else they would let a client pick its own address and scheme.
        builder.Services.AddOptions<ForwardedHeadersOptions>().Configure<IConfiguration>((o, configuration) =>
        {
            o.ForwardedHeaders = ForwardedHeaders.XForwardedFor | ForwardedHeaders.XForwardedProto | ForwardedHeaders.XForwardedHost;
            o.KnownProxies.Clear();
            o.KnownIPNetworks.Clear();
            foreach (var proxy in configuration.GetSection("Guichet:KnownProxies").Get<string[]>() ?? [])
                o.KnownProxies.Add(IPAddress.Parse(proxy));
        });
        builder.Services.AddHsts(o => o.MaxAge = TimeSpan.FromDays(180));
        return builder;
    }

    public static WebApplication UseGuichetHosting(this WebApplication app)
    {
        app.UseForwardedHeaders();
        if (!app.Environment.IsDevelopment())
            app.UseExceptionHandler(new ExceptionHandlerOptions
            {
                ExceptionHandlingPath = "/error",
                // A body that turned out too large (a form sent chunked, beyond the server's limit) is the person's 413 page, not a crash.
                StatusCodeSelector = e => e is BadHttpRequestException bad ? bad.StatusCode : StatusCodes.Status500InternalServerError,
                SuppressDiagnosticsCallback = c => c.Exception is BadHttpRequestException,
            });
        if (app.Configuration.GetValue<string>("Guichet:BaseUrl")?.StartsWith("https:", StringComparison.OrdinalIgnoreCase) == true)
            app.UseHsts();
        app.UseMiddleware<SecurityHeaders>();
        app.UseStatusCodePagesWithReExecute("/error", "?code={0}");
        return app;
    }
}
