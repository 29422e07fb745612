using TestCluster.Databases;
using Grains.Interfaces.Queues;
using Grains.Queues;
using Grains.Tests.Infrastructure;
using Runtime.Hosting;
using Runtime.Placement;
using Runtime.Storage.AdoNet;
using TestCluster;
using Xunit.Abstractions;

namespace Grains.Tests;

/// <summary>
/// A queue on a real database (SQLite or PostgreSQL, one subclass each) in a cluster of three silos survives the crash
/// of the silo that hosts it.
/// </summary>
public abstract class CrashSafetyTests : IAsyncLifetime
{
    private readonly ITestOutputHelper _output;

    protected CrashSafetyTests(ITestOutputHelper output) => _output = output;

    /// <summary>A dialect on this test's database (a new one per table or storage, as separate silos would have).</summary>
    protected abstract IAdoNetDialect NewDialect();

    public virtual Task InitializeAsync() => Task.CompletedTask;

    public abstract Task DisposeAsync();

    private Task<QueueCluster> StartAsync(QueueGrainOptions? options = null) => QueueCluster.StartAsync(options, silos: 3, configure: b =>
    {
        b.MembershipTableFactory = clusterId => new AdoNetMembershipTable(NewDialect(), clusterId);
        b.StorageFactory = () => new AdoNetGrainStorage(NewDialect());
        b.JournalStorageFactory = () => new AdoNetJournalStorage(NewDialect());
    });

    private static Silo OwnerOf(InProcessTestCluster cluster, string queue) =>
        cluster.Silos.Single(s => s.Address == RendezvousPlacementDirector.Instance.PickOwner(
            QueueCluster.QueueId(queue), cluster.Silos[0].Membership.Current.ActiveSilos));

    [Fact]
    public async Task KillOwnerSilo_ConfirmedMessagesSurvive_AcceptedNeverReturn_UnsettledRedelivered()
    {
        await using var q = await StartAsync();
        var queue = QueueCluster.NewQueueName();
        var sent = Publish.Messages(queue, 500);
        foreach (var chunk in sent.Chunk(10))
        {
            var confirm = await q.PublishAsync(queue, chunk);
            confirm.Should().Be(new EnqueueResult(EnqueueStatus.Accepted, 10, 0, null));
        }
        var consumer = q.Consumer(queue, "crash-consumer");
        await consumer.AttachAsync(150);
        var before = await consumer.NextAsync(150);
        await consumer.AcceptAsync(before.Take(100));
        var accepted = before.Take(100).Select(d => d.Message.MessageId).ToHashSet();
        var unsettled = before.Skip(100).Select(d => d.Message.MessageId).ToHashSet();
        var owner = OwnerOf(q.Cluster, queue);
        owner.HasActivation(QueueCluster.QueueId(queue)).Should().BeTrue("placement put the queue there");

        await q.Cluster.KillSiloAsync(owner);
        var took = await q.Cluster.WaitForMembershipToStabilizeAsync();
        _output.WriteLine($"the survivors saw the silo dead after {took.TotalSeconds:F1} s");
        ConsumerAttached? reattached = null;
        await Wait.UntilAsync(async () => (reattached = await consumer.AttachAsync(1_000)).Attached, QueueCluster.Timeout,
            "the consumer to re-attach to the recovered queue");
        var after = await consumer.NextAsync(400, TimeSpan.FromSeconds(20));
        await consumer.ShouldReceiveNothingMoreAsync("each confirmed, unaccepted message comes back exactly once");
        var recovered = await q.StatsAsync(queue);

        var redelivered = after.Select(d => d.Message.MessageId).ToList();
        redelivered.Should().OnlyHaveUniqueItems();
        redelivered.Should().BeEquivalentTo(sent.Select(m => m.MessageId).Where(id => !accepted.Contains(id)));
        redelivered.Should().NotIntersectWith(accepted, "an accepted message never comes back");
        after.Where(d => unsettled.Contains(d.Message.MessageId)).Should().HaveCount(50)
            .And.OnlyContain(d => d.DeliveryCount >= 1, "the unsettled deliveries were attempts");
        after.Where(d => !unsettled.Contains(d.Message.MessageId)).Should().OnlyContain(d => d.DeliveryCount == 0);
        redelivered.Take(50).Should().BeEquivalentTo(unsettled, "the earlier messages come first");
        OwnerOf(q.Cluster, queue).Address.Should().NotBe(owner.Address);
        recovered.Should().BeEquivalentTo(new { Depth = 400L, InFlight = 400L, Consumers = 1 });
        recovered.Bytes.Should().Be(after.Sum(d => d.Message.Payload.Length), "the recovered queue counts payload bytes");

        var retry = await q.PublishAsync(queue, sent[^1]);
        retry.Should().Be(new EnqueueResult(EnqueueStatus.Accepted, 0, 1, null), "the recovered queue still drops a publisher's retry");

        await consumer.AcceptAsync(after);
        (await q.StatsAsync(queue)).Should().BeEquivalentTo(new { Depth = 0L, InFlight = 0L, Bytes = 0L });
    }

