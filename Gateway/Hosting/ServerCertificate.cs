using System.Security.Cryptography.X509Certificates;

namespace Gateway.Hosting;

/// <summary>
/// Loads a listener's server certificate from the settings: a PKCS#12 file (<c>.pfx</c>, with its password), or PEM,
/// either a certificate file plus a key file (what a Kubernetes <c>kubernetes.io/tls</c> Secret mounts as
/// <c>tls.crt</c> and <c>tls.key</c>) or one file holding both.
/// </summary>
public static class ServerCertificate
{
    public static X509Certificate2 Load(string path, string? password, string? keyPath)
    {
        if (keyPath is not null)
        {
            return X509Certificate2.CreateFromPemFile(path, keyPath);
        }
        if (IsPem(path))
        {
            return X509Certificate2.CreateFromPemFile(path);
        }
        return X509CertificateLoader.LoadPkcs12FromFile(path, password);
    }

    private static bool IsPem(string path)
    {
        using var reader = new StreamReader(path);
        var buffer = new char[256];
        var read = reader.ReadBlock(buffer, 0, buffer.Length);
        return new string(buffer, 0, read).Contains("-----BEGIN", StringComparison.Ordinal);
    }
}
