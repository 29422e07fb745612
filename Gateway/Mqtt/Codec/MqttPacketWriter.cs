using System.Buffers;

namespace Gateway.Mqtt.Codec;

/// <summary>
/// Encodes MQTT Control Packets for one protocol version: the exact bytes of MQTT 5.0 or of 3.1/3.1.1 (where
/// properties and most reason codes do not exist and are left out). Synchronous, no I/O; thread-safe (stateless).
/// </summary>
/// <remarks>
/// Each packet is measured first (the fixed header carries the Remaining Length), then written in one pass. Where MQTT
/// 5.0 lets fields be omitted (acknowledgements with Success and no properties, DISCONNECT, AUTH) the shortest form is
/// written. A packet that cannot be encoded (a string over 65,535 bytes, a QoS 1 PUBLISH without Packet Identifier, a
/// property not allowed in that packet, AUTH before 5.0, ...) throws <see cref="ArgumentException"/> before any byte is
/// written: that is a bug of the caller, not a protocol event.
/// </remarks>
public static partial class MqttPacketWriter
{
    /// <summary>Writes <paramref name="packet"/> as <paramref name="version"/> encodes it.</summary>
    /// <param name="packet">The packet.</param>
    /// <param name="output">Receives the bytes (advanced past the packet).</param>
    /// <param name="version">
    /// The connection's version. <see cref="MqttProtocolVersion.Unknown"/> is accepted only for CONNECT, which is then
    /// written as its own <see cref="ConnectPacket.ProtocolVersion"/>.
    /// </param>
    public static void Write(MqttPacket packet, IBufferWriter<byte> output, MqttProtocolVersion version)
    {
        ArgumentNullException.ThrowIfNull(packet);
        ArgumentNullException.ThrowIfNull(output);
        if (version == MqttProtocolVersion.Unknown && packet is not ConnectPacket)
        {
            throw new ArgumentException($"{packet.Type} needs a protocol version; only CONNECT can be written before one is known.", nameof(version));
        }
        if (version is not (MqttProtocolVersion.Unknown or MqttProtocolVersion.V310 or MqttProtocolVersion.V311 or MqttProtocolVersion.V500))
        {
            throw new ArgumentOutOfRangeException(nameof(version), version, "Not an MQTT protocol level.");
        }
        var v5 = version == MqttProtocolVersion.V500;
        switch (packet)
        {
            case ConnectPacket connect:
                WriteConnect(connect, output, version);
                break;
            case ConnAckPacket connAck:
                WriteConnAck(connAck, output, version);
                break;
            case PublishPacket publish:
                WritePublish(publish, output, v5);
                break;
            case PublishAcknowledgementPacket acknowledgement:
                WritePublishAcknowledgement(acknowledgement, output, v5);
                break;
            case SubscribePacket subscribe:
                WriteSubscribe(subscribe, output, v5);
                break;
            case SubAckPacket subAck:
                WriteSubAck(subAck, output, v5);
                break;
            case UnsubscribePacket unsubscribe:
                WriteUnsubscribe(unsubscribe, output, v5);
                break;
            case UnsubAckPacket unsubAck:
                WriteUnsubAck(unsubAck, output, v5);
                break;
            case PingReqPacket or PingRespPacket:
                WriteEmpty(packet.Type, output);
                break;
            case DisconnectPacket disconnect:
                WriteDisconnect(disconnect, output, v5);
                break;
            case AuthPacket auth:
                if (!v5)
                {
                    throw new ArgumentException("AUTH exists only in MQTT 5.0.", nameof(packet));
                }
                WriteAuth(auth, output);
                break;
            default:
                throw new ArgumentException($"Unknown packet type {packet.GetType().Name}.", nameof(packet));
        }
    }

    /// <summary>Size of a property block including its Property Length prefix.</summary>
    private static int BlockSize(int propertiesLength) => VariableByteInteger.GetSize(propertiesLength) + propertiesLength;

    /// <summary>Size of a UTF-8 Encoded String field: Two Byte Integer length plus the bytes.</summary>
    private static int StringSize(string value, string what) => 2 + MqttUtf8.GetByteCount(value, what);

    /// <summary>Starts a packet: checks the Remaining Length limit and writes the fixed header.</summary>
    private static MqttBufferWriter Begin(IBufferWriter<byte> output, MqttPacketType type, int flags, long remainingLength)
    {
        if (remainingLength > VariableByteInteger.MaxValue)
        {
            throw new ArgumentException($"{type} would be {remainingLength} bytes long; the Remaining Length maximum is 268,435,455.", nameof(remainingLength));
        }
        var length = (int)remainingLength;
        var writer = new MqttBufferWriter(output, 1 + VariableByteInteger.GetSize(length) + length);
        writer.WriteFixedHeader(type, flags, length);
        return writer;
    }

    private static void RequirePacketIdentifier(ushort identifier, MqttPacketType type)
    {
        if (identifier == 0)
        {
            throw new ArgumentException($"{type} needs a non-zero Packet Identifier [MQTT-2.2.1-3].", nameof(identifier));
        }
    }

    private static void WriteEmpty(MqttPacketType type, IBufferWriter<byte> output)
    {
        var w = Begin(output, type, 0, 0);
        w.Flush();
    }
}
