using Grains.Interfaces.Messages;
using Grains.Interfaces.Queues;
using Grains.Tests.Infrastructure;
using Runtime.Storage;
using Runtime.Storage.Journal;
using TestCluster;

namespace Grains.Tests;

/// <summary>
/// A queue hands a new message to an online consumer while the message's journal commit is still running, and does not
/// hold its turn during the commit (Grains/Queues/QueueGrain.Pipeline.cs); the publisher is answered only once the
/// commit is durable. The journal's commits are held here as a slow fsync would hold them, then let through or failed.
/// </summary>
public sealed class EarlyDeliveryTests
{
    private static async Task<(QueueCluster Queues, GatedJournalStorage Journal, InMemoryJournalStorage Stored)> StartAsync()
    {
        var grains = new InMemoryGrainStorage();
        var stored = new InMemoryJournalStorage(grains);
        var journal = new GatedJournalStorage(stored);
        var queues = await QueueCluster.StartAsync(configure: b =>
        {
            b.StorageFactory = () => grains;
            b.JournalStorageFactory = () => journal;
        });
        return (queues, journal, stored);
    }

    [Fact]
    public async Task CommitsHeld_NewMessagesStillReachTheConsumerInOrder_PublishersAnsweredOnlyOnceDurable()
    {
        var (q, journal, stored) = await StartAsync();
        await using var _ = q;
        var queue = QueueCluster.NewQueueName();
        var consumer = q.Consumer(queue);
        await consumer.AttachAsync(100);
        var sent = Publish.Messages(queue, 20);

        journal.Hold();
        var publishing = new List<Task<EnqueueResult>>();
        foreach (var message in sent)
        {
            publishing.Add(q.PublishAsync(queue, message)); // each its own call and turn, none waiting for a commit
        }
        var received = await consumer.NextAsync(20);

        received.Select(d => d.Message.MessageId).Should().Equal(sent.Select(m => m.MessageId), "order is kept");
        received.Should().OnlyContain(d => d.DeliveryCount == 0);
        await Task.Delay(QueueCluster.Quiet);
        publishing.Should().OnlyContain(p => !p.IsCompleted, "no publisher is told accepted before its message is durable");
        journal.Waiting.Should().Be(1, "the first commit is held; the later batches wait behind it in the journal writer");

        journal.Release();
        foreach (var result in await Task.WhenAll(publishing))
        {
            result.Accepted.Should().Be(1);
        }
        (await stored.GetSummaryAsync(QueueCluster.QueueId(queue))).Count.Should().Be(20);
        await consumer.AcceptAsync(received);
        await q.WaitForStatsAsync(queue, s => s.Depth == 0, "all accepted");
    }

    [Fact]
    public async Task SettledBeforeItsInsertIsDurable_RemovalLandsInTheSameOrALaterCommit_JournalEndsEmpty()
    {
        var (q, journal, stored) = await StartAsync();
        await using var _ = q;
        var queue = QueueCluster.NewQueueName();
        var stream = QueueCluster.QueueId(queue);
        var consumer = q.Consumer(queue);
        await consumer.AttachAsync(10);
        var message = Publish.Message(queue, "early");

        journal.Hold();
        var publishing = q.PublishAsync(queue, message);
        var delivery = await consumer.NextAsync();
        var settling = consumer.AcceptAsync(delivery);
        await Task.Delay(QueueCluster.Quiet);
        publishing.IsCompleted.Should().BeFalse("the insert is not durable yet");
        settling.IsCompleted.Should().BeFalse("the settle is answered once its removal is durable, after the insert");

        journal.Release();
        (await publishing).Accepted.Should().Be(1);
        await settling;

        var commits = journal.Commits.Select((c, i) => (Index: i, Batches: c.Where(b => b.Stream == stream).ToList())).ToList();
        var appendedIn = commits.Single(c => c.Batches.Any(b => b.Appends.Contains(delivery.Tag))).Index;
        var removedIn = commits.Single(c => c.Batches.Any(b => b.Removes.Contains(delivery.Tag))).Index;
        removedIn.Should().BeGreaterThanOrEqualTo(appendedIn);
        var summary = await stored.GetSummaryAsync(stream);
        summary.Count.Should().Be(0, "appended, then removed: nothing left");
        (await stored.ReadAsync(stream, 0, 10)).Should().BeEmpty();
        (await q.StatsAsync(queue)).Depth.Should().Be(0);
        await consumer.ShouldReceiveNothingMoreAsync("it was accepted");
    }

