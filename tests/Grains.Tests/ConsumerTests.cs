using Grains.Interfaces.Queues;
using Grains.Queues;
using Grains.Tests.Infrastructure;
using TestCluster;

namespace Grains.Tests;

[Trait("Category", "Cluster")]
public sealed class ConsumerTests
{
    [Fact]
    public async Task Settle_WithCredit_MovesTheWindowOnInOneCall()
    {
        await using var q = await QueueCluster.StartAsync();
        var queue = QueueCluster.NewQueueName();
        var consumer = q.Consumer(queue);
        await consumer.AttachAsync(1);
        await q.PublishAsync(queue, Publish.Messages(queue, 3));

        var first = (await consumer.NextAsync(1))[0];
        await consumer.ShouldReceiveNothingMoreAsync("the window of one is full");
        await q.Queue(queue).CallAsync(new SettleDeliveries(consumer.Id, [first.Tag], SettleOutcome.Accept, Credit: 1));
        var second = (await consumer.NextAsync(1))[0];

        second.Message.Body().Should().Be("m1");
        (await q.StatsAsync(queue)).Depth.Should().Be(2);
    }

    [Fact]
    public async Task Deliver_RequiresCredit_NoneAtZeroExactlyNAtN()
    {
        await using var q = await QueueCluster.StartAsync();
        var queue = QueueCluster.NewQueueName();
        var consumer = q.Consumer(queue);
        (await consumer.AttachAsync(0)).Attached.Should().BeTrue();
        await q.PublishAsync(queue, Publish.Messages(queue, 5));

        await consumer.ShouldReceiveNothingMoreAsync("a consumer without credit gets nothing");
        (await consumer.AddCreditAsync(3)).Should().BeTrue();
        var first = await consumer.NextAsync(3);
        await consumer.ShouldReceiveNothingMoreAsync("credit 3 allows exactly 3 deliveries");

        first.Select(d => d.Message.Body()).Should().Equal("m0", "m1", "m2");
        first.Should().OnlyContain(d => d.Queue == queue && d.ConsumerId == consumer.Id && d.DeliveryCount == 0);
        first.Select(d => d.Tag).Should().OnlyHaveUniqueItems();
        q.ShouldHaveNoErrors();
    }

    [Fact]
    public async Task Deliver_TwoCompetingConsumers_ShareMessagesWithoutOverlap()
    {
        await using var q = await QueueCluster.StartAsync();
        var queue = QueueCluster.NewQueueName();
        var a = q.Consumer(queue);
        var b = q.Consumer(queue);
        await a.AttachAsync(100);
        await b.AttachAsync(100);

        var sent = Publish.Messages(queue, 40);
        await q.PublishEachAsync(queue, sent.Take(20));
        await q.PublishAsync(queue, [.. sent.Skip(20)]);
        await Wait.UntilAsync(() => a.ReceivedCount + b.ReceivedCount >= 40, QueueCluster.Timeout, "40 deliveries");
        await Task.Delay(QueueCluster.Quiet);

        var ofA = a.Received.Select(d => d.Message.MessageId).ToList();
        var ofB = b.Received.Select(d => d.Message.MessageId).ToList();
        ofA.Should().NotBeEmpty().And.OnlyHaveUniqueItems();
        ofB.Should().NotBeEmpty().And.OnlyHaveUniqueItems();
        ofA.Intersect(ofB).Should().BeEmpty("a message goes to one consumer");
        ofA.Concat(ofB).Should().BeEquivalentTo(sent.Select(m => m.MessageId));
        var order = sent.Select((m, i) => (m.MessageId, i)).ToDictionary(x => x.MessageId, x => x.i);
        ofA.Select(id => order[id]).Should().BeInAscendingOrder("each consumer sees the queue's order");
        ofB.Select(id => order[id]).Should().BeInAscendingOrder("each consumer sees the queue's order");
        q.ShouldHaveNoErrors();
    }

