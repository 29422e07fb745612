using Gateway.Amqp.Types;

namespace Gateway.Amqp.Framing;

/// <summary>Reads and writes the restricted types of Part 2 §2.8, rejecting values outside their choices.</summary>
internal static class FieldCodec
{
    public static Role ReadRole(ref AmqpReader reader) => reader.ReadBoolean() ? Role.Receiver : Role.Sender;

    public static void WriteRole(ref AmqpWriter writer, Role role) => writer.WriteBoolean(role == Role.Receiver);

    public static SenderSettleMode ReadSenderSettleMode(ref AmqpReader reader)
    {
        var value = reader.ReadUByte();
        if (value > (byte)SenderSettleMode.Mixed)
        {
            AmqpThrow.Decode(AmqpThrow.Format("{0} is not a sender-settle-mode (Part 2 §2.8.2).", value));
        }
        return (SenderSettleMode)value;
    }

    public static ReceiverSettleMode ReadReceiverSettleMode(ref AmqpReader reader)
    {
        var value = reader.ReadUByte();
        if (value > (byte)ReceiverSettleMode.Second)
        {
            AmqpThrow.Decode(AmqpThrow.Format("{0} is not a receiver-settle-mode (Part 2 §2.8.3).", value));
        }
        return (ReceiverSettleMode)value;
    }

    public static TerminusDurability ReadDurability(ref AmqpReader reader)
    {
        var value = reader.ReadUInt();
        if (value > (uint)TerminusDurability.UnsettledState)
        {
            AmqpThrow.Decode(AmqpThrow.Format("{0} is not a terminus-durability (Part 3 §3.5.5).", value));
        }
        return (TerminusDurability)value;
    }

    public static SaslCode ReadSaslCode(ref AmqpReader reader)
    {
        var value = reader.ReadUByte();
        if (value > (byte)SaslCode.SysTemp)
        {
            AmqpThrow.Decode(AmqpThrow.Format("{0} is not a sasl-code (Part 5 §5.3.3.6).", value));
        }
        return (SaslCode)value;
    }

    /// <summary>An absent array stays null; an empty array and null encode alike.</summary>
    public static AmqpSymbol[]? NullIfEmpty(AmqpSymbol[] symbols) => symbols.Length == 0 ? null : symbols;
}
