using Grains.Interfaces.Queues;
using Grains.Queues;
using Grains.Tests.Infrastructure;
using Runtime.Serialization;

namespace Grains.Tests;

[Trait("Category", "Cluster")]
public sealed class PurgeTests
{
    [Fact]
    public async Task Purge_RemovesReadyMessages_KeepsInFlightOnes()
    {
        await using var q = await QueueCluster.StartAsync();
        var queue = QueueCluster.NewQueueName();
        await q.PublishAsync(queue, Publish.Messages(queue, 10));
        var consumer = q.Consumer(queue);
        await consumer.AttachAsync(3);
        var held = await consumer.NextAsync(3);

        var purged = await q.Queue(queue).CallAsync(new PurgeQueue());
        var afterPurge = await q.StatsAsync(queue);
        await consumer.AcceptAsync(held[0]);
        await consumer.ReleaseAsync(held[1], held[2]);
        await consumer.AddCreditAsync(10);
        var back = await consumer.NextAsync(2);
        await consumer.ShouldReceiveNothingMoreAsync("the purged messages are gone");

        purged.Value.Should().Be(7);
        afterPurge.Should().BeEquivalentTo(new { Depth = 3L, InFlight = 3L, Bytes = 6L });
        (await q.BrowseAsync(queue)).Select(m => m.Message.Body()).Should().Equal("m1", "m2");
        back.Select(d => d.Message.Body()).Should().Equal("m1", "m2");
        await consumer.AcceptAsync(back);
        (await q.StatsAsync(queue)).Depth.Should().Be(0);
        q.ShouldHaveNoErrors();
    }

    [Fact]
    public async Task Purge_WithPagedOutBacklog_RemovesEverythingReady()
    {
        await using var q = await QueueCluster.StartAsync(new QueueGrainOptions { MaxWindowMessages = 100 });
        var queue = QueueCluster.NewQueueName();
        foreach (var chunk in Publish.Messages(queue, 300).Chunk(100))
        {
            await q.PublishAsync(queue, chunk);
        }

        var purged = await q.Queue(queue).CallAsync(new PurgeQueue());
        await q.PublishAsync(queue, Publish.Message(queue, "after purge"));
        var consumer = q.Consumer(queue);
        await consumer.AttachAsync(10);

        purged.Should().Be(new Int64Value(300));
        (await consumer.NextAsync()).Message.Body().Should().Be("after purge");
        await consumer.ShouldReceiveNothingMoreAsync("the backlog was purged");
        (await q.StatsAsync(queue)).Should().BeEquivalentTo(new { Depth = 1L, Bytes = 11L });
    }

    [Fact]
    public async Task Purge_ScheduledMessages_AreRemovedToo()
    {
        await using var q = await QueueCluster.StartAsync();
        var queue = QueueCluster.NewQueueName();
        await q.PublishAsync(queue, Publish.Message(queue, "later", deliverAt: Publish.Now + 300));

        var purged = await q.Queue(queue).CallAsync(new PurgeQueue());
        var consumer = q.Consumer(queue);
        await consumer.AttachAsync(1);
        await Task.Delay(450);

        purged.Value.Should().Be(1);
        (await q.StatsAsync(queue)).Should().BeEquivalentTo(new { Depth = 0L, Scheduled = 0L });
        consumer.ReceivedCount.Should().Be(0, "a purged scheduled message is not delivered when its time comes");
    }
}
