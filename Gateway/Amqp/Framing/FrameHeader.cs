using System.Buffers.Binary;

namespace Gateway.Amqp.Framing;

/// <summary>
/// The fixed frame header (Part 2 §2.3.1).
/// <code>
///             +0      +1      +2      +3
///         +-------------------------------+ -.
///       0 |             SIZE              |  |
///         +-------------------------------+  |-- frame header (8 bytes)
///       4 |  DOFF |  TYPE | TYPE-SPECIFIC |  |   channel, for AMQP frames
///         +-------------------------------+ -'
///         |        extended header        |  (DOFF * 4 - 8) bytes, ignored
///         +-------------------------------+
///  4*DOFF |          frame body           |  (SIZE - DOFF * 4) bytes
///         +-------------------------------+
/// </code>
/// SIZE counts the whole frame; "the frame is malformed if the size is less than the size of the frame header (8
/// bytes)". DOFF is the body offset in 4-byte words; "the frame is malformed if the value is less than 2".
/// </summary>
public readonly record struct FrameHeader(uint Size, byte DataOffset, FrameType Type, ushort Channel)
{
    /// <summary>The fixed header's length, also the smallest legal SIZE.</summary>
    public const int Length = 8;

    /// <summary>Offset of the frame body: DOFF * 4.</summary>
    public int BodyOffset => DataOffset * 4;

    /// <summary>Length of the frame body.</summary>
    public long BodyLength => (long)Size - BodyOffset;

    /// <summary>Parses the 8 header bytes; no validation.</summary>
    public static FrameHeader Parse(ReadOnlySpan<byte> bytes) =>
        new(BinaryPrimitives.ReadUInt32BigEndian(bytes), bytes[4], (FrameType)bytes[5], BinaryPrimitives.ReadUInt16BigEndian(bytes[6..]));

    /// <summary>Writes the 8 header bytes.</summary>
    public void Write(Span<byte> destination)
    {
        BinaryPrimitives.WriteUInt32BigEndian(destination, Size);
        destination[4] = DataOffset;
        destination[5] = (byte)Type;
        BinaryPrimitives.WriteUInt16BigEndian(destination[6..], Channel);
    }
}