    /// <summary>
    /// First deliveries write no journal record (the queue's delivered-through mark covers them, raised by the publish
    /// turn's own commit here), redeliveries write their count: after a crash every unsettled message comes back counted
    /// exactly once more than the delivery its consumer saw, messages never handed out come back uncounted, and accepted
    /// ones never come back.
    /// </summary>
    [Fact]
    public async Task KillOwnerSilo_DeliveredWhilePublished_UnsettledComeBackCountedOnceMoreWaitingOnesUncounted()
    {
        await using var q = await StartAsync();
        var queue = QueueCluster.NewQueueName();
        var consumer = q.Consumer(queue, "live-consumer");
        (await consumer.AttachAsync(30)).Attached.Should().BeTrue();
        var sent = Publish.Messages(queue, 60);
        foreach (var chunk in sent.Chunk(10))
        {
            (await q.PublishAsync(queue, chunk)).Accepted.Should().Be(10);
        }
        var first = await consumer.NextAsync(30);
        first.Select(d => d.Message.MessageId).Should().Equal(sent.Take(30).Select(m => m.MessageId));
        first.Should().OnlyContain(d => d.DeliveryCount == 0);
        await consumer.AcceptAsync(first.Take(10));
        await consumer.ModifyAsync(deliveryFailed: true, undeliverableHere: false, [.. first.Skip(10).Take(5)]);
        await consumer.AddCreditAsync(5);
        var second = await consumer.NextAsync(5);
        second.Select(d => (d.Message.MessageId, d.DeliveryCount)).Should().Equal(first.Skip(10).Take(5).Select(d => (d.Message.MessageId, 1)));
        var owner = OwnerOf(q.Cluster, queue);

        await q.Cluster.KillSiloAsync(owner);
        await q.Cluster.WaitForMembershipToStabilizeAsync();
        await Wait.UntilAsync(async () => (await consumer.AttachAsync(1_000)).Attached, QueueCluster.Timeout, "the consumer to re-attach");
        var after = await consumer.NextAsync(50, TimeSpan.FromSeconds(20));
        await consumer.ShouldReceiveNothingMoreAsync("each confirmed, unaccepted message comes back exactly once");

        var expected = sent.Skip(10).Select((m, i) => (m.MessageId, i < 5 ? 2 : i < 20 ? 1 : 0));
        after.Select(d => (d.Message.MessageId, d.DeliveryCount)).Should().Equal(expected,
            "delivered twice: count 2; once: count 1; never handed out: 0; in queue order, accepted ones never");
    }

