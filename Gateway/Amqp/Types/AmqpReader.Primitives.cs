using System.Buffers;
using System.Text;
using System.Text.Unicode;

namespace Gateway.Amqp.Types;

/// <summary>Typed reads of the primitive types: each accepts every encoding of its type and no other (Part 1 §1.6).</summary>
public ref partial struct AmqpReader
{
    private const int StackCopyLimit = 256;

    private static readonly UTF8Encoding StrictUtf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    /// <summary>boolean: 0x56 followed by 0x00 or 0x01, or 0x41 (true) / 0x42 (false).</summary>
    public bool ReadBoolean()
    {
        var code = ReadRawByte();
        return code switch
        {
            FormatCode.BooleanTrue => true,
            FormatCode.BooleanFalse => false,
            FormatCode.Boolean => ReadBooleanOctet(),
            _ => Unexpected<bool>(code, "a boolean"),
        };
    }

    /// <summary>ubyte (0x50).</summary>
    public byte ReadUByte()
    {
        var code = ReadRawByte();
        return code == FormatCode.UByte ? ReadRawByte() : Unexpected<byte>(code, "a ubyte");
    }

    /// <summary>ushort (0x60).</summary>
    public ushort ReadUShort()
    {
        var code = ReadRawByte();
        return code == FormatCode.UShort ? ReadRawUInt16() : Unexpected<ushort>(code, "a ushort");
    }

    /// <summary>uint: 0x70, smalluint 0x52 or uint0 0x43.</summary>
    public uint ReadUInt()
    {
        var code = ReadRawByte();
        return code switch
        {
            FormatCode.UInt => ReadRawUInt32(),
            FormatCode.SmallUInt => ReadRawByte(),
            FormatCode.UInt0 => 0,
            _ => Unexpected<uint>(code, "a uint"),
        };
    }

    /// <summary>ulong: 0x80, smallulong 0x53 or ulong0 0x44.</summary>
    public ulong ReadULong()
    {
        var code = ReadRawByte();
        return code switch
        {
            FormatCode.ULong => ReadRawUInt64(),
            FormatCode.SmallULong => ReadRawByte(),
            FormatCode.ULong0 => 0,
            _ => Unexpected<ulong>(code, "a ulong"),
        };
    }

    /// <summary>AMQP <c>byte</c> (0x51), a signed 8-bit integer.</summary>
    public sbyte ReadByte()
    {
        var code = ReadRawByte();
        return code == FormatCode.Byte ? unchecked((sbyte)ReadRawByte()) : Unexpected<sbyte>(code, "a byte");
    }

    /// <summary>short (0x61).</summary>
    public short ReadShort()
    {
        var code = ReadRawByte();
        return code == FormatCode.Short ? unchecked((short)ReadRawUInt16()) : Unexpected<short>(code, "a short");
    }

    /// <summary>int: 0x71 or smallint 0x54.</summary>
    public int ReadInt()
    {
        var code = ReadRawByte();
        return code switch
        {
            FormatCode.Int => unchecked((int)ReadRawUInt32()),
            FormatCode.SmallInt => unchecked((sbyte)ReadRawByte()),
            _ => Unexpected<int>(code, "an int"),
        };
    }

    /// <summary>long: 0x81 or smalllong 0x55.</summary>
    public long ReadLong()
    {
        var code = ReadRawByte();
        return code switch
        {
            FormatCode.Long => unchecked((long)ReadRawUInt64()),
            FormatCode.SmallLong => unchecked((sbyte)ReadRawByte()),
            _ => Unexpected<long>(code, "a long"),
        };
    }

    /// <summary>float (0x72), IEEE 754 binary32.</summary>
    public float ReadFloat()
    {
        var code = ReadRawByte();
        return code == FormatCode.Float ? BitConverter.UInt32BitsToSingle(ReadRawUInt32()) : Unexpected<float>(code, "a float");
    }

    /// <summary>double (0x82), IEEE 754 binary64.</summary>
    public double ReadDouble()
    {
        var code = ReadRawByte();
        return code == FormatCode.Double ? BitConverter.UInt64BitsToDouble(ReadRawUInt64()) : Unexpected<double>(code, "a double");
    }

    public AmqpDecimal32 ReadDecimal32()
    {
        var code = ReadRawByte();
        return code == FormatCode.Decimal32 ? new(ReadRawUInt32()) : Unexpected<AmqpDecimal32>(code, "a decimal32");
    }

    public AmqpDecimal64 ReadDecimal64()
    {
        var code = ReadRawByte();
        return code == FormatCode.Decimal64 ? new(ReadRawUInt64()) : Unexpected<AmqpDecimal64>(code, "a decimal64");
    }

    public AmqpDecimal128 ReadDecimal128()
    {
        var code = ReadRawByte();
        if (code != FormatCode.Decimal128)
        {
            return Unexpected<AmqpDecimal128>(code, "a decimal128");
        }
        var high = ReadRawUInt64();
        return new(high, ReadRawUInt64());
    }

    /// <summary>char (0x73): one UTF-32BE code point, which must be a Unicode scalar value.</summary>
    public Rune ReadChar()
    {
        var code = ReadRawByte();
        return code == FormatCode.Char ? new Rune((int)ReadCodePoint()) : Unexpected<Rune>(code, "a char");
    }

    /// <summary>timestamp (0x83): milliseconds since the Unix epoch.</summary>
    public AmqpTimestamp ReadTimestamp()
    {
        var code = ReadRawByte();
        return code == FormatCode.Timestamp ? new(unchecked((long)ReadRawUInt64())) : Unexpected<AmqpTimestamp>(code, "a timestamp");
    }

    /// <summary>uuid (0x98): 16 octets in RFC 4122 (network) order.</summary>
    public Guid ReadUuid()
    {
        var code = ReadRawByte();
        if (code != FormatCode.Uuid)
        {
            return Unexpected<Guid>(code, "a uuid");
        }
        Span<byte> bytes = stackalloc byte[16];
        ReadRawBytes(bytes);
        return new Guid(bytes, bigEndian: true);
    }

    /// <summary>binary (vbin8 0xa0, vbin32 0xb0) as a slice of the input: no copy.</summary>
    public ReadOnlySequence<byte> ReadBinary()
    {
        var code = ReadRawByte();
        var length = code switch
        {
            FormatCode.Binary8 => ReadRawByte(),
            FormatCode.Binary32 => ReadSize32(),
            _ => Unexpected<int>(code, "binary"),
        };
        return ReadSlice(length);
    }

    /// <summary>binary copied into a new array the caller owns.</summary>
    public byte[] ReadBinaryArray() => ReadBinary().ToArray();

    /// <summary>
    /// binary as memory: a slice of the input when the bytes are contiguous (no copy, valid while the input is),
    /// otherwise a copy.
    /// </summary>
    public ReadOnlyMemory<byte> ReadBinaryMemory()
    {
        var slice = ReadBinary();
        return slice.IsSingleSegment ? slice.First : slice.ToArray();
    }

    /// <summary>string (str8-utf8 0xa1, str32-utf8 0xb1), which must be well-formed UTF-8.</summary>
    public string ReadString()
    {
        var code = ReadRawByte();
        var length = code switch
        {
            FormatCode.String8 => ReadRawByte(),
            FormatCode.String32 => ReadSize32(),
            _ => Unexpected<int>(code, "a string"),
        };
        return ReadUtf8(length);
    }

    /// <summary>symbol (sym8 0xa3, sym32 0xb3), seven-bit ASCII, interned.</summary>
    public AmqpSymbol ReadSymbol()
    {
        var code = ReadRawByte();
        var length = code switch
        {
            FormatCode.Symbol8 => ReadRawByte(),
            FormatCode.Symbol32 => ReadSize32(),
            _ => Unexpected<int>(code, "a symbol"),
        };
        return ReadSymbolBody(length);
    }

    private bool ReadBooleanOctet()
    {
        var octet = ReadRawByte();
        if (octet > 1)
        {
            // Part 1 §1.6.2: "the octet 0x00 being false and octet 0x01 being true".
            AmqpThrow.Decode(AmqpThrow.Format("A boolean octet is 0x00 or 0x01, not 0x{0:x2} (offset {1}).", octet, Consumed - 1));
        }
        return octet == 1;
    }

    private uint ReadCodePoint()
    {
        var value = ReadRawUInt32();
        if (!Rune.IsValid(value))
        {
            AmqpThrow.Decode(AmqpThrow.Format("0x{0:x} is not a Unicode scalar value (char, Part 1 §1.6.16).", value));
        }
        return value;
    }

    private string ReadUtf8(int length)
    {
        if (length == 0)
        {
            return string.Empty;
        }
        EnsureRemaining(length);
        if (_single)
        {
            var text = DecodeUtf8(_span.Slice(_index, length));
            _index += length;
            return text;
        }
        var unread = _reader.UnreadSpan;
        if (unread.Length >= length)
        {
            var text = DecodeUtf8(unread[..length]);
            _reader.Advance(length);
            return text;
        }
        byte[]? rented = null;
        var buffer = length <= StackCopyLimit ? stackalloc byte[length] : (rented = ArrayPool<byte>.Shared.Rent(length)).AsSpan(0, length);
        try
        {
            ReadRawBytes(buffer);
            return DecodeUtf8(buffer);
        }
        finally
        {
            if (rented is not null)
            {
                ArrayPool<byte>.Shared.Return(rented);
            }
        }
    }

    private static string DecodeUtf8(ReadOnlySpan<byte> bytes)
    {
        if (!Utf8.IsValid(bytes))
        {
            AmqpThrow.Decode("A string is not well-formed UTF-8 (Part 1 §1.6.20).");
        }
        return StrictUtf8.GetString(bytes);
    }

    private AmqpSymbol ReadSymbolBody(int length)
    {
        if (length == 0)
        {
            return default;
        }
        EnsureRemaining(length);
        if (_single)
        {
            var symbol = AmqpSymbolTable.GetString(_span.Slice(_index, length));
            _index += length;
            return new(symbol, trusted: true);
        }
        var unread = _reader.UnreadSpan;
        if (unread.Length >= length)
        {
            var symbol = AmqpSymbolTable.GetString(unread[..length]);
            _reader.Advance(length);
            return new(symbol, trusted: true);
        }
        byte[]? rented = null;
        var buffer = length <= StackCopyLimit ? stackalloc byte[length] : (rented = ArrayPool<byte>.Shared.Rent(length)).AsSpan(0, length);
        try
        {
            ReadRawBytes(buffer);
            return new(AmqpSymbolTable.GetString(buffer), trusted: true);
        }
        finally
        {
            if (rented is not null)
            {
                ArrayPool<byte>.Shared.Return(rented);
            }
        }
    }

    private readonly T Unexpected<T>(byte code, string expected) => AmqpThrow.UnexpectedType<T>(code, expected, Consumed - 1);
}
