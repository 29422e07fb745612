namespace Gateway.Amqp.Framing;

/// <summary>receiver-settle-mode (Part 2 §2.8.3), a ubyte.</summary>
public enum ReceiverSettleMode : byte
{
    /// <summary>"The receiver will spontaneously settle all incoming transfers." The default.</summary>
    First = 0,

    /// <summary>"The receiver will only settle after sending the disposition to the sender and receiving a disposition indicating settlement."</summary>
    Second = 1,
}
