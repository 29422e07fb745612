using Grains.Interfaces.Queues;
using Grains.Tests.Infrastructure;

namespace Grains.Tests;

[Trait("Category", "Cluster")]
public sealed class ExpiryTests
{
    [Fact]
    public async Task ExpiresAtInPast_NotDelivered_CountedExpiredAndDeadLettered()
    {
        await using var q = await QueueCluster.StartAsync();
        var queue = QueueCluster.NewQueueName();
        var stale = Publish.Message(queue, "stale", expiresAt: Publish.Now - 1_000);
        await q.PublishAsync(queue, stale, Publish.Message(queue, "fresh"));
        var consumer = q.Consumer(queue);

        await consumer.AttachAsync(10);
        var got = await consumer.NextAsync();
        await consumer.ShouldReceiveNothingMoreAsync("an expired message is never delivered");
        var stats = await q.WaitForStatsAsync(queue, s => s.Expired == 1, "the message to be counted expired");

        got.Message.Body().Should().Be("fresh");
        stats.Should().BeEquivalentTo(new { Depth = 1L, Expired = 1L, DeadLettered = 0L });
        var dead = (await q.BrowseAsync("DLQ." + queue)).Single().Message;
        dead.MessageId.Should().Be(stale.MessageId);
        dead.Properties.Should().Contain(p => p.Name == "x-dead-letter-reason" && p.Value.Contains("expired"));
        q.ShouldHaveNoErrors();
    }

    [Fact]
    public async Task ExpiresAtNearFuture_WithoutConsumer_ExpiresAndStaysInDeadLetterQueue()
    {
        await using var q = await QueueCluster.StartAsync();
        var queue = QueueCluster.NewQueueName();
        var shortLived = Publish.Message(queue, "short-lived", expiresAt: Publish.Now + 300);
        await q.PublishAsync(queue, shortLived);

        await q.WaitForStatsAsync(queue, s => s.Expired == 1 && s.Depth == 0, "the message to expire");
        var consumer = q.Consumer(queue);
        await consumer.AttachAsync(10);
        await consumer.ShouldReceiveNothingMoreAsync("an expired message is never delivered");

        var dlq = await q.BrowseAsync("DLQ." + queue);
        dlq.Select(m => m.Message.MessageId).Should().Equal(shortLived.MessageId);
        dlq[0].Message.ExpiresAt.Should().BeNull("a dead letter must not expire again inside the dead-letter queue");
        (await q.StatsAsync("DLQ." + queue)).Should().BeEquivalentTo(new { Depth = 1L, Expired = 0L }, "the dead letter is kept");
        q.ShouldHaveNoErrors();
    }

    [Fact]
    public async Task QueueMessageTtl_ExpiresMessagesIntoDeadLetterQueue()
    {
        await using var q = await QueueCluster.StartAsync();
        var queue = QueueCluster.NewQueueName();
        await q.DeclareAsync(queue, new QueueSettings { MessageTtlMilliseconds = 300 });
        await q.PublishAsync(queue, Publish.Messages(queue, 3));

        await q.WaitForStatsAsync(queue, s => s.Expired == 3 && s.Depth == 0, "the queue TTL to expire all three");
        var consumer = q.Consumer(queue);
        await consumer.AttachAsync(10);
        await consumer.ShouldReceiveNothingMoreAsync("expired messages are never delivered");

        (await q.BrowseAsync("DLQ." + queue)).Select(m => m.Message.Body()).Should().Equal("m0", "m1", "m2");
        q.ShouldHaveNoErrors();
    }

    [Fact]
    public async Task QueueMessageTtl_MessageOwnEarlierExpiryWins()
    {
        await using var q = await QueueCluster.StartAsync();
        var queue = QueueCluster.NewQueueName();
        await q.DeclareAsync(queue, new QueueSettings { MessageTtlMilliseconds = 60_000 });
        await q.PublishAsync(queue, Publish.Message(queue, "own", expiresAt: Publish.Now + 200), Publish.Message(queue, "queue ttl"));

        await q.WaitForStatsAsync(queue, s => s.Expired == 1, "the message with its own expiry to expire");
        var consumer = q.Consumer(queue);
        await consumer.AttachAsync(10);

        (await consumer.NextAsync()).Message.Body().Should().Be("queue ttl");
    }

    [Fact]
    public async Task ExpiryActionDiscard_ExpiredMessageNotInDeadLetterQueue()
    {
        await using var q = await QueueCluster.StartAsync();
        var queue = QueueCluster.NewQueueName();
        await q.DeclareAsync(queue, new QueueSettings { MessageTtlMilliseconds = 200, ExpiryAction = ExpiryAction.Discard });
        await q.PublishAsync(queue, Publish.Message(queue, "gone"));

        var stats = await q.WaitForStatsAsync(queue, s => s.Expired == 1, "the message to expire");

        stats.Depth.Should().Be(0);
        (await q.StatsAsync("DLQ." + queue)).Depth.Should().Be(0);
        q.ShouldHaveNoErrors();
    }

    [Fact]
    public async Task ExpiresWhileInFlight_AcceptStillSettlesIt()
    {
        await using var q = await QueueCluster.StartAsync();
        var queue = QueueCluster.NewQueueName();
        await q.PublishAsync(queue, Publish.Message(queue, "slow", expiresAt: Publish.Now + 300));
        var consumer = q.Consumer(queue);
        await consumer.AttachAsync(1);
        var delivery = await consumer.NextAsync();

        await Task.Delay(500);
        var whileHeld = await q.StatsAsync(queue);
        await consumer.AcceptAsync(delivery);

        whileHeld.Should().BeEquivalentTo(new { Depth = 1L, InFlight = 1L, Expired = 0L }, "a message in flight is the consumer's");
        (await q.StatsAsync(queue)).Should().BeEquivalentTo(new { Depth = 0L, Acknowledged = 1L });
        (await q.StatsAsync("DLQ." + queue)).Depth.Should().Be(0);
    }
}
