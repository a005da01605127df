using MimeKit;

namespace Guichet.Web.Email.Outbound;

/// <summary>Where mail leaves Guichet. Throws <see cref="MailDeliveryException"/> when it could not deliver.</summary>
public interface IMailTransport
{
    /// <summary>For logs: "smtp mail.example.com:587", "pickup /srv/guichet/data/mail-out".</summary>
    string Name { get; }

    Task SendAsync(MimeMessage message, CancellationToken ct);
}
