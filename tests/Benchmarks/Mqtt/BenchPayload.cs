using System.Buffers.Binary;

namespace Benchmarks.Mqtt;

/// <summary>
/// The header the load program writes at the start of every payload it publishes; the rest is padding.
/// <code>
/// +--------+---------+-----------+----------+----------+---------------+--------------------+
/// | 0..3   | 4..7    | 8..11     | 12..15   | 16..23   | 24..31        | 32..39             |
/// | "MQLB" | phase   | publisher | reserved | sequence | sent (ticks)  | scheduled (ticks)  |
/// +--------+---------+-----------+----------+----------+---------------+--------------------+
/// </code>
/// Timestamps are <see cref="System.Diagnostics.Stopwatch"/> ticks of this process (publisher and subscriber are in
/// the same program). The phase is random per measured phase, so messages of a warm-up or of an earlier run that a
/// persistent session still holds are recognised and not counted.
/// </summary>
public static class BenchPayload
{
    public const int HeaderSize = 40;

    private const uint Magic = 0x4D514C42; // "MQLB"

    public static void Write(Span<byte> payload, int phase, int publisher, long sequence, long sent, long scheduled)
    {
        BinaryPrimitives.WriteUInt32BigEndian(payload, Magic);
        BinaryPrimitives.WriteInt32BigEndian(payload[4..], phase);
        BinaryPrimitives.WriteInt32BigEndian(payload[8..], publisher);
        BinaryPrimitives.WriteInt32BigEndian(payload[12..], 0);
        BinaryPrimitives.WriteInt64BigEndian(payload[16..], sequence);
        BinaryPrimitives.WriteInt64BigEndian(payload[24..], sent);
        BinaryPrimitives.WriteInt64BigEndian(payload[32..], scheduled);
    }

    /// <summary>Overwrites the send time of a payload written by <see cref="Write"/> (the client stamps it once the
    /// in-flight window has let the message go, so window waits are not counted as broker latency).</summary>
    public static void StampSent(Span<byte> payload, long sent)
    {
        if (payload.Length >= HeaderSize)
        {
            BinaryPrimitives.WriteInt64BigEndian(payload[24..], sent);
        }
    }

    /// <summary>False when the payload is not one of ours (too short or without the magic).</summary>
    public static bool TryRead(ReadOnlySpan<byte> payload, out PayloadHeader header)
    {
        if (payload.Length < HeaderSize || BinaryPrimitives.ReadUInt32BigEndian(payload) != Magic)
        {
            header = default;
            return false;
        }
        header = new PayloadHeader(
            BinaryPrimitives.ReadInt32BigEndian(payload[4..]),
            BinaryPrimitives.ReadInt32BigEndian(payload[8..]),
            BinaryPrimitives.ReadInt64BigEndian(payload[16..]),
            BinaryPrimitives.ReadInt64BigEndian(payload[24..]),
            BinaryPrimitives.ReadInt64BigEndian(payload[32..]));
        return true;
    }
}
