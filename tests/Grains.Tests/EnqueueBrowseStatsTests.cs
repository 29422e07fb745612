using Grains.Interfaces.Messages;
using Grains.Interfaces.Queues;
using Grains.Queues;
using Grains.Tests.Infrastructure;
using Runtime.Core;

namespace Grains.Tests;

[Trait("Category", "Cluster")]
public sealed class EnqueueBrowseStatsTests
{
    [Fact]
    public async Task Enqueue_ThenBrowse_ShowsMessagesInOrderByteExact()
    {
        await using var q = await QueueCluster.StartAsync();
        var queue = QueueCluster.NewQueueName();
        var random = new Random(42);
        var messages = Enumerable.Range(0, 10).Select(i =>
        {
            var payload = new byte[i * 37];
            random.NextBytes(payload);
            return new BrokerMessage
            {
                MessageId = Publish.NewId(),
                Address = queue,
                Payload = payload,
                ContentType = "application/octet-stream",
                CorrelationData = new byte[] { 0, 1, 2, (byte)i },
                ReplyTo = "replies",
                Properties = [new("n", i.ToString(System.Globalization.CultureInfo.InvariantCulture)), new("n", "again")],
                ProtocolSections = new byte[] { 0x00, 0x53, 0x72, (byte)i },
            };
        }).ToList();

        var first = await q.PublishAsync(queue, [.. messages.Take(4)]);
        var second = await q.PublishAsync(queue, [.. messages.Skip(4)]);
        var browsed = await q.BrowseAsync(queue);

        first.Should().Be(new EnqueueResult(EnqueueStatus.Accepted, 4, 0, null));
        second.Should().Be(new EnqueueResult(EnqueueStatus.Accepted, 6, 0, null));
        browsed.Select(m => m.Message.MessageId).Should().Equal(messages.Select(m => m.MessageId));
        browsed.Select(m => m.Tag).Should().BeInAscendingOrder().And.OnlyHaveUniqueItems();
        browsed.Should().OnlyContain(m => m.DeliveryCount == 0);
        for (var i = 0; i < messages.Count; i++)
        {
            var (sent, stored) = (messages[i], browsed[i].Message);
            stored.Payload.ToArray().Should().Equal(sent.Payload.ToArray());
            stored.ProtocolSections.ToArray().Should().Equal(sent.ProtocolSections.ToArray());
            stored.CorrelationData!.Value.ToArray().Should().Equal(sent.CorrelationData!.Value.ToArray());
            stored.Properties.Should().Equal(sent.Properties);
            stored.ContentType.Should().Be(sent.ContentType);
            stored.ReplyTo.Should().Be(sent.ReplyTo);
            stored.Address.Should().Be(queue);
            stored.CreatedAt.Should().BeCloseTo(Publish.Now, 10_000, "the broker stamps when it accepted the message");
        }
        (await q.Queue(queue).CallAsync(new BrowseQueue(browsed[6].Tag, 2))).Messages
            .Select(m => m.Message.MessageId).Should().Equal(messages[7].MessageId, messages[8].MessageId);
        q.ShouldHaveNoErrors();
    }

    [Fact]
    public async Task Enqueue_SameMessageIdTwice_StoredOnce()
    {
        await using var q = await QueueCluster.StartAsync();
        var queue = QueueCluster.NewQueueName();
        var message = Publish.Message(queue, "once");
        var other = Publish.Message(queue, "other");

        var first = await q.PublishAsync(queue, message);
        var retry = await q.PublishAsync(queue, message);
        var sameCall = await q.PublishAsync(queue, other, other);

        first.Should().Be(new EnqueueResult(EnqueueStatus.Accepted, 1, 0, null));
        retry.Should().Be(new EnqueueResult(EnqueueStatus.Accepted, 0, 1, null), "a publisher's retry is confirmed but not stored again");
        sameCall.Should().Be(new EnqueueResult(EnqueueStatus.Accepted, 1, 1, null));
        (await q.BrowseAsync(queue)).Select(m => m.Message.Body()).Should().Equal("once", "other");
        (await q.StatsAsync(queue)).Depth.Should().Be(2);
    }

    [Theory]
    [InlineData("$session/client-1")]
    [InlineData("$share/group/orders/#")]
    [InlineData("$temp/connection-1/1")]
    [InlineData("$sub/container/link")]
    [InlineData("DLQ.orders")]
    public async Task Enqueue_AutoCreateOff_TheBrokersOwnQueuesAreStillCreatedOnFirstUse(string queue)
    {
        await using var q = await QueueCluster.StartAsync(new QueueGrainOptions { AutoCreate = false });
        var consumer = q.Consumer(queue);

        var accepted = await q.PublishAsync(queue, Publish.Message(queue, "kept"));
        var attach = await consumer.AttachAsync(10);
        var refused = await q.PublishAsync("$other/" + queue, Publish.Message(queue, "refused"));

        accepted.Status.Should().Be(EnqueueStatus.Accepted, "MQTT sessions, AMQP temporary queues and subscriptions work with auto-create off");
        attach.Attached.Should().BeTrue();
        (await consumer.NextAsync()).Message.Body().Should().Be("kept");
        refused.Status.Should().Be(EnqueueStatus.NotFound, "only the broker's own prefixes are exempt, not every '$' name");
        q.ShouldHaveNoErrors();
    }

