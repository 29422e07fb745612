namespace Grains.Interfaces.Queues;

/// <summary>How a consumer settles a delivery (AMQP 1.0 outcomes; MQTT PUBACK = Accept).</summary>
public enum SettleOutcome : byte
{
    /// <summary>Processed: the message leaves the queue.</summary>
    Accept = 0,

    /// <summary>Invalid: the message goes to the dead-letter queue with the reason.</summary>
    Reject = 1,

    /// <summary>Not processed: back to the head, the delivery does not count.</summary>
    Release = 2,

    /// <summary>Back to the head; counts as a failed delivery when DeliveryFailed; not offered to this consumer again
    /// when UndeliverableHere.</summary>
    Modify = 3,
}
