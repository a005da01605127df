using System.Text.Json;
using Microsoft.AspNetCore.Http.Json;

namespace Guichet.Web.Api;

/// <summary>
/// A JSON body read by the endpoint rather than bound, so that a body that is not JSON of the expected shape gets the
/// API's own 400 (<see cref="ApiProblems.MalformedJson"/>, in the caller's language) instead of the framework's.
/// </summary>
internal static class ApiJson
{
    /// <summary>Null when the body is not JSON of <typeparamref name="T"/>'s shape.</summary>
    public static async Task<T?> ReadAsync<T>(HttpRequest request, JsonOptions options, CancellationToken ct) where T : class
    {
        try { return await JsonSerializer.DeserializeAsync<T>(request.Body, options.SerializerOptions, ct); }
        catch (JsonException) { return null; }
    }
}
