using Grains.Interfaces.Messages;
using Grains.Interfaces.Queues;
using Grains.Tests.Infrastructure;
using TestCluster;

namespace Grains.Tests;

/// <summary>Consumers with JMS selectors on a queue: each is offered only what it matches, what nobody matches waits
/// for a consumer that does, and an invalid selector is refused.</summary>
[Trait("Category", "Cluster")]
public sealed class SelectorConsumerTests
{
    private static BrokerMessage Message(string queue, string body, params string[] properties)
    {
        var list = new List<MessageProperty>();
        for (var i = 0; i + 1 < properties.Length; i += 2)
        {
            list.Add(new MessageProperty(properties[i], properties[i + 1]));
        }
        return Publish.Message(queue, body, properties: list);
    }

    [Fact]
    public async Task TwoConsumers_ComplementarySelectors_SplitTheStreamInOrder()
    {
        await using var q = await QueueCluster.StartAsync();
        var queue = QueueCluster.NewQueueName();
        var red = q.Consumer(queue);
        var others = q.Consumer(queue);
        (await red.AttachAsync(100, "color = 'red'")).Status.Should().Be(AttachStatus.Attached);
        (await others.AttachAsync(100, "color <> 'red' OR color IS NULL")).Status.Should().Be(AttachStatus.Attached);

        var colors = new[] { "red", "blue", "red", "green" };
        var sent = Enumerable.Range(0, 40).Select(i => i % 5 == 4
            ? Message(queue, $"m{i}")
            : Message(queue, $"m{i}", "color", colors[i % 4])).ToList();
        await q.PublishEachAsync(queue, sent.Take(20));
        await q.PublishAsync(queue, [.. sent.Skip(20)]);
        await Wait.UntilAsync(() => red.ReceivedCount + others.ReceivedCount >= 40, QueueCluster.Timeout, "40 deliveries");
        await Task.Delay(QueueCluster.Quiet);

        bool IsRed(BrokerMessage m) => m.Properties.Any(p => p is { Name: "color", Value: "red" });
        red.Received.Select(d => d.Message.Body()).Should().Equal(sent.Where(IsRed).Select(m => m.Body()), "red gets every red message, in order");
        others.Received.Select(d => d.Message.Body()).Should().Equal(sent.Where(m => !IsRed(m)).Select(m => m.Body()),
            "the other consumer gets the rest, in order");
        q.ShouldHaveNoErrors();
    }

    [Fact]
    public async Task UnmatchedMessage_WaitsInTheQueue_AndGoesToALaterMatchingConsumer()
    {
        await using var q = await QueueCluster.StartAsync();
        var queue = QueueCluster.NewQueueName();
        var orders = q.Consumer(queue);
        await orders.AttachAsync(10, "type = 'order'");

        await q.PublishAsync(queue, Message(queue, "invoice-1", "type", "invoice"), Message(queue, "order-1", "type", "order"),
            Message(queue, "invoice-2", "type", "invoice"));

        (await orders.NextAsync()).Message.Body().Should().Be("order-1");
        await orders.ShouldReceiveNothingMoreAsync("invoices do not match its selector");
        await orders.AcceptAsync(orders.Received);
        (await q.WaitForStatsAsync(queue, s => s.Depth == 2, "the invoices to stay")).InFlight.Should().Be(0);

        var invoices = q.Consumer(queue);
        await invoices.AttachAsync(10, "type LIKE 'inv%'");

        (await invoices.NextAsync(2)).Select(d => d.Message.Body()).Should().Equal("invoice-1", "invoice-2");
        await orders.ShouldReceiveNothingMoreAsync("nothing else arrived");
        q.ShouldHaveNoErrors();
    }

    [Fact]
    public async Task ConsumerWithoutSelector_TakesWhatSelectiveOnesLeave()
    {
        await using var q = await QueueCluster.StartAsync();
        var queue = QueueCluster.NewQueueName();
        var urgent = q.Consumer(queue);
        await urgent.AttachAsync(100, "urgent = TRUE");
        await q.PublishAsync(queue, Message(queue, "n0"), Message(queue, "u0", "urgent", "true"), Message(queue, "n1", "urgent", "false"));
        (await urgent.NextAsync()).Message.Body().Should().Be("u0");

        var everything = q.Consumer(queue);
        await everything.AttachAsync(100);
        await q.PublishAsync(queue, Message(queue, "n2"));

        (await everything.NextAsync(3)).Select(d => d.Message.Body()).Should().Equal("n0", "n1", "n2");
        await urgent.ShouldReceiveNothingMoreAsync("only urgent messages match");
        q.ShouldHaveNoErrors();
    }

