using Grains.Interfaces.Messages;
using Grains.Interfaces.Queues;
using Grains.Queues;
using Microsoft.Extensions.Logging.Abstractions;
using Runtime.Core;
using Runtime.Hosting;
using Runtime.Identity;
using TestCluster;

namespace Grains.Tests.Infrastructure;

/// <summary>
/// An in-process test cluster hosting the broker grains, and the calls a gateway makes on queues through its
/// <see cref="ClusterClient"/>.
/// </summary>
internal sealed class QueueCluster : IAsyncDisposable
{
    /// <summary>Upper bound of every wait for something that must happen.</summary>
    public static readonly TimeSpan Timeout = TimeSpan.FromSeconds(10);

    /// <summary>How long a test watches to prove something did NOT happen.</summary>
    public static readonly TimeSpan Quiet = TimeSpan.FromMilliseconds(300);

    private QueueCluster(InProcessTestCluster cluster) => Cluster = cluster;

    public InProcessTestCluster Cluster { get; }

    public ClusterClient Client => Cluster.Client!;

    /// <summary>Starts a cluster whose silos register the broker grains with <paramref name="options"/> (short sweep
    /// period by default so timers act quickly in tests).</summary>
    public static async Task<QueueCluster> StartAsync(QueueGrainOptions? options = null, int silos = 1,
        Action<InProcessTestClusterBuilder>? configure = null)
    {
        options ??= new QueueGrainOptions();
        if (options.SweepPeriod == new QueueGrainOptions().SweepPeriod)
        {
            options.SweepPeriod = TimeSpan.FromMilliseconds(50);
        }
        var builder = new InProcessTestClusterBuilder
        {
            InitialSilosCount = silos,
            ConfigureGrains = registry => BrokerGrains.Register(registry, NullLoggerFactory.Instance, options),
        };
        configure?.Invoke(builder);
        return new QueueCluster(await builder.BuildAndStartAsync());
    }

    /// <summary>A queue name no other test uses.</summary>
    public static string NewQueueName(string prefix = "q") => $"{prefix}-{Guid.NewGuid():N}"[..(prefix.Length + 13)];

    public static GrainId QueueId(string queue) => GrainId.Create(QueueGrainKind.Name, queue);

    public GrainReference Queue(string queue) => Client.GetGrain(QueueGrainKind.Name, queue);

    /// <summary>A consumer (observer registered with the client); attach it with <see cref="TestConsumer.AttachAsync"/>.</summary>
    public TestConsumer Consumer(string queue, string? consumerId = null) => new(Client, queue, consumerId);

    public async Task<EnqueueResult> PublishAsync(string queue, params BrokerMessage[] messages) =>
        await Queue(queue).CallAsync(new EnqueueMessages(messages));

    /// <summary>Publishes each message on its own and expects every one accepted (the publisher's confirm).</summary>
    public async Task PublishEachAsync(string queue, IEnumerable<BrokerMessage> messages)
    {
        foreach (var message in messages)
        {
            var result = await PublishAsync(queue, message);
            result.Status.Should().Be(EnqueueStatus.Accepted, result.Reason);
        }
    }

    public async Task<QueueStats> DeclareAsync(string queue, QueueSettings settings) => await Queue(queue).CallAsync(new DeclareQueue(settings));

    public async Task<QueueStats> StatsAsync(string queue) => await Queue(queue).CallAsync(new GetQueueStats());

    public async Task<IReadOnlyList<QueuedMessage>> BrowseAsync(string queue, int max = 10_000) =>
        (await Queue(queue).CallAsync(new BrowseQueue(0, max))).Messages;

    /// <summary>Waits until the queue's stats satisfy <paramref name="condition"/>; returns them.</summary>
    public async Task<QueueStats> WaitForStatsAsync(string queue, Func<QueueStats, bool> condition, string what)
    {
        QueueStats? last = null;
        await Wait.UntilAsync(async () => condition(last = await StatsAsync(queue)), Timeout, $"{what} (last stats: {last})");
        return last!;
    }

    /// <summary>Fails when a silo logged an error the test did not expect.</summary>
    public void ShouldHaveNoErrors() =>
        Cluster.Logs.Errors.Should().BeEmpty("no silo should log an error: {0}", string.Join("\n", Cluster.Logs.Errors));

    public ValueTask DisposeAsync() => Cluster.DisposeAsync();
}
