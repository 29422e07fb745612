using System.Text.Unicode;

namespace Gateway.Mqtt.Codec;

public sealed partial class MqttPacketReader
{
    /// <summary>
    /// CONNECT (MQTT 5.0 §3.1; 3.1.1 §3.1; 3.1 "MQIsdp"), decoded from its own Protocol Level:
    /// <code>
    /// Variable header                       Payload (in this order [MQTT-3.1.3-1])
    /// +----------------------------------+  +------------------------------------------+
    /// | Protocol Name "MQTT" / "MQIsdp"  |  | Client Identifier                        |
    /// | Protocol Level 5 / 4 / 3         |  | Will Properties (5.0)   } if Will Flag   |
    /// | Connect Flags                    |  | Will Topic              }                |
    /// |  7 User Name  6 Password         |  | Will Payload            }                |
    /// |  5 Will Retain 4-3 Will QoS      |  | User Name               if User Name Flag|
    /// |  2 Will Flag  1 Clean Start  0 - |  | Password                if Password Flag |
    /// | Keep Alive (2 bytes)             |  +------------------------------------------+
    /// | Properties (5.0)                 |
    /// +----------------------------------+
    /// </code>
    /// </summary>
    private ConnectPacket ReadConnect(ref MqttBufferReader reader)
    {
        Span<byte> name = stackalloc byte[6];
        var nameFits = reader.TryReadShortField(name, out var nameLength);
        var level = reader.ReadByte();
        var isMqtt = nameFits && name[..nameLength].SequenceEqual("MQTT"u8);
        var isMQIsdp = nameFits && name[..nameLength].SequenceEqual("MQIsdp"u8);
        if (!isMqtt && !isMQIsdp)
        {
            // [MQTT-3.1.2-1]: the name must be "MQTT"; the Server MAY answer 0x84 Unsupported Protocol Version.
            MqttThrow.Error(MqttReasonCode.UnsupportedProtocolVersion, "The Protocol Name is not \"MQTT\" [MQTT-3.1.2-1].");
        }
        var version = (MqttProtocolVersion)level;
        var supported = isMqtt
            ? version is MqttProtocolVersion.V311 or MqttProtocolVersion.V500
            : version is MqttProtocolVersion.V310;
        if (!supported)
        {
            // [MQTT-3.1.2-2]: 0x84 (3.1.1 return code 0x01 "unacceptable protocol version").
            MqttThrow.Error(MqttReasonCode.UnsupportedProtocolVersion, $"Protocol Level {level} is not supported [MQTT-3.1.2-2].");
        }
        if (ProtocolVersion == MqttProtocolVersion.Unknown)
        {
            ProtocolVersion = version;
        }
        var v5 = version == MqttProtocolVersion.V500;

        var flags = reader.ReadByte();
        if ((flags & 0x01) != 0)
        {
            MqttThrow.Malformed("The reserved Connect Flag is 1 [MQTT-3.1.2-3].");
        }
        var willFlag = (flags & 0x04) != 0;
        var willQoS = (flags >> 3) & 0x03;
        var willRetain = (flags & 0x20) != 0;
        var passwordFlag = (flags & 0x40) != 0;
        var userNameFlag = (flags & 0x80) != 0;
        if (!willFlag && (willQoS != 0 || willRetain))
        {
            // [MQTT-3.1.2-11] [MQTT-3.1.2-13] [MQTT-3.1.2-15]: without a Will, Will QoS and Will Retain are 0.
            MqttThrow.Malformed("Will QoS or Will Retain set without the Will Flag [MQTT-3.1.2-11].");
        }
        if (willQoS == 3)
        {
            // [MQTT-3.1.2-14]; MQTT 5.0 §3.1.2.6: "A value of 3 (0x03) is a Malformed Packet."
            MqttThrow.Malformed("Will QoS 3 [MQTT-3.1.2-14].");
        }
        if (!v5 && passwordFlag && !userNameFlag)
        {
            // 3.1.1 [MQTT-3.1.2-22]: no Password without a User Name (MQTT 5.0 lifted this rule).
            MqttThrow.Malformed("Password Flag without User Name Flag (3.1.1 [MQTT-3.1.2-22]).");
        }

        var packet = new ConnectPacket
        {
            ProtocolVersion = version,
            CleanStart = (flags & 0x02) != 0,
            KeepAlive = reader.ReadUInt16(),
        };
        if (v5)
        {
            packet.Properties = MqttPropertyReader.Read(ref reader, MqttPacketType.Connect);
        }
        packet.ClientId = reader.ReadString(); // [MQTT-3.1.3-3] [MQTT-3.1.3-4]
        if (willFlag)
        {
            packet.Will = ReadWill(ref reader, v5, (MqttQualityOfService)willQoS, willRetain);
        }
        if (userNameFlag)
        {
            packet.UserName = reader.ReadString(); // [MQTT-3.1.2-19] [MQTT-3.1.3-10]
        }
        if (passwordFlag)
        {
            packet.Password = reader.ReadBinary(); // [MQTT-3.1.2-21]
        }
        return packet;
    }

