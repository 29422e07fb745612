using System.Collections.Concurrent;
using Grains.Interfaces.Messages;
using Grains.Interfaces.Sessions;
using Grains.Interfaces.Topics;
using Grains.Tests.Infrastructure;
using Runtime.Core;
using Runtime.Identity;
using Runtime.Serialization;
using TestCluster;

namespace Grains.Tests.Sessions;

/// <summary>MQTT session semantics at the grain level: takeover, clean start, persistence, will, QoS 2 ids.</summary>
[Trait("Category", "Cluster")]
public sealed class SessionGrainTests : IAsyncLifetime
{
    private QueueCluster _queues = null!;

    public async Task InitializeAsync() => _queues = await QueueCluster.StartAsync(silos: 2);

    public async Task DisposeAsync() => await _queues.DisposeAsync();

    private sealed class Collector : IGrainObserver
    {
        public ConcurrentQueue<IWireMessage> Messages { get; } = new();

        public void OnNotify(IWireMessage message) => Messages.Enqueue(message);
    }

    private GrainReference Session(string clientId) => _queues.Client.GetGrain(SessionGrainKind.Name, clientId);

    private (Collector Collector, ObserverId Id) NewObserver()
    {
        var collector = new Collector();
        return (collector, _queues.Client.CreateObserver(collector));
    }

    private static SessionSubscription Sub(string filter, byte qos) => new(filter, qos, false, false, 0, 0, null);

    [Fact]
    public async Task Connect_SameClientTwice_FirstConnectionIsToldItWasTakenOver()
    {
        var client = $"c-{Guid.NewGuid():N}";
        var (first, firstId) = NewObserver();
        var (_, secondId) = NewObserver();

        await Session(client).CallAsync(new ConnectSession("conn-1", firstId, true, 60, null, 0));
        await Session(client).CallAsync(new ConnectSession("conn-2", secondId, false, 60, null, 0));

        await Wait.UntilAsync(() => first.Messages.OfType<SessionTakenOver>().Any(), QueueCluster.Timeout, "the takeover push");
        (await Session(client).CallAsync(new RenewSession("conn-1"))).Value.Should().BeFalse();
        (await Session(client).CallAsync(new RenewSession("conn-2"))).Value.Should().BeTrue();
    }

    [Fact]
    public async Task PersistentSession_QueuedSubscription_KeepsMessagesWhileDisconnected()
    {
        var client = $"p-{Guid.NewGuid():N}";
        var filter = $"t-{Guid.NewGuid():N}/#";
        var (_, observer) = NewObserver();
        var first = await Session(client).CallAsync(new ConnectSession("c1", observer, true, uint.MaxValue, null, 0));
        await Session(client).CallAsync(new SubscribeSession("c1", [Sub(filter, 1)]));
        await Session(client).CallAsync(new DisconnectSession("c1", Normal: true, null));

        var publish = await TopicPublisher.PublishReadingRoutesAsync(_queues.Client, Publish.Message(filter.Replace("#", "a"), "while away"));
        var again = await Session(client).CallAsync(new ConnectSession("c2", observer, false, uint.MaxValue, null, 0));

        first.SessionPresent.Should().BeFalse();
        publish.Queues.Should().Be(1);
        again.SessionPresent.Should().BeTrue();
        again.Subscriptions.Should().ContainSingle().Which.Filter.Should().Be(filter);
        (await _queues.StatsAsync(SessionGrainKind.InboxQueue(client))).Depth.Should().Be(1);
    }