    [Fact]
    public async Task CommitFailsAfterThePush_PublisherToldFailed_QueueReloadsWithoutIt_RetryDeliversItAgain()
    {
        var (q, journal, stored) = await StartAsync();
        await using var _ = q;
        var queue = QueueCluster.NewQueueName();
        var stream = QueueCluster.QueueId(queue);
        var consumer = q.Consumer(queue);
        await consumer.AttachAsync(10);
        (await q.PublishAsync(queue, Publish.Message(queue, "before"))).Accepted.Should().Be(1);
        var before = await consumer.NextAsync();
        var message = Publish.Message(queue, "lost-commit");

        journal.Hold();
        var publishing = q.PublishAsync(queue, message);
        var early = await consumer.NextAsync();
        early.Message.MessageId.Should().Be(message.MessageId, "pushed while its commit runs");
        journal.Fail(new InvalidOperationException("disk gone (test)"));

        var failed = async () => await publishing;
        await failed.Should().ThrowAsync<Exception>("the publisher must not be told accepted");
        (await stored.GetSummaryAsync(stream)).Count.Should().Be(1, "only the message committed before");

        // The activation had the message in memory: it reloads, and a consumer that renews re-attaches (as a gateway does).
        await Wait.UntilAsync(async () => (await consumer.RenewAsync()).Count == 1, QueueCluster.Timeout, "the queue to forget the consumer");
        await consumer.AttachAsync(10);
        var redelivered = await consumer.NextAsync();
        redelivered.Message.MessageId.Should().Be(before.Message.MessageId, "the committed one comes back, unsettled");
        redelivered.DeliveryCount.Should().Be(1);
        await consumer.ShouldReceiveNothingMoreAsync("the message whose commit failed is not in the queue");
        (await q.StatsAsync(queue)).Depth.Should().Be(1);

        // The publisher was not told accepted and sends it again: delivered once more (at-least-once).
        (await q.PublishAsync(queue, message)).Accepted.Should().Be(1);
        var again = await consumer.NextAsync();
        again.Message.MessageId.Should().Be(message.MessageId);
        await consumer.AcceptAsync(redelivered, again);
        await q.WaitForStatsAsync(queue, s => s.Depth == 0, "both accepted");
        (await stored.GetSummaryAsync(stream)).Count.Should().Be(0);
    }

    [Fact]
    public async Task CommitFailsAfterThePushAndTheSettle_NothingIsLeftAndNothingComesBack()
    {
        var (q, journal, stored) = await StartAsync();
        await using var _ = q;
        var queue = QueueCluster.NewQueueName();
        var stream = QueueCluster.QueueId(queue);
        var consumer = q.Consumer(queue);
        await consumer.AttachAsync(10);
        var message = Publish.Message(queue, "settled-then-failed");

        journal.Hold();
        var publishing = q.PublishAsync(queue, message);
        var early = await consumer.NextAsync();
        var settling = consumer.AcceptAsync(early);
        await Wait.UntilAsync(() => journal.Waiting == 1, QueueCluster.Timeout, "the insert's commit to be held");
        journal.Fail(new InvalidOperationException("disk gone (test)"));

        var failed = async () => await publishing;
        await failed.Should().ThrowAsync<Exception>();
        try
        {
            await settling; // its removal may commit (removing nothing) or fail with the insert: either is consistent
        }
        catch (Exception)
        {
        }
        (await stored.GetSummaryAsync(stream)).Count.Should().Be(0);
        await Wait.UntilAsync(async () => (await consumer.RenewAsync()).Count == 1, QueueCluster.Timeout, "the queue to reload");
        await consumer.AttachAsync(10);
        await consumer.ShouldReceiveNothingMoreAsync("nothing was committed");
        (await q.StatsAsync(queue)).Depth.Should().Be(0);
    }

    [Fact]
    public async Task Qos2Message_WaitsForItsCommitBeforeThePush()
    {
        var (q, journal, _) = await StartAsync();
        await using var __ = q;
        var queue = QueueCluster.NewQueueName();
        var consumer = q.Consumer(queue);
        await consumer.AttachAsync(10);
        var exactlyOnce = new BrokerMessage
        {
            MessageId = Publish.NewId(),
            Address = queue,
            Payload = "exactly-once"u8.ToArray(),
            Qos = 2,
        };

        journal.Hold();
        var publishing = q.PublishAsync(queue, exactlyOnce);
        await consumer.ShouldReceiveNothingMoreAsync("a QoS 2 message goes out only once it is durable");
        publishing.IsCompleted.Should().BeFalse();

        journal.Release();
        (await publishing).Accepted.Should().Be(1);
        (await consumer.NextAsync()).Message.MessageId.Should().Be(exactlyOnce.MessageId);
    }

    [Fact]
    public async Task WaitingMessageHandedOutBySettleCredit_WaitsForTheSettlesCommit()
    {
        var (q, journal, _) = await StartAsync();
        await using var __ = q;
        var queue = QueueCluster.NewQueueName();
        var consumer = q.Consumer(queue);
        await consumer.AttachAsync(1);
        await q.PublishEachAsync(queue, Publish.Messages(queue, 2));
        var first = await consumer.NextAsync();

        // The second message is durable and waiting; the settle's batch carries the mark that counts its delivery.
        journal.Hold();
        var settling = q.Queue(queue).CallAsync(new SettleDeliveries(consumer.Id, [first.Tag], SettleOutcome.Accept, Credit: 1)).AsTask();
        await Wait.UntilAsync(() => journal.Waiting == 1, QueueCluster.Timeout, "the settle's commit to be held");
        await Task.Delay(QueueCluster.Quiet);
        consumer.ReceivedCount.Should().Be(1, "a message whose record exists goes out only once its delivery is counted");

        journal.Release();
        await settling;
        var second = await consumer.NextAsync();
        second.DeliveryCount.Should().Be(0);
    }
}
