using System.Text.Json.Serialization.Metadata;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.OpenApi;
using Microsoft.OpenApi;

namespace Guichet.Web.Api;

/// <summary>
/// The OpenAPI document at /openapi/v1.json: the /api/v1 endpoints, their bearer token, and the
/// document made to say what the endpoints do (tests/.../OpenApiDocumentTests hold it to that).
/// Two declared rules shape every schema: a member of an input is required unless it has a default
/// value in its record, and it may be null unless it is marked <see cref="NonNullAttribute"/>;
/// a view writes every member, null ones as null.
/// </summary>
internal static class ApiDocument
{
    public const string Name = "v1";
    public const string ProblemJson = "application/problem+json";

    public static void Configure(OpenApiOptions options)
    {
        options.AddSchemaTransformer(Schema);
        options.AddSchemaTransformer(TicketPatch.DescribeStatus);
        options.AddDocumentTransformer(Document);
    }

    private static Task Schema(OpenApiSchema schema, OpenApiSchemaTransformerContext context, CancellationToken ct)
    {
        // The web JSON defaults also read numbers written as strings; clients write numbers, and the
        // API always does. "integer or string" would make generated clients use an untyped value.
        if (schema.Type is { } type && (type & (JsonSchemaType.Integer | JsonSchemaType.Number)) != 0 && type.HasFlag(JsonSchemaType.String))
        {
            schema.Type = type & ~JsonSchemaType.String;
            schema.Pattern = null;
        }
        // An enumeration is a string; a nullable use of it says null where it is used, not in the list.
        if (schema.Enum is { Count: > 0 } values && (Nullable.GetUnderlyingType(context.JsonTypeInfo.Type) ?? context.JsonTypeInfo.Type).IsEnum)
        {
            schema.Type = JsonSchemaType.String | (schema.Type ?? 0) & JsonSchemaType.Null;
            foreach (var value in values.Where(v => v is null).ToList()) values.Remove(value);
        }
        // An object member holds any JSON value (a custom field's value), null included: "{}" alone reads
        // as "never null" to generators that check required members.
        if (context.JsonTypeInfo.Type == typeof(object) && schema.Type is null)
            schema.Type = JsonSchemaType.String | JsonSchemaType.Number | JsonSchemaType.Boolean | JsonSchemaType.Array | JsonSchemaType.Object | JsonSchemaType.Null;
        if (context.JsonPropertyInfo is null && context.JsonTypeInfo.Kind == JsonTypeInfoKind.Object)
            foreach (var property in context.JsonTypeInfo.Properties)
                if (property.AttributeProvider?.IsDefined(typeof(NonNullAttribute), inherit: true) is true
                    && schema.Properties?.TryGetValue(property.Name, out var found) is true && found is OpenApiSchema member)
                {
                    if (member.Type is { } nullable) member.Type = nullable & ~JsonSchemaType.Null;
                    // A Nullable<T> member of a component type (an enumeration) is wrapped in "oneOf: [null, $ref]"
                    // after the transformers, where the generator reads this mark.
                    member.Metadata?.Remove("x-is-nullable-property");
                    member.Enum?.Where(v => v is null).ToList().ForEach(v => member.Enum.Remove(v));
                }
        // Every problem this API writes has a title and a status (see ApiProblems).
        if (typeof(ProblemDetails).IsAssignableFrom(context.JsonTypeInfo.Type) && context.JsonPropertyInfo is null && schema.Properties is { } problem)
        {
            schema.Required = new HashSet<string> { "title", "status" };
            foreach (var name in schema.Required)
                if (problem.TryGetValue(name, out var member) && member is OpenApiSchema { Type: { } t } always) always.Type = t & ~JsonSchemaType.Null;
        }
        return Task.CompletedTask;
    }

