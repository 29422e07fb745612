using Runtime.Hosting;
using Runtime.Storage.AdoNet;

namespace Gateway.Hosting;

/// <summary>Runs the cluster client of a standalone gateway process: reads the membership table, connects to silos.</summary>
public sealed class ClusterClientHostedService : IHostedService, IAsyncDisposable
{
    private readonly GatewaySettings _settings;
    private readonly Microsoft.Extensions.Logging.ILoggerFactory _loggerFactory;
    private IAdoNetDialect? _dialect;

    public ClusterClientHostedService(GatewaySettings settings, Microsoft.Extensions.Logging.ILoggerFactory loggerFactory)
    {
        _settings = settings;
        _loggerFactory = loggerFactory;
    }

    public ClusterClient? Client { get; private set; }

    public async Task StartAsync(CancellationToken cancellationToken)
    {
        Grains.Interfaces.BrokerWireTypes.Register();
        _dialect = _settings.PostgresConnectionString is { } postgres
            ? AdoNetStorage.ForPostgres(postgres)
            : AdoNetStorage.ForSqlite(_settings.SqlitePath);
        var table = new AdoNetMembershipTable(_dialect, _settings.ClusterId);
        await table.InitializeAsync(cancellationToken).ConfigureAwait(false);
        Client = new ClusterClient(new ClusterClientOptions { ClusterId = _settings.ClusterId }, table, _loggerFactory);
        await Client.StartAsync(cancellationToken).ConfigureAwait(false);
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public async ValueTask DisposeAsync()
    {
        if (Client is { } client)
        {
            Client = null;
            await client.DisposeAsync().ConfigureAwait(false);
        }
        if (Interlocked.Exchange(ref _dialect, null) is { } dialect)
        {
            await dialect.DisposeAsync().ConfigureAwait(false);
        }
    }
}