    /// <summary>A high-priority message handed out ahead of older waiting ones: the delivered-through mark must not
    /// cover the waiting ones, so its first delivery is counted in its own record and they come back uncounted.</summary>
    [Fact]
    public async Task KillOwnerSilo_PriorityMessageOvertookWaitingOnes_OnlyItComesBackCounted()
    {
        await using var q = await StartAsync();
        var queue = QueueCluster.NewQueueName();
        var consumer = q.Consumer(queue, "priority-consumer");
        (await consumer.AttachAsync(0)).Attached.Should().BeTrue();
        var low = Publish.Messages(queue, 20, "low");
        (await q.PublishAsync(queue, low)).Accepted.Should().Be(20);
        var urgent = Publish.Message(queue, "urgent", priority: 9);
        (await q.PublishAsync(queue, urgent)).Accepted.Should().Be(1);
        await consumer.AddCreditAsync(1);
        (await consumer.NextAsync()).Message.MessageId.Should().Be(urgent.MessageId);
        var owner = OwnerOf(q.Cluster, queue);

        await q.Cluster.KillSiloAsync(owner);
        await q.Cluster.WaitForMembershipToStabilizeAsync();
        await Wait.UntilAsync(async () => (await consumer.AttachAsync(1_000)).Attached, QueueCluster.Timeout, "the consumer to re-attach");
        var after = await consumer.NextAsync(21, TimeSpan.FromSeconds(20));

        after.Select(d => (d.Message.MessageId, d.DeliveryCount)).Should().Equal(
            new[] { (urgent.MessageId, 1) }.Concat(low.Select(m => (m.MessageId, 0))));
    }

    [Fact]
    public async Task KillOwnerSilo_BacklogLargerThanWindow_RecoveredAndConsumedOnceInOrder()
    {
        await using var q = await StartAsync(new QueueGrainOptions { MaxWindowMessages = 100 });
        var queue = QueueCluster.NewQueueName();
        var sent = Publish.Messages(queue, 400);
        foreach (var chunk in sent.Chunk(50))
        {
            (await q.PublishAsync(queue, chunk)).Accepted.Should().Be(50);
        }
        var consumer = q.Consumer(queue, "paged-consumer");
        await consumer.AttachAsync(40);
        await consumer.AcceptAsync(await consumer.NextAsync(40));
        var owner = OwnerOf(q.Cluster, queue);

        await q.Cluster.KillSiloAsync(owner);
        await q.Cluster.WaitForMembershipToStabilizeAsync();
        await Wait.UntilAsync(async () => (await consumer.AttachAsync(0)).Attached, QueueCluster.Timeout, "the consumer to re-attach");
        var recovered = await q.StatsAsync(queue);
        await consumer.AddCreditAsync(40);
        var received = 0;
        while (received < 360)
        {
            var batch = await consumer.NextAsync(Math.Min(40, 360 - received), TimeSpan.FromSeconds(20));
            received += batch.Count;
            await consumer.AcceptAsync(batch);
            await consumer.AddCreditAsync(batch.Count);
        }
        await consumer.ShouldReceiveNothingMoreAsync("every message came back once");
        var drained = await q.StatsAsync(queue);

        recovered.Depth.Should().Be(360);
        recovered.Bytes.Should().BeGreaterThanOrEqualTo(sent.Skip(40).Sum(m => m.Payload.Length),
            "paged-out messages of a recovered queue count at least their payload");
        consumer.Received.Skip(40).Select(d => d.Message.MessageId).Should().Equal(sent.Skip(40).Select(m => m.MessageId));
        drained.Should().BeEquivalentTo(new { Depth = 0L, InFlight = 0L, Bytes = 0L });
    }
}

[Trait("Category", "Cluster")]
public sealed class SqliteCrashSafetyTests : CrashSafetyTests
{
    private readonly SqliteTestStore _store = new();

    public SqliteCrashSafetyTests(ITestOutputHelper output) : base(output)
    {
    }

    protected override IAdoNetDialect NewDialect() => _store.NewDialect();

    public override async Task DisposeAsync() => await _store.DisposeAsync();
}

[Trait("Category", "Cluster")]
public sealed class PostgreSqlCrashSafetyTests : CrashSafetyTests
{
    private readonly PostgresTestStore _store = new();

    public PostgreSqlCrashSafetyTests(ITestOutputHelper output) : base(output)
    {
    }

    public override Task InitializeAsync() => _store.UseEmptyDatabaseAsync();

    protected override IAdoNetDialect NewDialect() => _store.NewDialect();

    public override async Task DisposeAsync() => await _store.DisposeAsync();
}
