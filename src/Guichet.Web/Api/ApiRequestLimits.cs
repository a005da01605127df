using Guichet.Web.Attachments;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.Options;

namespace Guichet.Web.Api;

/// <summary>
/// How much an /api/v1 request may send: with files (multipart), what a message may carry
/// (<see cref="AttachmentOptions.MaxRequestBytes"/>); otherwise its JSON (<see cref="AttachmentOptions.MaxTextBytes"/>).
/// A body declared larger is answered 413 before a byte of it is read. A body of unknown length
/// (chunked) is read up to the limit, then its read fails with a 413 that the API's exception handler
/// answers the same way (<see cref="ApiSetup.MapGuichetApi"/>).
/// </summary>
internal sealed class ApiRequestLimits(RequestDelegate next, IOptions<AttachmentOptions> options, ApiProblems problems)
{
    public static bool IsMultipart(HttpRequest request) =>
        request.ContentType?.StartsWith("multipart/", StringComparison.OrdinalIgnoreCase) == true;

    public async Task InvokeAsync(HttpContext context)
    {
        var request = context.Request;
        var limits = options.Value;
        var limit = IsMultipart(request) ? limits.MaxRequestBytes : AttachmentOptions.MaxTextBytes;
        // The limit is kept here rather than by Kestrel, which would cut the connection as soon as it saw too
        // much, before or after the answer. Once the 413 is sent, Kestrel reads what is left of the body (up to
        // this size and for 5 seconds, then it hangs up), so that a client still sending gets the answer
        // rather than a broken connection; nothing of it is kept.
        if (context.Features.Get<IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } size)
            size.MaxRequestBodySize = Math.Max(limit, limits.MaxOversizeRequestBytes);
        if (request.ContentLength > limit)
        {
            await problems.TooLarge(IsMultipart(request)).ExecuteAsync(context);
            return;
        }
        request.Body = new LimitedRequestBody(request.Body, limit);
        await next(context);
    }
}
