using Gateway.Amqp.Bridge;
using Gateway.Amqp.Framing;
using Grains.Interfaces.Messages;

namespace Gateway.Amqp.Session;

/// <summary>
/// A link on which the client receives (its receiver, this broker's sender), fed by a queue consumer or a topic
/// subscription. The client's link credit (Part 2 §2.6.7) is passed on to the queue as consumer credit; deliveries
/// that arrive beyond the client's credit (it lowered it) wait here until credit comes or the link closes.
/// </summary>
internal sealed class OutgoingLink : AmqpLink
{
    public OutgoingLink(AmqpSession session, string name, uint remoteHandle, uint localHandle, AmqpAddress address, string consumerId,
        OutgoingSource source, SenderSettleMode senderSettleMode, ReceiverSettleMode receiverSettleMode)
        : base(session, name, remoteHandle, localHandle, address)
    {
        ConsumerId = consumerId;
        SourceKind = source;
        SenderSettleMode = senderSettleMode;
        ReceiverSettleMode = receiverSettleMode;
    }

    /// <summary>The consumer id on the queue or the subscriber id on the topic.</summary>
    public string ConsumerId { get; }

    public OutgoingSource SourceKind { get; }

    /// <summary>The queue this link consumes from (the address's queue, a dynamic queue or a durable subscription's queue); null for a transient topic subscription.</summary>
    public string? Queue { get; set; }

    public SenderSettleMode SenderSettleMode { get; }

    public ReceiverSettleMode ReceiverSettleMode { get; }

    /// <summary>True when deliveries are sent settled (at most once): snd-settle-mode settled.</summary>
    public bool PreSettled => SenderSettleMode == SenderSettleMode.Settled;

    /// <summary>The sender's delivery-count (§2.6.7): deliveries sent on this link, plus credit consumed by drain.</summary>
    public uint DeliveryCount { get; set; }

    /// <summary>Credit the client gave that is not used yet.</summary>
    public uint LinkCredit { get; set; }

    /// <summary>Credit the queue holds for this consumer (given and not yet used by a delivery).</summary>
    public int QueueCredit { get; set; }

    /// <summary>Credit counted in <see cref="QueueCredit"/> but not yet sent to the queue (goes with the next settlement).</summary>
    public int PendingCredit { get; set; }

    /// <summary>The client asked to drain: use the credit up, then give the rest back.</summary>
    public bool Draining { get; set; }

    /// <summary>The JMS selector of the source's filter, if any.</summary>
    public Grains.Interfaces.Selectors.MessageSelector? Selector { get; init; }

    /// <summary>Where a browser (distribution-mode copy on a queue) has read to; null for other links.</summary>
    public BrowseCursor? Browse { get; init; }

    /// <summary>True once the link asked a queue or topic for messages (it must give them back when it closes).</summary>
    public bool Started { get; set; }

    /// <summary>A drain was passed on to the queue and its ConsumerDrained has not come yet.</summary>
    public bool DrainRequested { get; set; }

    /// <summary>Deliveries waiting for credit.</summary>
    public Queue<WaitingDelivery> Waiting { get; } = new();

    /// <summary>Counter for delivery tags of topic deliveries (queue deliveries use the queue's tag).</summary>
    public long NextTopicTag { get; set; }

    /// <summary>Messages dropped because a transient topic subscriber had no credit for too long.</summary>
    public long Dropped { get; set; }

    /// <summary>Queue tags by delivery-id for deliveries sent unsettled on this link.</summary>
    public Dictionary<uint, long> UnsettledTags { get; } = [];
}

/// <summary>What feeds an outgoing link.</summary>
internal enum OutgoingSource
{
    Queue,
    DynamicQueue,
    DurableSubscription,
    TopicSubscription,

    /// <summary>A queue browser: reads the queue's messages without consuming them.</summary>
    Browse,
}

/// <summary>A delivery the link could not send yet for lack of credit.</summary>
internal readonly record struct WaitingDelivery(long Tag, int DeliveryCount, BrokerMessage Message);
