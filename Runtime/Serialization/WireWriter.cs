using System.Buffers;
using System.Buffers.Binary;
using System.Text;

namespace Runtime.Serialization;

/// <summary>
/// Writes the runtime's compact binary encoding into an <see cref="IBufferWriter{T}"/>:
/// unsigned LEB128 varints, zig-zag signed varints, length-prefixed UTF-8 strings and byte strings.
/// </summary>
public ref struct WireWriter
{
    private readonly IBufferWriter<byte> _output;

    public WireWriter(IBufferWriter<byte> output) => _output = output;

    public readonly void WriteByte(byte value)
    {
        _output.GetSpan(1)[0] = value;
        _output.Advance(1);
    }

    public readonly void WriteBool(bool value) => WriteByte(value ? (byte)1 : (byte)0);

    public readonly void WriteVarUInt64(ulong value)
    {
        var span = _output.GetSpan(10);
        var i = 0;
        while (value >= 0x80)
        {
            span[i++] = (byte)(value | 0x80);
            value >>= 7;
        }
        span[i++] = (byte)value;
        _output.Advance(i);
    }

    public readonly void WriteVarInt64(long value) => WriteVarUInt64((ulong)((value << 1) ^ (value >> 63)));

    public readonly void WriteVarInt32(int value) => WriteVarInt64(value);

    public readonly void WriteInt64(long value)
    {
        BinaryPrimitives.WriteInt64BigEndian(_output.GetSpan(8), value);
        _output.Advance(8);
    }

    public readonly void WriteDouble(double value) => WriteInt64(BitConverter.DoubleToInt64Bits(value));

    public readonly void WriteString(string? value)
    {
        if (value is null)
        {
            WriteVarUInt64(0);
            return;
        }
        var byteCount = Encoding.UTF8.GetByteCount(value);
        WriteVarUInt64((ulong)byteCount + 1);
        var span = _output.GetSpan(byteCount);
        Encoding.UTF8.GetBytes(value, span);
        _output.Advance(byteCount);
    }

    public readonly void WriteBytes(ReadOnlySpan<byte> value)
    {
        WriteVarUInt64((ulong)value.Length);
        WriteRaw(value);
    }

    public readonly void WriteRaw(ReadOnlySpan<byte> value)
    {
        if (value.IsEmpty)
        {
            return;
        }
        value.CopyTo(_output.GetSpan(value.Length));
        _output.Advance(value.Length);
    }

    /// <summary>Writes a count and the items (a list of one known message type, no type ids).</summary>
    public void WriteList<T>(IReadOnlyList<T> items)
        where T : IWireMessage<T>
    {
        WriteVarUInt64((ulong)items.Count);
        foreach (var item in items)
        {
            item.Write(ref this);
        }
    }

    /// <summary>Writes a message with its type id so the reader can find its codec.</summary>
    public void WriteMessage(IWireMessage message)
    {
        WriteVarUInt64(message.WireTypeId);
        message.Write(ref this);
    }
}
