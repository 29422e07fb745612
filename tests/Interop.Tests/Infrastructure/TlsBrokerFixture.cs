using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Globalization;
using TestCluster;

namespace Interop.Tests.Infrastructure;

/// <summary>A broker with a self-signed certificate (MQTT over TLS and WSS, AMQP over TLS) and $SYS statistics every second.
/// MQTT loads it as PKCS#12 (.pfx with a password), AMQP as a PEM certificate and key file (the Kubernetes TLS Secret form).</summary>
public sealed class TlsBrokerFixture : BrokerFixture
{
    public TlsBrokerFixture()
    {
        using var key = RSA.Create(2048);
        var request = new CertificateRequest("CN=localhost", key, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        var names = new SubjectAlternativeNameBuilder();
        names.AddIpAddress(System.Net.IPAddress.Loopback);
        names.AddDnsName("localhost");
        request.CertificateExtensions.Add(names.Build());
        using var certificate = request.CreateSelfSigned(DateTimeOffset.UtcNow.AddMinutes(-5), DateTimeOffset.UtcNow.AddDays(1));
        CertificateDirectory = Directory.CreateTempSubdirectory("broker-tls-").FullName;
        PfxPath = Path.Combine(CertificateDirectory, "server.pfx");
        CaPath = Path.Combine(CertificateDirectory, "ca.pem");
        File.WriteAllBytes(PfxPath, certificate.Export(X509ContentType.Pkcs12, "pw"));
        File.WriteAllText(CaPath, certificate.ExportCertificatePem());
        PemCertificatePath = Path.Combine(CertificateDirectory, "tls.crt");
        PemKeyPath = Path.Combine(CertificateDirectory, "tls.key");
        File.WriteAllText(PemCertificatePath, certificate.ExportCertificatePem());
        File.WriteAllText(PemKeyPath, key.ExportPkcs8PrivateKeyPem());
    }

    public string CertificateDirectory { get; }

    public string PfxPath { get; }

    public string PemCertificatePath { get; }

    public string PemKeyPath { get; }

    /// <summary>The certificate in PEM, for clients' --cafile.</summary>
    public string CaPath { get; }

    public int TlsPort { get; } = BrokerProcess.FreePort();

    public int AmqpTlsPort { get; } = BrokerProcess.FreePort();

    protected override IEnumerable<string> ExtraArguments =>
    [
        $"--Mqtt:CertificatePath={PfxPath}", "--Mqtt:CertificatePassword=pw",
        $"--Mqtt:TlsPort={TlsPort.ToString(CultureInfo.InvariantCulture)}", "--Mqtt:SecureWebSocketPort=-1", "--Mqtt:SysIntervalSeconds=1",
        $"--Amqp:CertificatePath={PemCertificatePath}", $"--Amqp:CertificateKeyPath={PemKeyPath}", $"--Amqp:TlsPort={AmqpTlsPort.ToString(CultureInfo.InvariantCulture)}",
    ];
}
