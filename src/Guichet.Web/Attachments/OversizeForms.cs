using System.Text;
using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.Extensions.Options;
using Microsoft.Net.Http.Headers;

namespace Guichet.Web.Attachments;

/// <summary>
/// A form whose files together pass the request limit (<see cref="AttachmentOptions.MaxRequestBytes"/>)
/// would be cut off with a bare 413, and all that was typed lost. Such a form, up to
/// <see cref="AttachmentOptions.MaxOversizeRequestBytes"/>, is read here instead: its fields are
/// kept, its files are read through without being stored, and the page receives the form without
/// them plus one <see cref="DroppedField"/> per file ("length:name"), which it shows as errors next
/// to the file field (<see cref="AttachmentUploads.Refuse"/>). A form beyond that gets the 413 page unread.
/// The API has its own limits (Api/ApiRequestLimits).
/// </summary>
internal sealed class OversizeForms(RequestDelegate next, IOptions<AttachmentOptions> options, ILogger<OversizeForms> log)
{
    public const string DroppedField = "Attachments.Dropped";

    public async Task InvokeAsync(HttpContext context)
    {
        var request = context.Request;
        var limits = options.Value;
        // Posted page forms only: the API answers its own limits (Api/ApiRequestLimits).
        if (!HttpMethods.IsPost(request.Method) || request.Path.StartsWithSegments("/api"))
        {
            await next(context);
            return;
        }
        if (request.ContentLength > limits.MaxOversizeRequestBytes && context.Features.Get<IStatusCodeReExecuteFeature>() is null)
        {
            // Too much to read through: the 413 page (status code pages) without reading a byte. Kestrel then
            // reads what is left for 5 seconds before it hangs up, so that a browser still sending sees the page
            // rather than a broken connection; its own limit would have it hang up at once.
            if (context.Features.Get<IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } unread) unread.MaxRequestBodySize = request.ContentLength;
            log.LogInformation("Form of {Length} bytes to {Path} refused unread: over the {Limit}-byte limit", request.ContentLength, request.Path, limits.MaxOversizeRequestBytes);
            context.Response.StatusCode = StatusCodes.Status413PayloadTooLarge;
            return;
        }
        if (request.ContentLength is not { } length
            || length <= limits.MaxRequestBytes || length > limits.MaxOversizeRequestBytes
            || !MediaTypeHeaderValue.TryParse(request.ContentType, out var type)
            || !string.Equals(type.MediaType.Value, "multipart/form-data", StringComparison.OrdinalIgnoreCase)
            || HeaderUtilities.RemoveQuotes(type.Boundary).Value is not { Length: > 0 } boundary)
        {
            await next(context);
            return;
        }

        if (context.Features.Get<IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } size) size.MaxRequestBodySize = length;
        var ct = context.RequestAborted;
        var fields = new List<KeyValuePair<string, string>>();
        var dropped = new List<(string Name, long Length)>();
        long textBytes = 0;
        var reader = new MultipartReader(boundary, request.Body);
        while (await reader.ReadNextSectionAsync(ct) is { } section)
        {
            if (!ContentDispositionHeaderValue.TryParse(section.ContentDisposition, out var disposition) || (!disposition.IsFormDisposition() && !disposition.IsFileDisposition()))
            {
                await DrainAsync(section.Body, ct);
                continue;
            }
            if (disposition.IsFileDisposition())
            {
                var fileName = HeaderUtilities.RemoveQuotes(disposition.FileNameStar.HasValue ? disposition.FileNameStar : disposition.FileName).Value ?? "";
                var read = await DrainAsync(section.Body, ct);
                // A file field left empty still sends a part, without a name.
                if (fileName.Length > 0) dropped.Add((fileName, read));
                continue;
            }
            using var text = new MemoryStream();
            await section.Body.CopyToAsync(text, ct);
            textBytes += text.Length;
            if (textBytes > AttachmentOptions.MaxTextBytes)
            {
                context.Response.StatusCode = StatusCodes.Status413PayloadTooLarge;
                return;
            }
            fields.Add(new(HeaderUtilities.RemoveQuotes(disposition.Name).Value ?? "", Encoding.UTF8.GetString(text.ToArray())));
        }
        fields.AddRange(dropped.Select(d => new KeyValuePair<string, string>(DroppedField, $"{d.Length}:{d.Name}")));
        log.LogInformation("Form of {Length} bytes to {Path} over the {Limit}-byte limit: {Count} file(s) dropped, fields kept",
            length, request.Path, limits.MaxRequestBytes, dropped.Count);

        var body = Encoding.UTF8.GetBytes(string.Join('&', fields.Select(f => $"{Uri.EscapeDataString(f.Key)}={Uri.EscapeDataString(f.Value)}")));
        request.Body = new MemoryStream(body);
        request.ContentType = "application/x-www-form-urlencoded";
        request.ContentLength = body.Length;
        await next(context);
    }

    /// <summary>Reads a file part to its end without keeping it; returns its length.</summary>
    private static async Task<long> DrainAsync(Stream body, CancellationToken ct)
    {
        var buffer = new byte[81920];
        long total = 0;
        int read;
        while ((read = await body.ReadAsync(buffer, ct)) > 0) total += read;
        return total;
    }
}
