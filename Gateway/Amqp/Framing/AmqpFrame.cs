using System.Buffers;

namespace Gateway.Amqp.Framing;

/// <summary>
/// One decoded frame: its header, its performative (null for an empty frame, the idle-timeout heartbeat of Part 2
/// §2.4.5) and its payload - the bytes after the performative, a slice of the receive buffer (a transfer's part of a
/// message). Valid until the buffer is advanced and, for a reused performative (see <see cref="AmqpFrameReader"/>),
/// until the next read.
/// </summary>
public readonly struct AmqpFrame
{
    public AmqpFrame(FrameHeader header, Performative? performative, ReadOnlySequence<byte> payload)
    {
        Header = header;
        Performative = performative;
        Payload = payload;
    }

    public FrameHeader Header { get; }

    public FrameType Type => Header.Type;

    /// <summary>The channel of an AMQP frame (ignored for SASL frames).</summary>
    public ushort Channel => Header.Channel;

    public Performative? Performative { get; }

    public ReadOnlySequence<byte> Payload { get; }

    /// <summary>An empty frame: "a frame consisting solely of a frame header, with no frame body" (§2.4.5).</summary>
    public bool IsEmpty => Performative is null;
}
