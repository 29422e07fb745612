namespace Gateway.Mqtt.Codec;

public sealed partial class MqttPacketReader
{
    /// <summary>
    /// PUBLISH (MQTT 5.0 §3.3; 3.1.1 §3.3). Fixed header flags: bit 3 DUP, bits 2-1 QoS, bit 0 RETAIN.
    /// <code>
    /// +--------------------------------------+
    /// | Topic Name (UTF-8 Encoded String)    |
    /// | Packet Identifier (QoS 1 and 2 only) |
    /// | Properties (5.0)                     |
    /// +--------------------------------------+
    /// | Payload: the rest of the packet      |
    /// +--------------------------------------+
    /// </code>
    /// Allocations: the packet, the topic string, the payload array (one copy), and properties only when present.
    /// </summary>
    private PublishPacket ReadPublish(int flags, ref MqttBufferReader reader)
    {
        var qos = (MqttQualityOfService)((flags >> 1) & 0x03); // 3 was rejected with the fixed header [MQTT-3.3.1-4]
        var dup = (flags & 0x08) != 0;
        if (dup && qos == MqttQualityOfService.AtMostOnce)
        {
            MqttThrow.ProtocolError("DUP is 1 on a QoS 0 PUBLISH [MQTT-3.3.1-2].");
        }
        var packet = new PublishPacket
        {
            Dup = dup,
            QualityOfService = qos,
            Retain = (flags & 0x01) != 0,
            TopicName = reader.ReadTopicName(), // [MQTT-3.3.2-1] [MQTT-3.3.2-2]
        };
        if (qos != MqttQualityOfService.AtMostOnce)
        {
            // Present only when QoS > 0 [MQTT-2.2.1-2], and then non-zero [MQTT-2.2.1-3] [MQTT-2.2.1-4].
            packet.PacketIdentifier = ReadPacketIdentifier(ref reader, MqttPacketType.Publish);
        }
        if (IsV5)
        {
            packet.Properties = MqttPropertyReader.Read(ref reader, MqttPacketType.Publish);
        }
        if (packet.TopicName.Length == 0 && packet.Properties?.TopicAlias is null)
        {
            // MQTT 5.0 §3.3.2.1: "It is a Protocol Error if the Topic Name is zero length and there is no Topic Alias."
            // 3.1.1 has no Topic Alias: [MQTT-4.7.3-1] Topic Names are at least one character long.
            MqttThrow.ProtocolError("The PUBLISH Topic Name is empty and there is no Topic Alias.");
        }
        packet.Payload = reader.ReadRemainingBytes();
        CheckPayloadFormat(packet.Properties, packet.Payload.Span);
        return packet;
    }

    /// <summary>
    /// PUBACK, PUBREC, PUBREL, PUBCOMP (MQTT 5.0 §3.4-§3.7; 3.1.1: Remaining Length 2, Packet Identifier only):
    /// <code>
    /// +-------------------------------------------------------------+
    /// | Packet Identifier                                           |
    /// | Reason Code (5.0; absent when Remaining Length is 2 → 0x00) |
    /// | Properties  (5.0; absent when Remaining Length &lt; 4)         |
    /// +-------------------------------------------------------------+
    /// </code>
    /// </summary>
    private T ReadPublishAcknowledgement<T>(T packet, ref MqttBufferReader reader)
        where T : PublishAcknowledgementPacket
    {
        // [MQTT-2.2.1-5]: the identifier of the PUBLISH being answered, which is never 0.
        packet.PacketIdentifier = ReadPacketIdentifier(ref reader, packet.Type);
        if (IsV5 && !reader.End)
        {
            // [MQTT-3.4.2-1] [MQTT-3.5.2-1] [MQTT-3.6.2-1] [MQTT-3.7.2-1]
            packet.ReasonCode = MqttReasonCodeRules.Read(ref reader, packet.Type);
            if (!reader.End)
            {
                packet.Properties = MqttPropertyReader.Read(ref reader, packet.Type);
            }
        }
        return packet;
    }
}
