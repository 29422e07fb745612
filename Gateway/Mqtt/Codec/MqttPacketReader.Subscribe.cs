using Grains.Interfaces.Topics;

namespace Gateway.Mqtt.Codec;

public sealed partial class MqttPacketReader
{
    /// <summary>
    /// SUBSCRIBE (MQTT 5.0 §3.8; 3.1.1 §3.8):
    /// <code>
    /// +-------------------------------------------------------------------+
    /// | Packet Identifier | Properties (5.0)                              |
    /// +-------------------------------------------------------------------+
    /// | Topic Filter | Subscription Options                   (1..n)      |
    /// |   options: 7-6 reserved, 5-4 Retain Handling, 3 Retain As         |
    /// |   Published, 2 No Local, 1-0 Maximum QoS (3.1.1: 7-2 reserved)    |
    /// +-------------------------------------------------------------------+
    /// </code>
    /// </summary>
    private SubscribePacket ReadSubscribe(ref MqttBufferReader reader)
    {
        var packet = new SubscribePacket { PacketIdentifier = ReadPacketIdentifier(ref reader, MqttPacketType.Subscribe) };
        if (IsV5)
        {
            // At most one Subscription Identifier (IsRepeatable), never 0 (MqttPropertyReader).
            packet.Properties = MqttPropertyReader.Read(ref reader, MqttPacketType.Subscribe);
        }
        if (reader.End)
        {
            // [MQTT-3.8.3-2] (3.1.1 [MQTT-3.8.3-3]): at least one Topic Filter; an empty payload is a Protocol Error.
            MqttThrow.ProtocolError("SUBSCRIBE has no Topic Filter [MQTT-3.8.3-2].");
        }
        while (!reader.End)
        {
            var filter = reader.ReadString(); // [MQTT-3.8.3-1]
            var options = reader.ReadByte();
            packet.Subscriptions.Add(new MqttSubscription(filter, IsV5 ? ReadOptionsV5(options, filter) : ReadOptionsV3(options)));
        }
        return packet;
    }

    private static MqttSubscriptionOptions ReadOptionsV5(byte options, string filter)
    {
        if ((options & 0xC0) != 0)
        {
            MqttThrow.Malformed("Reserved Subscription Options bits are set [MQTT-3.8.3-5].");
        }
        var qos = options & 0x03;
        if (qos == 3)
        {
            // §3.8.3.1: "It is a Protocol Error if the Maximum QoS field has the value 3."
            MqttThrow.ProtocolError("Subscription Maximum QoS 3.");
        }
        var retainHandling = (options >> 4) & 0x03;
        if (retainHandling == 3)
        {
            // §3.8.3.1: "It is a Protocol Error to send a Retain Handling value of 3."
            MqttThrow.ProtocolError("Retain Handling 3.");
        }
        var noLocal = (options & 0x04) != 0;
        if (noLocal && SharedSubscription.IsShared(filter))
        {
            MqttThrow.ProtocolError("No Local on a Shared Subscription [MQTT-3.8.3-4].");
        }
        return new MqttSubscriptionOptions(
            (MqttQualityOfService)qos,
            noLocal,
            RetainAsPublished: (options & 0x08) != 0,
            (MqttRetainHandling)retainHandling);
    }

    private static MqttSubscriptionOptions ReadOptionsV3(byte options)
    {
        if ((options & 0xFC) != 0 || (options & 0x03) == 3)
        {
            // 3.1.1 [MQTT-3-8.3-4]: reserved bits non-zero or QoS not 0, 1, 2 is malformed.
            MqttThrow.Malformed("Requested QoS byte has reserved bits set or QoS 3 (3.1.1 [MQTT-3-8.3-4]).");
        }
        return new MqttSubscriptionOptions((MqttQualityOfService)options);
    }

    /// <summary>
    /// SUBACK (MQTT 5.0 §3.9; 3.1.1 §3.9):
    /// <code>
    /// | Packet Identifier | Properties (5.0) | Reason Code (1..n) |
    /// </code>
    /// </summary>
    private SubAckPacket ReadSubAck(ref MqttBufferReader reader)
    {
        var packet = new SubAckPacket { PacketIdentifier = ReadPacketIdentifier(ref reader, MqttPacketType.SubAck) };
        if (IsV5)
        {
            packet.Properties = MqttPropertyReader.Read(ref reader, MqttPacketType.SubAck);
        }
        if (reader.End)
        {
            // [MQTT-3.8.4-6]: one code per Topic Filter of the SUBSCRIBE, which has at least one.
            MqttThrow.ProtocolError("SUBACK has no Reason Code [MQTT-3.8.4-6].");
        }
        while (!reader.End)
        {
            if (IsV5)
            {
                packet.ReasonCodes.Add(MqttReasonCodeRules.Read(ref reader, MqttPacketType.SubAck)); // [MQTT-3.9.3-2]
                continue;
            }
            var returnCode = reader.ReadByte();
            if (!MqttReasonCodeRules.IsAllowedV3SubAck(returnCode))
            {
                // 3.1.1 [MQTT-3.9.3-2]: codes other than 0x00, 0x01, 0x02 and 0x80 are reserved.
                MqttThrow.ProtocolError($"SUBACK return code 0x{returnCode:X2} is reserved.");
            }
            packet.ReasonCodes.Add((MqttReasonCode)returnCode);
        }
        return packet;
    }

    /// <summary>
    /// UNSUBSCRIBE (MQTT 5.0 §3.10; 3.1.1 §3.10):
    /// <code>
    /// | Packet Identifier | Properties (5.0) | Topic Filter (1..n) |
    /// </code>
    /// </summary>
    private UnsubscribePacket ReadUnsubscribe(ref MqttBufferReader reader)
    {
        var packet = new UnsubscribePacket { PacketIdentifier = ReadPacketIdentifier(ref reader, MqttPacketType.Unsubscribe) };
        if (IsV5)
        {
            packet.Properties = MqttPropertyReader.Read(ref reader, MqttPacketType.Unsubscribe);
        }
        if (reader.End)
        {
            MqttThrow.ProtocolError("UNSUBSCRIBE has no Topic Filter [MQTT-3.10.3-2].");
        }
        while (!reader.End)
        {
            packet.TopicFilters.Add(reader.ReadString()); // [MQTT-3.10.3-1]
        }
        return packet;
    }

    /// <summary>
    /// UNSUBACK (MQTT 5.0 §3.11; 3.1.1 §3.11, Packet Identifier only):
    /// <code>
    /// | Packet Identifier | Properties (5.0) | Reason Code (5.0, 1..n) |
    /// </code>
    /// </summary>
    private UnsubAckPacket ReadUnsubAck(ref MqttBufferReader reader)
    {
        var packet = new UnsubAckPacket { PacketIdentifier = ReadPacketIdentifier(ref reader, MqttPacketType.UnsubAck) };
        if (!IsV5)
        {
            return packet;
        }
        packet.Properties = MqttPropertyReader.Read(ref reader, MqttPacketType.UnsubAck);
        if (reader.End)
        {
            MqttThrow.ProtocolError("UNSUBACK has no Reason Code [MQTT-3.11.3-1].");
        }
        while (!reader.End)
        {
            packet.ReasonCodes.Add(MqttReasonCodeRules.Read(ref reader, MqttPacketType.UnsubAck)); // [MQTT-3.11.3-2]
        }
        return packet;
    }
}