    private static Task Document(OpenApiDocument document, OpenApiDocumentTransformerContext context, CancellationToken ct)
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
        // Generated clients name their methods after operation ids; an endpoint without a name gets one from its address.
        foreach (var (path, item) in document.Paths)
            foreach (var (method, operation) in item.Operations ?? [])
                operation.OperationId ??= method.Method.ToLowerInvariant() + string.Concat(path[ApiSetup.Prefix.Length..]
                    .Split(['/', '-', '{', '}'], StringSplitOptions.RemoveEmptyEntries).Select(w => char.ToUpperInvariant(w[0]) + w[1..]));
        foreach (var created in document.Paths.Values.SelectMany(p => p.Operations?.Values.AsEnumerable() ?? []).Select(o => o.Responses?.GetValueOrDefault("201")).OfType<OpenApiResponse>())
        {
            created.Headers ??= new Dictionary<string, IOpenApiHeader>();
            created.Headers["Location"] = new OpenApiHeader
            {
                Description = "The address of what was made.",
                Required = true,
                Schema = new OpenApiSchema { Type = JsonSchemaType.String },
            };
        }
        document.Components ??= new OpenApiComponents();
        document.Components.SecuritySchemes ??= new Dictionary<string, IOpenApiSecurityScheme>();
        document.Components.SecuritySchemes[TokenAuthentication.SchemeName] = new OpenApiSecurityScheme
        {
            Type = SecuritySchemeType.Http,
            Scheme = "bearer",
            Description = "A personal access token (gch_...) from POST /api/v1/auth/token or the profile's Access tokens page.",
        };
        return Task.CompletedTask;
    }

    /// <summary>
    /// A body that is JSON, or multipart/form-data with the same JSON in one part and the files in
    /// parts named "files" (what TicketEndpoints reads). Generators build the multipart call from this.
    /// </summary>
    public static Func<OpenApiOperation, OpenApiOperationTransformerContext, CancellationToken, Task> JsonWithFiles(string part) => (operation, context, ct) =>
    {
        if (operation.RequestBody is not OpenApiRequestBody { Content: { } content } body || !content.TryGetValue("application/json", out var json))
            return Task.CompletedTask;
        // Multipart alone in the document: generators make one method per operation, and given JSON
        // beside it, NSwag (for one) sends JSON and drops the files. Multipart carries all that JSON does,
        // with or without files; the JSON alone is still accepted, as the description says.
        var multipart = new OpenApiMediaType
        {
            Schema = new OpenApiSchema
            {
                Type = JsonSchemaType.Object,
                Required = new HashSet<string> { part },
                Properties = new Dictionary<string, IOpenApiSchema>
                {
                    [part] = json.Schema!,
                    ["files"] = new OpenApiSchema
                    {
                        Type = JsonSchemaType.Array,
                        Items = new OpenApiSchema { Type = JsonSchemaType.String, Format = "binary" },
                        Description = "One part per file; limits in docs/attachments.md.",
                    },
                },
            },
            Encoding = new Dictionary<string, OpenApiEncoding> { [part] = new() { ContentType = "application/json" } },
        };
        body.Content = new Dictionary<string, OpenApiMediaType> { ["multipart/form-data"] = multipart };
        operation.Description = $"Send multipart/form-data: the JSON in a '{part}' part, each file in a 'files' part. " +
            $"Without files, the JSON alone as application/json is accepted too.";
        return Task.CompletedTask;
    };

    /// <summary>A 200 whose body is a file, sent with its own content type (routing metadata takes no wildcard).</summary>
    public static Task AnyFile(OpenApiOperation operation, OpenApiOperationTransformerContext context, CancellationToken ct)
    {
        operation.Responses ??= [];
        operation.Responses["200"] = new OpenApiResponse
        {
            Description = "The file, with its own content type (types a browser would run go out as application/octet-stream).",
            Content = new Dictionary<string, OpenApiMediaType>
            {
                ["*/*"] = new() { Schema = new OpenApiSchema { Type = JsonSchemaType.String, Format = "binary" } },
            },
        };
        return Task.CompletedTask;
    }

    /// <summary>
    /// Describes an operation's query parameters by name. An operation transformer: [Description] on a handler's
    /// parameters is not carried into the document (dotnet/aspnetcore#65348).
    /// </summary>
    public static Func<OpenApiOperation, OpenApiOperationTransformerContext, CancellationToken, Task> DescribeParameters(
        IReadOnlyDictionary<string, string> descriptions) => (operation, context, ct) =>
    {
        foreach (var parameter in operation.Parameters ?? [])
            if (parameter is OpenApiParameter p && p.Name is { } name && descriptions.TryGetValue(name, out var description))
                p.Description = description;
        return Task.CompletedTask;
    };

    /// <summary>Marks an operation as needing the token; the endpoint group that requires it applies this.</summary>
    public static Task RequireToken(OpenApiOperation operation, OpenApiOperationTransformerContext context, CancellationToken ct)
    {
        operation.Security ??= [];
        operation.Security.Add(new OpenApiSecurityRequirement { [new OpenApiSecuritySchemeReference(TokenAuthentication.SchemeName, context.Document)] = [] });
        return Task.CompletedTask;
    }
}
