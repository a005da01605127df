using System.Net.Sockets;
using MailKit;
using MailKit.Net.Smtp;
using MailKit.Security;
using Microsoft.Extensions.Options;
using MimeKit;

namespace Guichet.Web.Email.Outbound;

/// <summary>
/// Sends through an SMTP server with MailKit, one connection per mail. The server's certificate
/// is checked (MailKit's default validation, revocation included): there is no switch to turn
/// that off, only <see cref="SmtpSecurity.None"/> for a relay that speaks no TLS at all.
/// </summary>
public sealed class SmtpMailTransport(IOptions<SmtpOptions> options, ILogger<SmtpMailTransport> logger) : IMailTransport
{
    private SmtpOptions Smtp => options.Value;

    public string Name => $"smtp {Smtp.Host}:{Smtp.Port}";

    public async Task SendAsync(MimeMessage message, CancellationToken ct)
    {
        using var client = new SmtpClient { Timeout = (int)Smtp.Timeout.TotalMilliseconds };
        try
        {
            await client.ConnectAsync(Smtp.Host, Smtp.Port, ToMailKit(Smtp.Security), ct);
            if (!string.IsNullOrEmpty(Smtp.UserName))
                await client.AuthenticateAsync(Smtp.UserName, Smtp.Password, ct);
            await client.SendAsync(message, ct);
        }
        catch (SmtpCommandException ex) when ((int)ex.StatusCode >= 500)
        {
            throw new MailDeliveryException($"SMTP {(int)ex.StatusCode}: {ex.Message}", permanent: true, ex)
            {
                AddressRefused = ex.ErrorCode == SmtpErrorCode.RecipientNotAccepted,
            };
        }
        catch (SmtpCommandException ex)
        {
            throw new MailDeliveryException($"SMTP {(int)ex.StatusCode}: {ex.Message}", permanent: false, ex);
        }
        catch (Exception ex) when (IsTransient(ex) && !ct.IsCancellationRequested)
        {
            // Server down or unreachable, connection cut, a timeout, or a configuration problem
            // (credentials, certificate, no STARTTLS) that an administrator can still fix.
            throw new MailDeliveryException($"{ex.GetType().Name}: {ex.Message}", permanent: false, ex);
        }

        // The server has accepted the mail: a failure to say goodbye must not make it look unsent.
        try
        {
            await client.DisconnectAsync(quit: true, ct);
        }
        catch (Exception ex) when (IsTransient(ex))
        {
            logger.LogDebug(ex, "QUIT after mail {MessageId} failed; the mail was accepted", message.MessageId);
        }
    }

    private static bool IsTransient(Exception ex) => ex is
        SmtpProtocolException or IOException or SocketException or TimeoutException
        or ServiceNotConnectedException or ServiceNotAuthenticatedException or AuthenticationException
        // An untrusted or expired certificate: refused, but an administrator can fix it.
        or SslHandshakeException
        // MailKit's answer when StartTls is required and the server does not offer STARTTLS.
        or NotSupportedException;

    private static SecureSocketOptions ToMailKit(SmtpSecurity security) => security switch
    {
        SmtpSecurity.SslOnConnect => SecureSocketOptions.SslOnConnect,
        SmtpSecurity.StartTls => SecureSocketOptions.StartTls,
        SmtpSecurity.Auto => SecureSocketOptions.Auto,
        SmtpSecurity.None => SecureSocketOptions.None,
        _ => throw new ArgumentOutOfRangeException(nameof(security), security, null),
    };
}
