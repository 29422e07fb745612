using System.Buffers;
using System.Buffers.Binary;

namespace Gateway.Amqp.Types;

/// <summary>
/// Decodes AMQP 1.0 encoded values (Part 1 §1.2-§1.6) from bytes that are all present: a frame body, a message, a
/// section. Running out of bytes inside a value is malformed, not "need more": framing has already delimited the
/// input. Every read either returns a value or throws <see cref="AmqpDecodeException"/>; nothing else escapes for any
/// input, and sizes and counts are checked against the bytes present before anything is allocated.
/// </summary>
/// <remarks>
/// A single-segment input is read from a span by index; otherwise a <see cref="SequenceReader{T}"/> reads from the
/// current segment and copies only a field that straddles two. Slices returned by <see cref="ReadBinary"/>,
/// <see cref="ReadRawValue"/> and friends point into the input and live only as long as it does.
/// </remarks>
public ref partial struct AmqpReader
{
    /// <summary>Nesting limit for compound and described values: deep enough for any real message, shallow enough for the stack.</summary>
    public const int MaxDepth = 32;

    private readonly ReadOnlySequence<byte> _sequence;
    private readonly ReadOnlySpan<byte> _span;
    private readonly bool _single;
    private int _index;
    private SequenceReader<byte> _reader;
    private int _depth;

    public AmqpReader(ReadOnlySequence<byte> input)
    {
        _sequence = input;
        _single = input.IsSingleSegment;
        if (_single)
        {
            _span = input.FirstSpan;
        }
        else
        {
            _reader = new SequenceReader<byte>(input);
        }
    }

    public AmqpReader(ReadOnlyMemory<byte> input)
        : this(new ReadOnlySequence<byte>(input))
    {
    }

    /// <summary>Bytes read so far.</summary>
    public readonly long Consumed => _single ? _index : _reader.Consumed;

    /// <summary>Bytes not yet read.</summary>
    public readonly long Remaining => _single ? _span.Length - _index : _reader.Remaining;

    public readonly bool End => Remaining == 0;

    /// <summary>The whole input, for slicing by <see cref="Consumed"/>.</summary>
    public readonly ReadOnlySequence<byte> Sequence => _sequence;

    /// <summary>The next format code, not consumed.</summary>
    public readonly byte PeekFormatCode()
    {
        if (_single)
        {
            if (_index >= _span.Length)
            {
                AmqpThrow.Truncated(_index);
            }
            return _span[_index];
        }
        if (!_reader.TryPeek(out var code))
        {
            AmqpThrow.Truncated(_reader.Consumed);
        }
        return code;
    }

    /// <summary>Consumes a null (0x40) and returns true, or returns false and consumes nothing.</summary>
    public bool TryReadNull()
    {
        if (PeekFormatCode() != FormatCode.Null)
        {
            return false;
        }
        Skip(1);
        return true;
    }

    /// <summary>The next <paramref name="length"/> bytes as a slice of the input.</summary>
    public ReadOnlySequence<byte> ReadSlice(long length)
    {
        EnsureRemaining(length);
        ReadOnlySequence<byte> slice;
        if (_single)
        {
            slice = _sequence.Slice(_index, length);
            _index += (int)length;
        }
        else
        {
            slice = _reader.Sequence.Slice(_reader.Position, length);
            _reader.Advance(length);
        }
        return slice;
    }

    /// <summary>Skips <paramref name="length"/> raw bytes.</summary>
    public void Skip(long length)
    {
        EnsureRemaining(length);
        if (_single)
        {
            _index += (int)length;
        }
        else
        {
            _reader.Advance(length);
        }
    }

    private readonly void EnsureRemaining(long length)
    {
        if ((ulong)length > (ulong)Remaining)
        {
            AmqpThrow.Truncated(Consumed);
        }
    }

    private byte ReadRawByte()
    {
        if (_single)
        {
            if (_index >= _span.Length)
            {
                AmqpThrow.Truncated(_index);
            }
            return _span[_index++];
        }
        if (!_reader.TryRead(out var value))
        {
            AmqpThrow.Truncated(_reader.Consumed);
        }
        return value;
    }

    private ushort ReadRawUInt16()
    {
        if (_single)
        {
            if (_span.Length - _index < 2)
            {
                AmqpThrow.Truncated(_index);
            }
            var value = BinaryPrimitives.ReadUInt16BigEndian(_span[_index..]);
            _index += 2;
            return value;
        }
        if (!_reader.TryReadBigEndian(out short multi))
        {
            AmqpThrow.Truncated(_reader.Consumed);
        }
        return unchecked((ushort)multi);
    }

    private uint ReadRawUInt32()
    {
        if (_single)
        {
            if (_span.Length - _index < 4)
            {
                AmqpThrow.Truncated(_index);
            }
            var value = BinaryPrimitives.ReadUInt32BigEndian(_span[_index..]);
            _index += 4;
            return value;
        }
        if (!_reader.TryReadBigEndian(out int multi))
        {
            AmqpThrow.Truncated(_reader.Consumed);
        }
        return unchecked((uint)multi);
    }

    private ulong ReadRawUInt64()
    {
        if (_single)
        {
            if (_span.Length - _index < 8)
            {
                AmqpThrow.Truncated(_index);
            }
            var value = BinaryPrimitives.ReadUInt64BigEndian(_span[_index..]);
            _index += 8;
            return value;
        }
        if (!_reader.TryReadBigEndian(out long multi))
        {
            AmqpThrow.Truncated(_reader.Consumed);
        }
        return unchecked((ulong)multi);
    }

    private void ReadRawBytes(scoped Span<byte> destination)
    {
        if (_single)
        {
            if (_span.Length - _index < destination.Length)
            {
                AmqpThrow.Truncated(_index);
            }
            _span.Slice(_index, destination.Length).CopyTo(destination);
            _index += destination.Length;
            return;
        }
        if (!_reader.TryCopyTo(destination))
        {
            AmqpThrow.Truncated(_reader.Consumed);
        }
        _reader.Advance(destination.Length);
    }

    /// <summary>A 32-bit size or length field: it must fit what is left of the input (and an <see cref="int"/>).</summary>
    private int ReadSize32()
    {
        var size = ReadRawUInt32();
        if (size > (ulong)Remaining)
        {
            AmqpThrow.Truncated(Consumed);
        }
        return (int)size;
    }

    private void EnterNested()
    {
        if (++_depth > MaxDepth)
        {
            AmqpThrow.Decode(AmqpThrow.Format("Values are nested more than {0} deep at offset {1}.", MaxDepth, Consumed));
        }
    }

    private void ExitNested() => _depth--;

    private readonly void ExpectPosition(long end, string what)
    {
        if (Consumed != end)
        {
            AmqpThrow.Decode(AmqpThrow.Format("The size of a {0} does not match its elements (ends at offset {1}, expected {2}).", what, Consumed, end));
        }
    }
}
