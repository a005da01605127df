using System.ComponentModel.DataAnnotations;

namespace Guichet.Web.Email.Outbound;

/// <summary>
/// Configuration section Guichet:Smtp. Without a <see cref="Host"/> no mail leaves the machine:
/// it is written to the pickup folder instead, so that a first run needs no configuration.
/// </summary>
public sealed class SmtpOptions
{
    public const string Section = "Guichet:Smtp";

    /// <summary>Empty means "not configured": mail goes to <c>{DataDirectory}/mail-out</c>.</summary>
    public string Host { get; set; } = "";

    [Range(1, 65535)]
    public int Port { get; set; } = 587;

    public SmtpSecurity Security { get; set; } = SmtpSecurity.StartTls;

    /// <summary>Empty means no authentication.</summary>
    public string UserName { get; set; } = "";

    public string Password { get; set; } = "";

    /// <summary>Empty means <c>support@</c> followed by the host of Guichet:BaseUrl.</summary>
    public string FromAddress { get; set; } = "";

    /// <summary>Empty means the product name (Guichet:Name).</summary>
    public string FromName { get; set; } = "";

    /// <summary>For each SMTP operation (connect, each command), not for the whole mail.</summary>
    public TimeSpan Timeout { get; set; } = TimeSpan.FromSeconds(60);

    public bool IsConfigured => !string.IsNullOrWhiteSpace(Host);
}

public enum SmtpSecurity
{
    /// <summary>TLS required from the start (usually port 465).</summary>
    SslOnConnect,

    /// <summary>TLS required through STARTTLS (usually port 587); the send fails if the server does not offer it.</summary>
    StartTls,

    /// <summary>SSL on port 465, otherwise STARTTLS when offered and plain text when not: it allows a downgrade.</summary>
    Auto,

    /// <summary>Plain text: only for a relay on the same machine or a test server.</summary>
    None,
}