    [Fact]
    public async Task ReAttach_WithAnotherSelector_TakesTheMessagesThatNowMatch()
    {
        await using var q = await QueueCluster.StartAsync();
        var queue = QueueCluster.NewQueueName();
        var consumer = q.Consumer(queue);
        await consumer.AttachAsync(10, "JMSPriority >= 7");
        await q.PublishAsync(queue, Publish.Message(queue, "low", priority: 1), Publish.Message(queue, "high", priority: 8));
        (await consumer.NextAsync()).Message.Body().Should().Be("high");
        await consumer.ShouldReceiveNothingMoreAsync("priority 1 does not match");

        (await consumer.AttachAsync(10, "JMSPriority < 7")).Attached.Should().BeTrue();

        (await consumer.NextAsync()).Message.Body().Should().Be("low");
        q.ShouldHaveNoErrors();
    }

    [Fact]
    public async Task InvalidSelector_IsRefused_WithPosition_AndAnAttachedConsumerKeepsItsSelector()
    {
        await using var q = await QueueCluster.StartAsync();
        var queue = QueueCluster.NewQueueName();
        var consumer = q.Consumer(queue);

        var refused = await consumer.AttachAsync(10, "color = 'red' AND (size > 1");

        refused.Attached.Should().BeFalse();
        refused.Status.Should().Be(AttachStatus.InvalidSelector);
        refused.Reason.Should().Be("Selector error at position 28: expected ')' but found the end of the selector");
        refused.LeaseMilliseconds.Should().Be(0);
        (await q.StatsAsync(queue)).Consumers.Should().Be(0, "a refused consumer is not attached");

        (await consumer.AttachAsync(10, "color = 'red'")).Attached.Should().BeTrue();
        (await consumer.AttachAsync(10, "color = ")).Status.Should().Be(AttachStatus.InvalidSelector);
        await q.PublishAsync(queue, Message(queue, "blue", "color", "blue"), Message(queue, "red", "color", "red"));

        (await consumer.NextAsync()).Message.Body().Should().Be("red");
        await consumer.ShouldReceiveNothingMoreAsync("the valid selector stays in force");
        q.ShouldHaveNoErrors();
    }

    [Fact]
    public async Task LargeUnmatchedBacklog_DoesNotHoldBackMatchingMessages()
    {
        await using var q = await QueueCluster.StartAsync();
        var queue = QueueCluster.NewQueueName();
        var consumer = q.Consumer(queue);
        await consumer.AttachAsync(1_000, "n = 'wanted'");
        await q.PublishAsync(queue, [.. Enumerable.Range(0, 2_000).Select(i => Message(queue, $"other{i}", "n", "other"))]);

        for (var i = 0; i < 20; i++)
        {
            await q.PublishAsync(queue, Message(queue, $"w{i}", "n", "wanted"), Message(queue, $"x{i}", "n", "other"));
        }

        (await consumer.NextAsync(20)).Select(d => d.Message.Body()).Should().Equal(Enumerable.Range(0, 20).Select(i => $"w{i}"));
        (await q.StatsAsync(queue)).Depth.Should().Be(2_040);
        q.ShouldHaveNoErrors();
    }

    [Fact]
    public async Task GroupMessage_TheOwnerDoesNotMatch_GoesToAMatchingConsumer()
    {
        await using var q = await QueueCluster.StartAsync();
        var queue = QueueCluster.NewQueueName();
        var small = q.Consumer(queue);
        await small.AttachAsync(100, "size < 10");
        await q.PublishAsync(queue, Publish.Message(queue, "g-small", groupId: "g", properties: [new MessageProperty("size", "1")]));
        (await small.NextAsync()).Message.Body().Should().Be("g-small");

        var large = q.Consumer(queue);
        await large.AttachAsync(100, "size >= 10");
        await q.PublishAsync(queue, Publish.Message(queue, "g-large", groupId: "g", properties: [new MessageProperty("size", "50")]),
            Publish.Message(queue, "g-small-2", groupId: "g", properties: [new MessageProperty("size", "2")]));

        (await large.NextAsync()).Message.Body().Should().Be("g-large");
        (await small.NextAsync()).Message.Body().Should().Be("g-small-2", "the group stays with its owner where it matches");
        q.ShouldHaveNoErrors();
    }

    [Fact]
    public async Task UnmatchedMessage_StillExpires_AndIsPurged()
    {
        await using var q = await QueueCluster.StartAsync();
        var queue = QueueCluster.NewQueueName();
        var consumer = q.Consumer(queue);
        await consumer.AttachAsync(10, "a = 1");
        await q.PublishAsync(queue, Publish.Message(queue, "short-lived", expiresAt: Publish.Now + 300, properties: [new MessageProperty("a", "2")]),
            Publish.Message(queue, "kept", properties: [new MessageProperty("a", "3")]));

        var stats = await q.WaitForStatsAsync(queue, s => s.Expired == 1, "the unmatched message to expire");
        stats.Depth.Should().Be(1);
        (await q.Queue(queue).CallAsync(new PurgeQueue())).Value.Should().Be(1);
        var everything = q.Consumer(queue);
        await everything.AttachAsync(10);

        await everything.ShouldReceiveNothingMoreAsync("the expired one is gone and the other was purged");
        await consumer.ShouldReceiveNothingMoreAsync("neither matched");
        (await q.StatsAsync(queue)).Depth.Should().Be(0);
    }
}
