using System.Buffers;
using System.Buffers.Binary;
using System.Text;

namespace Gateway.Amqp.Types;

/// <summary>
/// Encodes AMQP 1.0 values (Part 1) into an <see cref="IBufferWriter{T}"/>, always choosing the smallest encoding of a
/// value: uint0/smalluint/uint, list0/list8/list32, vbin8/vbin32 and so on. Compound sizes are computed by a measuring
/// pass of the same code (a writer without output that only counts), so nothing is buffered or back-patched.
/// </summary>
public ref partial struct AmqpWriter
{
    private readonly IBufferWriter<byte>? _output;
    private long _written;
    private long _lastNullEnd;

    public AmqpWriter(IBufferWriter<byte> output)
    {
        ArgumentNullException.ThrowIfNull(output);
        _output = output;
    }

    /// <summary>Bytes written (or, when measuring, counted) so far.</summary>
    public readonly long BytesWritten => _written;

    /// <summary>True for a writer that only counts the bytes it would write.</summary>
    public readonly bool IsMeasuring => _output is null;

    /// <summary>A writer that writes nothing and counts the bytes in <see cref="BytesWritten"/>.</summary>
    public static AmqpWriter CreateMeasuring() => default;

    /// <summary>True when the value written since <paramref name="start"/> is exactly one null.</summary>
    internal readonly bool WroteOnlyNullSince(long start) => _written == start + 1 && _lastNullEnd == start + 1;

    public void WriteNull()
    {
        WriteFormatCode(FormatCode.Null);
        _lastNullEnd = _written;
    }

    public void WriteBoolean(bool value) => WriteFormatCode(value ? FormatCode.BooleanTrue : FormatCode.BooleanFalse);

    public void WriteBoolean(bool? value)
    {
        if (value is { } v)
        {
            WriteBoolean(v);
        }
        else
        {
            WriteNull();
        }
    }

    public void WriteUByte(byte value)
    {
        if (TryBegin(2, out var span))
        {
            span[0] = FormatCode.UByte;
            span[1] = value;
            Commit(2);
        }
    }

    public void WriteUByte(byte? value)
    {
        if (value is { } v)
        {
            WriteUByte(v);
        }
        else
        {
            WriteNull();
        }
    }

    public void WriteUShort(ushort value)
    {
        if (TryBegin(3, out var span))
        {
            span[0] = FormatCode.UShort;
            BinaryPrimitives.WriteUInt16BigEndian(span[1..], value);
            Commit(3);
        }
    }

    public void WriteUShort(ushort? value)
    {
        if (value is { } v)
        {
            WriteUShort(v);
        }
        else
        {
            WriteNull();
        }
    }

    /// <summary>uint as uint0 (0x43), smalluint (0x52) or uint (0x70), whichever is smallest.</summary>
    public void WriteUInt(uint value)
    {
        if (value == 0)
        {
            WriteFormatCode(FormatCode.UInt0);
        }
        else if (value <= byte.MaxValue)
        {
            WriteCodeAndByte(FormatCode.SmallUInt, (byte)value);
        }
        else if (TryBegin(5, out var span))
        {
            span[0] = FormatCode.UInt;
            BinaryPrimitives.WriteUInt32BigEndian(span[1..], value);
            Commit(5);
        }
    }

    public void WriteUInt(uint? value)
    {
        if (value is { } v)
        {
            WriteUInt(v);
        }
        else
        {
            WriteNull();
        }
    }

    /// <summary>ulong as ulong0 (0x44), smallulong (0x53) or ulong (0x80).</summary>
    public void WriteULong(ulong value)
    {
        if (value == 0)
        {
            WriteFormatCode(FormatCode.ULong0);
        }
        else if (value <= byte.MaxValue)
        {
            WriteCodeAndByte(FormatCode.SmallULong, (byte)value);
        }
        else if (TryBegin(9, out var span))
        {
            span[0] = FormatCode.ULong;
            BinaryPrimitives.WriteUInt64BigEndian(span[1..], value);
            Commit(9);
        }
    }

    public void WriteULong(ulong? value)
    {
        if (value is { } v)
        {
            WriteULong(v);
        }
        else
        {
            WriteNull();
        }
    }

    /// <summary>AMQP <c>byte</c> (0x51), signed.</summary>
    public void WriteByte(sbyte value) => WriteCodeAndByte(FormatCode.Byte, unchecked((byte)value));

    public void WriteShort(short value)
    {
        if (TryBegin(3, out var span))
        {
            span[0] = FormatCode.Short;
            BinaryPrimitives.WriteInt16BigEndian(span[1..], value);
            Commit(3);
        }
    }

    /// <summary>int as smallint (0x54) when it fits a signed octet, else int (0x71).</summary>
    public void WriteInt(int value)
    {
        if (value is >= sbyte.MinValue and <= sbyte.MaxValue)
        {
            WriteCodeAndByte(FormatCode.SmallInt, unchecked((byte)(sbyte)value));
        }
        else if (TryBegin(5, out var span))
        {
            span[0] = FormatCode.Int;
            BinaryPrimitives.WriteInt32BigEndian(span[1..], value);
            Commit(5);
        }
    }

    /// <summary>long as smalllong (0x55) when it fits a signed octet, else long (0x81).</summary>
    public void WriteLong(long value)
    {
        if (value is >= sbyte.MinValue and <= sbyte.MaxValue)
        {
            WriteCodeAndByte(FormatCode.SmallLong, unchecked((byte)(sbyte)value));
        }
        else if (TryBegin(9, out var span))
        {
            span[0] = FormatCode.Long;
            BinaryPrimitives.WriteInt64BigEndian(span[1..], value);
            Commit(9);
        }
    }

    public void WriteFloat(float value) => WriteCodeAndUInt32(FormatCode.Float, BitConverter.SingleToUInt32Bits(value));

    public void WriteDouble(double value) => WriteCodeAndUInt64(FormatCode.Double, BitConverter.DoubleToUInt64Bits(value));

    public void WriteDecimal32(AmqpDecimal32 value) => WriteCodeAndUInt32(FormatCode.Decimal32, value.Bits);

    public void WriteDecimal64(AmqpDecimal64 value) => WriteCodeAndUInt64(FormatCode.Decimal64, value.Bits);

    public void WriteDecimal128(AmqpDecimal128 value)
    {
        if (TryBegin(17, out var span))
        {
            span[0] = FormatCode.Decimal128;
            BinaryPrimitives.WriteUInt64BigEndian(span[1..], value.High);
            BinaryPrimitives.WriteUInt64BigEndian(span[9..], value.Low);
            Commit(17);
        }
    }

    /// <summary>char (0x73): the code point as UTF-32BE.</summary>
    public void WriteChar(Rune value) => WriteCodeAndUInt32(FormatCode.Char, (uint)value.Value);

    public void WriteTimestamp(AmqpTimestamp value) => WriteCodeAndUInt64(FormatCode.Timestamp, unchecked((ulong)value.Milliseconds));

    public void WriteTimestamp(AmqpTimestamp? value)
    {
        if (value is { } v)
        {
            WriteTimestamp(v);
        }
        else
        {
            WriteNull();
        }
    }

    /// <summary>uuid (0x98): RFC 4122 byte order.</summary>
    public void WriteUuid(Guid value)
    {
        if (TryBegin(17, out var span))
        {
            span[0] = FormatCode.Uuid;
            value.TryWriteBytes(span.Slice(1, 16), bigEndian: true, out _);
            Commit(17);
        }
    }

    /// <summary>binary as vbin8 (0xa0) up to 255 octets, else vbin32 (0xb0).</summary>
    public void WriteBinary(ReadOnlySpan<byte> value)
    {
        WriteVariableHeader(FormatCode.Binary8, FormatCode.Binary32, value.Length);
        WriteRaw(value);
    }

    /// <summary>binary, or null when <paramref name="value"/> has no value.</summary>
    public void WriteBinary(ReadOnlyMemory<byte>? value)
    {
        if (value is { } v)
        {
            WriteBinary(v.Span);
        }
        else
        {
            WriteNull();
        }
    }

    public void WriteBinary(in ReadOnlySequence<byte> value)
    {
        WriteVariableHeader(FormatCode.Binary8, FormatCode.Binary32, checked((int)value.Length));
        WriteRaw(value);
    }

    /// <summary>
    /// string as str8-utf8 (0xa1) up to 255 octets, else str32-utf8 (0xb1); null writes null.
    /// </summary>
    /// <exception cref="ArgumentException"><paramref name="value"/> holds a lone surrogate: it has no UTF-8 form.</exception>
    public void WriteString(string? value)
    {
        if (value is null)
        {
            WriteNull();
            return;
        }
        var length = Utf8Length(value);
        WriteVariableHeader(FormatCode.String8, FormatCode.String32, length);
        if (_output is null)
        {
            _written += length;
        }
        else if (length > 0)
        {
            _written += StrictUtf8.GetBytes(value.AsSpan(), _output);
        }
    }

    /// <summary>symbol as sym8 (0xa3) up to 255 characters, else sym32 (0xb3).</summary>
    public void WriteSymbol(AmqpSymbol value)
    {
        var text = value.Value;
        WriteVariableHeader(FormatCode.Symbol8, FormatCode.Symbol32, text.Length);
        WriteAscii(text);
    }

    public void WriteSymbol(AmqpSymbol? value)
    {
        if (value is { } v)
        {
            WriteSymbol(v);
        }
        else
        {
            WriteNull();
        }
    }

    /// <summary>Bytes copied as they are: an already-encoded value or section.</summary>
    public void WriteRaw(ReadOnlySpan<byte> bytes)
    {
        _written += bytes.Length;
        if (_output is null)
        {
            return;
        }
        while (!bytes.IsEmpty)
        {
            var span = _output.GetSpan(Math.Min(bytes.Length, 65536));
            var count = Math.Min(span.Length, bytes.Length);
            bytes[..count].CopyTo(span);
            _output.Advance(count);
            bytes = bytes[count..];
        }
    }

    public void WriteRaw(in ReadOnlySequence<byte> bytes)
    {
        foreach (var segment in bytes)
        {
            WriteRaw(segment.Span);
        }
    }

    private static readonly UTF8Encoding StrictUtf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    internal static int Utf8Length(string value) => StrictUtf8.GetByteCount(value);

    internal void WriteFormatCode(byte code)
    {
        if (TryBegin(1, out var span))
        {
            span[0] = code;
            Commit(1);
        }
    }

    private void WriteCodeAndByte(byte code, byte value)
    {
        if (TryBegin(2, out var span))
        {
            span[0] = code;
            span[1] = value;
            Commit(2);
        }
    }

    private void WriteCodeAndUInt32(byte code, uint value)
    {
        if (TryBegin(5, out var span))
        {
            span[0] = code;
            BinaryPrimitives.WriteUInt32BigEndian(span[1..], value);
            Commit(5);
        }
    }

    private void WriteCodeAndUInt64(byte code, ulong value)
    {
        if (TryBegin(9, out var span))
        {
            span[0] = code;
            BinaryPrimitives.WriteUInt64BigEndian(span[1..], value);
            Commit(9);
        }
    }

    /// <summary>The constructor and size of a variable-width value: the 1-octet size when it fits, else 4 octets.</summary>
    /// <summary>
    /// A string or binary already encoded as UTF-8 / octets, in the width <paramref name="code"/> names (str8 / str32 /
    /// vbin8 / vbin32): to re-encode a value exactly as a peer sent it.
    /// </summary>
    /// <exception cref="ArgumentException"><paramref name="code"/> is not one of those, or a one-byte width is too small.</exception>
    public void WriteVariableWidth(byte code, ReadOnlySpan<byte> bytes)
    {
        switch (code)
        {
            case FormatCode.String8 or FormatCode.Binary8 when bytes.Length <= byte.MaxValue:
                WriteCodeAndByte(code, (byte)bytes.Length);
                break;
            case FormatCode.String32 or FormatCode.Binary32:
                WriteCodeAndUInt32(code, (uint)bytes.Length);
                break;
            default:
                throw new ArgumentException($"Format code 0x{code:x2} cannot carry {bytes.Length} bytes of string or binary.", nameof(code));
        }
        WriteRaw(bytes);
    }

    private void WriteVariableHeader(byte code8, byte code32, int length)
    {
        if (length <= byte.MaxValue)
        {
            WriteCodeAndByte(code8, (byte)length);
        }
        else
        {
            WriteCodeAndUInt32(code32, (uint)length);
        }
    }

    /// <summary>A variable-width body without constructor (an array element): the size in the given width, then data.</summary>
    private void WriteSize(bool wide, int length)
    {
        if (!wide)
        {
            WriteRawByte((byte)length);
        }
        else if (TryBegin(4, out var span))
        {
            BinaryPrimitives.WriteUInt32BigEndian(span, (uint)length);
            Commit(4);
        }
    }

    private void WriteRawByte(byte value)
    {
        if (TryBegin(1, out var span))
        {
            span[0] = value;
            Commit(1);
        }
    }

    private void WriteAscii(string text)
    {
        _written += text.Length;
        if (_output is null || text.Length == 0)
        {
            return;
        }
        var remaining = text.AsSpan();
        while (!remaining.IsEmpty)
        {
            var span = _output.GetSpan(Math.Min(remaining.Length, 65536));
            var count = Math.Min(span.Length, remaining.Length);
            for (var i = 0; i < count; i++)
            {
                span[i] = (byte)remaining[i];
            }
            _output.Advance(count);
            remaining = remaining[count..];
        }
    }

    /// <summary>
    /// Counts <paramref name="length"/> bytes and, unless measuring, hands out a span of at least that length to fill
    /// and <see cref="Commit"/>.
    /// </summary>
    private bool TryBegin(int length, out Span<byte> span)
    {
        _written += length;
        if (_output is null)
        {
            span = default;
            return false;
        }
        span = _output.GetSpan(length);
        return true;
    }

    private readonly void Commit(int length) => _output!.Advance(length);
}