    [Fact]
    public async Task Accept_RemovesMessage_NotRedeliveredAfterReattach()
    {
        await using var q = await QueueCluster.StartAsync();
        var queue = QueueCluster.NewQueueName();
        await q.PublishAsync(queue, Publish.Messages(queue, 3));
        var consumer = q.Consumer(queue);
        await consumer.AttachAsync(3);
        var got = await consumer.NextAsync(3);

        await consumer.AcceptAsync(got[0], got[2]);
        var afterAccept = await q.StatsAsync(queue);
        await consumer.DetachAsync();
        await consumer.AttachAsync(10);
        var again = await consumer.NextAsync();
        await consumer.ShouldReceiveNothingMoreAsync("accepted messages left the queue");

        afterAccept.Depth.Should().Be(1);
        afterAccept.Acknowledged.Should().Be(2);
        again.Message.Body().Should().Be("m1");
        again.DeliveryCount.Should().Be(1);
        (await q.BrowseAsync(queue)).Select(m => m.Message.Body()).Should().Equal("m1");
        q.ShouldHaveNoErrors();
    }

    [Fact]
    public async Task Release_Redelivered_WithSameDeliveryCountAheadOfNewer()
    {
        await using var q = await QueueCluster.StartAsync();
        var queue = QueueCluster.NewQueueName();
        await q.PublishAsync(queue, Publish.Messages(queue, 2));
        var consumer = q.Consumer(queue);
        await consumer.AttachAsync(1);
        var first = await consumer.NextAsync();

        await consumer.ReleaseAsync(first);
        await consumer.ShouldReceiveNothingMoreAsync("settling does not give credit back");
        await consumer.AddCreditAsync(1);
        var second = await consumer.NextAsync();
        await consumer.ReleaseAsync(second);
        await consumer.AddCreditAsync(1);
        var third = await consumer.NextAsync();

        first.Message.Body().Should().Be("m0");
        second.Message.MessageId.Should().Be(first.Message.MessageId, "a released message goes back to its place at the head");
        second.DeliveryCount.Should().Be(0, "a release does not count as a delivery attempt");
        third.Message.MessageId.Should().Be(first.Message.MessageId);
        third.DeliveryCount.Should().Be(0);
        q.ShouldHaveNoErrors();
    }

    [Fact]
    public async Task Modify_DeliveryFailed_RedeliveredWithDeliveryCountPlusOne()
    {
        await using var q = await QueueCluster.StartAsync();
        var queue = QueueCluster.NewQueueName();
        await q.PublishAsync(queue, Publish.Messages(queue, 2));
        var consumer = q.Consumer(queue);
        await consumer.AttachAsync(1);
        var first = await consumer.NextAsync();

        await consumer.ModifyAsync(deliveryFailed: true, undeliverableHere: false, first);
        await consumer.AddCreditAsync(1);
        var second = await consumer.NextAsync();
        await consumer.ModifyAsync(deliveryFailed: true, undeliverableHere: false, second);
        await consumer.AddCreditAsync(1);
        var third = await consumer.NextAsync();

        first.DeliveryCount.Should().Be(0);
        second.Message.MessageId.Should().Be(first.Message.MessageId);
        second.DeliveryCount.Should().Be(1);
        third.Message.MessageId.Should().Be(first.Message.MessageId);
        third.DeliveryCount.Should().Be(2);
        (await q.BrowseAsync(queue))[0].DeliveryCount.Should().Be(3, "the attempt in flight is counted");
        q.ShouldHaveNoErrors();
    }

    [Fact]
    public async Task Modify_UndeliverableHere_GoesToOtherConsumerNeverBackToFirst()
    {
        await using var q = await QueueCluster.StartAsync();
        var queue = QueueCluster.NewQueueName();
        var first = q.Consumer(queue);
        var second = q.Consumer(queue);
        await first.AttachAsync(10);
        await q.PublishAsync(queue, Publish.Message(queue, "picky"));
        var atFirst = await first.NextAsync();
        await second.AttachAsync(10);

        await first.ModifyAsync(deliveryFailed: false, undeliverableHere: true, atFirst);
        var atSecond = await second.NextAsync();
        await second.ReleaseAsync(atSecond);
        var againAtSecond = await second.NextAsync();
        await first.ShouldReceiveNothingMoreAsync("the first consumer said it cannot take this message");

        atSecond.Message.MessageId.Should().Be(atFirst.Message.MessageId);
        againAtSecond.Message.MessageId.Should().Be(atFirst.Message.MessageId);
        atSecond.DeliveryCount.Should().Be(0, "modified without delivery-failed does not count");

        await q.PublishAsync(queue, Publish.Message(queue, "anyone"));
        await Wait.UntilAsync(() => first.ReceivedCount + second.ReceivedCount == 4, QueueCluster.Timeout, "the next message");
        q.ShouldHaveNoErrors();
    }

