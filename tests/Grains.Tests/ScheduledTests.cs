using Grains.Tests.Infrastructure;
using TestCluster;

namespace Grains.Tests;

[Trait("Category", "Cluster")]
public sealed class ScheduledTests
{
    [Fact]
    public async Task DeliverAt_OneSecondAhead_NotDeliveredBeforeDeliveredAfter()
    {
        await using var q = await QueueCluster.StartAsync();
        var queue = QueueCluster.NewQueueName();
        var consumer = q.Consumer(queue);
        await consumer.AttachAsync(10);
        var deliverAt = Publish.Now + 1_000;

        await q.PublishAsync(queue, Publish.Message(queue, "later", deliverAt: deliverAt), Publish.Message(queue, "now"));
        var now = await consumer.NextAsync();
        var whileWaiting = await q.StatsAsync(queue);
        var receivedEarly = consumer.ReceivedCount;
        var beforeDue = Publish.Now < deliverAt;
        await Wait.UntilAsync(() => consumer.ReceivedCount == 2, QueueCluster.Timeout, "the scheduled message");
        var arrivedAt = Publish.Now;

        now.Message.Body().Should().Be("now");
        beforeDue.Should().BeTrue("the check ran before the scheduled time");
        receivedEarly.Should().Be(1, "the scheduled message is not delivered before its time");
        whileWaiting.Scheduled.Should().Be(1);
        whileWaiting.Depth.Should().Be(2);
        consumer.Received[1].Message.Body().Should().Be("later");
        arrivedAt.Should().BeGreaterThanOrEqualTo(deliverAt);
        (await q.StatsAsync(queue)).Scheduled.Should().Be(0);
        q.ShouldHaveNoErrors();
    }

    [Fact]
    public async Task DeliverAt_ScheduledMessage_DoesNotHoldBackLaterMessages()
    {
        await using var q = await QueueCluster.StartAsync();
        var queue = QueueCluster.NewQueueName();
        await q.PublishAsync(queue, Publish.Message(queue, "tomorrow", deliverAt: Publish.Now + 86_400_000), Publish.Message(queue, "today"));
        var consumer = q.Consumer(queue);

        await consumer.AttachAsync(10);

        (await consumer.NextAsync()).Message.Body().Should().Be("today");
        await consumer.ShouldReceiveNothingMoreAsync("tomorrow's message waits");
        (await q.BrowseAsync(queue)).Select(m => m.Message.Body()).Should().Contain("tomorrow");
    }
}
