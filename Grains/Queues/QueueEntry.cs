using Grains.Interfaces.Messages;

namespace Grains.Queues;

/// <summary>A message of the queue's in-memory window, with its delivery state.</summary>
internal sealed class QueueEntry
{
    public QueueEntry(long sequence, BrokerMessage message, int attempts, long expiresAt, int storedCount = 0)
    {
        Sequence = sequence;
        Message = message;
        Attempts = attempts;
        ExpiresAt = expiresAt;
        StoredCount = storedCount;
    }

    public long Sequence { get; }

    public BrokerMessage Message { get; }

    /// <summary>Times handed to a consumer so far. Before a delivery goes out, what a recovery would read back
    /// (<see cref="QueueGrain"/>'s delivered-through mark or <see cref="StoredCount"/>) is made to count it.</summary>
    public int Attempts { get; set; }

    /// <summary>The delivery count in the message's journal record, as committed.</summary>
    public int StoredCount { get; set; }

    /// <summary>Effective expiry (message TTL or queue TTL, whichever is earlier), unix ms; long.MaxValue = never.</summary>
    public long ExpiresAt { get; }

    /// <summary>The consumer holding it unsettled, or null when it is ready or scheduled.</summary>
    public QueueConsumer? Holder { get; set; }

    /// <summary>Consumers that said "undeliverable here" (AMQP modified outcome).</summary>
    public HashSet<string>? ExcludedConsumers { get; set; }

    /// <summary>The batch that inserts this message while it may not be committed yet; cleared at its first delivery
    /// (QueueGrain.Pipeline.cs).</summary>
    public QueueGrain.PendingInsert? Insert { get; set; }

    public long Size => Message.Payload.Length;
}
