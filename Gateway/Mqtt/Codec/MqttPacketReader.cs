using System.Buffers;
using System.Diagnostics.CodeAnalysis;

namespace Gateway.Mqtt.Codec;

/// <summary>
/// Decodes MQTT Control Packets from a byte stream, one connection per instance (it remembers the protocol version).
/// <code>
/// Fixed header (MQTT 5.0 §2.1.1):
/// +--------+-----------------------+-----------------------------------+
/// | bit    | 7  6  5  4            | 3  2  1  0                        |
/// | byte 1 | Control Packet type   | Flags specific to each type       |
/// | byte 2…| Remaining Length (Variable Byte Integer, 1-4 bytes)       |
/// +--------+-----------------------------------------------------------+
/// | Variable Header and Payload: Remaining Length bytes                |
/// +--------------------------------------------------------------------+
/// </code>
/// </summary>
/// <remarks>
/// Contract of <see cref="TryRead"/>: true = one packet decoded and <c>buffer</c> sliced past it; false = more bytes
/// are needed and <c>buffer</c> is unchanged; <see cref="MqttProtocolException"/> = the stream is not acceptable MQTT
/// and the connection must be closed (after a CONNACK/DISCONNECT carrying the exception's reason code, where the
/// version allows one). Nothing else is thrown for any input. The reader never holds on to <c>buffer</c>: decoded
/// packets own their strings and payload copies, so the caller can advance the pipe at once.
/// Not thread-safe; one connection's read loop owns it.
/// </remarks>
public sealed partial class MqttPacketReader
{
    /// <summary>The largest packet the protocol can frame: a 4-byte Remaining Length of 268,435,455 plus 5 header bytes.</summary>
    public const int ProtocolMaximumPacketSize = VariableByteInteger.MaxValue + 5;

    private int _maximumPacketSize = ProtocolMaximumPacketSize;

    /// <param name="protocolVersion">
    /// The negotiated version, or <see cref="MqttProtocolVersion.Unknown"/> before CONNECT (the server side).
    /// </param>
    /// <param name="maximumPacketSize">See <see cref="MaximumPacketSize"/>.</param>
    public MqttPacketReader(MqttProtocolVersion protocolVersion = MqttProtocolVersion.Unknown, int maximumPacketSize = ProtocolMaximumPacketSize)
    {
        ProtocolVersion = protocolVersion;
        MaximumPacketSize = maximumPacketSize;
    }

    /// <summary>
    /// The connection's protocol version. While <see cref="MqttProtocolVersion.Unknown"/> only CONNECT is accepted
    /// [MQTT-3.1.0-1]; the first CONNECT sets it as soon as its Protocol Level has been read, so that even an error in
    /// the rest of that CONNECT can be answered with a CONNACK of the client's version. A later CONNECT never changes it.
    /// </summary>
    public MqttProtocolVersion ProtocolVersion { get; set; }

    /// <summary>
    /// Largest accepted packet, in bytes including the fixed header (MQTT 5.0 §3.2.2.3.6 "Maximum Packet Size", the
    /// value the Server sends in CONNACK; the Client MUST NOT exceed it [MQTT-3.2.2-15]). Checked from the Remaining
    /// Length before the body is waited for, so an oversize packet is never buffered: 0x95 Packet too large.
    /// </summary>
    public int MaximumPacketSize
    {
        get => _maximumPacketSize;
        set => _maximumPacketSize = value is >= 2 and <= ProtocolMaximumPacketSize
            ? value
            : throw new ArgumentOutOfRangeException(nameof(value), value, "An MQTT packet is 2 to 268,435,460 bytes.");
    }

    /// <summary>
    /// When true, a PUBLISH or Will whose Payload Format Indicator is 1 must carry well-formed UTF-8, else 0x99 Payload
    /// format invalid. MQTT 5.0 §3.3.2.3.2 makes this check optional ("The receiver MAY validate"); off by default
    /// because it reads every payload byte.
    /// </summary>
    public bool ValidatePayloadFormat { get; set; }

    /// <summary>Decodes the next packet of <paramref name="buffer"/>; see the type remarks for the contract.</summary>
    public bool TryRead(ref ReadOnlySequence<byte> buffer, [NotNullWhen(true)] out MqttPacket? packet)
    {
        packet = null;
        if (buffer.IsEmpty)
        {
            return false;
        }

        // Fast path: the whole fixed header is in the first segment. Otherwise copy at most 5 bytes.
        scoped var span = buffer.FirstSpan;
        Span<byte> scratch = stackalloc byte[5];
        if (span.Length < 5 && !buffer.IsSingleSegment)
        {
            var available = (int)Math.Min(5, buffer.Length);
            buffer.Slice(0, available).CopyTo(scratch);
            span = scratch[..available];
        }

        var type = ValidateFirstByte(span[0]);
        if (!VariableByteInteger.TryRead(span[1..], out var remainingLength, out var lengthSize))
        {
            return false;
        }

        var packetSize = 1 + lengthSize + remainingLength;
        if (packetSize > _maximumPacketSize)
        {
            // MQTT 5.0 §3.2.2.3.6: a packet over the Maximum Packet Size is answered with 0x95 Packet too large.
            MqttThrow.Error(MqttReasonCode.PacketTooLarge,
                $"The packet is {packetSize} bytes; the maximum packet size is {_maximumPacketSize}.");
        }
        if (buffer.Length < packetSize)
        {
            return false;
        }

        var reader = new MqttBufferReader(buffer.Slice(1 + lengthSize, remainingLength));
        packet = Decode(type, span[0] & 0x0F, ref reader);
        buffer = buffer.Slice(packetSize);
        return true;
    }

