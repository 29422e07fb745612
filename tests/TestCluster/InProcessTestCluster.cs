using Microsoft.Extensions.Logging;
using Runtime.Activation;
using Runtime.Hosting;
using Runtime.Membership;
using Runtime.Storage;
using Runtime.Storage.Journal;

namespace TestCluster;

/// <summary>
/// N silos and a cluster client in one process on 127.0.0.1 ports, sharing a membership table and grain storage
/// (Orleans' InProcessTestCluster). Silos can be started, stopped gracefully, killed (no goodbye) and restarted.
/// </summary>
public sealed class InProcessTestCluster : IAsyncDisposable
{
    private readonly InProcessTestClusterBuilder _builder;
    private readonly List<Silo> _silos = [];
    private readonly Lock _lock = new();
    private int _siloCounter;

    internal InProcessTestCluster(InProcessTestClusterBuilder builder)
    {
        _builder = builder;
        ClusterId = builder.ClusterId;
        Logs = new TestLoggerProvider();
        LoggerFactory = Microsoft.Extensions.Logging.LoggerFactory.Create(b => b.AddProvider(Logs).SetMinimumLevel(LogLevel.Debug));
        MembershipTable = builder.MembershipTableFactory?.Invoke(ClusterId) ?? new InMemoryMembershipTable(TimeProvider.System);
        Storage = builder.StorageFactory?.Invoke() ?? new InMemoryGrainStorage();
        JournalStorage = builder.JournalStorageFactory?.Invoke() ?? (Storage is InMemoryGrainStorage memory
            ? new InMemoryJournalStorage(memory)
            : throw new InvalidOperationException("A test cluster on database storage needs JournalStorageFactory too."));
    }

    public string ClusterId { get; }

    public TestLoggerProvider Logs { get; }

    public ILoggerFactory LoggerFactory { get; }

    public IMembershipTable MembershipTable { get; }

    public IGrainStorage Storage { get; }

    public IJournalStorage JournalStorage { get; }

    /// <summary>The silos started and not yet stopped or killed.</summary>
    public IReadOnlyList<Silo> Silos
    {
        get
        {
            lock (_lock)
            {
                return [.. _silos];
            }
        }
    }

    /// <summary>The cluster client (null when the builder said <c>WithClient = false</c>).</summary>
    public ClusterClient? Client { get; private set; }

    internal async Task StartAsync()
    {
        for (var i = 0; i < _builder.InitialSilosCount; i++)
        {
            await StartAdditionalSiloAsync().ConfigureAwait(false);
        }
        if (_builder.WithClient)
        {
            Client = await StartClientAsync().ConfigureAwait(false);
        }
        await WaitForMembershipToStabilizeAsync().ConfigureAwait(false);
    }

    /// <summary>Starts a cluster client with test timings (more than one may run).</summary>
    public async Task<ClusterClient> StartClientAsync()
    {
        var client = new ClusterClient(new ClusterClientOptions
        {
            ClusterId = ClusterId,
            TableRefreshPeriod = TimeSpan.FromMilliseconds(200),
            Messaging = { CallTimeout = TimeSpan.FromSeconds(20), ConnectTimeout = TimeSpan.FromSeconds(2) },
        }, MembershipTable, LoggerFactory);
        await client.StartAsync().ConfigureAwait(false);
        return client;
    }

    public async Task<Silo> StartAdditionalSiloAsync()
    {
        var options = new SiloOptions
        {
            ClusterId = ClusterId,
            SiloName = $"silo-{Interlocked.Increment(ref _siloCounter)}",
            SiloPort = 0,
            GatewayPort = 0,
            Membership =
            {
                IAmAlivePeriod = TimeSpan.FromMilliseconds(250),
                TableRefreshPeriod = TimeSpan.FromMilliseconds(200),
                DeathTimeout = TimeSpan.FromSeconds(3),
            },
            Messaging = { CallTimeout = TimeSpan.FromSeconds(20), ConnectTimeout = TimeSpan.FromSeconds(2) },
        };
        _builder.ConfigureSilo?.Invoke(options);
        var grains = new GrainTypeRegistry();
        _builder.ConfigureGrains(grains);
        var silo = new Silo(options, MembershipTable, Storage, grains, LoggerFactory, journalStorage: JournalStorage);
        await silo.StartAsync().ConfigureAwait(false);
        lock (_lock)
        {
            _silos.Add(silo);
        }
        return silo;
    }

    /// <summary>Graceful stop: grains deactivate (flush), the silo writes itself Dead.</summary>
    public async Task StopSiloAsync(Silo silo)
    {
        Forget(silo);
        await silo.StopAsync().ConfigureAwait(false);
    }

    /// <summary>Crash: no goodbye. The others declare it dead when its heartbeat is missing for the death timeout.</summary>
    public async Task KillSiloAsync(Silo silo)
    {
        Forget(silo);
        await silo.KillAsync().ConfigureAwait(false);
    }

    /// <summary>Kills the silo and starts a new one (a new incarnation, like a restarted pod).</summary>
    public async Task<Silo> RestartSiloAsync(Silo silo)
    {
        await KillSiloAsync(silo).ConfigureAwait(false);
        return await StartAdditionalSiloAsync().ConfigureAwait(false);
    }

    /// <summary>Waits until every live silo and the client see exactly the live silos as active. Returns how long it took.</summary>
    public Task<TimeSpan> WaitForMembershipToStabilizeAsync(TimeSpan? timeout = null) =>
        Wait.UntilAsync(IsStable, timeout ?? TimeSpan.FromSeconds(30), "the membership to stabilize");

    private bool IsStable()
    {
        var expected = Silos.Select(s => s.Address).OrderBy(a => a.ToString(), StringComparer.Ordinal).ToList();
        var views = Silos.Select(s => s.Membership.Current).ToList();
        if (Client is not null)
        {
            views.Add(Client.Membership.Current);
        }
        return views.All(v => v.ActiveSilos.SequenceEqual(expected));
    }

    private void Forget(Silo silo)
    {
        lock (_lock)
        {
            _silos.Remove(silo);
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (Client is not null)
        {
            await Client.DisposeAsync().ConfigureAwait(false);
        }
        foreach (var silo in Silos)
        {
            await silo.KillAsync().ConfigureAwait(false);
        }
        LoggerFactory.Dispose();
    }
}
