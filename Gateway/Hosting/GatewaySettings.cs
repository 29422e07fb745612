
namespace Gateway.Hosting;

/// <summary>
/// Settings of a standalone gateway process (section <c>Gateway</c>): which cluster, where its membership table is
/// (PostgreSQL, or the SQLite file of a silo on this machine), and the admin HTTP endpoint.
/// </summary>
public sealed class GatewaySettings
{
    private static readonly HashSet<string> _knownKeys = new(StringComparer.OrdinalIgnoreCase)
    {
        "ClusterId", "PostgresConnectionString", "DataDirectory", "AdminAddress", "AdminPort",
    };

    public required string ClusterId { get; init; }

    public string? PostgresConnectionString { get; init; }

    public required string SqlitePath { get; init; }

    public required string AdminAddress { get; init; }

    public required int AdminPort { get; init; }

    /// <summary>Reads the settings; throws <see cref="ArgumentException"/> naming the first bad one.</summary>
    public static GatewaySettings Load(IConfiguration configuration)
    {
        var section = configuration.GetSection("Gateway");
        foreach (var child in section.GetChildren())
        {
            if (!_knownKeys.Contains(child.Key))
            {
                // A typo (Gateway__PostgresConectionString) would otherwise fall back to SQLite silently.
                throw new ArgumentException(
                    $"Invalid setting Gateway:{child.Key}: unknown setting; known settings are {string.Join(", ", _knownKeys.Order(StringComparer.Ordinal))}.");
            }
        }
        var adminPortText = section["AdminPort"] ?? "8081";
        if (!int.TryParse(adminPortText, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var adminPort) || adminPort > 65535)
        {
            throw new ArgumentException($"Invalid setting Gateway:AdminPort: '{adminPortText}' is not a TCP port.");
        }
        var adminAddress = section["AdminAddress"] ?? "127.0.0.1";
        if (!System.Net.IPAddress.TryParse(adminAddress, out _))
        {
            throw new ArgumentException($"Invalid setting Gateway:AdminAddress: '{adminAddress}' is not an IP address.");
        }
        return new GatewaySettings
        {
            ClusterId = string.IsNullOrWhiteSpace(section["ClusterId"]) ? "dev" : section["ClusterId"]!,
            PostgresConnectionString = string.IsNullOrWhiteSpace(section["PostgresConnectionString"]) ? null : section["PostgresConnectionString"],
            SqlitePath = Path.GetFullPath(Path.Combine(section["DataDirectory"] ?? "data", "broker.db")),
            AdminAddress = adminAddress,
            AdminPort = adminPort,
        };
    }
}
