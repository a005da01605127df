using System.Net.Http.Headers;
using System.Text.Json;

namespace Guichet.IntegrationTests.Api;

/// <summary>
/// The OpenAPI document as the tests read it: its operations, their answers, and a small check of a
/// JSON value against a schema (required members present, null only where the schema allows it,
/// types and enumerations), enough to hold the document to what the API writes.
/// </summary>
public sealed class OpenApi(JsonElement document)
{
    public const string ProblemJson = "application/problem+json";

    public JsonElement Document { get; } = document;

    public sealed record Operation(string Method, string Path, JsonElement Element)
    {
        public string Key => $"{Method} {Path}";

        public IEnumerable<(int Status, JsonElement Response)> Responses =>
            Element.GetProperty("responses").EnumerateObject().Select(r => (int.Parse(r.Name), r.Value));

        public JsonElement? Body(string mediaType) =>
            Element.TryGetProperty("requestBody", out var body) && body.GetProperty("content").TryGetProperty(mediaType, out var content)
                ? content.GetProperty("schema") : null;

        /// <summary>The JSON the operation takes: its application/json body, or the multipart part encoded as application/json.</summary>
        public JsonElement? JsonBody(OpenApi document)
        {
            if (Body("application/json") is { } json) return json;
            if (Body("multipart/form-data") is not { } form) return null;
            var encoding = Element.GetProperty("requestBody").GetProperty("content").GetProperty("multipart/form-data").TryGetProperty("encoding", out var e) ? e : default;
            return Properties(document.Resolve(form))
                .Where(p => encoding.ValueKind == JsonValueKind.Object && encoding.TryGetProperty(p.Name, out var part)
                    && part.GetProperty("contentType").GetString() == "application/json")
                .Select(p => (JsonElement?)p.Value).SingleOrDefault();
        }
    }

    public IEnumerable<Operation> Operations =>
        Document.GetProperty("paths").EnumerateObject().SelectMany(path => path.Value.EnumerateObject()
            .Select(op => new Operation(op.Name.ToUpperInvariant(), path.Name, op.Value)));

    public JsonElement Resolve(JsonElement schema) =>
        schema.TryGetProperty("$ref", out var reference)
            ? Resolve(Document.GetProperty("components").GetProperty("schemas").GetProperty(reference.GetString()!.Split('/')[^1]))
            : schema;

    public static IReadOnlyList<string> Required(JsonElement schema) =>
        schema.TryGetProperty("required", out var required) ? required.EnumerateArray().Select(r => r.GetString()!).ToList() : [];

    public static IEnumerable<JsonProperty> Properties(JsonElement schema) =>
        schema.TryGetProperty("properties", out var properties) ? properties.EnumerateObject() : [];

    /// <summary>Whether null is a valid value: a "null" type, a null branch of oneOf, or no constraint at all.</summary>
    public bool IsNullable(JsonElement schema)
    {
        if (schema.TryGetProperty("oneOf", out var oneOf)) return oneOf.EnumerateArray().Any(IsNullable);
        schema = Resolve(schema);
        if (schema.TryGetProperty("type", out var type))
            return type.ValueKind == JsonValueKind.Array ? type.EnumerateArray().Any(t => t.GetString() == "null") : type.GetString() == "null";
        return !schema.TryGetProperty("enum", out _) && !schema.TryGetProperty("properties", out _);
    }

    /// <summary>Whether a response's content type is one the document lists (with its wildcards).</summary>
    public static bool Matches(MediaTypeHeaderValue? actual, IEnumerable<string> documented) =>
        actual?.MediaType is { } type && documented.Any(d => d == "*/*" || d == type || (d.EndsWith("/*") && type.StartsWith(d[..^1], StringComparison.Ordinal)));

    /// <summary>What in <paramref name="value"/> the schema does not allow, each with its JSON path; empty when it conforms.</summary>
    public List<string> Check(JsonElement value, JsonElement schema, string path = "$")
    {
        var errors = new List<string>();
        if (schema.TryGetProperty("oneOf", out var oneOf))
        {
            if (!oneOf.EnumerateArray().Any(branch => Check(value, branch, path).Count == 0)) errors.Add($"{path}: matches none of oneOf");
            return errors;
        }
        schema = Resolve(schema);
        if (value.ValueKind == JsonValueKind.Null)
        {
            if (!IsNullable(schema)) errors.Add($"{path}: null where the document says it is never null");
            return errors;
        }
        if (schema.TryGetProperty("type", out var type))
        {
            var types = type.ValueKind == JsonValueKind.Array ? type.EnumerateArray().Select(t => t.GetString()!).ToList() : [type.GetString()!];
            if (!types.Any(t => IsOfType(value, t))) errors.Add($"{path}: {value.ValueKind} where the document says {string.Join(" or ", types)}");
        }
        if (schema.TryGetProperty("enum", out var values) && !values.EnumerateArray().Any(v => v.ToString() == value.ToString()))
            errors.Add($"{path}: {value} is not one of {values}");
        if (value.ValueKind == JsonValueKind.Object)
        {
            foreach (var name in Required(schema).Where(name => !value.TryGetProperty(name, out _)))
                errors.Add($"{path}.{name}: missing, the document says it is always there");
            foreach (var property in Properties(schema))
                if (value.TryGetProperty(property.Name, out var member)) errors.AddRange(Check(member, property.Value, $"{path}.{property.Name}"));
            if (schema.TryGetProperty("additionalProperties", out var additional) && additional.ValueKind == JsonValueKind.Object)
                foreach (var member in value.EnumerateObject()) errors.AddRange(Check(member.Value, additional, $"{path}.{member.Name}"));
        }
        if (value.ValueKind == JsonValueKind.Array && schema.TryGetProperty("items", out var items))
            errors.AddRange(value.EnumerateArray().SelectMany((item, i) => Check(item, items, $"{path}[{i}]")));
        return errors;
    }

    private static bool IsOfType(JsonElement value, string type) => type switch
    {
        "null" => value.ValueKind == JsonValueKind.Null,
        "string" => value.ValueKind == JsonValueKind.String,
        "boolean" => value.ValueKind is JsonValueKind.True or JsonValueKind.False,
        "integer" => value.ValueKind == JsonValueKind.Number && value.TryGetInt64(out _),
        "number" => value.ValueKind == JsonValueKind.Number,
        "array" => value.ValueKind == JsonValueKind.Array,
        "object" => value.ValueKind == JsonValueKind.Object,
        _ => false,
    };
}