    [Fact]
    public async Task Detach_WithUnsettled_TheyComeBackFirstWithDeliveryCountPlusOne()
    {
        await using var q = await QueueCluster.StartAsync();
        var queue = QueueCluster.NewQueueName();
        await q.PublishAsync(queue, Publish.Messages(queue, 3));
        var leaving = q.Consumer(queue);
        await leaving.AttachAsync(2);
        var held = await leaving.NextAsync(2);
        await q.PublishAsync(queue, Publish.Message(queue, "m3"), Publish.Message(queue, "m4"));

        await leaving.DetachAsync();
        var stats = await q.StatsAsync(queue);
        var next = q.Consumer(queue);
        await next.AttachAsync(10);
        var got = await next.NextAsync(5);

        stats.Should().BeEquivalentTo(new { Depth = 5L, InFlight = 0L, Consumers = 0 });
        held.Select(d => d.Message.Body()).Should().Equal("m0", "m1");
        got.Select(d => d.Message.Body()).Should().Equal("m0", "m1", "m2", "m3", "m4");
        got.Select(d => d.DeliveryCount).Should().Equal(1, 1, 0, 0, 0);
        (await leaving.AddCreditAsync(1)).Should().BeFalse("a detached consumer is unknown");
        q.ShouldHaveNoErrors();
    }

    [Fact]
    public async Task AddCredit_Drain_SendsConsumerDrainedAndCreditBecomesZero()
    {
        await using var q = await QueueCluster.StartAsync();
        var queue = QueueCluster.NewQueueName();
        await q.PublishAsync(queue, Publish.Messages(queue, 2));
        var consumer = q.Consumer(queue);
        await consumer.AttachAsync(0);

        await consumer.AddCreditAsync(10, drain: true);
        var got = await consumer.NextAsync(2);
        await Wait.UntilAsync(() => consumer.DrainedCount == 1, QueueCluster.Timeout, "ConsumerDrained");
        await q.PublishAsync(queue, Publish.Message(queue, "later"));
        await consumer.ShouldReceiveNothingMoreAsync("the drain used up the credit");
        await consumer.AddCreditAsync(1);
        var later = await consumer.NextAsync();

        got.Select(d => d.Message.Body()).Should().Equal("m0", "m1");
        later.Message.Body().Should().Be("later");
        consumer.DrainedCount.Should().Be(1);
        q.ShouldHaveNoErrors();
    }

    [Fact]
    public async Task AddCredit_DrainOnEmptyQueue_DrainedAtOnce()
    {
        await using var q = await QueueCluster.StartAsync();
        var queue = QueueCluster.NewQueueName();
        var consumer = q.Consumer(queue);
        await consumer.AttachAsync(0);

        await consumer.AddCreditAsync(5, drain: true);
        await Wait.UntilAsync(() => consumer.DrainedCount == 1, QueueCluster.Timeout, "ConsumerDrained");
        await q.PublishAsync(queue, Publish.Message(queue, "after"));

        await consumer.ShouldReceiveNothingMoreAsync("the drain set the credit to zero");
    }

