using System.Security.Cryptography;
using System.Text;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.Options;

namespace Guichet.Web.Email.Inbound;

/// <summary>
/// <c>POST /mail/inbound</c>: a mail server hands over one raw message (Postfix's <c>pipe</c> through curl, a relay
/// that posts what it receives). The body is the message as it came (<c>message/rfc822</c>), the secret of
/// <see cref="InboundMailOptions.Token"/> in <c>Authorization: Bearer</c>. Answered once the message is stored and
/// processed: 200 with what it became, so a mail server that gets no answer keeps the message and tries again.
/// </summary>
public static class InboundMailEndpoint
{
    public const string Path = "/mail/inbound";

    public static void Map(WebApplication app) =>
        app.MapPost(Path, ReceiveAsync).DisableAntiforgery().ExcludeFromDescription();

    private static async Task<IResult> ReceiveAsync(HttpContext context, InboundMail inbound, IOptions<InboundMailOptions> options, CancellationToken ct)
    {
        var settings = options.Value;
        // No token configured: the door does not exist.
        if (string.IsNullOrEmpty(settings.Token)) return Results.NotFound();
        if (!Authorized(context.Request, settings.Token))
            return Results.Problem(statusCode: StatusCodes.Status401Unauthorized, title: "Unauthorized",
                detail: "Send the secret of Guichet:InboundMail:Token in the Authorization header: Bearer ...");
        if (context.Features.Get<IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } size)
            size.MaxRequestBodySize = settings.MaxMessageBytes;
        if (context.Request.ContentLength > settings.MaxMessageBytes)
            return Results.Problem(statusCode: StatusCodes.Status413PayloadTooLarge, title: "Message too large",
                detail: $"At most {settings.MaxMessageBytes} bytes (Guichet:InboundMail:MaxMessageBytes).");
        if (context.Request.ContentLength == 0)
            return Results.Problem(statusCode: StatusCodes.Status400BadRequest, title: "Empty message", detail: "The body must be the raw message.");

        InboundMail.Received received;
        try
        {
            received = await inbound.ReceiveAsync(context.Request.Body, InboundChannel.Http, "http", null, ct);
        }
        catch (BadHttpRequestException ex) when (ex.StatusCode == StatusCodes.Status413PayloadTooLarge)
        {
            return Results.Problem(statusCode: StatusCodes.Status413PayloadTooLarge, title: "Message too large",
                detail: $"At most {settings.MaxMessageBytes} bytes (Guichet:InboundMail:MaxMessageBytes).");
        }
        var m = received.Message;
        return Results.Ok(new
        {
            id = m.Id, state = m.State.ToString(), outcome = m.Outcome?.ToString(), dropReason = m.DropReason?.ToString(),
            ticketNumber = m.TicketNumber, duplicate = received.Duplicate,
        });
    }

    private static bool Authorized(HttpRequest request, string token)
    {
        var header = request.Headers.Authorization.ToString();
        if (!header.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase)) return false;
        var sent = Encoding.UTF8.GetBytes(header["Bearer ".Length..].Trim());
        return CryptographicOperations.FixedTimeEquals(sent, Encoding.UTF8.GetBytes(token));
    }
}
