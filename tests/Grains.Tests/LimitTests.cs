using Grains.Interfaces.Queues;
using Grains.Tests.Infrastructure;

namespace Grains.Tests;

[Trait("Category", "Cluster")]
public sealed class LimitTests
{
    [Fact]
    public async Task MaxLengthRejectNew_SixthEnqueue_QueueFullWithReason()
    {
        await using var q = await QueueCluster.StartAsync();
        var queue = QueueCluster.NewQueueName();
        await q.DeclareAsync(queue, new QueueSettings { MaxLength = 5, Overflow = OverflowPolicy.RejectNew });
        await q.PublishEachAsync(queue, Publish.Messages(queue, 5));

        var sixth = await q.PublishAsync(queue, Publish.Message(queue, "m5"));

        sixth.Status.Should().Be(EnqueueStatus.QueueFull);
        sixth.Accepted.Should().Be(0);
        sixth.Reason.Should().Contain(queue).And.Contain("full").And.Contain("5");
        (await q.BrowseAsync(queue)).Select(m => m.Message.Body()).Should().Equal("m0", "m1", "m2", "m3", "m4");

        // Room made by a consumer is usable again, and the refused message was not remembered as a duplicate.
        var consumer = q.Consumer(queue);
        await consumer.AttachAsync(1);
        await consumer.AcceptAsync(await consumer.NextAsync());
        var retry = await q.PublishAsync(queue, Publish.Message(queue, "m6"));
        retry.Status.Should().Be(EnqueueStatus.Accepted);
        q.ShouldHaveNoErrors();
    }

    [Fact]
    public async Task MaxLengthRejectNew_RefusedMessageRetriedLater_IsStored()
    {
        await using var q = await QueueCluster.StartAsync();
        var queue = QueueCluster.NewQueueName();
        await q.DeclareAsync(queue, new QueueSettings { MaxLength = 1 });
        await q.PublishAsync(queue, Publish.Message(queue, "first"));
        var refused = Publish.Message(queue, "second");

        (await q.PublishAsync(queue, refused)).Status.Should().Be(EnqueueStatus.QueueFull);
        var consumer = q.Consumer(queue);
        await consumer.AttachAsync(1);
        await consumer.AcceptAsync(await consumer.NextAsync());
        var retried = await q.PublishAsync(queue, refused);

        retried.Should().Be(new EnqueueResult(EnqueueStatus.Accepted, 1, 0, null));
    }

    [Fact]
    public async Task MaxLengthDropOldest_OldestGoToDeadLetterQueue()
    {
        await using var q = await QueueCluster.StartAsync();
        var queue = QueueCluster.NewQueueName();
        await q.DeclareAsync(queue, new QueueSettings { MaxLength = 5, Overflow = OverflowPolicy.DropOldest });

        await q.PublishEachAsync(queue, Publish.Messages(queue, 8));

        (await q.BrowseAsync(queue)).Select(m => m.Message.Body()).Should().Equal("m3", "m4", "m5", "m6", "m7");
        var dlq = await q.BrowseAsync("DLQ." + queue);
        dlq.Select(m => m.Message.Body()).Should().Equal("m0", "m1", "m2");
        dlq.Should().OnlyContain(m => m.Message.Properties.Any(p => p.Name == "x-dead-letter-reason" && p.Value.Contains("drop")));
        (await q.StatsAsync(queue)).Depth.Should().Be(5);
        q.ShouldHaveNoErrors();
    }

    [Fact]
    public async Task MaxLengthDropOldest_ConcurrentPublishes_NoneRefused()
    {
        await using var q = await QueueCluster.StartAsync();
        var queue = QueueCluster.NewQueueName();
        await q.DeclareAsync(queue, new QueueSettings { MaxLength = 5, Overflow = OverflowPolicy.DropOldest });
        var sent = Publish.Messages(queue, 40);

        var results = await Task.WhenAll(sent.Select(m => q.PublishAsync(queue, m)));

        results.Should().OnlyContain(r => r.Status == EnqueueStatus.Accepted && r.Accepted == 1,
            "drop-oldest never refuses a publisher: {0}", string.Join("; ", results.Select(r => r.Reason).Distinct()));
        (await q.StatsAsync(queue)).Depth.Should().Be(5);
        var kept = (await q.BrowseAsync(queue)).Select(m => m.Message.MessageId).ToList();
        var dropped = (await q.BrowseAsync("DLQ." + queue)).Select(m => m.Message.MessageId).ToList();
        kept.Concat(dropped).Should().BeEquivalentTo(sent.Select(m => m.MessageId), "every message is either kept or dead-lettered");
        q.ShouldHaveNoErrors();
    }

    [Fact]
    public async Task MaxLengthDropOldest_InFlightMessagesAreNotDropped()
    {
        await using var q = await QueueCluster.StartAsync();
        var queue = QueueCluster.NewQueueName();
        await q.DeclareAsync(queue, new QueueSettings { MaxLength = 2, Overflow = OverflowPolicy.DropOldest });
        await q.PublishEachAsync(queue, Publish.Messages(queue, 2));
        var consumer = q.Consumer(queue);
        await consumer.AttachAsync(1);
        var held = await consumer.NextAsync();

        await q.PublishEachAsync(queue, [Publish.Message(queue, "m2")]);
        await consumer.AcceptAsync(held);

        held.Message.Body().Should().Be("m0");
        (await q.BrowseAsync("DLQ." + queue)).Select(m => m.Message.Body()).Should().Equal("m1");
        (await q.BrowseAsync(queue)).Select(m => m.Message.Body()).Should().Equal("m2");
    }

    [Fact]
    public async Task MaxBytesRejectNew_PayloadBytesOverLimit_QueueFull()
    {
        await using var q = await QueueCluster.StartAsync();
        var queue = QueueCluster.NewQueueName();
        await q.DeclareAsync(queue, new QueueSettings { MaxBytes = 100 });
        var forty = new string('x', 40);

        var first = await q.PublishAsync(queue, Publish.Message(queue, forty));
        var second = await q.PublishAsync(queue, Publish.Message(queue, forty));
        var third = await q.PublishAsync(queue, Publish.Message(queue, forty));
        var small = await q.PublishAsync(queue, Publish.Message(queue, new string('y', 20)));

        first.Status.Should().Be(EnqueueStatus.Accepted);
        second.Status.Should().Be(EnqueueStatus.Accepted);
        third.Status.Should().Be(EnqueueStatus.QueueFull);
        third.Reason.Should().Contain("100");
        small.Status.Should().Be(EnqueueStatus.Accepted, "exactly 100 bytes fit");
        (await q.StatsAsync(queue)).Bytes.Should().Be(100);
    }

    [Fact]
    public async Task MaxBytesDropOldest_DropsEnoughOldMessagesToFit()
    {
        await using var q = await QueueCluster.StartAsync();
        var queue = QueueCluster.NewQueueName();
        await q.DeclareAsync(queue, new QueueSettings { MaxBytes = 100, Overflow = OverflowPolicy.DropOldest });
        await q.PublishEachAsync(queue, Enumerable.Range(0, 4).Select(i => Publish.Message(queue, new string((char)('a' + i), 25))));

        await q.PublishEachAsync(queue, [Publish.Message(queue, new string('z', 60))]);

        var kept = await q.BrowseAsync(queue);
        kept.Select(m => m.Message.Body()[0]).Should().Equal('d', 'z');
        (await q.StatsAsync(queue)).Bytes.Should().Be(85);
        (await q.BrowseAsync("DLQ." + queue)).Should().HaveCount(3);
    }
}
