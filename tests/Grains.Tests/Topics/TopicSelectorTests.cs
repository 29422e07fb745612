using System.Buffers;
using Grains.Interfaces.Messages;
using Grains.Interfaces.Queues;
using Grains.Interfaces.Selectors;
using Grains.Interfaces.Topics;
using Grains.Tests.Infrastructure;
using Grains.Topics;
using Runtime.Core;
using Runtime.Identity;
using Runtime.Placement;
using Runtime.Serialization;

namespace Grains.Tests.Topics;

/// <summary>Durable subscriptions with a selector (JMS durable subscriber): only matching publishes enter the queue,
/// the selector is part of the persisted binding, and an invalid one is refused.</summary>
[Trait("Category", "Cluster")]
public sealed class TopicSelectorTests
{
    private static BrokerMessage Message(string address, string body, string region) =>
        Publish.Message(address, body, properties: [new MessageProperty("region", region)]);

    private static GrainReference Topic(QueueCluster q, string filter) => q.Client.GetGrain(TopicGrainKind.Topic, filter);

    private static async Task<List<string>> BodiesAsync(QueueCluster q, string queue) =>
        [.. (await q.BrowseAsync(queue)).Select(m => m.Message.Body())];

    [Fact]
    public async Task BoundWithSelector_OnlyMatchingMessagesEnterTheQueue()
    {
        await using var q = await QueueCluster.StartAsync();
        var filter = $"orders-{Guid.NewGuid():N}/#";
        var eu = QueueCluster.NewQueueName("eu");
        var all = QueueCluster.NewQueueName("all");
        await Topic(q, filter).CallAsync(new BindQueue(eu, "region = 'eu'"));
        await Topic(q, filter).CallAsync(new BindQueue(all));
        var address = filter.Replace("#", "x");

        var onlyUs = await Topic(q, filter).CallAsync(new PublishToTopic([Message(address, "o1", "us")]));
        var both = await Topic(q, filter).CallAsync(new PublishToTopic([Message(address, "o2", "eu"), Message(address, "o3", "us"),
            Message(address, "o4", "eu")]));

        onlyUs.Queues.Should().Be(1, "the selective subscription took none of it");
        onlyUs.Refused.Should().BeEmpty();
        both.Queues.Should().Be(2);
        (await BodiesAsync(q, eu)).Should().Equal("o2", "o4");
        (await BodiesAsync(q, all)).Should().Equal("o1", "o2", "o3", "o4");
        q.ShouldHaveNoErrors();
    }

    [Fact]
    public async Task Rebind_ReplacesTheSelector_AndWithoutOneTakesEverything()
    {
        await using var q = await QueueCluster.StartAsync();
        var filter = $"rebind-{Guid.NewGuid():N}";
        var queue = QueueCluster.NewQueueName("sub");
        await Topic(q, filter).CallAsync(new BindQueue(queue, "region = 'eu'"));
        await Topic(q, filter).CallAsync(new PublishToTopic([Message(filter, "a", "eu"), Message(filter, "b", "us")]));

        await Topic(q, filter).CallAsync(new BindQueue(queue, "region = 'us'"));
        await Topic(q, filter).CallAsync(new PublishToTopic([Message(filter, "c", "eu"), Message(filter, "d", "us")]));
        await Topic(q, filter).CallAsync(new BindQueue(queue));
        await Topic(q, filter).CallAsync(new PublishToTopic([Message(filter, "e", "eu"), Message(filter, "f", "us")]));

        (await BodiesAsync(q, queue)).Should().Equal("a", "d", "e", "f");
        (await Topic(q, filter).CallAsync(new GetTopicBindings())).Queues.Should().Equal(queue);
    }

    [Fact]
    public async Task InvalidSelector_FailsTheBind_AndCreatesNoBinding()
    {
        await using var q = await QueueCluster.StartAsync();
        var filter = $"invalid-{Guid.NewGuid():N}";
        var queue = QueueCluster.NewQueueName("sub");

        var bind = async () => await Topic(q, filter).CallAsync(new BindQueue(queue, "region = 'eu' AND"));

        var error = (await bind.Should().ThrowAsync<GrainCallException>()).Which;
        error.ErrorType.Should().Be(nameof(SelectorParseException));
        error.Message.Should().StartWith("Selector error at position 18:");
        (await Topic(q, filter).CallAsync(new GetTopicBindings())).Queues.Should().BeEmpty();
    }

    [Fact]
    public async Task Selector_IsPersistedWithTheBinding_AndSurvivesTheTopicMovingSilo()
    {
        await using var q = await QueueCluster.StartAsync(silos: 2);
        var filter = $"moving-{Guid.NewGuid():N}";
        var queue = QueueCluster.NewQueueName("sub");
        await Topic(q, filter).CallAsync(new BindQueue(queue, "region IN ('eu', 'uk')"));
        var topicId = GrainId.Create(TopicGrainKind.Topic, filter);
        var owner = q.Cluster.Silos.Single(s => s.Address == RendezvousPlacementDirector.Instance.PickOwner(
            topicId, q.Cluster.Silos[0].Membership.Current.ActiveSilos));

        await q.Cluster.StopSiloAsync(owner);
        await q.Cluster.WaitForMembershipToStabilizeAsync();
        await Topic(q, filter).CallAsync(new PublishToTopic([Message(filter, "uk", "uk"), Message(filter, "us", "us")]));

        q.Cluster.Silos.Should().ContainSingle().Which.HasActivation(topicId).Should().BeTrue("the topic was reactivated from storage");
        (await BodiesAsync(q, queue)).Should().Equal("uk");
    }

    [Fact]
    public void TopicState_RoundTrips_AndReadsStateWrittenBeforeSelectors()
    {
        var state = new TopicState { Queues = ["a", "b"], Selectors = { ["b"] = "x = 1" } };
        var buffer = new ArrayBufferWriter<byte>();
        var writer = new WireWriter(buffer);
        state.Write(ref writer);
        var reader = new WireReader(new ReadOnlySequence<byte>(buffer.WrittenMemory));
        var read = TopicState.Read(ref reader);

        var old = new ArrayBufferWriter<byte>();
        var oldWriter = new WireWriter(old);
        StringList.WriteItems(ref oldWriter, ["a", "b"]);
        var oldReader = new WireReader(new ReadOnlySequence<byte>(old.WrittenMemory));
        var fromOld = TopicState.Read(ref oldReader);

        read.Queues.Should().Equal("a", "b");
        read.Selectors.Should().BeEquivalentTo(new Dictionary<string, string> { ["b"] = "x = 1" });
        fromOld.Queues.Should().Equal("a", "b");
        fromOld.Selectors.Should().BeEmpty();
    }
}
