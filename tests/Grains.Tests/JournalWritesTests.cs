using Grains.Tests.Infrastructure;
using Runtime.Storage;
using Runtime.Storage.Journal;

namespace Grains.Tests;

/// <summary>
/// What a queue writes to its journal per message: its append and its removal, with the first delivery made
/// recoverable by the delivered-through mark that the publishing turn's own batch carries (no batch of its own, no
/// record write); a redelivery writes its count into the record.
/// </summary>
public sealed class JournalWritesTests
{
    private static async Task<(QueueCluster Queues, RecordingJournalStorage Journal)> StartAsync()
    {
        var grains = new InMemoryGrainStorage();
        var journal = new RecordingJournalStorage(new InMemoryJournalStorage(grains));
        var queues = await QueueCluster.StartAsync(configure: b =>
        {
            b.StorageFactory = () => grains;
            b.JournalStorageFactory = () => journal;
        });
        return (queues, journal);
    }

    [Fact]
    public async Task PublishOneByOneToWaitingConsumer_EveryBatchAppendsOrRemoves_NoDeliveryCountWritten()
    {
        var (q, journal) = await StartAsync();
        await using var _ = q;
        var queue = QueueCluster.NewQueueName();
        var stream = QueueCluster.QueueId(queue);
        var consumer = q.Consumer(queue);
        await consumer.AttachAsync(100);
        var sent = Publish.Messages(queue, 20);

        foreach (var message in sent)
        {
            (await q.PublishAsync(queue, message)).Accepted.Should().Be(1);
        }
        var received = await consumer.NextAsync(20);
        await consumer.AcceptAsync(received);

        received.Select(d => (d.Message.MessageId, d.DeliveryCount)).Should().Equal(sent.Select(m => (m.MessageId, 0)));
        var batches = journal.Batches.Where(b => b.Stream == stream).ToList();
        batches.Should().OnlyContain(b => b.Applied && (b.Appends > 0 || b.Removes > 0),
            "a dispatch after a publish commits nothing of its own");
        batches.SelectMany(b => b.DeliveryCounts).Should().BeEmpty("a first delivery writes no record");
        batches.Sum(b => b.Appends).Should().Be(20);
        batches.Sum(b => b.Removes).Should().Be(20);
        batches.Max(b => b.DeliveredThrough).Should().Be(received.Max(d => d.Tag));
    }

    [Fact]
    public async Task FailedDeliveryRedelivered_WritesItsCountIntoTheRecordBeforeThePush()
    {
        var (q, journal) = await StartAsync();
        await using var _ = q;
        var queue = QueueCluster.NewQueueName();
        var stream = QueueCluster.QueueId(queue);
        var consumer = q.Consumer(queue);
        await consumer.AttachAsync(1);
        (await q.PublishAsync(queue, Publish.Message(queue, "once"))).Accepted.Should().Be(1);
        var first = await consumer.NextAsync();

        await consumer.ModifyAsync(deliveryFailed: true, undeliverableHere: false, first);
        await consumer.AddCreditAsync(1);
        var second = await consumer.NextAsync();

        second.DeliveryCount.Should().Be(1);
        journal.Batches.Where(b => b.Stream == stream).SelectMany(b => b.DeliveryCounts).Should().Equal((first.Tag, 2));
    }
}
