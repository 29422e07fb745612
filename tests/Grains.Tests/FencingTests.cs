using Grains.Interfaces.Queues;
using Grains.Tests.Infrastructure;
using Runtime.Core;
using Runtime.Hosting;
using Runtime.Placement;
using TestCluster;

namespace Grains.Tests;

/// <summary>A stale activation of a queue (split brain) can never commit: its enqueue and settle fail and leave no trace.</summary>
[Trait("Category", "Cluster")]
public sealed class FencingTests
{
    private static (Silo Owner, Silo Other) Silos(QueueCluster q, string queue)
    {
        var owner = q.Cluster.Silos.Single(s => s.Address == RendezvousPlacementDirector.Instance.PickOwner(
            QueueCluster.QueueId(queue), q.Cluster.Silos[0].Membership.Current.ActiveSilos));
        return (owner, q.Cluster.Silos.Single(s => s != owner));
    }

    [Fact]
    public async Task Enqueue_OnStaleActivation_FailsFencedAndStoresNothing()
    {
        await using var q = await QueueCluster.StartAsync(silos: 2);
        var queue = QueueCluster.NewQueueName();
        var id = QueueCluster.QueueId(queue);
        var kept = Publish.Message(queue, "kept");
        await q.PublishAsync(queue, kept);
        var (owner, other) = Silos(q, queue);
        owner.HasActivation(id).Should().BeTrue();

        var forced = (QueueStats)await other.InvokeOnThisSiloAsync(id, new GetQueueStats());
        var lost = Publish.Message(queue, "lost");
        var stale = async () => await q.PublishAsync(queue, lost);

        forced.Depth.Should().Be(1, "the second activation loads what was committed");
        (await stale.Should().ThrowAsync<GrainCallException>()).Which.ErrorType.Should().Be(nameof(GrainFencedException));
        var seenByNewer = (BrowseResult)await other.InvokeOnThisSiloAsync(id, new BrowseQueue(0, 100));
        seenByNewer.Messages.Select(m => m.Message.MessageId).Should().Equal(kept.MessageId);
        await Wait.UntilAsync(() => !owner.HasActivation(id), QueueCluster.Timeout, "the stale activation to deactivate");

        // The queue answers again from a fresh activation where placement says, with only what was committed.
        (await q.BrowseAsync(queue)).Select(m => m.Message.MessageId).Should().Equal(kept.MessageId);
        var retry = await q.PublishAsync(queue, lost);
        retry.Should().Be(new EnqueueResult(EnqueueStatus.Accepted, 1, 0, null), "the failed publish was not stored, so its retry is new");
    }

    [Fact]
    public async Task Settle_OnStaleActivation_FailsFencedAndMessageStays()
    {
        await using var q = await QueueCluster.StartAsync(silos: 2);
        var queue = QueueCluster.NewQueueName();
        var id = QueueCluster.QueueId(queue);
        await q.PublishAsync(queue, Publish.Message(queue, "held"));
        var consumer = q.Consumer(queue);
        await consumer.AttachAsync(1);
        var delivery = await consumer.NextAsync();
        var (_, other) = Silos(q, queue);

        await other.InvokeOnThisSiloAsync(id, new GetQueueStats());
        var accept = async () => await consumer.AcceptAsync(delivery);

        (await accept.Should().ThrowAsync<GrainCallException>()).Which.ErrorType.Should().Be(nameof(GrainFencedException),
            "a consumer must not be told its accept is durable when it is not");
        var stats = (QueueStats)await other.InvokeOnThisSiloAsync(id, new GetQueueStats());
        stats.Depth.Should().Be(1);
        var browsed = (BrowseResult)await other.InvokeOnThisSiloAsync(id, new BrowseQueue(0, 10));
        browsed.Messages.Single().DeliveryCount.Should().Be(1, "the delivery attempt was committed before the message went out");
    }
}
