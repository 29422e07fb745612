using System.Buffers;

namespace Gateway.Mqtt.Codec;

public static partial class MqttPacketWriter
{
    private static void WriteSubscribe(SubscribePacket packet, IBufferWriter<byte> output, bool v5)
    {
        RequirePacketIdentifier(packet.PacketIdentifier, MqttPacketType.Subscribe);
        if (packet.Subscriptions.Count == 0)
        {
            throw new ArgumentException("SUBSCRIBE needs at least one Topic Filter [MQTT-3.8.3-2].", nameof(packet));
        }
        var propertiesLength = v5 ? MqttPropertyWriter.Measure(packet.Properties, MqttPacketType.Subscribe) : 0;
        long remaining = 2 + (v5 ? BlockSize(propertiesLength) : 0);
        foreach (var subscription in packet.Subscriptions)
        {
            remaining += StringSize(subscription.TopicFilter, "Topic Filter") + 1;
        }

        var w = Begin(output, MqttPacketType.Subscribe, 0x02, remaining); // [MQTT-3.8.1-1]
        w.WriteUInt16(packet.PacketIdentifier);
        if (v5)
        {
            MqttPropertyWriter.Write(ref w, packet.Properties, propertiesLength);
        }
        foreach (var subscription in packet.Subscriptions)
        {
            w.WriteString(subscription.TopicFilter);
            w.WriteByte(EncodeOptions(subscription.Options, v5));
        }
        w.Flush();
    }

    /// <summary>MQTT 5.0 §3.8.3.1; under 3.1.1 only the Requested QoS (bits 7-2 reserved, 0).</summary>
    private static byte EncodeOptions(MqttSubscriptionOptions options, bool v5)
    {
        if (options.QualityOfService > MqttQualityOfService.ExactlyOnce || options.RetainHandling > MqttRetainHandling.DoNotSend)
        {
            throw new ArgumentException("Subscription QoS 3 and Retain Handling 3 do not exist.", nameof(options));
        }
        var value = (int)options.QualityOfService;
        if (v5)
        {
            value |= (options.NoLocal ? 0x04 : 0) | (options.RetainAsPublished ? 0x08 : 0) | ((int)options.RetainHandling << 4);
        }
        return (byte)value;
    }

    private static void WriteSubAck(SubAckPacket packet, IBufferWriter<byte> output, bool v5)
    {
        RequirePacketIdentifier(packet.PacketIdentifier, MqttPacketType.SubAck);
        if (packet.ReasonCodes.Count == 0)
        {
            throw new ArgumentException("SUBACK needs one Reason Code per Topic Filter [MQTT-3.8.4-6].", nameof(packet));
        }
        var propertiesLength = v5 ? MqttPropertyWriter.Measure(packet.Properties, MqttPacketType.SubAck) : 0;
        var remaining = 2 + (v5 ? BlockSize(propertiesLength) : 0) + packet.ReasonCodes.Count;

        var w = Begin(output, MqttPacketType.SubAck, 0, remaining);
        w.WriteUInt16(packet.PacketIdentifier);
        if (v5)
        {
            MqttPropertyWriter.Write(ref w, packet.Properties, propertiesLength);
        }
        foreach (var code in packet.ReasonCodes)
        {
            // 3.1.1 knows one failure code, 0x80 [MQTT-3.9.3-2]; every MQTT 5.0 refusal (>= 0x80) folds into it.
            w.WriteByte(v5 || code < MqttReasonCode.UnspecifiedError ? (byte)code : (byte)0x80);
        }
        w.Flush();
    }

    private static void WriteUnsubscribe(UnsubscribePacket packet, IBufferWriter<byte> output, bool v5)
    {
        RequirePacketIdentifier(packet.PacketIdentifier, MqttPacketType.Unsubscribe);
        if (packet.TopicFilters.Count == 0)
        {
            throw new ArgumentException("UNSUBSCRIBE needs at least one Topic Filter [MQTT-3.10.3-2].", nameof(packet));
        }
        var propertiesLength = v5 ? MqttPropertyWriter.Measure(packet.Properties, MqttPacketType.Unsubscribe) : 0;
        long remaining = 2 + (v5 ? BlockSize(propertiesLength) : 0);
        foreach (var filter in packet.TopicFilters)
        {
            remaining += StringSize(filter, "Topic Filter");
        }

        var w = Begin(output, MqttPacketType.Unsubscribe, 0x02, remaining); // [MQTT-3.10.1-1]
        w.WriteUInt16(packet.PacketIdentifier);
        if (v5)
        {
            MqttPropertyWriter.Write(ref w, packet.Properties, propertiesLength);
        }
        foreach (var filter in packet.TopicFilters)
        {
            w.WriteString(filter);
        }
        w.Flush();
    }

    /// <summary>UNSUBACK: 3.1.1 carries only the Packet Identifier; 5.0 adds properties and one code per filter.</summary>
    private static void WriteUnsubAck(UnsubAckPacket packet, IBufferWriter<byte> output, bool v5)
    {
        RequirePacketIdentifier(packet.PacketIdentifier, MqttPacketType.UnsubAck);
        if (!v5)
        {
            var w3 = Begin(output, MqttPacketType.UnsubAck, 0, 2);
            w3.WriteUInt16(packet.PacketIdentifier);
            w3.Flush();
            return;
        }
        if (packet.ReasonCodes.Count == 0)
        {
            throw new ArgumentException("An MQTT 5.0 UNSUBACK needs one Reason Code per Topic Filter [MQTT-3.11.3-1].", nameof(packet));
        }
        var propertiesLength = MqttPropertyWriter.Measure(packet.Properties, MqttPacketType.UnsubAck);
        var w = Begin(output, MqttPacketType.UnsubAck, 0, 2 + BlockSize(propertiesLength) + packet.ReasonCodes.Count);
        w.WriteUInt16(packet.PacketIdentifier);
        MqttPropertyWriter.Write(ref w, packet.Properties, propertiesLength);
        foreach (var code in packet.ReasonCodes)
        {
            w.WriteByte((byte)code);
        }
        w.Flush();
    }
}
