using System.Buffers;

namespace Gateway.Mqtt.Codec;

public static partial class MqttPacketWriter
{
    private static void WriteConnect(ConnectPacket packet, IBufferWriter<byte> output, MqttProtocolVersion version)
    {
        if (version == MqttProtocolVersion.Unknown)
        {
            version = packet.ProtocolVersion;
        }
        else if (packet.ProtocolVersion != version)
        {
            throw new ArgumentException($"CONNECT is level {packet.ProtocolVersion} but is written as {version}.", nameof(packet));
        }
        var protocolName = version switch
        {
            MqttProtocolVersion.V310 => "MQIsdp"u8,
            MqttProtocolVersion.V311 or MqttProtocolVersion.V500 => "MQTT"u8,
            _ => throw new ArgumentException($"CONNECT has no protocol level ({packet.ProtocolVersion}).", nameof(packet)),
        };
        var v5 = version == MqttProtocolVersion.V500;
        if (!v5 && packet.Password is not null && packet.UserName is null)
        {
            throw new ArgumentException("Before MQTT 5.0 a Password needs a User Name (3.1.1 [MQTT-3.1.2-22]).", nameof(packet));
        }

        var will = packet.Will;
        var flags = packet.CleanStart ? 0x02 : 0;
        if (will is not null)
        {
            if (will.QualityOfService > MqttQualityOfService.ExactlyOnce)
            {
                throw new ArgumentException("Will QoS 3 does not exist [MQTT-3.1.2-14].", nameof(packet));
            }
            flags |= 0x04 | ((int)will.QualityOfService << 3) | (will.Retain ? 0x20 : 0);
        }
        flags |= packet.Password is not null ? 0x40 : 0;
        flags |= packet.UserName is not null ? 0x80 : 0;

        var propertiesLength = v5 ? MqttPropertyWriter.Measure(packet.Properties, MqttPacketType.Connect) : 0;
        var willPropertiesLength = v5 && will is not null ? MqttPropertyWriter.Measure(will.Properties, MqttPacketType.Connect, inWill: true) : 0;
        long remaining = 2 + protocolName.Length + 1 + 1 + 2 + StringSize(packet.ClientId, "Client Identifier");
        if (v5)
        {
            remaining += BlockSize(propertiesLength);
        }
        if (will is not null)
        {
            remaining += (v5 ? BlockSize(willPropertiesLength) : 0)
                + StringSize(will.Topic, "Will Topic")
                + MqttBufferWriter.MeasureBinary(will.Payload.Length, "Will Payload");
        }
        if (packet.UserName is not null)
        {
            remaining += StringSize(packet.UserName, "User Name");
        }
        if (packet.Password is { } password)
        {
            remaining += MqttBufferWriter.MeasureBinary(password.Length, "Password");
        }

        var w = Begin(output, MqttPacketType.Connect, 0, remaining);
        w.WriteBinary(protocolName);
        w.WriteByte((byte)version);
        w.WriteByte((byte)flags);
        w.WriteUInt16(packet.KeepAlive);
        if (v5)
        {
            MqttPropertyWriter.Write(ref w, packet.Properties, propertiesLength);
        }
        w.WriteString(packet.ClientId);
        if (will is not null)
        {
            if (v5)
            {
                MqttPropertyWriter.Write(ref w, will.Properties, willPropertiesLength);
            }
            w.WriteString(will.Topic);
            w.WriteBinary(will.Payload.Span);
        }
        if (packet.UserName is not null)
        {
            w.WriteString(packet.UserName);
        }
        if (packet.Password is { } passwordBytes)
        {
            w.WriteBinary(passwordBytes.Span);
        }
        w.Flush();
    }

    private static void WriteConnAck(ConnAckPacket packet, IBufferWriter<byte> output, MqttProtocolVersion version)
    {
        if (version != MqttProtocolVersion.V500)
        {
            var w3 = Begin(output, MqttPacketType.ConnAck, 0, 2);
            // MQTT 3.1 has no Session Present: its first byte is reserved and 0.
            w3.WriteByte(version == MqttProtocolVersion.V311 && packet.SessionPresent ? (byte)1 : (byte)0);
            w3.WriteByte(MqttConnectReturnCodes.FromReasonCode(packet.ReasonCode));
            w3.Flush();
            return;
        }
        var propertiesLength = MqttPropertyWriter.Measure(packet.Properties, MqttPacketType.ConnAck);
        var w = Begin(output, MqttPacketType.ConnAck, 0, 2 + BlockSize(propertiesLength));
        w.WriteByte(packet.SessionPresent ? (byte)1 : (byte)0);
        w.WriteByte((byte)packet.ReasonCode);
        MqttPropertyWriter.Write(ref w, packet.Properties, propertiesLength);
        w.Flush();
    }
}
