using Runtime.Serialization;

namespace Grains.Interfaces.Queues;

/// <summary>
/// How a queue behaves. Defaults follow what ActiveMQ/Amazon MQ users expect: redelivered up to 10 times, then to the
/// dead-letter queue <c>DLQ.{name}</c>; no TTL, no length limit; competing consumers.
/// </summary>
public sealed record QueueSettings : IWireMessage<QueueSettings>
{
    public static readonly QueueSettings Default = new();

    /// <summary>Deliveries before a message is dead-lettered; 0 = unlimited.</summary>
    public int MaxDeliveries { get; init; } = 10;

    /// <summary>Where dead letters go: null = <c>DLQ.{queue}</c>; empty = discard them.</summary>
    public string? DeadLetterQueue { get; init; }

    /// <summary>Time to live of every message in this queue (milliseconds); a message's own expiry wins when earlier. Null = none.</summary>
    public long? MessageTtlMilliseconds { get; init; }

    public ExpiryAction ExpiryAction { get; init; } = ExpiryAction.DeadLetter;

    /// <summary>Most messages the queue holds; null = unlimited.</summary>
    public long? MaxLength { get; init; }

    /// <summary>Most payload bytes the queue holds; null = unlimited.</summary>
    public long? MaxBytes { get; init; }

    public OverflowPolicy Overflow { get; init; } = OverflowPolicy.RejectNew;

    /// <summary>Only one consumer receives at a time (the earliest attached); the others stand by.</summary>
    public bool ExclusiveConsumer { get; init; }

    public static string WireName => "queue.settings";

    /// <summary>The dead-letter queue name for <paramref name="queue"/>, or null when dead letters are discarded.</summary>
    public string? DeadLetterQueueFor(string queue) => DeadLetterQueue switch
    {
        null => "DLQ." + queue,
        "" => null,
        var name => name,
    };

    /// <summary>Throws <see cref="ArgumentException"/> naming the first bad value.</summary>
    public void Validate()
    {
        if (MaxDeliveries < 0)
        {
            throw new ArgumentException($"MaxDeliveries must be 0 (unlimited) or more, not {MaxDeliveries}.");
        }
        if (MessageTtlMilliseconds is <= 0)
        {
            throw new ArgumentException($"MessageTtlMilliseconds must be positive, not {MessageTtlMilliseconds}.");
        }
        if (MaxLength is <= 0 || MaxBytes is <= 0)
        {
            throw new ArgumentException("MaxLength and MaxBytes must be positive when set.");
        }
    }

    public void Write(ref WireWriter writer)
    {
        writer.WriteVarInt32(MaxDeliveries);
        writer.WriteString(DeadLetterQueue);
        writer.WriteVarInt64(MessageTtlMilliseconds ?? -1);
        writer.WriteByte((byte)ExpiryAction);
        writer.WriteVarInt64(MaxLength ?? -1);
        writer.WriteVarInt64(MaxBytes ?? -1);
        writer.WriteByte((byte)Overflow);
        writer.WriteBool(ExclusiveConsumer);
    }

    public static QueueSettings Read(ref WireReader reader)
    {
        var maxDeliveries = reader.ReadVarInt32();
        var dlq = reader.ReadNullableString();
        var ttl = reader.ReadVarInt64();
        var expiry = (ExpiryAction)reader.ReadByte();
        var maxLength = reader.ReadVarInt64();
        var maxBytes = reader.ReadVarInt64();
        var overflow = (OverflowPolicy)reader.ReadByte();
        var exclusive = reader.ReadBool();
        return new QueueSettings
        {
            MaxDeliveries = maxDeliveries,
            DeadLetterQueue = dlq,
            MessageTtlMilliseconds = ttl < 0 ? null : ttl,
            ExpiryAction = expiry,
            MaxLength = maxLength < 0 ? null : maxLength,
            MaxBytes = maxBytes < 0 ? null : maxBytes,
            Overflow = overflow,
            ExclusiveConsumer = exclusive,
        };
    }
}
