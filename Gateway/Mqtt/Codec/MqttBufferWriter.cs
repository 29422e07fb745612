using System.Buffers;
using System.Buffers.Binary;

namespace Gateway.Mqtt.Codec;

/// <summary>
/// Writes the data types of MQTT 5.0 §1.5 into an <see cref="IBufferWriter{T}"/>. It asks the output for one span big
/// enough for the whole packet when it can (the common case), and otherwise fills spans piece by piece, so a large
/// payload never needs one contiguous buffer. Every byte of a written packet is assigned: nothing relies on the
/// output being zeroed. Call <see cref="Flush"/> once at the end.
/// </summary>
internal ref struct MqttBufferWriter
{
    /// <summary>Largest single span requested up front; bigger packets are written in pieces.</summary>
    private const int MaxInitialSpan = 64 * 1024;

    private readonly IBufferWriter<byte> _output;
    private Span<byte> _span;
    private int _buffered;

    public MqttBufferWriter(IBufferWriter<byte> output, int packetSize)
    {
        _output = output;
        _span = output.GetSpan(Math.Min(packetSize, MaxInitialSpan));
        _buffered = 0;
    }

    /// <summary>Size of a Binary Data field (§1.5.6); throws <see cref="ArgumentException"/> past 65,535 bytes.</summary>
    public static int MeasureBinary(int length, string what) => length <= ushort.MaxValue
        ? 2 + length
        : throw new ArgumentException($"{what} is {length} bytes; Binary Data holds at most 65,535.", nameof(length));

    /// <summary>The fixed header: type and flags, then the Remaining Length (§2.1).</summary>
    public void WriteFixedHeader(MqttPacketType type, int flags, int remainingLength)
    {
        var span = Reserve(5);
        span[0] = (byte)(((int)type << 4) | flags);
        _buffered += 1 + VariableByteInteger.Write(span[1..], remainingLength);
    }

    public void WriteByte(byte value)
    {
        Reserve(1)[0] = value;
        _buffered += 1;
    }

    public void WriteUInt16(ushort value)
    {
        BinaryPrimitives.WriteUInt16BigEndian(Reserve(2), value);
        _buffered += 2;
    }

    public void WriteUInt32(uint value)
    {
        BinaryPrimitives.WriteUInt32BigEndian(Reserve(4), value);
        _buffered += 4;
    }

    public void WriteVariableByteInteger(int value)
    {
        // Reserve may flush and reset _buffered, so it must run before _buffered is read.
        var written = VariableByteInteger.Write(Reserve(4), value);
        _buffered += written;
    }

    /// <summary>A UTF-8 Encoded String already validated by <see cref="MqttUtf8.GetByteCount"/> when it was measured.</summary>
    public void WriteString(string value)
    {
        var byteCount = MqttUtf8.Strict.GetByteCount(value);
        WriteUInt16((ushort)byteCount);
        if (byteCount > 0)
        {
            var written = MqttUtf8.Strict.GetBytes(value, Reserve(byteCount));
            _buffered += written;
        }
    }

    /// <summary>Binary Data: Two Byte Integer length then the bytes.</summary>
    public void WriteBinary(ReadOnlySpan<byte> value)
    {
        WriteUInt16((ushort)value.Length);
        WriteBytes(value);
    }

    /// <summary>Raw bytes (a payload), spread over as many output spans as needed.</summary>
    public void WriteBytes(ReadOnlySpan<byte> value)
    {
        while (!value.IsEmpty)
        {
            if (_span.Length == _buffered)
            {
                Grow(1);
            }
            var chunk = Math.Min(value.Length, _span.Length - _buffered);
            value[..chunk].CopyTo(_span[_buffered..]);
            _buffered += chunk;
            value = value[chunk..];
        }
    }

    /// <summary>Commits the written bytes to the output.</summary>
    public void Flush()
    {
        if (_buffered > 0)
        {
            _output.Advance(_buffered);
            _buffered = 0;
        }
        _span = default;
    }

    private Span<byte> Reserve(int count)
    {
        if (_span.Length - _buffered < count)
        {
            Grow(count);
        }
        return _span.Slice(_buffered, count);
    }

    private void Grow(int count)
    {
        if (_buffered > 0)
        {
            _output.Advance(_buffered);
            _buffered = 0;
        }
        _span = _output.GetSpan(count);
    }
}
