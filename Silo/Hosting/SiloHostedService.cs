using Runtime.Activation;
using Runtime.Membership;
using Runtime.Storage;
using Runtime.Storage.AdoNet;
using Silo.Configuration;

namespace Silo.Hosting;

/// <summary>
/// Runs the silo inside the generic host: opens the storage (SQLite file or PostgreSQL), starts and joins the silo at
/// host start, and stops it gracefully (grains deactivate and flush, the silo writes itself Dead) at host stop, i.e. on
/// SIGTERM or Ctrl-C. If the silo stops by itself (declared dead by the cluster), the whole process exits non-zero.
/// </summary>
public sealed partial class SiloHostedService : IHostedService, IAsyncDisposable
{
    private readonly BrokerSettings _settings;
    private readonly ILoggerFactory _loggerFactory;
    private readonly ILogger _logger;
    private readonly IHostApplicationLifetime _lifetime;
    private IAdoNetDialect? _dialect;

    public SiloHostedService(BrokerSettings settings, ILoggerFactory loggerFactory, IHostApplicationLifetime lifetime)
    {
        _settings = settings;
        _loggerFactory = loggerFactory;
        _logger = loggerFactory.CreateLogger<SiloHostedService>();
        _lifetime = lifetime;
    }

    /// <summary>The running silo (null before start).</summary>
    public Runtime.Hosting.Silo? Silo { get; private set; }

    /// <summary>The settings the silo runs with.</summary>
    public BrokerSettings Settings => _settings;

    public async Task StartAsync(CancellationToken cancellationToken)
    {
        IMembershipTable table;
        IGrainStorage storage;
        if (_settings.Storage == StorageKind.PostgreSql)
        {
            _dialect = AdoNetStorage.ForPostgres(_settings.PostgresConnectionString!);
            LogStorage(_logger, "PostgreSQL", new Npgsql.NpgsqlConnectionStringBuilder(_settings.PostgresConnectionString) { Password = null }.ToString());
        }
        else
        {
            Directory.CreateDirectory(Path.GetDirectoryName(_settings.SqlitePath)!);
            _dialect = AdoNetStorage.ForSqlite(_settings.SqlitePath, _settings.SqliteSynchronousFull);
            LogStorage(_logger, "SQLite", _settings.SqlitePath);
            if (!_settings.SqliteSynchronousFull)
            {
                LogSynchronousNormal(_logger);
            }
        }
        table = new AdoNetMembershipTable(_dialect, _settings.Silo.ClusterId);
        storage = new AdoNetGrainStorage(_dialect);
        var grains = new GrainTypeRegistry();
        Grains.BrokerGrains.Register(grains, _loggerFactory, new Grains.Queues.QueueGrainOptions { AutoCreate = _settings.AutoCreateQueues });
        Silo = new Runtime.Hosting.Silo(_settings.Silo, table, storage, grains, _loggerFactory,
            journalStorage: new AdoNetJournalStorage(_dialect));
        await Silo.StartAsync(cancellationToken).ConfigureAwait(false);
        LogListening(_logger, $"{Silo.Address.Host}:{Silo.Address.SiloPort}", $"{Silo.Address.Host}:{Silo.Address.GatewayPort}");
        _ = WatchForUnplannedStopAsync(Silo);
    }

    public async Task StopAsync(CancellationToken cancellationToken)
    {
        if (Silo is not null)
        {
            await Silo.StopAsync(cancellationToken).ConfigureAwait(false);
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (Silo is not null)
        {
            await Silo.DisposeAsync().ConfigureAwait(false);
        }
        if (Interlocked.Exchange(ref _dialect, null) is { } dialect)
        {
            await dialect.DisposeAsync().ConfigureAwait(false);
        }
    }

    private async Task WatchForUnplannedStopAsync(Runtime.Hosting.Silo silo)
    {
        await silo.Stopped.ConfigureAwait(false);
        if (silo.FatalReason is { } reason)
        {
            LogFatal(_logger, reason);
            Environment.ExitCode = 3;
            _lifetime.StopApplication();
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Storage: {Kind} {Location}")]
    private static partial void LogStorage(ILogger logger, string kind, string location);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Broker:SqliteSynchronous=Normal: acknowledged messages survive a crash of the broker, not a power loss or an OS crash")]
    private static partial void LogSynchronousNormal(ILogger logger);

    [LoggerMessage(Level = LogLevel.Information, Message = "Listening: silo-to-silo on {SiloEndpoint}, gateway-to-silo on {GatewayEndpoint}")]
    private static partial void LogListening(ILogger logger, string siloEndpoint, string gatewayEndpoint);

    [LoggerMessage(Level = LogLevel.Critical, Message = "The silo stopped unexpectedly: {Reason}; the process exits")]
    private static partial void LogFatal(ILogger logger, string reason);
}
