using System.Buffers;
using System.Diagnostics.CodeAnalysis;
using System.Text;

namespace Runtime.Serialization;

/// <summary>
/// Reads what <see cref="WireWriter"/> wrote. Truncated or malformed input throws
/// <see cref="WireFormatException"/>; the connection that carried it is then closed.
/// </summary>
public ref struct WireReader
{
    private const int MaxStringBytes = 16 * 1024 * 1024;
    private SequenceReader<byte> _reader;

    public WireReader(ReadOnlySequence<byte> input) => _reader = new SequenceReader<byte>(input);

    public readonly long Remaining => _reader.Remaining;

    public byte ReadByte()
    {
        if (!_reader.TryRead(out var b))
        {
            ThrowTruncated();
        }
        return b;
    }

    public bool ReadBool() => ReadByte() != 0;

    public ulong ReadVarUInt64()
    {
        ulong result = 0;
        for (var shift = 0; shift < 70; shift += 7)
        {
            var b = ReadByte();
            result |= (ulong)(b & 0x7F) << shift;
            if ((b & 0x80) == 0)
            {
                return result;
            }
        }
        throw new WireFormatException("A varint is longer than 10 bytes.");
    }

    public long ReadVarInt64()
    {
        var raw = ReadVarUInt64();
        return (long)(raw >> 1) ^ -(long)(raw & 1);
    }

    public int ReadVarInt32()
    {
        var value = ReadVarInt64();
        if (value is < int.MinValue or > int.MaxValue)
        {
            throw new WireFormatException("A 32-bit value is out of range.");
        }
        return (int)value;
    }

    public long ReadInt64()
    {
        if (!_reader.TryReadBigEndian(out long value))
        {
            ThrowTruncated();
        }
        return value;
    }

    public double ReadDouble() => BitConverter.Int64BitsToDouble(ReadInt64());

    public string? ReadNullableString()
    {
        var lengthPlusOne = ReadVarUInt64();
        if (lengthPlusOne == 0)
        {
            return null;
        }
        var length = CheckLength(lengthPlusOne - 1);
        if (_reader.UnreadSpan.Length >= length)
        {
            var s = Encoding.UTF8.GetString(_reader.UnreadSpan[..length]);
            _reader.Advance(length);
            return s;
        }
        var slice = _reader.Sequence.Slice(_reader.Position, length);
        _reader.Advance(length);
        return Encoding.UTF8.GetString(slice);
    }

    public string ReadString() => ReadNullableString() ?? throw new WireFormatException("A required string is null.");

    public byte[] ReadBytes()
    {
        var length = CheckLength(ReadVarUInt64());
        var bytes = new byte[length];
        if (!_reader.TryCopyTo(bytes))
        {
            ThrowTruncated();
        }
        _reader.Advance(length);
        return bytes;
    }

    /// <summary>Reads what <see cref="WireWriter.WriteList{T}"/> wrote; a count above <paramref name="maxCount"/> is malformed.</summary>
    public T[] ReadList<T>(int maxCount = 1_000_000)
        where T : IWireMessage<T>
    {
        var count = ReadVarUInt64();
        if (count > (ulong)maxCount || count > (ulong)Remaining)
        {
            throw new WireFormatException($"A list of {count} items exceeds the limit {maxCount} or the bytes left.");
        }
        var items = new T[count];
        for (var i = 0; i < items.Length; i++)
        {
            items[i] = T.Read(ref this);
        }
        return items;
    }

    /// <summary>Reads a message written by <see cref="WireWriter.WriteMessage"/>.</summary>
    public IWireMessage ReadMessage()
    {
        var typeId = (uint)ReadVarUInt64();
        return WireRegistry.Read(typeId, ref this);
    }

    private readonly int CheckLength(ulong length)
    {
        if (length > MaxStringBytes || (long)length > _reader.Remaining)
        {
            throw new WireFormatException($"A length prefix of {length} exceeds the {_reader.Remaining} bytes left.");
        }
        return (int)length;
    }

    [DoesNotReturn]
    private static void ThrowTruncated() => throw new WireFormatException("The message is truncated.");
}
