using System.Buffers;
using System.Text;

namespace Gateway.Mqtt.Codec;

/// <summary>
/// Reads the data types of MQTT 5.0 §1.5 from the body of one packet whose bytes are all present. Running out of
/// bytes inside a field means the Remaining Length lied: a Malformed Packet. Built on <see cref="SequenceReader{T}"/>,
/// which reads straight from the current segment's span, and copies only when a field straddles two segments.
/// </summary>
internal ref struct MqttBufferReader
{
    private const int StackCopyLimit = 256;
    private SequenceReader<byte> _reader;

    public MqttBufferReader(ReadOnlySequence<byte> body) => _reader = new SequenceReader<byte>(body);

    /// <summary>Bytes not yet read.</summary>
    public readonly long Remaining => _reader.Remaining;

    public readonly bool End => _reader.End;

    public byte ReadByte()
    {
        if (!_reader.TryRead(out var value))
        {
            MqttThrow.Malformed("The packet ends inside a Byte field.");
        }
        return value;
    }

    /// <summary>Two Byte Integer, big-endian (§1.5.2).</summary>
    public ushort ReadUInt16()
    {
        if (!_reader.TryReadBigEndian(out short value))
        {
            MqttThrow.Malformed("The packet ends inside a Two Byte Integer.");
        }
        return (ushort)value;
    }

    /// <summary>Four Byte Integer, big-endian (§1.5.3).</summary>
    public uint ReadUInt32()
    {
        if (!_reader.TryReadBigEndian(out int value))
        {
            MqttThrow.Malformed("The packet ends inside a Four Byte Integer.");
        }
        return (uint)value;
    }

    /// <summary>Variable Byte Integer (§1.5.5).</summary>
    public int ReadVariableByteInteger()
    {
        scoped var span = _reader.UnreadSpan;
        Span<byte> copy = stackalloc byte[4];
        if (span.Length < 4)
        {
            var available = (int)Math.Min(4, _reader.Remaining);
            _reader.TryCopyTo(copy[..available]);
            span = copy[..available];
        }
        if (!VariableByteInteger.TryRead(span, out var value, out var consumed))
        {
            MqttThrow.Malformed("The packet ends inside a Variable Byte Integer.");
        }
        _reader.Advance(consumed);
        return value;
    }

    /// <summary>UTF-8 Encoded String (§1.5.4), validated by <see cref="MqttUtf8.Validate"/>.</summary>
    public string ReadString() => ReadStringCore(isTopicName: false);

    /// <summary>
    /// A UTF-8 Encoded String that is a Topic Name: wildcards are Topic Name invalid (0x90) [MQTT-3.3.2-2]
    /// [MQTT-4.7.0-1]. '+' and '#' are ASCII, so they are found in the bytes before any string is made.
    /// </summary>
    public string ReadTopicName() => ReadStringCore(isTopicName: true);

    /// <summary>Binary Data (§1.5.6), copied into an array the caller owns.</summary>
    public ReadOnlyMemory<byte> ReadBinary() => ReadBytes(ReadUInt16());

    /// <summary>Copies the next <paramref name="length"/> bytes into a new exact-size array (nothing for 0).</summary>
    public ReadOnlyMemory<byte> ReadBytes(int length)
    {
        if (_reader.Remaining < length)
        {
            MqttThrow.Malformed("The packet ends inside a Binary Data field.");
        }
        if (length == 0)
        {
            return ReadOnlyMemory<byte>.Empty;
        }
        var array = GC.AllocateUninitializedArray<byte>(length);
        _reader.TryCopyTo(array);
        _reader.Advance(length);
        return array;
    }

    /// <summary>The rest of the packet (a PUBLISH payload), copied once into an array the caller owns.</summary>
    public ReadOnlyMemory<byte> ReadRemainingBytes() => ReadBytes((int)_reader.Remaining);

    /// <summary>A reader over the next <paramref name="length"/> bytes (a property block); this reader skips them.</summary>
    public MqttBufferReader ReadSlice(int length)
    {
        if (_reader.Remaining < length)
        {
            MqttThrow.Malformed("The Property Length exceeds the packet.");
        }
        var slice = _reader.Sequence.Slice(_reader.Position, length);
        _reader.Advance(length);
        return new MqttBufferReader(slice);
    }

    /// <summary>
    /// Reads a short length-prefixed field (the Protocol Name) into <paramref name="scratch"/> without allocating.
    /// Returns false, having skipped the field, when it is longer than the scratch space.
    /// </summary>
    public bool TryReadShortField(scoped Span<byte> scratch, out int length)
    {
        length = ReadUInt16();
        if (_reader.Remaining < length)
        {
            MqttThrow.Malformed("The packet ends inside a UTF-8 Encoded String.");
        }
        var fits = length <= scratch.Length;
        if (fits)
        {
            _reader.TryCopyTo(scratch[..length]);
        }
        _reader.Advance(length);
        return fits;
    }

    private string ReadStringCore(bool isTopicName)
    {
        int length = ReadUInt16();
        if (_reader.Remaining < length)
        {
            MqttThrow.Malformed("The packet ends inside a UTF-8 Encoded String.");
        }
        if (length == 0)
        {
            return string.Empty;
        }
        var span = _reader.UnreadSpan;
        if (span.Length >= length)
        {
            return Decode(span[..length], isTopicName, ref _reader);
        }
        // The string straddles segments: copy it once into a scratch buffer.
        byte[]? rented = null;
        Span<byte> scratch = length <= StackCopyLimit
            ? stackalloc byte[StackCopyLimit]
            : (rented = ArrayPool<byte>.Shared.Rent(length));
        try
        {
            scratch = scratch[..length];
            _reader.TryCopyTo(scratch);
            return Decode(scratch, isTopicName, ref _reader);
        }
        finally
        {
            if (rented is not null)
            {
                ArrayPool<byte>.Shared.Return(rented);
            }
        }
    }

    private static string Decode(scoped ReadOnlySpan<byte> utf8, bool isTopicName, ref SequenceReader<byte> reader)
    {
        MqttUtf8.Validate(utf8);
        if (isTopicName && utf8.IndexOfAny((byte)'+', (byte)'#') >= 0)
        {
            MqttThrow.Error(MqttReasonCode.TopicNameInvalid, "A Topic Name contains a wildcard character [MQTT-3.3.2-2].");
        }
        var value = Encoding.UTF8.GetString(utf8);
        reader.Advance(utf8.Length);
        return value;
    }
}
