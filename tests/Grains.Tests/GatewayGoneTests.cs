using Grains.Queues;
using Grains.Tests.Infrastructure;

namespace Grains.Tests;

/// <summary>
/// A consumer whose gateway (cluster client) crashes: the queue notices within a sweep that the client's connection to
/// its silo is gone, stops handing it messages and gives back what it held, instead of feeding a dead connection until
/// the consumer's lease (30 s) runs out.
/// </summary>
[Trait("Category", "Cluster")]
public sealed class GatewayGoneTests
{
    [Fact]
    public async Task Consumer_of_a_gone_gateway_gets_nothing_more_and_its_unsettled_deliveries_return_at_once()
    {
        await using var q = await QueueCluster.StartAsync(new QueueGrainOptions { ConsumerLease = TimeSpan.FromMinutes(5) });
        var queue = QueueCluster.NewQueueName();
        var gateway = await q.Cluster.StartClientAsync();
        var doomed = new TestConsumer(gateway, queue);
        var survivor = q.Consumer(queue);
        await doomed.AttachAsync(100);
        await q.PublishAsync(queue, Publish.Messages(queue, 3));
        var held = await doomed.NextAsync(3);
        await survivor.AttachAsync(100);

        await gateway.DisposeAsync(); // its connections close: what a crashed gateway looks like to the silo
        var watch = System.Diagnostics.Stopwatch.StartNew();
        var returned = await survivor.NextAsync(3);
        var took = watch.Elapsed;
        await q.PublishAsync(queue, [.. Publish.Messages(queue, 6).Skip(3)]);
        var fresh = await survivor.NextAsync(3);

        held.Select(d => d.Message.Body()).Should().Equal("m0", "m1", "m2");
        returned.Select(d => d.Message.Body()).Should().Equal(["m0", "m1", "m2"], "the gone consumer's deliveries come back, in order");
        returned.Should().OnlyContain(d => d.DeliveryCount == 1, "they had been handed out once");
        took.Should().BeLessThan(TimeSpan.FromSeconds(5), "a sweep notices the gone gateway; the lease is 5 minutes");
        fresh.Select(d => d.Message.Body()).Should().Equal(["m3", "m4", "m5"],
            "no new message goes to the gone consumer (with round robin, every other one would)");
        doomed.ReceivedCount.Should().Be(3);
        q.ShouldHaveNoErrors();
    }

    [Fact]
    public async Task TemporaryQueue_whose_gateway_is_gone_is_emptied_as_on_close()
    {
        await using var q = await QueueCluster.StartAsync(new QueueGrainOptions { ConsumerLease = TimeSpan.FromMinutes(5) });
        var temporary = "$temp/connection-x/1";
        var ordinary = QueueCluster.NewQueueName();
        var gateway = await q.Cluster.StartClientAsync();
        var onTemporary = new TestConsumer(gateway, temporary);
        var onOrdinary = new TestConsumer(gateway, ordinary);
        await onTemporary.AttachAsync(2);
        await onOrdinary.AttachAsync(2);
        await q.PublishAsync(temporary, Publish.Messages(temporary, 5));
        await q.PublishAsync(ordinary, Publish.Messages(ordinary, 5));
        await onTemporary.NextAsync(2);
        await onOrdinary.NextAsync(2);

        await gateway.DisposeAsync();
        var emptied = await q.WaitForStatsAsync(temporary, s => s.Depth == 0 && s.Consumers == 0, "the temporary queue to be emptied");
        var kept = await q.WaitForStatsAsync(ordinary, s => s.Consumers == 0, "the ordinary queue's consumer to be detached");

        emptied.Depth.Should().Be(0, "a temporary queue lives only as long as its connection, which went with the gateway");
        kept.Depth.Should().Be(5, "an ordinary queue keeps every message, the unsettled ones included");
        q.ShouldHaveNoErrors();
    }
}