    [Fact]
    public async Task CleanStart_DiscardsPreviousSessionAndItsMessages()
    {
        var client = $"clean-{Guid.NewGuid():N}";
        var filter = $"t-{Guid.NewGuid():N}";
        var (_, observer) = NewObserver();
        await Session(client).CallAsync(new ConnectSession("c1", observer, false, uint.MaxValue, null, 0));
        await Session(client).CallAsync(new SubscribeSession("c1", [Sub(filter, 1)]));
        await TopicPublisher.PublishReadingRoutesAsync(_queues.Client, Publish.Message(filter, "old"));

        var clean = await Session(client).CallAsync(new ConnectSession("c2", observer, true, uint.MaxValue, null, 0));
        var after = await TopicPublisher.PublishReadingRoutesAsync(_queues.Client, Publish.Message(filter, "new"));

        clean.SessionPresent.Should().BeFalse();
        clean.Subscriptions.Should().BeEmpty();
        after.Queues.Should().Be(0, "the old subscription's binding was removed");
        (await _queues.StatsAsync(SessionGrainKind.InboxQueue(client))).Depth.Should().Be(0);
    }

    [Fact]
    public async Task Will_AbnormalDisconnect_IsPublished_NormalDisconnect_IsNot()
    {
        var watched = $"will-{Guid.NewGuid():N}";
        var inbox = QueueCluster.NewQueueName("will-watch");
        await _queues.Client.GetGrain(TopicGrainKind.Topic, watched).CallAsync(new BindQueue(inbox));
        var (_, observer) = NewObserver();
        BrokerMessage Will(string body) => Publish.Message(watched, body);

        await Session("normal-" + watched).CallAsync(new ConnectSession("c", observer, true, 0, Will("normal"), 0));
        await Session("normal-" + watched).CallAsync(new DisconnectSession("c", Normal: true, null));
        await Session("lost-" + watched).CallAsync(new ConnectSession("c", observer, true, 0, Will("lost"), 0));
        await Session("lost-" + watched).CallAsync(new DisconnectSession("c", Normal: false, null));

        var messages = await _queues.BrowseAsync(inbox);
        messages.Select(m => m.Message.Body()).Should().Equal("lost");
    }

    [Fact]
    public async Task InboundQos2_ResentBeforeRelease_GetsTheSameMessageId()
    {
        var client = $"q2-{Guid.NewGuid():N}";
        var (_, observer) = NewObserver();
        await Session(client).CallAsync(new ConnectSession("c1", observer, false, uint.MaxValue, null, 0));

        var first = await Session(client).CallAsync(new InboundQos2("c1", 7, false));
        var resent = await Session(client).CallAsync(new InboundQos2("c1", 7, false));
        await Session(client).CallAsync(new InboundQos2("c1", 7, true));
        var reused = await Session(client).CallAsync(new InboundQos2("c1", 7, false));

        resent.Value.Should().Be(first.Value);
        reused.Value.Should().NotBe(first.Value, "after PUBREL the packet id starts a new message");
    }

    [Fact]
    public async Task Unsubscribe_UnknownFilter_IsReportedMissing()
    {
        var client = $"u-{Guid.NewGuid():N}";
        var (_, observer) = NewObserver();
        await Session(client).CallAsync(new ConnectSession("c1", observer, true, 0, null, 0));
        await Session(client).CallAsync(new SubscribeSession("c1", [Sub("a/b", 1)]));

        var missing = await Session(client).CallAsync(new UnsubscribeSession("c1", ["a/b", "not/there"]));

        missing.Items.Should().Equal("not/there");
    }

    [Fact]
    public async Task SharedSubscription_BindsTheGroupQueue()
    {
        var filter = $"jobs-{Guid.NewGuid():N}";
        var (_, observer) = NewObserver();
        await Session("w1-" + filter).CallAsync(new ConnectSession("c1", observer, true, 0, null, 0));
        await Session("w1-" + filter).CallAsync(new SubscribeSession("c1", [new SessionSubscription(filter, 1, false, false, 0, 0, "g")]));

        await TopicPublisher.PublishReadingRoutesAsync(_queues.Client, Publish.Message(filter, "job"));

        (await _queues.StatsAsync(SessionGrainKind.SharedQueue("g", filter))).Depth.Should().Be(1);
    }
}