    private MqttPacketType ValidateFirstByte(byte first)
    {
        var type = (MqttPacketType)(first >> 4);
        var flags = first & 0x0F;
        if (type == 0)
        {
            // MQTT 5.0 §2.1.2 / 3.1.1 §2.2.1: packet type 0 is reserved and forbidden.
            MqttThrow.Malformed("Control Packet type 0 is reserved.");
        }
        if (ProtocolVersion == MqttProtocolVersion.Unknown && type != MqttPacketType.Connect)
        {
            MqttThrow.ProtocolError($"The first packet must be CONNECT, not {type} [MQTT-3.1.0-1].");
        }
        if (type == MqttPacketType.Auth && ProtocolVersion != MqttProtocolVersion.V500)
        {
            // 3.1.1 §2.2.1: type 15 is "Reserved, Forbidden".
            MqttThrow.Malformed("Control Packet type 15 is reserved before MQTT 5.0.");
        }
        switch (type)
        {
            case MqttPacketType.Publish:
                if ((flags & 0x06) == 0x06)
                {
                    // [MQTT-3.3.1-4]: both QoS bits set is a Malformed Packet.
                    MqttThrow.Malformed("PUBLISH with QoS 3 [MQTT-3.3.1-4].");
                }
                break;
            case MqttPacketType.PubRel or MqttPacketType.Subscribe or MqttPacketType.Unsubscribe:
                if (flags != 0x02)
                {
                    // [MQTT-3.6.1-1] [MQTT-3.8.1-1] [MQTT-3.10.1-1]: flags are 0,0,1,0.
                    MqttThrow.Malformed($"{type} fixed header flags must be 0010 [MQTT-2.1.3-1].");
                }
                break;
            default:
                if (flags != 0)
                {
                    // [MQTT-2.1.3-1] (3.1.1 [MQTT-2.2.2-1]): reserved flag bits must be as listed, here 0000.
                    MqttThrow.Malformed($"{type} fixed header flags must be 0000 [MQTT-2.1.3-1].");
                }
                break;
        }
        return type;
    }

    private MqttPacket Decode(MqttPacketType type, int flags, ref MqttBufferReader reader)
    {
        MqttPacket packet = type switch
        {
            MqttPacketType.Connect => ReadConnect(ref reader),
            MqttPacketType.ConnAck => ReadConnAck(ref reader),
            MqttPacketType.Publish => ReadPublish(flags, ref reader),
            MqttPacketType.PubAck => ReadPublishAcknowledgement(new PubAckPacket(), ref reader),
            MqttPacketType.PubRec => ReadPublishAcknowledgement(new PubRecPacket(), ref reader),
            MqttPacketType.PubRel => ReadPublishAcknowledgement(new PubRelPacket(), ref reader),
            MqttPacketType.PubComp => ReadPublishAcknowledgement(new PubCompPacket(), ref reader),
            MqttPacketType.Subscribe => ReadSubscribe(ref reader),
            MqttPacketType.SubAck => ReadSubAck(ref reader),
            MqttPacketType.Unsubscribe => ReadUnsubscribe(ref reader),
            MqttPacketType.UnsubAck => ReadUnsubAck(ref reader),
            MqttPacketType.PingReq => ReadEmpty(PingReqPacket.Instance, ref reader),
            MqttPacketType.PingResp => ReadEmpty(PingRespPacket.Instance, ref reader),
            MqttPacketType.Disconnect => ReadDisconnect(ref reader),
            _ => ReadAuth(ref reader),
        };
        if (!reader.End)
        {
            // Every field has been read: bytes left over mean the Remaining Length does not match the content.
            MqttThrow.Malformed($"{type} has {reader.Remaining} bytes after its last field.");
        }
        return packet;
    }

    private bool IsV5 => ProtocolVersion == MqttProtocolVersion.V500;

    /// <summary>A non-zero Packet Identifier (MQTT 5.0 §2.2.1 [MQTT-2.2.1-3]; 3.1.1 [MQTT-2.3.1-1]).</summary>
    private static ushort ReadPacketIdentifier(ref MqttBufferReader reader, MqttPacketType type)
    {
        var identifier = reader.ReadUInt16();
        if (identifier == 0)
        {
            MqttThrow.ProtocolError($"{type} has Packet Identifier 0 [MQTT-2.2.1-3].");
        }
        return identifier;
    }
}
