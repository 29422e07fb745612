namespace Grains.Interfaces.Queues;

/// <summary>What a full queue (max length or max bytes) does with a new message.</summary>
public enum OverflowPolicy : byte
{
    /// <summary>Refuse the new message: the publisher is told (MQTT quota exceeded, AMQP rejected).</summary>
    RejectNew = 0,

    /// <summary>Accept it and move the oldest ready messages to the dead-letter queue.</summary>
    DropOldest = 1,
}