    private MqttWillMessage ReadWill(ref MqttBufferReader reader, bool v5, MqttQualityOfService qos, bool retain)
    {
        var will = new MqttWillMessage { QualityOfService = qos, Retain = retain };
        if (v5)
        {
            will.Properties = MqttPropertyReader.Read(ref reader, MqttPacketType.Connect, inWill: true);
        }
        will.Topic = reader.ReadTopicName(); // [MQTT-3.1.3-9], a Topic Name so no wildcards [MQTT-3.3.2-2]
        if (will.Topic.Length == 0)
        {
            MqttThrow.Error(MqttReasonCode.TopicNameInvalid, "The Will Topic is empty [MQTT-4.7.3-1].");
        }
        will.Payload = reader.ReadBinary();
        CheckPayloadFormat(will.Properties, will.Payload.Span);
        return will;
    }

    /// <summary>
    /// CONNACK (MQTT 5.0 §3.2; 3.1.1 §3.2):
    /// <code>
    /// +------------------------------------------------+
    /// | Connect Acknowledge Flags (bit 0 Session Present) |
    /// | Connect Reason Code (5.0) / Return Code (3.1.1)  |
    /// | Properties (5.0)                                 |
    /// +------------------------------------------------+
    /// </code>
    /// </summary>
    private ConnAckPacket ReadConnAck(ref MqttBufferReader reader)
    {
        var flags = reader.ReadByte();
        var packet = new ConnAckPacket();
        if (ProtocolVersion == MqttProtocolVersion.V310)
        {
            // MQTT 3.1: the first byte is reserved ("topic name compression", unused) and there is no Session Present.
            packet.ReasonCode = ReadReturnCode(ref reader);
            return packet;
        }
        if ((flags & 0xFE) != 0)
        {
            // [MQTT-3.2.2-1] (3.1.1 §3.2.2.1): bits 7-1 of the Connect Acknowledge Flags are reserved and 0.
            MqttThrow.Malformed("Reserved Connect Acknowledge Flags are set [MQTT-3.2.2-1].");
        }
        packet.SessionPresent = (flags & 0x01) != 0;
        if (!IsV5)
        {
            packet.ReasonCode = ReadReturnCode(ref reader);
            return packet;
        }
        packet.ReasonCode = MqttReasonCodeRules.Read(ref reader, MqttPacketType.ConnAck); // [MQTT-3.2.2-8]
        packet.Properties = MqttPropertyReader.Read(ref reader, MqttPacketType.ConnAck);
        return packet;
    }

    private static MqttReasonCode ReadReturnCode(ref MqttBufferReader reader)
    {
        var returnCode = reader.ReadByte();
        if (!MqttConnectReturnCodes.TryToReasonCode(returnCode, out var reasonCode))
        {
            // 3.1.1 Table 3.1: 6-255 are reserved for future use.
            MqttThrow.ProtocolError($"CONNACK return code {returnCode} is reserved.");
        }
        return reasonCode;
    }

    /// <summary>Optional payload check of MQTT 5.0 §3.3.2.3.2 / §3.1.3.2.3; see <see cref="ValidatePayloadFormat"/>.</summary>
    private void CheckPayloadFormat(MqttProperties? properties, ReadOnlySpan<byte> payload)
    {
        if (ValidatePayloadFormat
            && properties?.PayloadFormatIndicator == MqttPayloadFormatIndicator.CharacterData
            && !Utf8.IsValid(payload))
        {
            MqttThrow.Error(MqttReasonCode.PayloadFormatInvalid, "The payload is not the UTF-8 its Payload Format Indicator announces.");
        }
    }
}
