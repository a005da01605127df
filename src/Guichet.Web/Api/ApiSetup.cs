using System.Text.Json;
using System.Text.Json.Serialization;
using Guichet.Web.Accounts;
using Guichet.Web.Hosting;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.RateLimiting;
using Scalar.AspNetCore;

namespace Guichet.Web.Api;

public static class ApiSetup
{
    public const string Prefix = "/api/v1";
    public const string ReferencePath = "/api/docs";
    public const string Policy = "Api";

    public static bool IsApi(PathString path) => path.StartsWithSegments(Prefix, StringComparison.OrdinalIgnoreCase);

    public static WebApplicationBuilder AddGuichetApi(this WebApplicationBuilder builder)
    {
        builder.Services.AddOptions<ApiOptions>().BindConfiguration(ApiOptions.Section);
        builder.Services.AddScoped<PersonalAccessTokens>();
        builder.Services.AddScoped<ApiCaller>();
        builder.Services.AddScoped<IdempotencyKeys>();
        builder.Services.AddScoped<TicketList>();
        builder.Services.AddScoped<TicketCreation>();
        builder.Services.AddSingleton<ApiProblems>();

        // Tokens only on /api/v1: there the session cookie is not read, the default scheme hands
        // over to the token, so a browser's cookie can never act through the API (no CSRF), and
        // request localization sees the token's user and answers in their language.
        builder.Services.AddAuthentication().AddScheme<AuthenticationSchemeOptions, TokenAuthentication>(TokenAuthentication.SchemeName, null);
        builder.Services.PostConfigure<CookieAuthenticationOptions>(IdentityConstants.ApplicationScheme, o =>
            o.ForwardDefaultSelector = context => IsApi(context.Request.Path) ? TokenAuthentication.SchemeName : null);
        builder.Services.AddAuthorizationBuilder()
            .AddPolicy(Policy, p => p.AddAuthenticationSchemes(TokenAuthentication.SchemeName).RequireAuthenticatedUser());

        builder.Services.AddProblemDetails();
        builder.Services.ConfigureHttpJsonOptions(o => o.SerializerOptions.Converters.Add(new JsonStringEnumConverter(JsonNamingPolicy.CamelCase)));
        builder.Services.Configure<RateLimiterOptions>(o =>
        {
            var other = o.OnRejected;
            o.OnRejected = async (context, ct) =>
            {
                if (IsApi(context.HttpContext.Request.Path))
                    await context.HttpContext.RequestServices.GetRequiredService<ApiProblems>().ForStatus(StatusCodes.Status429TooManyRequests, context.HttpContext.Request).ExecuteAsync(context.HttpContext);
                else if (other is not null)
                    await other(context, ct);
            };
        });
        builder.Services.AddOpenApi(ApiDocument.Name, ApiDocument.Configure);
        return builder;
    }

    public static WebApplication MapGuichetApi(this WebApplication app)
    {
        // What no endpoint answered (an unknown address, a binding failure, an exception) is still
        // ProblemDetails on /api/v1: the app-wide handlers re-execute the HTML error page.
        app.UseWhen(context => IsApi(context.Request.Path), api =>
        {
            api.UseExceptionHandler(new ExceptionHandlerOptions
            {
                ExceptionHandler = context => Problems(context).ForStatus(context.Response.StatusCode, context.Request).ExecuteAsync(context),
            }.AnsweringBadRequests());
            api.UseStatusCodePages(context => Problems(context.HttpContext).ForStatus(context.HttpContext.Response.StatusCode, context.HttpContext.Request).ExecuteAsync(context.HttpContext));
            api.UseMiddleware<ApiRequestLimits>();
        });

        var v1 = app.MapGroup(Prefix).DisableAntiforgery();
        var withToken = v1.MapGroup("").RequireAuthorization(Policy).AddOpenApiOperationTransformer(ApiDocument.RequireToken)
            .ProducesProblem(StatusCodes.Status401Unauthorized);
        AuthEndpoints.Map(v1, withToken);
        MeEndpoints.Map(withToken);
        TicketEndpoints.Map(withToken);
        CatalogEndpoints.Map(withToken);
        QueueEndpoints.Map(withToken);
        TimeEndpoints.Map(withToken);
        BulkEndpoints.Map(withToken);
        MergeEndpoints.Map(withToken);
        RelationEndpoints.Map(withToken);
        ParticipantEndpoints.Map(withToken);
        SplitEndpoints.Map(withToken);
        OrganizationEndpoints.Map(withToken);
        NotificationEndpoints.Map(withToken);
        AgentSettingsEndpoints.Map(withToken);
        MacroEndpoints.Map(withToken);
        SavedViewEndpoints.Map(withToken);
        TeamEndpoints.Map(withToken);
        JournalEndpoints.Map(withToken);
        KbEndpoints.Map(withToken);

        app.MapOpenApi();
        app.MapScalarApiReference(ReferencePath, o => o
            .WithTitle("Guichet API")
            .AddDocument(ApiDocument.Name)
            .AddPreferredSecuritySchemes(TokenAuthentication.SchemeName)
            // Everything from this server: no CDN fonts, no telemetry, no AI agent.
            .DisableDefaultFonts()
            .DisableTelemetry()
            .DisableAgent()
            .DisableMcp());
        return app;
    }

    private static ApiProblems Problems(HttpContext context) => context.RequestServices.GetRequiredService<ApiProblems>();
}
