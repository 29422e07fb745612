using System.Net;
using Runtime.Membership;
using Runtime.Messaging;
using Runtime.Storage.Journal;

namespace Runtime.Hosting;

/// <summary>How a silo runs: identity, endpoints, timings. <see cref="Validate"/> names the first bad setting.</summary>
public sealed class SiloOptions
{
    /// <summary>Silos and clients with the same cluster id form one cluster; others are refused at the preamble.</summary>
    public string ClusterId { get; set; } = "dev";

    public string SiloName { get; set; } = Environment.MachineName;

    /// <summary>The address the silo binds to (loopback by default).</summary>
    public string ListenAddress { get; set; } = "127.0.0.1";

    /// <summary>The address other silos and clients use to reach this silo (defaults to <see cref="ListenAddress"/>).</summary>
    public string? AdvertisedAddress { get; set; }

    /// <summary>Silo-to-silo port; 0 picks a free one.</summary>
    public int SiloPort { get; set; } = 11111;

    /// <summary>Gateway-to-silo (cluster client) port; 0 picks a free one.</summary>
    public int GatewayPort { get; set; } = 30000;

    /// <summary>Activations idle longer than this are deactivated (Orleans' CollectionAge).</summary>
    public TimeSpan CollectionAge { get; set; } = TimeSpan.FromMinutes(15);

    /// <summary>How often idle activations are looked for.</summary>
    public TimeSpan CollectionQuantum { get; set; } = TimeSpan.FromMinutes(1);

    public MembershipOptions Membership { get; set; } = new();

    public MessagingOptions Messaging { get; set; } = new();

    public JournalWriterOptions Journal { get; set; } = new();

    public void Validate()
    {
        if (string.IsNullOrWhiteSpace(ClusterId))
        {
            throw new ArgumentException("Silo:ClusterId must not be empty.");
        }
        if (string.IsNullOrWhiteSpace(SiloName))
        {
            throw new ArgumentException("Silo:SiloName must not be empty.");
        }
        if (!IPAddress.TryParse(ListenAddress, out _))
        {
            throw new ArgumentException($"Silo:ListenAddress '{ListenAddress}' is not an IP address.");
        }
        if (AdvertisedAddress is not null && !IPAddress.TryParse(AdvertisedAddress, out _))
        {
            throw new ArgumentException($"Silo:AdvertisedAddress '{AdvertisedAddress}' is not an IP address.");
        }
        var advertised = IPAddress.Parse(AdvertisedAddress ?? ListenAddress);
        if (advertised.Equals(IPAddress.Any) || advertised.Equals(IPAddress.IPv6Any))
        {
            throw new ArgumentException(
                $"Silo:AdvertisedAddress must be set to an address other silos can reach when Silo:ListenAddress is {ListenAddress} (e.g. the pod IP).");
        }
        if (SiloPort is < 0 or > 65535)
        {
            throw new ArgumentException($"Silo:SiloPort {SiloPort} is not a TCP port.");
        }
        if (GatewayPort is < 0 or > 65535)
        {
            throw new ArgumentException($"Silo:GatewayPort {GatewayPort} is not a TCP port.");
        }
        if (SiloPort != 0 && SiloPort == GatewayPort)
        {
            throw new ArgumentException($"Silo:SiloPort and Silo:GatewayPort are both {SiloPort}; they must differ.");
        }
        if (CollectionAge <= TimeSpan.Zero || CollectionQuantum <= TimeSpan.Zero)
        {
            throw new ArgumentException("Silo:CollectionAge and Silo:CollectionQuantum must be positive.");
        }
        Membership.Validate();
        Messaging.Validate();
    }
}
