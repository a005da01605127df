using Microsoft.AspNetCore.OpenApi;
using Microsoft.OpenApi;

namespace Guichet.Web.Api;

/// <summary>The OpenAPI document at /openapi/v1.json: the /api/v1 endpoints and their bearer token.</summary>
internal static class ApiDocument
{
    public const string Name = "v1";

    public static void Configure(OpenApiOptions options) => options.AddDocumentTransformer((document, _, _) =>
    {
        document.Info = new OpenApiInfo
        {
            Title = "Guichet API",
            Version = Name,
            Description = "The help desk's REST API. Authenticate with a personal access token: `Authorization: Bearer gch_...`. See docs/api.md.",
        };
        // Other minimal endpoints of the app (the language picker's POST) are not part of the API.
        foreach (var path in document.Paths.Keys.Where(p => !p.StartsWith(ApiSetup.Prefix + "/", StringComparison.Ordinal)).ToList())
            document.Paths.Remove(path);
        document.Components ??= new OpenApiComponents();
        document.Components.SecuritySchemes ??= new Dictionary<string, IOpenApiSecurityScheme>();
        document.Components.SecuritySchemes[TokenAuthentication.SchemeName] = new OpenApiSecurityScheme
        {
            Type = SecuritySchemeType.Http,
            Scheme = "bearer",
            Description = "A personal access token (gch_...) from POST /api/v1/auth/token or the profile's Access tokens page.",
        };
        return Task.CompletedTask;
    });

    /// <summary>Marks an operation as needing the token; the endpoint group that requires it applies this.</summary>
    public static Task RequireToken(OpenApiOperation operation, OpenApiOperationTransformerContext context, CancellationToken ct)
    {
        operation.Security ??= [];
        operation.Security.Add(new OpenApiSecurityRequirement { [new OpenApiSecuritySchemeReference(TokenAuthentication.SchemeName, context.Document)] = [] });
        return Task.CompletedTask;
    }
}
