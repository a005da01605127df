namespace Guichet.Web.Email.Inbound;

/// <summary>How the connection to an IMAP server is protected.</summary>
public enum ImapSecurity
{
    /// <summary>Plain text, for a server on the same machine or a trusted network only.</summary>
    None = 0,

    /// <summary>Plain connection upgraded with STARTTLS (usually port 143); refused when the server does not offer it.</summary>
    StartTls = 1,

    /// <summary>TLS from the first byte (usually port 993).</summary>
    Tls = 2,
}
