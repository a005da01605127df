using System.Net.Security;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using Guichet.Web.Email.Inbound;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace Guichet.Tests.Email;

public sealed class ServerCertificatesTests
{
    private static X509Certificate2 SelfSigned(string name)
    {
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var request = new CertificateRequest($"CN={name}", key, HashAlgorithmName.SHA256);
        var now = TimeProvider.System.GetUtcNow();
        return request.CreateSelfSigned(now.AddDays(-1), now.AddDays(1));
    }

    [Fact]
    public void A_certificate_is_accepted_when_the_system_trusts_it_or_when_its_fingerprint_is_trusted_however_it_is_written()
    {
        using var pinned = SelfSigned("imap.internal");
        using var other = SelfSigned("imap.internal");
        var fingerprint = ServerCertificates.Fingerprint(pinned);
        Assert.Matches("^([0-9A-F]{2}:){31}[0-9A-F]{2}$", fingerprint);

        foreach (var written in new[] { fingerprint, fingerprint.Replace(":", "").ToLowerInvariant(), "sha256 Fingerprint=" + fingerprint, " " + fingerprint.Replace(':', ' ') })
        {
            var certificates = new ServerCertificates([written]);
            Assert.True(certificates.Accepts(pinned, SslPolicyErrors.RemoteCertificateChainErrors | SslPolicyErrors.RemoteCertificateNameMismatch), written);
            Assert.False(certificates.Accepts(other, SslPolicyErrors.RemoteCertificateChainErrors), written);
            Assert.False(certificates.Accepts(null, SslPolicyErrors.RemoteCertificateNotAvailable), written);
        }
        // Validation stays on: what the system trusts needs no fingerprint.
        Assert.True(new ServerCertificates([]).Accepts(other, SslPolicyErrors.None));
        Assert.False(new ServerCertificates([]).Accepts(other, SslPolicyErrors.RemoteCertificateChainErrors));
    }

    [Theory]
    [InlineData("")]
    [InlineData("AB:CD")]
    [InlineData("sha1 Fingerprint=AB:CD:EF:01:23:45:67:89:AB:CD:EF:01:23:45:67:89:AB:CD:EF:01")]
    [InlineData("ZZ00000000000000000000000000000000000000000000000000000000000000")]
    public void What_is_not_a_SHA_256_fingerprint_is_refused_and_stops_the_start(string written)
    {
        Assert.Null(ServerCertificates.Normalize(written));
        var builder = WebApplication.CreateSlimBuilder();
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?> { ["Guichet:InboundMail:TrustedCertificates:0"] = written });
        builder.AddGuichetInboundMail();
        using var app = builder.Build();
        var error = Assert.Throws<OptionsValidationException>(() => app.Services.GetRequiredService<IOptions<InboundMailOptions>>().Value);
        Assert.Contains("Guichet:InboundMail:TrustedCertificates", error.Message);
    }
}
