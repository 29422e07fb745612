using System.Buffers;

namespace Gateway.Mqtt.Codec;

public static partial class MqttPacketWriter
{
    private static void WritePublish(PublishPacket packet, IBufferWriter<byte> output, bool v5)
    {
        var qos = packet.QualityOfService;
        if (qos > MqttQualityOfService.ExactlyOnce)
        {
            throw new ArgumentException("QoS 3 does not exist [MQTT-3.3.1-4].", nameof(packet));
        }
        if (qos == MqttQualityOfService.AtMostOnce && packet.Dup)
        {
            throw new ArgumentException("DUP must be 0 at QoS 0 [MQTT-3.3.1-2].", nameof(packet));
        }
        if (qos != MqttQualityOfService.AtMostOnce)
        {
            RequirePacketIdentifier(packet.PacketIdentifier, MqttPacketType.Publish);
        }
        if (packet.TopicName.Length == 0 && !(v5 && packet.Properties?.TopicAlias is not null))
        {
            throw new ArgumentException("An empty Topic Name needs an MQTT 5.0 Topic Alias.", nameof(packet));
        }
        var remaining = PublishRemainingLength(packet, v5, out var propertiesLength);
        var flags = (packet.Dup ? 0x08 : 0) | ((int)qos << 1) | (packet.Retain ? 0x01 : 0);

        var w = Begin(output, MqttPacketType.Publish, flags, remaining);
        w.WriteString(packet.TopicName);
        if (qos != MqttQualityOfService.AtMostOnce)
        {
            w.WriteUInt16(packet.PacketIdentifier);
        }
        if (v5)
        {
            MqttPropertyWriter.Write(ref w, packet.Properties, propertiesLength);
        }
        w.WriteBytes(packet.Payload.Span);
        w.Flush();
    }

    /// <summary>
    /// The size in bytes, fixed header included, that <see cref="Write"/> gives <paramref name="packet"/> in
    /// <paramref name="version"/>: what a sender compares with the receiver's Maximum Packet Size (MQTT 5.0 §3.1.2.11.4)
    /// before sending, e.g. after replacing the Topic Name by a Topic Alias. Measures, writes nothing, allocates nothing.
    /// </summary>
    public static long GetPublishSize(PublishPacket packet, MqttProtocolVersion version)
    {
        ArgumentNullException.ThrowIfNull(packet);
        var remaining = PublishRemainingLength(packet, version == MqttProtocolVersion.V500, out _);
        return 1 + VariableByteInteger.GetSize((int)Math.Min(remaining, VariableByteInteger.MaxValue)) + remaining;
    }

    private static long PublishRemainingLength(PublishPacket packet, bool v5, out int propertiesLength)
    {
        propertiesLength = v5 ? MqttPropertyWriter.Measure(packet.Properties, MqttPacketType.Publish) : 0;
        return StringSize(packet.TopicName, "Topic Name")
            + (packet.QualityOfService != MqttQualityOfService.AtMostOnce ? 2 : 0)
            + (v5 ? BlockSize(propertiesLength) : 0)
            + packet.Payload.Length;
    }

    /// <summary>
    /// PUBACK/PUBREC/PUBREL/PUBCOMP. MQTT 5.0 §3.4.2: "The Reason Code and Property Length can be omitted if the Reason
    /// Code is 0x00 (Success) and there are no Properties"; and with no properties the Property Length is left out.
    /// </summary>
    private static void WritePublishAcknowledgement(PublishAcknowledgementPacket packet, IBufferWriter<byte> output, bool v5)
    {
        RequirePacketIdentifier(packet.PacketIdentifier, packet.Type);
        var flags = packet.Type == MqttPacketType.PubRel ? 0x02 : 0; // [MQTT-3.6.1-1]
        var propertiesLength = v5 ? MqttPropertyWriter.Measure(packet.Properties, packet.Type) : 0;
        var withReasonCode = v5 && (packet.ReasonCode != MqttReasonCode.Success || propertiesLength > 0);
        var remaining = 2 + (withReasonCode ? 1 : 0) + (propertiesLength > 0 ? BlockSize(propertiesLength) : 0);

        var w = Begin(output, packet.Type, flags, remaining);
        w.WriteUInt16(packet.PacketIdentifier);
        if (withReasonCode)
        {
            w.WriteByte((byte)packet.ReasonCode);
        }
        if (propertiesLength > 0)
        {
            MqttPropertyWriter.Write(ref w, packet.Properties, propertiesLength);
        }
        w.Flush();
    }
}
