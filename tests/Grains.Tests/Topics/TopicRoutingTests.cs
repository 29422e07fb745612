using System.Collections.Concurrent;
using Grains.Interfaces.Queues;
using Grains.Interfaces.Topics;
using Grains.Tests.Infrastructure;
using Runtime.Core;
using Runtime.Serialization;
using TestCluster;

namespace Grains.Tests.Topics;

/// <summary>Topics route, queues keep: bindings, transient subscribers, the route table and its change feed.</summary>
[Trait("Category", "Cluster")]
public sealed class TopicRoutingTests : IAsyncLifetime
{
    private QueueCluster _queues = null!;

    public async Task InitializeAsync() => _queues = await QueueCluster.StartAsync(silos: 2);

    public async Task DisposeAsync() => await _queues.DisposeAsync();

    private GrainReference Topic(string filter) => _queues.Client.GetGrain(TopicGrainKind.Topic, filter);

    private GrainReference Routes => _queues.Client.GetGrain(TopicGrainKind.RouteTable, TopicGrainKind.RouteTableKey);

    private sealed class Collector : IGrainObserver
    {
        public ConcurrentQueue<IWireMessage> Messages { get; } = new();

        public void OnNotify(IWireMessage message) => Messages.Enqueue(message);
    }

    [Fact]
    public async Task Publish_ToBoundQueues_EveryQueueCommitsItBeforeTheReply()
    {
        var filter = $"orders-{Guid.NewGuid():N}/+";
        var durableA = QueueCluster.NewQueueName("sub-a");
        var durableB = QueueCluster.NewQueueName("sub-b");
        await Topic(filter).CallAsync(new BindQueue(durableA));
        await Topic(filter).CallAsync(new BindQueue(durableB));
        await Topic(filter).CallAsync(new BindQueue(durableB)); // idempotent

        var result = await Topic(filter).CallAsync(new PublishToTopic([Publish.Message(filter.Replace("+", "eu"), "o1")]));

        result.Queues.Should().Be(2);
        result.Refused.Should().BeEmpty();
        (await _queues.StatsAsync(durableA)).Depth.Should().Be(1, "the reply comes after the queue committed");
        (await _queues.StatsAsync(durableB)).Depth.Should().Be(1, "a double bind is one binding");
    }

    [Fact]
    public async Task DurableSubscription_ConsumerAway_KeepsReceiving()
    {
        var filter = $"events-{Guid.NewGuid():N}/#";
        var durable = QueueCluster.NewQueueName("durable");
        await Topic(filter).CallAsync(new BindQueue(durable));

        for (var i = 0; i < 5; i++)
        {
            await Topic(filter).CallAsync(new PublishToTopic([Publish.Message(filter.Replace("#", "x"), $"e{i}")]));
        }
        var consumer = _queues.Consumer(durable);
        await consumer.AttachAsync(10);

        var received = await consumer.NextAsync(5);
        received.Select(d => d.Message.Body()).Should().Equal("e0", "e1", "e2", "e3", "e4");
    }

    [Fact]
    public async Task Unbind_LastBinding_RemovesRouteAndStopsDelivery()
    {
        var filter = $"gone-{Guid.NewGuid():N}";
        var durable = QueueCluster.NewQueueName("gone");
        var before = await Routes.CallAsync(new GetRoutes(-1, null));
        await Topic(filter).CallAsync(new BindQueue(durable));
        var bound = await Routes.CallAsync(new GetRoutes(-1, null));

        await Topic(filter).CallAsync(new UnbindQueue(durable));
        var unbound = await Routes.CallAsync(new GetRoutes(-1, null));
        var result = await Topic(filter).CallAsync(new PublishToTopic([Publish.Message(filter, "late")]));

        bound.Filters.Should().Contain(filter);
        bound.Version.Should().BeGreaterThan(before.Version);
        unbound.Filters.Should().NotContain(filter);
        unbound.Version.Should().BeGreaterThan(bound.Version);
        result.Queues.Should().Be(0);
        (await _queues.StatsAsync(durable)).Depth.Should().Be(0);
    }

    [Fact]
    public async Task TransientSubscriber_GetsPushesWhileSubscribed_NotAfterUnsubscribe()
    {
        var filter = $"live-{Guid.NewGuid():N}/+";
        var collector = new Collector();
        var observer = _queues.Client.CreateObserver(collector);
        await Topic(filter).CallAsync(new SubscribeTopic("sub-1", observer));

        var result = await Topic(filter).CallAsync(new PublishToTopic([Publish.Message(filter.Replace("+", "a"), "hello")]));
        await Wait.UntilAsync(() => collector.Messages.Count == 1, QueueCluster.Timeout, "the push");
        await Topic(filter).CallAsync(new UnsubscribeTopic("sub-1"));
        await Topic(filter).CallAsync(new PublishToTopic([Publish.Message(filter.Replace("+", "a"), "after")]));
        await Task.Delay(QueueCluster.Quiet);

        result.Subscribers.Should().Be(1);
        var delivery = collector.Messages.Should().ContainSingle().Which.Should().BeOfType<TopicDelivery>().Subject;
        delivery.Filter.Should().Be(filter);
        delivery.Message.Body().Should().Be("hello");
    }

    [Fact]
    public async Task RouteTable_Watcher_IsPushedEveryChange()
    {
        var collector = new Collector();
        var watcher = _queues.Client.CreateObserver(collector);
        var start = await Routes.CallAsync(new GetRoutes(-1, watcher));
        var filter = $"watched-{Guid.NewGuid():N}/#";

        await Topic(filter).CallAsync(new BindQueue(QueueCluster.NewQueueName("w")));

        await Wait.UntilAsync(() => collector.Messages.OfType<RoutesChanged>().Any(c => c.Version > start.Version),
            QueueCluster.Timeout, "a RoutesChanged push");
        var unchanged = await Routes.CallAsync(new GetRoutes(collector.Messages.OfType<RoutesChanged>().Max(c => c.Version), null));
        unchanged.Filters.Should().BeNull("the caller already has this version");
    }

    [Fact]
    public async Task Publish_QueueFull_IsReportedAsRefused()
    {
        var filter = $"full-{Guid.NewGuid():N}";
        var small = QueueCluster.NewQueueName("small");
        await _queues.DeclareAsync(small, QueueSettings.Default with { MaxLength = 1 });
        await Topic(filter).CallAsync(new BindQueue(small));

        var first = await Topic(filter).CallAsync(new PublishToTopic([Publish.Message(filter, "1")]));
        var second = await Topic(filter).CallAsync(new PublishToTopic([Publish.Message(filter, "2")]));

        first.Refused.Should().BeEmpty();
        second.Refused.Should().ContainSingle().Which.Should().Contain(small).And.Contain("full");
    }
}
