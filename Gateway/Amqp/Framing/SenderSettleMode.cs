namespace Gateway.Amqp.Framing;

/// <summary>sender-settle-mode (Part 2 §2.8.2), a ubyte.</summary>
public enum SenderSettleMode : byte
{
    /// <summary>"The sender will send all deliveries initially unsettled to the receiver."</summary>
    Unsettled = 0,

    /// <summary>"The sender will send all deliveries settled to the receiver."</summary>
    Settled = 1,

    /// <summary>"The sender MAY send a mixture of settled and unsettled deliveries." The default.</summary>
    Mixed = 2,
}
