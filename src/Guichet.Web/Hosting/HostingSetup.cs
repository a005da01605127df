using System.Net;
using Microsoft.AspNetCore.HostFiltering;
using Microsoft.AspNetCore.HttpOverrides;
using Microsoft.Extensions.Options;

namespace Guichet.Web.Hosting;

public static class HostingSetup
{
    public const string DefaultUrl = "http://localhost:5080";
    public const string AllowedHostsKey = "AllowedHosts";

    /// <summary>The host of the base URL and the loopback names, so that http://127.0.0.1:5080 works on a laptop.</summary>
    public static List<string> DefaultAllowedHosts(string baseUrl) =>
        [.. new[] { Uri.TryCreate(baseUrl, UriKind.Absolute, out var uri) ? uri.Host : null, "localhost", "127.0.0.1", "[::1]" }.OfType<string>().Distinct(StringComparer.OrdinalIgnoreCase)];

    /// <summary>
    /// The host names Guichet answers to: AllowedHosts when configured ("a;b", "*" included), else the
    /// defaults, never "*" (any host a client names would be served, and everything built from it believed).
    /// </summary>
    public static IList<string> AllowedHosts(IConfiguration configuration, string baseUrl) =>
        configuration[AllowedHostsKey]?.Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries) is { Length: > 0 } configured
            ? configured : DefaultAllowedHosts(baseUrl);

    public static WebApplicationBuilder AddGuichetHosting(this WebApplicationBuilder builder)
    {
        builder.Services.AddOptions<GuichetOptions>().BindConfiguration(GuichetOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        builder.Services.AddSingleton(TimeProvider.System);

        // --urls, ASPNETCORE_URLS and Kestrel endpoints in configuration all win over the default.
        if (string.IsNullOrEmpty(builder.Configuration["urls"]) && string.IsNullOrEmpty(builder.Configuration["http_ports"])
            && !builder.Configuration.GetSection("Kestrel:Endpoints").Exists())
            builder.WebHost.UseUrls(DefaultUrl);

        builder.Services.AddOptions<HostFilteringOptions>().Configure<IConfiguration, IOptions<GuichetOptions>>((o, configuration, guichet) =>
            o.AllowedHosts = AllowedHosts(configuration, guichet.Value.BaseUrl));

        // Forwarded headers are believed only from proxies named in Guichet:KnownProxies; from
        // anyone else they would let a client pick its own address, scheme and host. With no
        // proxy named they are not read at all: empty lists would mean "believe everyone".
        // The host a proxy forwards must be one of the allowed hosts too: the host filter ran
        // on the proxy's own Host header, before this.
        builder.Services.AddOptions<ForwardedHeadersOptions>().Configure<IConfiguration, IOptions<GuichetOptions>>((o, configuration, guichet) =>
        {
            var proxies = configuration.GetSection("Guichet:KnownProxies").Get<string[]>() ?? [];
            o.ForwardedHeaders = proxies.Length == 0 ? ForwardedHeaders.None
                : ForwardedHeaders.XForwardedFor | ForwardedHeaders.XForwardedProto | ForwardedHeaders.XForwardedHost;
            o.KnownProxies.Clear();
            o.KnownIPNetworks.Clear();
            foreach (var proxy in proxies)
                o.KnownProxies.Add(IPAddress.Parse(proxy));
            o.AllowedHosts = AllowedHosts(configuration, guichet.Value.BaseUrl);
        });
        builder.Services.AddHsts(o => o.MaxAge = TimeSpan.FromDays(180));
        return builder;
    }

    /// <summary>
    /// A request whose body turned out too large or malformed fails where it is read (Kestrel's limit,
    /// a chunked form beyond it, the API's own limit): that is an answer to the client with its own
    /// status (413 on the person's error page or as a problem), not a crash to log as one.
    /// </summary>
    public static ExceptionHandlerOptions AnsweringBadRequests(this ExceptionHandlerOptions options)
    {
        options.StatusCodeSelector = e => e is BadHttpRequestException bad ? bad.StatusCode : StatusCodes.Status500InternalServerError;
        options.SuppressDiagnosticsCallback = c => c.Exception is BadHttpRequestException;
        return options;
    }

    public static WebApplication UseGuichetHosting(this WebApplication app)
    {
        app.UseForwardedHeaders();
        if (!app.Environment.IsDevelopment())
            app.UseExceptionHandler(new ExceptionHandlerOptions
            {
                ExceptionHandlingPath = "/error",
            }.AnsweringBadRequests());
        if (app.Configuration.GetValue<string>("Guichet:BaseUrl")?.StartsWith("https:", StringComparison.OrdinalIgnoreCase) == true)
            app.UseHsts();
        app.UseMiddleware<SecurityHeaders>();
        app.UseStatusCodePagesWithReExecute("/error", "?code={0}");
        return app;
    }
}
