using Grains.Interfaces.Messages;

namespace Grains.Queues;

/// <summary>A message of the queue's in-memory window, with its delivery state.</summary>
internal sealed class QueueEntry
{
    public QueueEntry(long sequence, BrokerMessage message, int attempts, long expiresAt)
    {
        Sequence = sequence;
        Message = message;
        Attempts = attempts;
        ExpiresAt = expiresAt;
    }

    public long Sequence { get; }

    public BrokerMessage Message { get; }

    /// <summary>Times handed to a consumer so far (persisted before each delivery goes out).</summary>
    public int Attempts { get; set; }

    /// <summary>Effective expiry (message TTL or queue TTL, whichever is earlier), unix ms; long.MaxValue = never.</summary>
    public long ExpiresAt { get; }

    /// <summary>The consumer holding it unsettled, or null when it is ready or scheduled.</summary>
    public QueueConsumer? Holder { get; set; }

    /// <summary>Consumers that said "undeliverable here" (AMQP modified outcome).</summary>
    public HashSet<string>? ExcludedConsumers { get; set; }

    public long Size => Message.Payload.Length;
}
