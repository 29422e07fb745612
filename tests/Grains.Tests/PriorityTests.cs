using Grains.Tests.Infrastructure;

namespace Grains.Tests;

[Trait("Category", "Cluster")]
public sealed class PriorityTests
{
    [Fact]
    public async Task Deliver_MixedPriorities_HighestFirstFifoWithinPriority()
    {
        await using var q = await QueueCluster.StartAsync();
        var queue = QueueCluster.NewQueueName();
        var sent = new List<Grains.Interfaces.Messages.BrokerMessage>();
        for (var i = 0; i < 3; i++)
        {
            foreach (var priority in new byte[] { 1, 9, 5 })
            {
                sent.Add(Publish.Message(queue, $"p{priority}-{i}", priority));
            }
        }
        await q.PublishEachAsync(queue, sent.Take(4));
        await q.PublishAsync(queue, [.. sent.Skip(4)]);
        var consumer = q.Consumer(queue);

        await consumer.AttachAsync(100);
        var got = await consumer.NextAsync(9);

        got.Select(d => d.Message.Body()).Should().Equal(
            "p9-0", "p9-1", "p9-2", "p5-0", "p5-1", "p5-2", "p1-0", "p1-1", "p1-2");
        got.Select(d => d.Message.Priority).Should().BeInDescendingOrder();
        q.ShouldHaveNoErrors();
    }

    [Fact]
    public async Task Release_HighPriorityMessage_ComesBackAheadOfLowerPriorities()
    {
        await using var q = await QueueCluster.StartAsync();
        var queue = QueueCluster.NewQueueName();
        await q.PublishAsync(queue, Publish.Message(queue, "low", 1), Publish.Message(queue, "high", 8));
        var consumer = q.Consumer(queue);
        await consumer.AttachAsync(1);

        var first = await consumer.NextAsync();
        await consumer.ReleaseAsync(first);
        await consumer.AddCreditAsync(2);
        var next = await consumer.NextAsync(2);

        first.Message.Body().Should().Be("high");
        next.Select(d => d.Message.Body()).Should().Equal("high", "low");
    }
}
