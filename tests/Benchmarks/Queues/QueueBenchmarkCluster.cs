using Grains;
using Grains.Interfaces.Queues;
using Grains.Queues;
using Microsoft.Extensions.Logging.Abstractions;
using Runtime.Core;
using Runtime.Hosting;
using Runtime.Storage;
using Runtime.Storage.AdoNet;
using Runtime.Storage.Journal;
using TestCluster;

namespace Benchmarks.Queues;

/// <summary>
/// One silo hosting the broker grains on a <see cref="BenchmarkDatabase"/> (grain state and journal in it; membership
/// in memory), and the cluster client a gateway would use, over loopback TCP. The journal storage is wrapped in a
/// <see cref="TimedJournalStorage"/>.
/// </summary>
public sealed class QueueBenchmarkCluster : IAsyncDisposable
{
    private readonly InProcessTestCluster _cluster;

    private QueueBenchmarkCluster(InProcessTestCluster cluster, TimedJournalStorage journalStorage, QueueGrainOptions queueOptions)
    {
        _cluster = cluster;
        JournalStorage = journalStorage;
        QueueOptions = queueOptions;
    }

    public ClusterClient Client => _cluster.Client!;

    public Silo Silo => _cluster.Silos[0];

    /// <summary>The silo's journal writer: <see cref="JournalWriter.Batches"/> / <see cref="JournalWriter.Commits"/> is
    /// the group-commit factor.</summary>
    public JournalWriter Journal => Silo.Journal!;

    public TimedJournalStorage JournalStorage { get; }

    /// <summary>The queues' options: the defaults (a window of 10,000 messages in memory, 512 requests per turn).</summary>
    public QueueGrainOptions QueueOptions { get; }

    public int LoggedErrors => _cluster.Logs.Errors.Count();

    public string? FirstLoggedError => _cluster.Logs.Errors.FirstOrDefault()?.ToString();

    public static async Task<QueueBenchmarkCluster> StartAsync(BenchmarkDatabase database, string clusterId)
    {
        TimedJournalStorage? journal = null;
        var queueOptions = new QueueGrainOptions();
        var builder = new InProcessTestClusterBuilder
        {
            InitialSilosCount = 1,
            WithClient = true,
            ClusterId = clusterId,
            ConfigureGrains = registry => BrokerGrains.Register(registry, NullLoggerFactory.Instance, queueOptions),
        };
        if (database.Kind == DatabaseKind.InMemory)
        {
            var memory = new InMemoryGrainStorage();
            builder.StorageFactory = () => memory;
            builder.JournalStorageFactory = () => journal = new TimedJournalStorage(new InMemoryJournalStorage(memory));
        }
        else
        {
            builder.StorageFactory = () => new AdoNetGrainStorage(database.NewDialect());
            builder.JournalStorageFactory = () => journal = new TimedJournalStorage(new AdoNetJournalStorage(database.NewDialect()));
        }
        var cluster = await builder.BuildAndStartAsync().ConfigureAwait(false);
        return new QueueBenchmarkCluster(cluster, journal!, queueOptions);
    }

    public GrainReference Queue(string name) => Client.GetGrain(QueueGrainKind.Name, name);

    public ValueTask DisposeAsync() => _cluster.DisposeAsync();
}
