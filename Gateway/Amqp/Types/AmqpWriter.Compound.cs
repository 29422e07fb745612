using System.Buffers.Binary;

namespace Gateway.Amqp.Types;

/// <summary>Lists, maps, arrays, described and composite types, and any <see cref="AmqpValue"/>.</summary>
public ref partial struct AmqpWriter
{
    /// <summary>
    /// The constructor, size and count of a list whose <paramref name="count"/> elements occupy
    /// <paramref name="elementsLength"/> octets: list0 when empty, list8 when both fit an octet, else list32.
    /// </summary>
    public void WriteListHeader(int count, int elementsLength)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(count);
        ArgumentOutOfRangeException.ThrowIfNegative(elementsLength);
        if (count == 0 && elementsLength == 0)
        {
            WriteFormatCode(FormatCode.List0);
            return;
        }
        var wide = IsWide(count, elementsLength);
        WriteFormatCode(wide ? FormatCode.List32 : FormatCode.List8);
        WriteCompoundPrefix(wide, count, elementsLength);
    }

    /// <summary>
    /// The constructor, size and count of a map of <paramref name="count"/> items (keys plus values): map8 when both
    /// fit an octet, else map32. There is no map0; an empty map is map8 with size 1, count 0.
    /// </summary>
    public void WriteMapHeader(int count, int elementsLength)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(count);
        ArgumentOutOfRangeException.ThrowIfNegative(elementsLength);
        var wide = IsWide(count, elementsLength);
        WriteFormatCode(wide ? FormatCode.Map32 : FormatCode.Map8);
        WriteCompoundPrefix(wide, count, elementsLength);
    }

    /// <summary>The constructor of a described type: 0x00 and a numeric descriptor (smallulong for the spec's codes).</summary>
    public void WriteDescriptor(ulong code)
    {
        WriteFormatCode(FormatCode.Described);
        WriteULong(code);
    }

    /// <summary>The constructor of a described type with a symbolic descriptor.</summary>
    public void WriteDescriptor(AmqpSymbol name)
    {
        WriteFormatCode(FormatCode.Described);
        WriteSymbol(name);
    }

    public void WriteDescriptor(AmqpDescriptor descriptor)
    {
        if (descriptor.Code is { } code)
        {
            WriteDescriptor(code);
        }
        else
        {
            WriteDescriptor(descriptor.Name ?? throw new ArgumentException("A descriptor is a ulong or a symbol.", nameof(descriptor)));
        }
    }

    public void WriteList(AmqpList? list)
    {
        if (list is null)
        {
            WriteNull();
            return;
        }
        if (list.Count == 0)
        {
            WriteFormatCode(FormatCode.List0);
            return;
        }
        var length = MeasureElements(list);
        var wide = IsWide(list.Count, length);
        WriteFormatCode(wide ? FormatCode.List32 : FormatCode.List8);
        WriteListBody(list, wide, length);
    }

    public void WriteMap(AmqpMap? map)
    {
        if (map is null)
        {
            WriteNull();
            return;
        }
        var length = MeasureElements(map);
        var wide = IsWide(map.Count * 2, length);
        WriteFormatCode(wide ? FormatCode.Map32 : FormatCode.Map8);
        WriteMapBody(map, wide, length);
    }

    /// <summary>An array with the smallest element constructor that fits every element (smalluint when all are below 256, ...).</summary>
    public void WriteArray(AmqpArray? array)
    {
        if (array is null)
        {
            WriteNull();
            return;
        }
        var elementCode = ChooseElementCode(array);
        var length = MeasureArrayElements(array, elementCode);
        var wide = IsWide(array.Count, length);
        WriteFormatCode(wide ? FormatCode.Array32 : FormatCode.Array8);
        WriteArrayBody(array, elementCode, wide, length);
    }

    /// <summary>
    /// A field declared <c>multiple="true"</c> (Part 1 §1.4): null when there are none, otherwise an array of
    /// symbols (the form peers most commonly expect, also for a single value).
    /// </summary>
    public void WriteSymbolMultiple(IReadOnlyList<AmqpSymbol>? symbols)
    {
        if (symbols is null || symbols.Count == 0)
        {
            WriteNull();
            return;
        }
        var wideElements = false;
        var length = 0L;
        for (var i = 0; i < symbols.Count; i++)
        {
            var symbolLength = symbols[i].Length;
            wideElements |= symbolLength > byte.MaxValue;
            length += symbolLength;
        }
        length += (long)symbols.Count * (wideElements ? 4 : 1);
        var elementsLength = checked((int)length + 1);
        var wide = IsWide(symbols.Count, elementsLength);
        WriteFormatCode(wide ? FormatCode.Array32 : FormatCode.Array8);
        WriteCompoundPrefix(wide, symbols.Count, elementsLength);
        WriteFormatCode(wideElements ? FormatCode.Symbol32 : FormatCode.Symbol8);
        for (var i = 0; i < symbols.Count; i++)
        {
            var text = symbols[i].Value;
            WriteSize(wideElements, text.Length);
            WriteAscii(text);
        }
    }

    public void WriteDescribed(AmqpDescribed? value)
    {
        if (value is null)
        {
            WriteNull();
            return;
        }
        WriteDescriptor(value.Descriptor);
        WriteValue(value.Value);
    }

    /// <summary>A composite type (described list, Part 1 §1.4), or null.</summary>
    public void WriteComposite(AmqpComposite? value)
    {
        if (value is null)
        {
            WriteNull();
            return;
        }
        value.Write(ref this);
    }

    /// <summary>Any value, with the smallest encoding of its type.</summary>
    public void WriteValue(in AmqpValue value)
    {
        switch (value.Type)
        {
            case AmqpType.Null:
                WriteNull();
                break;
            case AmqpType.Boolean:
                WriteBoolean(value.Bits != 0);
                break;
            case AmqpType.UByte:
                WriteUByte((byte)value.Bits);
                break;
            case AmqpType.UShort:
                WriteUShort((ushort)value.Bits);
                break;
            case AmqpType.UInt:
                WriteUInt((uint)value.Bits);
                break;
            case AmqpType.ULong:
                WriteULong(value.Bits);
                break;
            case AmqpType.Byte:
                WriteByte(unchecked((sbyte)value.Bits));
                break;
            case AmqpType.Short:
                WriteShort(unchecked((short)value.Bits));
                break;
            case AmqpType.Int:
                WriteInt(unchecked((int)value.Bits));
                break;
            case AmqpType.Long:
                WriteLong(unchecked((long)value.Bits));
                break;
            case AmqpType.Float:
                WriteCodeAndUInt32(FormatCode.Float, (uint)value.Bits);
                break;
            case AmqpType.Double:
                WriteCodeAndUInt64(FormatCode.Double, value.Bits);
                break;
            case AmqpType.Decimal32:
                WriteCodeAndUInt32(FormatCode.Decimal32, (uint)value.Bits);
                break;
            case AmqpType.Decimal64:
                WriteCodeAndUInt64(FormatCode.Decimal64, value.Bits);
                break;
            case AmqpType.Decimal128:
                WriteDecimal128(new(value.Bits, value.Bits2));
                break;
            case AmqpType.Char:
                WriteCodeAndUInt32(FormatCode.Char, (uint)value.Bits);
                break;
            case AmqpType.Timestamp:
                WriteCodeAndUInt64(FormatCode.Timestamp, value.Bits);
                break;
            case AmqpType.Uuid:
                WriteFormatCode(FormatCode.Uuid);
                WriteValueBody(value, FormatCode.Uuid);
                break;
            case AmqpType.Binary:
                WriteBinary(value.ReferenceBytes);
                break;
            case AmqpType.String:
                WriteString(value.ReferenceString);
                break;
            case AmqpType.Symbol:
                WriteSymbol(value.AsSymbol());
                break;
            case AmqpType.List:
                WriteList(value.AsList());
                break;
            case AmqpType.Map:
                WriteMap(value.AsMap());
                break;
            case AmqpType.Array:
                WriteArray(value.AsArray());
                break;
            case AmqpType.Described:
                WriteDescribed(value.AsDescribed());
                break;
            default:
                throw new ArgumentException($"Unknown AMQP type {value.Type}.", nameof(value));
        }
    }

    /// <summary>The encoded size of <paramref name="value"/>, in octets.</summary>
    public static int GetEncodedSize(in AmqpValue value)
    {
        var sizer = CreateMeasuring();
        sizer.WriteValue(value);
        return checked((int)sizer.BytesWritten);
    }

    /// <summary>The encoded size of a composite value (descriptor included), in octets.</summary>
    public static int GetEncodedSize(AmqpComposite value)
    {
        var sizer = CreateMeasuring();
        sizer.WriteComposite(value);
        return checked((int)sizer.BytesWritten);
    }

    /// <summary>Whether a compound of this count and element size needs the 32-bit form (size counts the count octet).</summary>
    private static bool IsWide(int count, int elementsLength) => count > byte.MaxValue || elementsLength + 1 > byte.MaxValue;

    private void WriteCompoundPrefix(bool wide, int count, int elementsLength)
    {
        if (!wide)
        {
            if (TryBegin(2, out var span))
            {
                span[0] = (byte)(elementsLength + 1);
                span[1] = (byte)count;
                Commit(2);
            }
        }
        else if (TryBegin(8, out var span))
        {
            BinaryPrimitives.WriteUInt32BigEndian(span, checked((uint)elementsLength + 4));
            BinaryPrimitives.WriteUInt32BigEndian(span[4..], (uint)count);
            Commit(8);
        }
    }

    private void WriteListBody(AmqpList list, bool wide, int elementsLength)
    {
        WriteCompoundPrefix(wide, list.Count, elementsLength);
        foreach (var item in list)
        {
            WriteValue(item);
        }
    }

    private void WriteMapBody(AmqpMap map, bool wide, int elementsLength)
    {
        WriteCompoundPrefix(wide, map.Count * 2, elementsLength);
        foreach (var entry in map)
        {
            WriteValue(entry.Key);
            WriteValue(entry.Value);
        }
    }

    /// <summary>Size, count, element constructor and bodies; <paramref name="elementsLength"/> includes the constructor.</summary>
    private void WriteArrayBody(AmqpArray array, byte elementCode, bool wide, int elementsLength)
    {
        WriteCompoundPrefix(wide, array.Count, elementsLength);
        if (array.Descriptor is { } descriptor)
        {
            WriteDescriptor(descriptor);
        }
        WriteFormatCode(elementCode);
        foreach (var item in array)
        {
            WriteValueBody(item, elementCode);
        }
    }

    private static int MeasureElements(AmqpList list)
    {
        var sizer = CreateMeasuring();
        foreach (var item in list)
        {
            sizer.WriteValue(item);
        }
        return checked((int)sizer.BytesWritten);
    }

    private static int MeasureElements(AmqpMap map)
    {
        var sizer = CreateMeasuring();
        foreach (var entry in map)
        {
            sizer.WriteValue(entry.Key);
            sizer.WriteValue(entry.Value);
        }
        return checked((int)sizer.BytesWritten);
    }

    private static int MeasureArrayElements(AmqpArray array, byte elementCode)
    {
        var sizer = CreateMeasuring();
        if (array.Descriptor is { } descriptor)
        {
            sizer.WriteDescriptor(descriptor);
        }
        sizer.WriteFormatCode(elementCode);
        foreach (var item in array)
        {
            sizer.WriteValueBody(item, elementCode);
        }
        return checked((int)sizer.BytesWritten);
    }
}
