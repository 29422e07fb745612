using Grains.Interfaces.Messages;
using Grains.Interfaces.Queues;
using Grains.Tests.Infrastructure;
using TestCluster;

namespace Grains.Tests;

[Trait("Category", "Cluster")]
public sealed class DeadLetterTests
{
    private static string? Property(BrokerMessage message, string name) =>
        message.Properties.Where(p => p.Name == name).Select(p => p.Value).LastOrDefault();

    [Fact]
    public async Task Reject_MessageMovesToDeadLetterQueueWithReason()
    {
        await using var q = await QueueCluster.StartAsync();
        var queue = QueueCluster.NewQueueName();
        var sent = new BrokerMessage
        {
            MessageId = Publish.NewId(),
            Address = queue,
            Payload = new byte[] { 0, 255, 1, 254 },
            Priority = 7,
            GroupId = "g",
            ContentType = "application/json",
            CorrelationData = new byte[] { 9 },
            ReplyTo = "back",
            PayloadIsUtf8 = false,
            Qos = 2,
            PublisherId = "client-7",
            Properties = [new("k", "v")],
            ProtocolSections = new byte[] { 0x00, 0x53, 0x72 },
        };
        await q.PublishAsync(queue, sent);
        var consumer = q.Consumer(queue);
        await consumer.AttachAsync(5);
        var delivery = await consumer.NextAsync();

        await consumer.RejectAsync("cannot parse the order", delivery);
        var dlq = await q.BrowseAsync("DLQ." + queue);
        var stats = await q.StatsAsync(queue);
        await consumer.ShouldReceiveNothingMoreAsync("a rejected message is not redelivered");

        dlq.Should().ContainSingle();
        var dead = dlq[0].Message;
        dead.MessageId.Should().Be(sent.MessageId);
        Wire.Bytes(dead).Should().Equal(Wire.Bytes(sent.With(properties: dead.Properties, createdAt: dead.CreatedAt)),
            "the dead letter is the same message, with the dead-letter properties added");
        dead.Properties[0].Should().Be(new MessageProperty("k", "v"));
        Property(dead, "x-dead-letter-reason").Should().Be("cannot parse the order");
        Property(dead, "x-original-queue").Should().Be(queue);
        stats.Should().BeEquivalentTo(new { Depth = 0L, InFlight = 0L, DeadLettered = 1L });
        q.ShouldHaveNoErrors();
    }

    [Fact]
    public async Task Reject_WithoutReason_DeadLetterReasonNamesTheConsumer()
    {
        await using var q = await QueueCluster.StartAsync();
        var queue = QueueCluster.NewQueueName();
        await q.PublishAsync(queue, Publish.Message(queue, "x"));
        var consumer = q.Consumer(queue);
        await consumer.AttachAsync(5);

        await consumer.RejectAsync(null, await consumer.NextAsync());

        Property((await q.BrowseAsync("DLQ." + queue)).Single().Message, "x-dead-letter-reason").Should().Contain(consumer.Id);
    }

    [Fact]
    public async Task MaxDeliveries_ReachedByFailedDeliveries_MessageMovesToDeadLetterQueue()
    {
        await using var q = await QueueCluster.StartAsync();
        var queue = QueueCluster.NewQueueName();
        await q.DeclareAsync(queue, new QueueSettings { MaxDeliveries = 2 });
        await q.PublishAsync(queue, Publish.Message(queue, "fails"), Publish.Message(queue, "fine"));
        var consumer = q.Consumer(queue);
        await consumer.AttachAsync(1);

        var first = await consumer.NextAsync();
        await consumer.ModifyAsync(deliveryFailed: true, undeliverableHere: false, first);
        await consumer.AddCreditAsync(1);
        var second = await consumer.NextAsync();
        await consumer.ModifyAsync(deliveryFailed: true, undeliverableHere: false, second);
        await consumer.AddCreditAsync(1);
        var third = await consumer.NextAsync();

        first.Message.Body().Should().Be("fails");
        second.Message.Body().Should().Be("fails");
        second.DeliveryCount.Should().Be(1);
        third.Message.Body().Should().Be("fine", "after 2 failed deliveries the message is dead-lettered, not delivered a third time");
        var dead = (await q.BrowseAsync("DLQ." + queue)).Single();
        dead.Message.Body().Should().Be("fails");
        Property(dead.Message, "x-dead-letter-reason").Should().Contain("max deliveries 2");
        Property(dead.Message, "x-delivery-count").Should().Be("2");
        (await q.StatsAsync(queue)).DeadLettered.Should().Be(1);
        q.ShouldHaveNoErrors();
    }

    [Fact]
    public async Task MaxDeliveries_ReachedWhileNoConsumerHasCredit_MessageStillMovesToDeadLetterQueue()
    {
        await using var q = await QueueCluster.StartAsync();
        var queue = QueueCluster.NewQueueName();
        await q.DeclareAsync(queue, new QueueSettings { MaxDeliveries = 1 });
        await q.PublishAsync(queue, Publish.Message(queue, "fails"));
        var consumer = q.Consumer(queue);
        await consumer.AttachAsync(1);

        await consumer.ModifyAsync(deliveryFailed: true, undeliverableHere: false, await consumer.NextAsync());

        await Wait.UntilAsync(async () => (await q.BrowseAsync("DLQ." + queue)).Count == 1, QueueCluster.Timeout,
            "the message in the dead-letter queue");
        (await q.StatsAsync(queue)).Depth.Should().Be(0);
    }

