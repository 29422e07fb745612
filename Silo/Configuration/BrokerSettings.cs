using Runtime.Hosting;

namespace Silo.Configuration;

/// <summary>
/// The silo host's settings, read from standard .NET configuration (appsettings.json, environment variables such as
/// <c>Broker__SiloPort=11112</c>, command line such as <c>--Broker:SiloPort=11112</c>). With no configuration at all it
/// is the embedded default: one silo on loopback, SQLite under ./data, admin HTTP on 127.0.0.1:8080.
/// </summary>
public sealed class BrokerSettings
{
    public const string Section = "Broker";

    private static readonly HashSet<string> _knownKeys = new(StringComparer.OrdinalIgnoreCase)
    {
        "ClusterId", "SiloName", "ListenAddress", "AdvertisedAddress", "SiloPort", "GatewayPort", "AdminAddress", "AdminPort",
        "DataDirectory", "PostgresConnectionString", "DeathTimeout", "HeartbeatPeriod", "CollectionAge", "CallTimeout",
        "ShutdownTimeout", "AutoCreateQueues", "SqliteSynchronous",
    };

    public required SiloOptions Silo { get; init; }

    public required string AdminAddress { get; init; }

    public required int AdminPort { get; init; }

    public required StorageKind Storage { get; init; }

    /// <summary>The SQLite file when <see cref="Storage"/> is SQLite.</summary>
    public required string SqlitePath { get; init; }

    /// <summary>SQLite commits with <c>synchronous=FULL</c> (the default: an acknowledged message survives power loss);
    /// false = <c>NORMAL</c> (opt-in: it survives a crash of the broker, not of the machine).</summary>
    public bool SqliteSynchronousFull { get; init; } = true;

    /// <summary>The PostgreSQL connection string when <see cref="Storage"/> is PostgreSQL.</summary>
    public string? PostgresConnectionString { get; init; }

    public required TimeSpan ShutdownTimeout { get; init; }

    /// <summary>Queues are created on first use (the default); off, using an undeclared queue is an error (AMQP amqp:not-found).</summary>
    public bool AutoCreateQueues { get; init; } = true;

    /// <summary>Reads and validates every setting; throws <see cref="BrokerConfigurationException"/> naming the first bad one.</summary>
    public static BrokerSettings Load(IConfiguration configuration)
    {
        var read = new SettingsReader(configuration);
        read.RejectUnknown(Section, _knownKeys);
        var postgres = read.OptionalString($"{Section}:PostgresConnectionString");
        var dataDirectory = read.String($"{Section}:DataDirectory", "data");
        var silo = new SiloOptions
        {
            ClusterId = read.String($"{Section}:ClusterId", "dev"),
            SiloName = read.String($"{Section}:SiloName", Environment.MachineName),
            ListenAddress = read.IpAddress($"{Section}:ListenAddress", "127.0.0.1"),
            AdvertisedAddress = read.OptionalString($"{Section}:AdvertisedAddress") is null ? null : read.IpAddress($"{Section}:AdvertisedAddress", ""),
            SiloPort = read.Port($"{Section}:SiloPort", 11111),
            GatewayPort = read.Port($"{Section}:GatewayPort", 30000),
            CollectionAge = read.Duration($"{Section}:CollectionAge", TimeSpan.FromMinutes(15)),
        };
        silo.Membership.DeathTimeout = read.Duration($"{Section}:DeathTimeout", silo.Membership.DeathTimeout);
        silo.Membership.IAmAlivePeriod = read.Duration($"{Section}:HeartbeatPeriod", silo.Membership.IAmAlivePeriod);
        silo.Messaging.CallTimeout = read.Duration($"{Section}:CallTimeout", silo.Messaging.CallTimeout);
        if (silo.ClusterId.Length > 150)
        {
            throw new BrokerConfigurationException($"{Section}:ClusterId", "must be at most 150 characters.");
        }
        try
        {
            silo.Validate();
        }
        catch (ArgumentException ex)
        {
            // SiloOptions names its settings as Silo:X / Membership:X; map them onto this host's section.
            throw new BrokerConfigurationException(ex.Message.Replace("Silo:", Section + ":", StringComparison.Ordinal)
                .Replace("Membership:IAmAlivePeriod", Section + ":HeartbeatPeriod", StringComparison.Ordinal)
                .Replace("Membership:", Section + ":", StringComparison.Ordinal)
                .Replace("Messaging:", Section + ":", StringComparison.Ordinal), ex);
        }
        var settings = new BrokerSettings
        {
            Silo = silo,
            AdminAddress = read.IpAddress($"{Section}:AdminAddress", "127.0.0.1"),
            AdminPort = read.Port($"{Section}:AdminPort", 8080),
            Storage = postgres is null ? StorageKind.Sqlite : StorageKind.PostgreSql,
            SqlitePath = Path.GetFullPath(Path.Combine(dataDirectory, "broker.db")),
            PostgresConnectionString = postgres,
            ShutdownTimeout = read.Duration($"{Section}:ShutdownTimeout", TimeSpan.FromSeconds(30)),
            AutoCreateQueues = read.Bool($"{Section}:AutoCreateQueues", true),
            SqliteSynchronousFull = read.String($"{Section}:SqliteSynchronous", "Full").ToUpperInvariant() switch
            {
                "FULL" => true,
                "NORMAL" => false,
                var other => throw new BrokerConfigurationException($"{Section}:SqliteSynchronous",
                    $"'{other}' is not Full (the default: commits survive power loss) or Normal (they survive a broker crash only)."),
            },
        };
        if (settings.AdminPort != 0 && (settings.AdminPort == silo.SiloPort || settings.AdminPort == silo.GatewayPort))
        {
            throw new BrokerConfigurationException($"{Section}:AdminPort", $"{settings.AdminPort} is already the silo or gateway port.");
        }
        if (postgres is not null)
        {
            try
            {
                _ = new Npgsql.NpgsqlConnectionStringBuilder(postgres);
            }
            catch (ArgumentException ex)
            {
                throw new BrokerConfigurationException($"{Section}:PostgresConnectionString", $"not a valid Npgsql connection string ({ex.Message}).");
            }
        }
        return settings;
    }
}
