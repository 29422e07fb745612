using System.Security.Cryptography.X509Certificates;

namespace Gateway.Hosting;

/// <summary>
/// A listener's server certificate, as its section's settings name it (<c>CertificatePath</c>,
/// <c>CertificatePassword</c>, <c>CertificateKeyPath</c>; the same keys for MQTT and AMQP): a PKCS#12 file (<c>.pfx</c>,
/// with its password), or PEM, either a certificate file plus a key file (what a Kubernetes <c>kubernetes.io/tls</c>
/// Secret mounts as <c>tls.crt</c> and <c>tls.key</c>) or one file holding both.
/// </summary>
public sealed record ServerCertificate(string Path, string? Password, string? KeyPath)
{
    /// <summary>The certificate settings of <paramref name="settings"/>' section, or null when none is configured (no
    /// TLS). Throws <see cref="ArgumentException"/> naming the setting when a file is missing or a key has no certificate.</summary>
    public static ServerCertificate? Read(SettingReader settings)
    {
        var path = settings.String("CertificatePath");
        var password = settings.String("CertificatePassword");
        var keyPath = settings.String("CertificateKeyPath");
        if (path is not null && !File.Exists(path))
        {
            throw settings.Invalid("CertificatePath", $"'{path}' does not exist.");
        }
        if (keyPath is not null && (path is null || !File.Exists(keyPath)))
        {
            throw settings.Invalid("CertificateKeyPath", path is null
                ? "it needs CertificatePath (the PEM certificate it belongs to)." : $"'{keyPath}' does not exist.");
        }
        return path is null ? null : new ServerCertificate(path, password, keyPath);
    }

    public X509Certificate2 Load()
    {
        if (KeyPath is not null)
        {
            return X509Certificate2.CreateFromPemFile(Path, KeyPath);
        }
        if (IsPem(Path))
        {
            return X509Certificate2.CreateFromPemFile(Path);
        }
        return X509CertificateLoader.LoadPkcs12FromFile(Path, Password);
    }

    private static bool IsPem(string path)
    {
        using var reader = new StreamReader(path);
        var buffer = new char[256];
        var read = reader.ReadBlock(buffer, 0, buffer.Length);
        return new string(buffer, 0, read).Contains("-----BEGIN", StringComparison.Ordinal);
    }
}