    [Fact]
    public async Task ConsumerLease_NeverRenewed_UnsettledReturnToQueue()
    {
        await using var q = await QueueCluster.StartAsync(new QueueGrainOptions { ConsumerLease = TimeSpan.FromMilliseconds(400) });
        var queue = QueueCluster.NewQueueName();
        await q.PublishAsync(queue, Publish.Messages(queue, 2));
        var lost = q.Consumer(queue);
        var attached = await lost.AttachAsync(1);
        var held = await lost.NextAsync();

        await q.WaitForStatsAsync(queue, s => s.Consumers == 0, "the lease to expire");
        var next = q.Consumer(queue);
        await next.AttachAsync(10);
        var got = await next.NextAsync(2);

        attached.LeaseMilliseconds.Should().Be(400);
        got[0].Message.MessageId.Should().Be(held.Message.MessageId);
        got[0].DeliveryCount.Should().Be(1);
        got[1].Message.Body().Should().Be("m1");
        (await lost.AddCreditAsync(1)).Should().BeFalse("the expired consumer must attach again");
        q.ShouldHaveNoErrors();
    }

    [Fact]
    public async Task RenewConsumers_ReturnsUnknownIdsAndKeepsKnownOnesAttached()
    {
        // Renewed every 300 ms for 2.4 s, longer than the 1.5 s lease: a pause of up to 1.2 s (a loaded CI machine) between
        // renewals is tolerated, a missing renewal is not.
        await using var q = await QueueCluster.StartAsync(new QueueGrainOptions { ConsumerLease = TimeSpan.FromMilliseconds(1500) });
        var queue = QueueCluster.NewQueueName();
        var consumer = q.Consumer(queue);
        await consumer.AttachAsync(1);

        var unknown = await consumer.RenewAsync(consumer.Id, "ghost", "other-ghost");
        for (var i = 0; i < 8; i++)
        {
            (await consumer.RenewAsync()).Should().BeEmpty();
            await Task.Delay(300);
        }
        await q.PublishAsync(queue, Publish.Message(queue, "still here"));

        unknown.Should().Equal("ghost", "other-ghost");
        (await consumer.NextAsync()).Message.Body().Should().Be("still here");
        (await q.StatsAsync(queue)).Consumers.Should().Be(1, "a renewed consumer outlives its lease time");
        q.ShouldHaveNoErrors();
    }

    [Fact]
    public async Task Attach_SameIdAgain_NewObserverAndCreditKeepUnsettled()
    {
        await using var q = await QueueCluster.StartAsync();
        var queue = QueueCluster.NewQueueName();
        await q.PublishAsync(queue, Publish.Messages(queue, 3));
        var before = q.Consumer(queue, "link-1");
        await before.AttachAsync(1);
        var held = await before.NextAsync();

        // The gateway reconnected: same consumer id, new observer.
        var after = q.Consumer(queue, "link-1");
        await after.AttachAsync(5);
        var next = await after.NextAsync(2);
        await after.AcceptAsync(held);
        var stats = await q.StatsAsync(queue);

        next.Select(d => d.Message.Body()).Should().Equal("m1", "m2");
        stats.Should().BeEquivalentTo(new { Consumers = 1, Depth = 2L, InFlight = 2L, Acknowledged = 1L },
            "the re-attached consumer still owns what it held and can settle it");
        await before.ShouldReceiveNothingMoreAsync("pushes go to the new observer");
    }

    [Fact]
    public async Task Settle_TagsSettledTwiceOrOfAnotherConsumer_AreIgnored()
    {
        await using var q = await QueueCluster.StartAsync();
        var queue = QueueCluster.NewQueueName();
        await q.PublishAsync(queue, Publish.Messages(queue, 2));
        var owner = q.Consumer(queue);
        var other = q.Consumer(queue);
        await owner.AttachAsync(1);
        await other.AttachAsync(1);
        var ofOwner = await owner.NextAsync();
        var ofOther = await other.NextAsync();

        await other.AcceptAsync(ofOwner);
        await owner.AcceptAsync(ofOwner);
        await owner.AcceptAsync(ofOwner);
        await owner.RejectAsync("too late", ofOwner);
        var stats = await q.StatsAsync(queue);

        stats.Should().BeEquivalentTo(new { Depth = 1L, InFlight = 1L, Acknowledged = 1L, DeadLettered = 0L });
        (await q.BrowseAsync(queue)).Single().Message.MessageId.Should().Be(ofOther.Message.MessageId);
        q.ShouldHaveNoErrors();
    }
}
