namespace Guichet.Web.Email.Inbound;

/// <summary>What went wrong talking to an IMAP server, in words an administrator can act on (the UI localizes each kind).</summary>
public enum ImapProblemKind
{
    /// <summary>No connection: wrong host or port, server down, firewall, no answer in time, or the connection was lost.</summary>
    Unreachable,

    /// <summary>The TLS handshake failed (wrong port for the chosen security, no common protocol) or STARTTLS is not offered.</summary>
    Tls,

    /// <summary>The server refused the user name and password.</summary>
    Authentication,

    /// <summary>The folder to fetch from does not exist.</summary>
    FolderMissing,

    /// <summary>The folder to move imported messages to does not exist.</summary>
    MoveFolderMissing,

    /// <summary>Anything else the server said; see the detail.</summary>
    Other,

    /// <summary>
    /// The server's certificate is neither trusted by the system nor named in Guichet:InboundMail:TrustedCertificates
    /// (self-signed, an internal authority, expired, for another name); the problem names its fingerprint.
    /// </summary>
    CertificateNotTrusted,

    /// <summary>The stored password cannot be decrypted (the Data Protection keys were lost or changed): the admin types it again.</summary>
    PasswordUnreadable,
}
