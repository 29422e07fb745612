using Grains.Tests.Infrastructure;
using TestCluster;

namespace Grains.Tests;

[Trait("Category", "Cluster")]
public sealed class GroupTests
{
    [Fact]
    public async Task Groups_TwoConsumers_EachGroupStaysOnOneConsumerWhileAttached()
    {
        await using var q = await QueueCluster.StartAsync();
        var queue = QueueCluster.NewQueueName();
        var first = q.Consumer(queue);
        var second = q.Consumer(queue);
        await first.AttachAsync(100);
        await second.AttachAsync(100);

        for (var i = 0; i < 10; i++)
        {
            await q.PublishAsync(queue, Publish.Message(queue, $"A{i}", groupId: "A"), Publish.Message(queue, $"B{i}", groupId: "B"),
                Publish.Message(queue, $"none{i}"));
        }
        await Wait.UntilAsync(() => first.ReceivedCount + second.ReceivedCount == 30, QueueCluster.Timeout, "30 deliveries");

        var consumers = new[] { first, second };
        var ownerOfA = consumers.Single(c => c.Received.Any(d => d.Message.GroupId == "A"));
        var ownerOfB = consumers.Single(c => c.Received.Any(d => d.Message.GroupId == "B"));
        ownerOfA.Received.Where(d => d.Message.GroupId == "A").Select(d => d.Message.Body())
            .Should().Equal(Enumerable.Range(0, 10).Select(i => $"A{i}"), "all of group A goes, in order, to one consumer");
        ownerOfB.Received.Where(d => d.Message.GroupId == "B").Select(d => d.Message.Body())
            .Should().Equal(Enumerable.Range(0, 10).Select(i => $"B{i}"));
        consumers.SelectMany(c => c.Received).Where(d => d.Message.GroupId is null).Should().HaveCount(10);

        // When the group's consumer leaves, the group moves to the other one.
        await first.AcceptAsync(first.Received);
        await second.AcceptAsync(second.Received);
        await ownerOfA.DetachAsync();
        var remaining = consumers.Single(c => c != ownerOfA);
        var before = remaining.ReceivedCount;
        await q.PublishAsync(queue, Publish.Message(queue, "A-after", groupId: "A"));
        await Wait.UntilAsync(() => remaining.ReceivedCount == before + 1, QueueCluster.Timeout, "the group to move");
        remaining.Received[^1].Message.Body().Should().Be("A-after");
        q.ShouldHaveNoErrors();
    }

    [Fact]
    public async Task Groups_OwnerWithoutCredit_GroupWaitsOthersFlow()
    {
        await using var q = await QueueCluster.StartAsync();
        var queue = QueueCluster.NewQueueName();
        var owner = q.Consumer(queue);
        await owner.AttachAsync(1);
        await q.PublishAsync(queue, Publish.Message(queue, "G0", groupId: "G"));
        var g0 = await owner.NextAsync();
        var other = q.Consumer(queue);
        await other.AttachAsync(10);

        await q.PublishAsync(queue, Publish.Message(queue, "G1", groupId: "G"), Publish.Message(queue, "free"));
        var free = await other.NextAsync();
        await other.ShouldReceiveNothingMoreAsync("G1 belongs to the group's consumer");
        await owner.AcceptAsync(g0);
        await owner.AddCreditAsync(1);
        var g1 = await owner.NextAsync();

        free.Message.Body().Should().Be("free");
        g1.Message.Body().Should().Be("G1");
    }
}
