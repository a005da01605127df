using System.Net.Security;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace Guichet.Web.Email.Inbound;

/// <summary>
/// The IMAP server certificates Guichet accepts: those the system trusts (a chain to a trusted root, for the server's
/// name, within their dates), and those an admin trusts by their SHA-256 fingerprint
/// (<c>Guichet:InboundMail:TrustedCertificates</c>), for a self-signed or internal server without turning validation off.
/// </summary>
/// <remarks>
/// A fingerprint names that one certificate, so it is accepted whatever its chain, name or dates say (as a pinned
/// certificate is); a new certificate on the server is refused until its fingerprint is added.
/// </remarks>
public sealed class ServerCertificates(IEnumerable<string> fingerprints)
{
    private readonly HashSet<string> trusted = fingerprints.Select(Normalize).OfType<string>().ToHashSet(StringComparer.Ordinal);

    public bool Accepts(X509Certificate? certificate, SslPolicyErrors errors) =>
        errors == SslPolicyErrors.None || (certificate is not null && trusted.Contains(Normalize(Fingerprint(certificate))!));

    /// <summary>The SHA-256 fingerprint as <c>openssl x509 -noout -fingerprint -sha256</c> prints it: <c>AB:CD:…</c>.</summary>
    public static string Fingerprint(X509Certificate certificate) =>
        string.Join(':', Convert.ToHexString(certificate.GetCertHash(HashAlgorithmName.SHA256)).Chunk(2).Select(pair => new string(pair)));

    /// <summary>
    /// 64 hexadecimal digits in upper case, from a fingerprint written with or without colons or spaces, or copied whole
    /// from openssl ("sha256 Fingerprint=AB:CD:…"); null for anything else.
    /// </summary>
    public static string? Normalize(string? fingerprint)
    {
        if (fingerprint is null) return null;
        var value = fingerprint[(fingerprint.IndexOf('=') + 1)..];
        var hex = string.Concat(value.Where(c => c is not (':' or ' '))).Trim().ToUpperInvariant();
        return hex.Length == 64 && hex.All(char.IsAsciiHexDigit) ? hex : null;
    }
}
