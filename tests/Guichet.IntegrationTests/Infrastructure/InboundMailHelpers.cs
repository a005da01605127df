using System.Net.Http.Headers;
using System.Text;
using Guichet.Web.Data;
using Guichet.Web.Email.Inbound;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using MimeKit;

namespace Guichet.IntegrationTests.Infrastructure;

/// <summary>Mail coming in, through the same door as every channel (<see cref="InboundMail"/>), and what it became.</summary>
public static class InboundMailHelpers
{
    public const string Token = "inbound-test-token-0123456789";

    /// <summary>Settings that open the raw-MIME endpoint with <see cref="Token"/>.</summary>
    public static Dictionary<string, string?> EndpointSettings => new() { ["Guichet:InboundMail:Token"] = Token };

    public static Task<InboundMail.Received> ReceiveAsync(this GuichetApp app, MimeMessage message, string source = "test") =>
        app.ReceiveAsync(Raw(message), source);

    /// <summary>The message's bytes as a mail server would pass them on (not ToString: 8-bit parts must stay bytes).</summary>
    public static byte[] Raw(MimeMessage message)
    {
        using var stream = new MemoryStream();
        message.WriteTo(stream);
        return stream.ToArray();
    }

    public static Task<InboundMail.Received> ReceiveAsync(this GuichetApp app, byte[] raw, string source = "test") =>
        app.WithScopeAsync(async sp =>
        {
            using var stream = new MemoryStream(raw);
            return await sp.GetRequiredService<InboundMail>().ReceiveAsync(stream, InboundChannel.Import, source, null, CancellationToken.None);
        });

    public static async Task<HttpResponseMessage> PostRawAsync(this GuichetApp app, byte[] raw, string? token = Token)
    {
        using var client = app.NewClient();
        using var content = new ByteArrayContent(raw);
        content.Headers.ContentType = new MediaTypeHeaderValue("message/rfc822");
        using var request = new HttpRequestMessage(HttpMethod.Post, InboundMailEndpoint.Path) { Content = content };
        if (token is not null) request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        return await client.SendAsync(request);
    }

    public static Task<List<InboundMessage>> InboundMessagesAsync(this GuichetApp app) =>
        app.WithDbAsync(db => db.InboundMessages.AsNoTracking().OrderBy(m => m.ReceivedAt).ThenBy(m => m.Id).ToListAsync());

    /// <summary>A plain mail to support, as a person's mail client would write it.</summary>
    public static MimeMessage Mail(string from, string subject, string text, string? messageId = null, string? inReplyTo = null, params string[] cc)
    {
        var message = new MimeMessage { Subject = subject, MessageId = messageId ?? MimeKit.Utils.MimeUtils.GenerateMessageId("client.example") };
        message.From.Add(MailboxAddress.Parse(from));
        message.To.Add(MailboxAddress.Parse("support@guichet.test"));
        foreach (var address in cc) message.Cc.Add(MailboxAddress.Parse(address));
        if (inReplyTo is not null)
        {
            message.InReplyTo = inReplyTo;
            message.References.Add(inReplyTo);
        }
        message.Body = new TextPart("plain") { Text = text };
        return message;
    }
}