    [Fact]
    public async Task Release_DoesNotCountTowardsMaxDeliveries()
    {
        await using var q = await QueueCluster.StartAsync();
        var queue = QueueCluster.NewQueueName();
        await q.DeclareAsync(queue, new QueueSettings { MaxDeliveries = 2 });
        await q.PublishAsync(queue, Publish.Message(queue, "busy"));
        var consumer = q.Consumer(queue);
        await consumer.AttachAsync(1);

        for (var i = 0; i < 4; i++)
        {
            var delivery = await consumer.NextAsync();
            delivery.DeliveryCount.Should().Be(0);
            await consumer.ReleaseAsync(delivery);
            await consumer.AddCreditAsync(1);
        }
        var last = await consumer.NextAsync();

        last.Message.Body().Should().Be("busy");
        (await q.StatsAsync("DLQ." + queue)).Depth.Should().Be(0);
        q.ShouldHaveNoErrors();
    }

    [Fact]
    public async Task DetachRepeatedly_CountsAsFailedDeliveries_EndsInDeadLetterQueue()
    {
        await using var q = await QueueCluster.StartAsync();
        var queue = QueueCluster.NewQueueName();
        await q.DeclareAsync(queue, new QueueSettings { MaxDeliveries = 2 });
        await q.PublishAsync(queue, Publish.Message(queue, "kills its consumer"));

        for (var i = 0; i < 2; i++)
        {
            var consumer = q.Consumer(queue);
            await consumer.AttachAsync(1);
            (await consumer.NextAsync()).DeliveryCount.Should().Be(i);
            await consumer.DetachAsync();
        }
        var last = q.Consumer(queue);
        await last.AttachAsync(1);

        await Wait.UntilAsync(async () => (await q.BrowseAsync("DLQ." + queue)).Count == 1, QueueCluster.Timeout,
            "the message in the dead-letter queue");
        await last.ShouldReceiveNothingMoreAsync("the message was delivered twice already");
    }

    [Fact]
    public async Task DeadLetterQueueEmpty_RejectedMessageIsDiscarded()
    {
        await using var q = await QueueCluster.StartAsync();
        var queue = QueueCluster.NewQueueName();
        await q.DeclareAsync(queue, new QueueSettings { DeadLetterQueue = "" });
        await q.PublishAsync(queue, Publish.Message(queue, "dropped"));
        var consumer = q.Consumer(queue);
        await consumer.AttachAsync(1);

        await consumer.RejectAsync("bad", await consumer.NextAsync());

        var stats = await q.StatsAsync(queue);
        stats.Depth.Should().Be(0);
        stats.DeadLettered.Should().Be(1);
        (await q.StatsAsync("DLQ." + queue)).Exists.Should().BeFalse("dead letters are discarded, no dead-letter queue is made");
        q.ShouldHaveNoErrors();
    }

    [Fact]
    public async Task DeadLetterQueueNamed_RejectedMessageGoesThere()
    {
        await using var q = await QueueCluster.StartAsync();
        var queue = QueueCluster.NewQueueName();
        var parking = QueueCluster.NewQueueName("parking");
        await q.DeclareAsync(queue, new QueueSettings { DeadLetterQueue = parking });
        await q.PublishAsync(queue, Publish.Message(queue, "parked"));
        var consumer = q.Consumer(queue);
        await consumer.AttachAsync(1);

        await consumer.RejectAsync("later", await consumer.NextAsync());

        (await q.BrowseAsync(parking)).Select(m => m.Message.Body()).Should().Equal("parked");
        (await q.StatsAsync("DLQ." + queue)).Exists.Should().BeFalse();
    }

    [Fact]
    public async Task Reject_AutoCreateOff_DefaultDeadLetterQueueIsStillCreated()
    {
        await using var q = await QueueCluster.StartAsync(new Grains.Queues.QueueGrainOptions { AutoCreate = false });
        var queue = QueueCluster.NewQueueName();
        await q.DeclareAsync(queue, QueueSettings.Default);
        await q.PublishAsync(queue, Publish.Message(queue, "bad"));
        var consumer = q.Consumer(queue);
        await consumer.AttachAsync(1);

        await consumer.RejectAsync("invalid", await consumer.NextAsync());

        (await q.BrowseAsync("DLQ." + queue)).Select(m => m.Message.Body()).Should().Equal("bad");
        q.ShouldHaveNoErrors();
    }

    [Fact]
    public async Task Reject_InDeadLetterQueue_IsDiscardedNotDeadLetteredAgain()
    {
        await using var q = await QueueCluster.StartAsync();
        var queue = QueueCluster.NewQueueName();
        await q.PublishAsync(queue, Publish.Message(queue, "twice bad"));
        var consumer = q.Consumer(queue);
        await consumer.AttachAsync(1);
        await consumer.RejectAsync("first", await consumer.NextAsync());
        var dlqConsumer = q.Consumer("DLQ." + queue);
        await dlqConsumer.AttachAsync(1);

        await dlqConsumer.RejectAsync("second", await dlqConsumer.NextAsync());

        (await q.StatsAsync("DLQ." + queue)).Depth.Should().Be(0);
        (await q.StatsAsync("DLQ.DLQ." + queue)).Exists.Should().BeFalse("there is no dead-letter queue of a dead-letter queue");
    }
}