    [Fact]
    public async Task Enqueue_AutoCreateOff_NotFoundWithReasonUntilDeclared()
    {
        await using var q = await QueueCluster.StartAsync(new QueueGrainOptions { AutoCreate = false });
        var queue = QueueCluster.NewQueueName();
        var consumer = q.Consumer(queue);

        var refused = await q.PublishAsync(queue, Publish.Message(queue, "lost?"));
        var attach = await consumer.AttachAsync(10);
        var before = await q.StatsAsync(queue);

        refused.Status.Should().Be(EnqueueStatus.NotFound);
        refused.Accepted.Should().Be(0);
        refused.Reason.Should().Contain(queue).And.Contain("declare");
        attach.Attached.Should().BeFalse();
        attach.Status.Should().Be(AttachStatus.QueueNotFound);
        attach.Reason.Should().Contain(queue);
        before.Exists.Should().BeFalse();
        before.Depth.Should().Be(0);

        var declared = await q.DeclareAsync(queue, QueueSettings.Default);
        var accepted = await q.PublishAsync(queue, Publish.Message(queue, "kept"));
        (await consumer.AttachAsync(10)).Attached.Should().BeTrue();

        declared.Exists.Should().BeTrue();
        accepted.Status.Should().Be(EnqueueStatus.Accepted);
        (await consumer.NextAsync()).Message.Body().Should().Be("kept");
        q.ShouldHaveNoErrors();
    }

    [Fact]
    public async Task Enqueue_CreateIfMissingFalse_NotFoundEvenWithAutoCreate()
    {
        await using var q = await QueueCluster.StartAsync();
        var queue = QueueCluster.NewQueueName();

        var result = await q.Queue(queue).CallAsync(new EnqueueMessages([Publish.Message(queue, "x")], CreateIfMissing: false));

        result.Status.Should().Be(EnqueueStatus.NotFound);
        result.Reason.Should().Contain(queue);
        (await q.StatsAsync(queue)).Exists.Should().BeFalse();
    }

    [Fact]
    public async Task Stats_DepthInFlightConsumersAndTotals_FollowTheQueue()
    {
        await using var q = await QueueCluster.StartAsync();
        var queue = QueueCluster.NewQueueName();
        await q.PublishAsync(queue, Publish.Messages(queue, 5, "stat"));
        var consumer = q.Consumer(queue);
        var idle = q.Consumer(queue);

        await consumer.AttachAsync(2);
        await idle.AttachAsync(0);
        var delivered = await consumer.NextAsync(2);
        var holding = await q.StatsAsync(queue);
        await consumer.AcceptAsync(delivered[0]);
        var afterAccept = await q.StatsAsync(queue);
        await idle.DetachAsync();
        var afterDetach = await q.StatsAsync(queue);

        holding.Should().BeEquivalentTo(new { Exists = true, Depth = 5L, InFlight = 2L, Scheduled = 0L, Bytes = 25L, Consumers = 2, Enqueued = 5L, Delivered = 2L, Acknowledged = 0L });
        afterAccept.Should().BeEquivalentTo(new { Depth = 4L, InFlight = 1L, Bytes = 20L, Acknowledged = 1L });
        afterDetach.Consumers.Should().Be(1);
        holding.OldestAgeMilliseconds.Should().BeInRange(0, 10_000);
        q.ShouldHaveNoErrors();
    }

    [Fact]
    public async Task DeclareQueue_InvalidSettings_RefusedWithReason()
    {
        await using var q = await QueueCluster.StartAsync();
        var queue = QueueCluster.NewQueueName();

        var negative = async () => await q.DeclareAsync(queue, new QueueSettings { MaxDeliveries = -1 });
        var zeroTtl = async () => await q.DeclareAsync(queue, new QueueSettings { MessageTtlMilliseconds = 0 });

        (await negative.Should().ThrowAsync<GrainCallException>()).Which.Message.Should().Contain("MaxDeliveries");
        (await zeroTtl.Should().ThrowAsync<GrainCallException>()).Which.Message.Should().Contain("MessageTtlMilliseconds");
        (await q.StatsAsync(queue)).Exists.Should().BeFalse();
    }

    [Fact]
    public async Task DeclareQueue_Again_ChangesSettingsKeepsMessages()
    {
        await using var q = await QueueCluster.StartAsync();
        var queue = QueueCluster.NewQueueName();
        await q.DeclareAsync(queue, new QueueSettings { MaxLength = 2 });
        await q.PublishEachAsync(queue, Publish.Messages(queue, 2));

        var changed = await q.DeclareAsync(queue, new QueueSettings { MaxLength = 3 });
        var third = await q.PublishAsync(queue, Publish.Message(queue, "m2"));

        changed.Settings.MaxLength.Should().Be(3);
        changed.Depth.Should().Be(2);
        third.Status.Should().Be(EnqueueStatus.Accepted);
    }
}
