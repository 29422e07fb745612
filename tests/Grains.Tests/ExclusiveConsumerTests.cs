using Grains.Interfaces.Queues;
using Grains.Tests.Infrastructure;

namespace Grains.Tests;

[Trait("Category", "Cluster")]
public sealed class ExclusiveConsumerTests
{
    [Fact]
    public async Task ExclusiveConsumer_OnlyFirstReceives_SecondTakesOverOnDetach()
    {
        await using var q = await QueueCluster.StartAsync();
        var queue = QueueCluster.NewQueueName();
        await q.DeclareAsync(queue, new QueueSettings { ExclusiveConsumer = true });
        var first = q.Consumer(queue);
        var standby = q.Consumer(queue);
        await first.AttachAsync(100);
        await standby.AttachAsync(100);

        await q.PublishAsync(queue, Publish.Messages(queue, 5));
        var atFirst = await first.NextAsync(5);
        await standby.ShouldReceiveNothingMoreAsync("the stand-by consumer receives nothing while the first is attached");
        await first.AcceptAsync(atFirst.Take(3));
        await first.DetachAsync();
        await q.PublishAsync(queue, Publish.Message(queue, "m5"));
        var atStandby = await standby.NextAsync(3);

        atFirst.Select(d => d.Message.Body()).Should().Equal("m0", "m1", "m2", "m3", "m4");
        atStandby.Select(d => d.Message.Body()).Should().Equal("m3", "m4", "m5");
        atStandby.Select(d => d.DeliveryCount).Should().Equal(1, 1, 0);
        q.ShouldHaveNoErrors();
    }

    [Fact]
    public async Task ExclusiveConsumer_FirstWithoutCredit_StandbyStillGetsNothing()
    {
        await using var q = await QueueCluster.StartAsync();
        var queue = QueueCluster.NewQueueName();
        await q.DeclareAsync(queue, new QueueSettings { ExclusiveConsumer = true });
        var first = q.Consumer(queue);
        var standby = q.Consumer(queue);
        await first.AttachAsync(1);
        await standby.AttachAsync(100);

        await q.PublishAsync(queue, Publish.Messages(queue, 3));
        await first.NextAsync();

        await standby.ShouldReceiveNothingMoreAsync("exclusive means one consumer, even when it has no credit left");
    }
}
