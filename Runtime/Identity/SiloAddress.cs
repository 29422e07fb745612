using System.Globalization;
using System.Net;

namespace Runtime.Identity;

/// <summary>
/// A silo incarnation: host, silo-to-silo port, gateway port and generation. The generation is allocated
/// at start and strictly increases, so a restarted process on the same endpoint is a new member
/// (Orleans' SiloAddress). Equality includes the generation.
/// </summary>
public sealed record SiloAddress(string Host, int SiloPort, int GatewayPort, long Generation)
{
    private ulong _hash;

    /// <summary>A stable hash of the full identity, used as the silo's weight seed in rendezvous placement.</summary>
    public ulong UniformHash
    {
        get
        {
            var hash = Volatile.Read(ref _hash);
            if (hash == 0)
            {
                hash = StableHash.Of(ToString()) | 1;
                Volatile.Write(ref _hash, hash);
            }
            return hash;
        }
    }

    /// <summary>Value equality on host, ports and generation (the cached hash is not part of the identity).</summary>
    public bool Equals(SiloAddress? other) =>
        other is not null && Generation == other.Generation && SiloPort == other.SiloPort && GatewayPort == other.GatewayPort &&
        string.Equals(Host, other.Host, StringComparison.Ordinal);

    public override int GetHashCode() => HashCode.Combine(Host, SiloPort, GatewayPort, Generation);

    public IPEndPoint SiloEndPoint => new(IPAddress.Parse(Host), SiloPort);

    public IPEndPoint GatewayEndPoint => new(IPAddress.Parse(Host), GatewayPort);

    /// <summary>Same host and ports, any generation.</summary>
    public bool IsSameEndpoint(SiloAddress other) =>
        string.Equals(Host, other.Host, StringComparison.Ordinal) && SiloPort == other.SiloPort;

    public override string ToString() =>
        string.Create(CultureInfo.InvariantCulture, $"S{Host}:{SiloPort}:{GatewayPort}@{Generation}");

    /// <summary>Parses the form written by <see cref="ToString"/>.</summary>
    public static SiloAddress Parse(string text)
    {
        if (text.Length < 2 || text[0] != 'S')
        {
            throw new FormatException($"'{text}' is not a silo address.");
        }
        var at = text.LastIndexOf('@');
        var parts = at > 1 ? text[1..at].Split(':') : [];
        if (parts.Length != 3)
        {
            throw new FormatException($"'{text}' is not a silo address.");
        }
        return new SiloAddress(parts[0], int.Parse(parts[1], CultureInfo.InvariantCulture),
            int.Parse(parts[2], CultureInfo.InvariantCulture), long.Parse(text[(at + 1)..], CultureInfo.InvariantCulture));
    }

    /// <summary><see cref="Parse"/> without exceptions.</summary>
    public static bool TryParse(string text, [System.Diagnostics.CodeAnalysis.NotNullWhen(true)] out SiloAddress? address)
    {
        try
        {
            address = Parse(text);
            return true;
        }
        catch (Exception ex) when (ex is FormatException or OverflowException)
        {
            address = null;
            return false;
        }
    }

    private static long _lastGeneration;

    /// <summary>
    /// A generation for a new silo incarnation: milliseconds since 2020-01-01, forced to increase strictly
    /// within the process (several silos of a test cluster start in the same millisecond).
    /// </summary>
    public static long AllocateGeneration(TimeProvider time)
    {
        var now = (time.GetUtcNow() - new DateTimeOffset(2020, 1, 1, 0, 0, 0, TimeSpan.Zero)).Ticks / TimeSpan.TicksPerMillisecond;
        while (true)
        {
            var last = Interlocked.Read(ref _lastGeneration);
            var next = Math.Max(now, last + 1);
            if (Interlocked.CompareExchange(ref _lastGeneration, next, last) == last)
            {
                return next;
            }
        }
    }
}
