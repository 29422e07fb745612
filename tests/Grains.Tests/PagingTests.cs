using Grains.Interfaces.Queues;
using Grains.Queues;
using Grains.Tests.Infrastructure;

namespace Grains.Tests;

[Trait("Category", "Cluster")]
public sealed class PagingTests
{
    private static QueueGrainOptions SmallWindow => new() { MaxWindowMessages = 100 };

    [Fact]
    public async Task Consume_2000MessagesThroughWindowOf100_AllReceivedOnceInOrder()
    {
        await using var q = await QueueCluster.StartAsync(SmallWindow);
        var queue = QueueCluster.NewQueueName();
        var sent = Publish.Messages(queue, 2_000);
        foreach (var chunk in sent.Chunk(100))
        {
            (await q.PublishAsync(queue, chunk)).Accepted.Should().Be(100);
        }
        var backlog = await q.StatsAsync(queue);
        var consumer = q.Consumer(queue);
        await consumer.AttachAsync(50);

        var received = 0;
        while (received < sent.Length)
        {
            var batch = await consumer.NextAsync(Math.Min(50, sent.Length - received));
            received += batch.Count;
            await consumer.AcceptAsync(batch);
            await consumer.AddCreditAsync(batch.Count);
        }
        await consumer.ShouldReceiveNothingMoreAsync("every message was delivered once");
        var drained = await q.StatsAsync(queue);

        backlog.Depth.Should().Be(2_000);
        backlog.Bytes.Should().Be(sent.Sum(m => m.Payload.Length));
        consumer.Received.Select(d => d.Message.MessageId).Should().Equal(sent.Select(m => m.MessageId));
        consumer.Received.Should().OnlyContain(d => d.DeliveryCount == 0);
        drained.Should().BeEquivalentTo(new { Depth = 0L, InFlight = 0L, Bytes = 0L, Acknowledged = 2_000L });
        q.ShouldHaveNoErrors();
    }

    [Fact]
    public async Task Consume_ConsumerAttachedWhilePublishing_ReceivesAllInOrder()
    {
        await using var q = await QueueCluster.StartAsync(SmallWindow);
        var queue = QueueCluster.NewQueueName();
        var consumer = q.Consumer(queue);
        await consumer.AttachAsync(30);
        var sent = Publish.Messages(queue, 600);

        var publishing = Task.Run(async () =>
        {
            foreach (var chunk in sent.Chunk(20))
            {
                await q.PublishAsync(queue, chunk);
            }
        });
        var received = 0;
        while (received < sent.Length)
        {
            var batch = await consumer.NextAsync(Math.Min(30, sent.Length - received));
            received += batch.Count;
            await consumer.AcceptAsync(batch);
            await consumer.AddCreditAsync(batch.Count);
        }
        await publishing;

        consumer.Received.Select(d => d.Message.MessageId).Should().Equal(sent.Select(m => m.MessageId));
        (await q.StatsAsync(queue)).Depth.Should().Be(0);
        q.ShouldHaveNoErrors();
    }

    [Fact]
    public async Task Browse_PagedOutBacklog_ShowsEveryMessageInOrder()
    {
        await using var q = await QueueCluster.StartAsync(SmallWindow);
        var queue = QueueCluster.NewQueueName();
        var sent = Publish.Messages(queue, 350);
        foreach (var chunk in sent.Chunk(50))
        {
            await q.PublishAsync(queue, chunk);
        }

        var all = await q.BrowseAsync(queue);
        var page = (await q.Queue(queue).CallAsync(new BrowseQueue(all[149].Tag, 100))).Messages;

        all.Select(m => m.Message.MessageId).Should().Equal(sent.Select(m => m.MessageId));
        page.Select(m => m.Message.MessageId).Should().Equal(sent.Skip(150).Take(100).Select(m => m.MessageId));
    }

    [Fact]
    public async Task Consume_HighPriorityInWindow_ComesFirst()
    {
        await using var q = await QueueCluster.StartAsync(SmallWindow);
        var queue = QueueCluster.NewQueueName();
        await q.PublishAsync(queue, Publish.Messages(queue, 10, "low"));
        await q.PublishAsync(queue, Publish.Message(queue, "urgent", 9));
        var consumer = q.Consumer(queue);

        await consumer.AttachAsync(1);

        (await consumer.NextAsync()).Message.Body().Should().Be("urgent");
    }
}
