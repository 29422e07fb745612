using System.Buffers;

namespace Gateway.Amqp.Types;

/// <summary>Any value, by its constructor: decoded into <see cref="AmqpValue"/>, skipped, or sliced raw.</summary>
public ref partial struct AmqpReader
{
    /// <summary>Decodes the next value, whatever its type.</summary>
    public AmqpValue ReadValue()
    {
        var code = ReadRawByte();
        if (code != FormatCode.Described)
        {
            return ReadValueBody(code);
        }
        EnterNested();
        var descriptor = ReadDescriptorValue();
        var value = ReadValue();
        ExitNested();
        return AmqpValue.FromDescribed(new AmqpDescribed(descriptor, value));
    }

    /// <summary>
    /// Steps over the next value without decoding it: constructors and size fields are checked, contents are not
    /// (a compound value is skipped by its size). For passing values through unchanged.
    /// </summary>
    public void SkipValue()
    {
        var code = ReadRawByte();
        var described = 0;
        while (code == FormatCode.Described)
        {
            if (++described > MaxDepth)
            {
                AmqpThrow.Decode(AmqpThrow.Format("Descriptors are nested more than {0} deep at offset {1}.", MaxDepth, Consumed));
            }
            ReadDescriptorValue();
            code = ReadRawByte();
        }
        SkipBody(code);
    }

    /// <summary>The next value's complete encoding (constructor included) as a slice of the input, byte-exact.</summary>
    public ReadOnlySequence<byte> ReadRawValue()
    {
        var start = Consumed;
        var position = _single ? default : _reader.Position;
        SkipValue();
        return _single ? _sequence.Slice(start, Consumed - start) : _sequence.Slice(position, Consumed - start);
    }

    private AmqpValue ReadValueBody(byte code)
    {
        switch (code)
        {
            case FormatCode.Null:
                return AmqpValue.Null;
            case FormatCode.BooleanTrue:
                return AmqpValue.FromBoolean(true);
            case FormatCode.BooleanFalse:
                return AmqpValue.FromBoolean(false);
            case FormatCode.Boolean:
                return AmqpValue.FromBoolean(ReadBooleanOctet());
            case FormatCode.UByte:
                return AmqpValue.FromUByte(ReadRawByte());
            case FormatCode.UShort:
                return AmqpValue.FromUShort(ReadRawUInt16());
            case FormatCode.UInt:
                return AmqpValue.FromUInt(ReadRawUInt32());
            case FormatCode.SmallUInt:
                return AmqpValue.FromUInt(ReadRawByte());
            case FormatCode.UInt0:
                return AmqpValue.FromUInt(0);
            case FormatCode.ULong:
                return AmqpValue.FromULong(ReadRawUInt64());
            case FormatCode.SmallULong:
                return AmqpValue.FromULong(ReadRawByte());
            case FormatCode.ULong0:
                return AmqpValue.FromULong(0);
            case FormatCode.Byte:
                return AmqpValue.FromByte(unchecked((sbyte)ReadRawByte()));
            case FormatCode.Short:
                return AmqpValue.FromShort(unchecked((short)ReadRawUInt16()));
            case FormatCode.Int:
                return AmqpValue.FromInt(unchecked((int)ReadRawUInt32()));
            case FormatCode.SmallInt:
                return AmqpValue.FromInt(unchecked((sbyte)ReadRawByte()));
            case FormatCode.Long:
                return AmqpValue.FromLong(unchecked((long)ReadRawUInt64()));
            case FormatCode.SmallLong:
                return AmqpValue.FromLong(unchecked((sbyte)ReadRawByte()));
            case FormatCode.Float:
                return AmqpValue.FromFloatBits(ReadRawUInt32());
            case FormatCode.Double:
                return AmqpValue.FromDoubleBits(ReadRawUInt64());
            case FormatCode.Decimal32:
                return AmqpValue.FromDecimal32(new(ReadRawUInt32()));
            case FormatCode.Decimal64:
                return AmqpValue.FromDecimal64(new(ReadRawUInt64()));
            case FormatCode.Decimal128:
                var high = ReadRawUInt64();
                return AmqpValue.FromDecimal128(new(high, ReadRawUInt64()));
            case FormatCode.Char:
                return AmqpValue.FromCodePoint(ReadCodePoint());
            case FormatCode.Timestamp:
                return AmqpValue.FromTimestamp(new(unchecked((long)ReadRawUInt64())));
            case FormatCode.Uuid:
                var uuidHigh = ReadRawUInt64();
                return AmqpValue.FromUuidBits(uuidHigh, ReadRawUInt64());
            case FormatCode.Binary8:
                return AmqpValue.FromOwnedBinary(ReadSlice(ReadRawByte()).ToArray());
            case FormatCode.Binary32:
                return AmqpValue.FromOwnedBinary(ReadSlice(ReadSize32()).ToArray());
            case FormatCode.String8:
                return AmqpValue.FromString(ReadUtf8(ReadRawByte()));
            case FormatCode.String32:
                return AmqpValue.FromString(ReadUtf8(ReadSize32()));
            case FormatCode.Symbol8:
                return AmqpValue.FromSymbol(ReadSymbolBody(ReadRawByte()));
            case FormatCode.Symbol32:
                return AmqpValue.FromSymbol(ReadSymbolBody(ReadSize32()));
            case FormatCode.List0:
            case FormatCode.List8:
            case FormatCode.List32:
                return AmqpValue.FromList(ReadListBody(code));
            case FormatCode.Map8:
            case FormatCode.Map32:
                return AmqpValue.FromMap(ReadMapBody(code));
            case FormatCode.Array8:
            case FormatCode.Array32:
                return AmqpValue.FromArray(ReadArrayBody(code));
            default:
                return AmqpThrow.UnknownFormatCode<AmqpValue>(code, Consumed - 1);
        }
    }

    private void SkipBody(byte code)
    {
        switch (code)
        {
            case FormatCode.Null:
            case FormatCode.BooleanTrue:
            case FormatCode.BooleanFalse:
            case FormatCode.UInt0:
            case FormatCode.ULong0:
            case FormatCode.List0:
                return;
            case FormatCode.Boolean:
                ReadBooleanOctet();
                return;
            case FormatCode.Char:
                ReadCodePoint();
                return;
            case FormatCode.UByte:
            case FormatCode.Byte:
            case FormatCode.SmallUInt:
            case FormatCode.SmallULong:
            case FormatCode.SmallInt:
            case FormatCode.SmallLong:
                Skip(1);
                return;
            case FormatCode.UShort:
            case FormatCode.Short:
                Skip(2);
                return;
            case FormatCode.UInt:
            case FormatCode.Int:
            case FormatCode.Float:
            case FormatCode.Decimal32:
                Skip(4);
                return;
            case FormatCode.ULong:
            case FormatCode.Long:
            case FormatCode.Double:
            case FormatCode.Decimal64:
            case FormatCode.Timestamp:
                Skip(8);
                return;
            case FormatCode.Decimal128:
            case FormatCode.Uuid:
                Skip(16);
                return;
            case FormatCode.Binary8:
            case FormatCode.String8:
            case FormatCode.Symbol8:
                Skip(ReadRawByte());
                return;
            case FormatCode.Binary32:
            case FormatCode.String32:
            case FormatCode.Symbol32:
                Skip(ReadSize32());
                return;
            case FormatCode.List8:
            case FormatCode.Map8:
            case FormatCode.List32:
            case FormatCode.Map32:
                var count = ReadCompoundHeader(code, out var length);
                if (code is FormatCode.Map8 or FormatCode.Map32 && (count & 1) != 0)
                {
                    AmqpThrow.Decode(AmqpThrow.Format("A map holds an odd number of items ({0}) at offset {1}.", count, Consumed));
                }
                Skip(length);
                return;
            case FormatCode.Array8:
            case FormatCode.Array32:
                ReadArrayPrefix(code, out var end);
                Skip(end - Consumed);
                return;
            default:
                AmqpThrow.UnknownFormatCode<bool>(code, Consumed - 1);
                return;
        }
    }
}
