using System.Collections.Concurrent;
using Runtime.Core;
using Runtime.Serialization;
using Runtime.Tests.Cluster;
using Runtime.Tests.Grains;
using TestCluster;

namespace Runtime.Tests.Messaging;

[Trait("Category", "Cluster")]
public sealed class ObserverTests
{
    private sealed class CollectingObserver : IGrainObserver
    {
        public ConcurrentQueue<string> Received { get; } = new();

        public void OnNotify(IWireMessage message) => Received.Enqueue(((StringValue)message).Value);
    }

    [Fact]
    public async Task Notify_FromGrainsOnEverySilo_ReachesClientObserverInOrderPerGrain()
    {
        await using var cluster = await ClusterFactory.StartAsync(silos: 3);
        var client = cluster.Client!;
        var observer = new CollectingObserver();
        var id = client.CreateObserver(observer);

        var grains = Enumerable.Range(0, 9).Select(i => client.GetGrain(ProbeGrain.Kind, $"pusher-{i}")).ToList();
        foreach (var grain in grains)
        {
            for (var n = 0; n < 20; n++)
            {
                await grain.CallAsync(new NotifyObserver(id.ClientId, id.Key, $"{grain.GrainId.Key}:{n}"));
            }
        }

        await Wait.UntilAsync(() => observer.Received.Count == 180, TimeSpan.FromSeconds(10), "180 notifications");
        foreach (var group in observer.Received.GroupBy(r => r.Split(':')[0]))
        {
            group.Select(r => int.Parse(r.Split(':')[1], System.Globalization.CultureInfo.InvariantCulture))
                .Should().BeInAscendingOrder().And.HaveCount(20);
        }
        var silos = await Task.WhenAll(grains.Select(g => g.CallAsync(new ProbeCall("w", 100, 0)).AsTask()));
        silos.Select(s => s.Silo).Distinct().Should().HaveCountGreaterThan(1, "the pushes came from more than one silo");
    }
}
