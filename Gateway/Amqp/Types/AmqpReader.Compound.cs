namespace Gateway.Amqp.Types;

/// <summary>
/// Lists, maps, arrays and described types (Part 1 §1.2, §1.5, §1.6.22-24).
/// <code>
/// list8/map8:   code | size (1) | count (1) | count items           size counts the octets after itself
/// list32/map32: code | size (4) | count (4) | count items
/// array8:       0xe0 | size (1) | count (1) | element constructor | count bodies without constructor
/// array32:      0xf0 | size (4) | count (4) | element constructor | count bodies
/// described:    0x00 | descriptor (ulong or symbol) | value
/// </code>
/// </summary>
public ref partial struct AmqpReader
{
    /// <summary>
    /// Reads a list constructor (list0, list8, list32) and its size and count, leaving the reader at the first
    /// element. Returns the element count; <paramref name="elementsLength"/> is the octets the elements occupy.
    /// </summary>
    public int ReadListHeader(out int elementsLength)
    {
        var code = ReadRawByte();
        switch (code)
        {
            case FormatCode.List0:
                elementsLength = 0;
                return 0;
            case FormatCode.List8:
            case FormatCode.List32:
                return ReadCompoundHeader(code, out elementsLength);
            default:
                elementsLength = 0;
                return Unexpected<int>(code, "a list");
        }
    }

    /// <summary>
    /// Reads a map constructor (map8, map32): returns the item count (keys plus values, always even), leaving the
    /// reader at the first key.
    /// </summary>
    public int ReadMapHeader(out int elementsLength)
    {
        var code = ReadRawByte();
        if (code is not (FormatCode.Map8 or FormatCode.Map32))
        {
            elementsLength = 0;
            return Unexpected<int>(code, "a map");
        }
        var count = ReadCompoundHeader(code, out elementsLength);
        if ((count & 1) != 0)
        {
            // Part 1 §1.6.23: "Map encodings MUST contain an even number of items".
            AmqpThrow.Decode(AmqpThrow.Format("A map holds an odd number of items ({0}) at offset {1}.", count, Consumed));
        }
        return count;
    }

    /// <summary>A list value (list0/8/32), decoded element by element.</summary>
    public AmqpList ReadList()
    {
        var code = ReadRawByte();
        return code is FormatCode.List0 or FormatCode.List8 or FormatCode.List32
            ? ReadListBody(code)
            : Unexpected<AmqpList>(code, "a list");
    }

    /// <summary>A map value (map8/32); duplicate keys are malformed.</summary>
    public AmqpMap ReadMap()
    {
        var code = ReadRawByte();
        return code is FormatCode.Map8 or FormatCode.Map32 ? ReadMapBody(code) : Unexpected<AmqpMap>(code, "a map");
    }

    /// <summary>An array value (array8/32).</summary>
    public AmqpArray ReadArray()
    {
        var code = ReadRawByte();
        return code is FormatCode.Array8 or FormatCode.Array32 ? ReadArrayBody(code) : Unexpected<AmqpArray>(code, "an array");
    }

    /// <summary>
    /// A field declared <c>type="symbol" multiple="true"</c> (Part 1 §1.4): a single symbol or an array of symbols,
    /// both returned as an array.
    /// </summary>
    public AmqpSymbol[] ReadSymbolMultiple()
    {
        var code = ReadRawByte();
        switch (code)
        {
            case FormatCode.Symbol8:
                return [ReadSymbolBody(ReadRawByte())];
            case FormatCode.Symbol32:
                return [ReadSymbolBody(ReadSize32())];
            case FormatCode.Array8:
            case FormatCode.Array32:
                var count = ReadArrayPrefix(code, out var end);
                var elementCode = ReadRawByte();
                if (elementCode is not (FormatCode.Symbol8 or FormatCode.Symbol32))
                {
                    return Unexpected<AmqpSymbol[]>(elementCode, "an array of symbols");
                }
                CheckArrayCount(count, elementCode, end);
                var symbols = new AmqpSymbol[count];
                for (var i = 0; i < symbols.Length; i++)
                {
                    symbols[i] = ReadSymbolBody(elementCode == FormatCode.Symbol8 ? ReadRawByte() : ReadSize32());
                }
                ExpectPosition(end, "array");
                return symbols;
            default:
                return Unexpected<AmqpSymbol[]>(code, "a symbol or an array of symbols");
        }
    }

    /// <summary>
    /// Reads the constructor of a described type: 0x00 and the descriptor, which Part 1 §1.5 makes a ulong or a
    /// symbol. The reader is left at the described value.
    /// </summary>
    public AmqpDescriptor ReadDescriptor()
    {
        var code = ReadRawByte();
        return code == FormatCode.Described ? ReadDescriptorValue() : Unexpected<AmqpDescriptor>(code, "a described type");
    }

    /// <summary>True when the next value is described (its constructor is 0x00).</summary>
    public readonly bool IsNextDescribed => PeekFormatCode() == FormatCode.Described;

    /// <summary>Decodes a composite type into a new <typeparamref name="T"/>; the descriptor must be T's.</summary>
    public T ReadComposite<T>()
        where T : AmqpComposite, new()
    {
        var value = new T();
        ReadComposite(value);
        return value;
    }

    /// <summary>Decodes a composite type into <paramref name="target"/>, whose descriptor it must carry.</summary>
    public void ReadComposite(AmqpComposite target)
    {
        ArgumentNullException.ThrowIfNull(target);
        var start = Consumed;
        var descriptor = ReadDescriptor();
        if (!descriptor.Matches(target.DescriptorCode, target.DescriptorName))
        {
            AmqpThrow.Decode(AmqpThrow.Format("Expected {0} at offset {1}, found descriptor {2}.", target.DescriptorName, start, descriptor));
        }
        target.ReadFields(ref this);
    }

    private AmqpDescriptor ReadDescriptorValue()
    {
        var code = ReadRawByte();
        switch (code)
        {
            case FormatCode.SmallULong:
                return new(ReadRawByte());
            case FormatCode.ULong:
                return new(ReadRawUInt64());
            case FormatCode.ULong0:
                return new(0UL);
            case FormatCode.Symbol8:
                return new(ReadSymbolBody(ReadRawByte()));
            case FormatCode.Symbol32:
                return new(ReadSymbolBody(ReadSize32()));
            default:
                return Unexpected<AmqpDescriptor>(code, "a descriptor (ulong or symbol, Part 1 §1.5)");
        }
    }

    /// <summary>Size and count of list8/32 or map8/32; counts are checked against the octets present.</summary>
    private int ReadCompoundHeader(byte code, out int elementsLength)
    {
        int count;
        if (code is FormatCode.List8 or FormatCode.Map8)
        {
            var size = ReadRawByte();
            if (size < 1)
            {
                AmqpThrow.Decode(AmqpThrow.Format("A compound size of 0 leaves no room for its count (offset {0}).", Consumed - 1));
            }
            EnsureRemaining(size);
            count = ReadRawByte();
            elementsLength = size - 1;
        }
        else
        {
            var size = ReadSize32();
            if (size < 4)
            {
                AmqpThrow.Decode(AmqpThrow.Format("A compound32 size of {0} leaves no room for its count (offset {1}).", size, Consumed - 4));
            }
            var rawCount = ReadRawUInt32();
            elementsLength = size - 4;
            count = rawCount > (uint)elementsLength ? -1 : (int)rawCount;
        }
        if (count < 0 || count > elementsLength)
        {
            // Every element takes at least its constructor octet.
            AmqpThrow.Decode(AmqpThrow.Format("A compound value claims more elements than its {0} octets can hold (offset {1}).", elementsLength, Consumed));
        }
        return count;
    }

    /// <summary>Size and count of array8/32; <paramref name="end"/> is the offset just past the array.</summary>
    private int ReadArrayPrefix(byte code, out long end)
    {
        long count;
        int length;
        if (code == FormatCode.Array8)
        {
            var size = ReadRawByte();
            if (size < 1)
            {
                AmqpThrow.Decode(AmqpThrow.Format("An array size of 0 leaves no room for its count (offset {0}).", Consumed - 1));
            }
            EnsureRemaining(size);
            count = ReadRawByte();
            length = size - 1;
        }
        else
        {
            var size = ReadSize32();
            if (size < 4)
            {
                AmqpThrow.Decode(AmqpThrow.Format("An array32 size of {0} leaves no room for its count (offset {1}).", size, Consumed - 4));
            }
            count = ReadRawUInt32();
            length = size - 4;
            if (count > (uint)size)
            {
                AmqpThrow.Decode(AmqpThrow.Format("An array32 claims {0} elements in {1} octets (offset {2}).", count, size, Consumed));
            }
        }
        if (length < 1)
        {
            AmqpThrow.Decode(AmqpThrow.Format("An array has no element constructor (offset {0}).", Consumed));
        }
        end = Consumed + length;

        // array8 counts at most 255; an array32 count was bounded by its size field above, which the input holds (see
        // CheckArrayCount for the exact bound by element width).
        return (int)count;
    }

    /// <summary>
    /// Bounds an array's count by the octets left for its bodies before anything is allocated. Zero-width elements
    /// (null, true, uint0, list0 ...) are bounded by the array's size field instead (255 for array8): an
    /// implementation limit that keeps a few input octets from expanding into millions of values.
    /// </summary>
    private readonly void CheckArrayCount(int count, byte elementCode, long end)
    {
        var width = FormatCode.MinimumBodyWidth(elementCode);
        var available = end - Consumed;
        if (available < 0 || (width > 0 && (long)count * width > available))
        {
            AmqpThrow.Decode(AmqpThrow.Format("An array of {0} elements of 0x{1:x2} cannot fit in its size (offset {2}).", count, elementCode, Consumed));
        }
    }

    private AmqpList ReadListBody(byte code)
    {
        if (code == FormatCode.List0)
        {
            return new AmqpList();
        }
        var count = ReadCompoundHeader(code, out var length);
        var end = Consumed + length;
        EnterNested();
        var items = new List<AmqpValue>(count);
        for (var i = 0; i < count; i++)
        {
            items.Add(ReadValue());
        }
        ExitNested();
        ExpectPosition(end, "list");
        return new AmqpList(items);
    }

    private AmqpMap ReadMapBody(byte code)
    {
        var count = ReadCompoundHeader(code, out var length);
        if ((count & 1) != 0)
        {
            AmqpThrow.Decode(AmqpThrow.Format("A map holds an odd number of items ({0}) at offset {1}.", count, Consumed));
        }
        var end = Consumed + length;
        EnterNested();
        var map = new AmqpMap(count / 2);
        for (var i = 0; i < count; i += 2)
        {
            var keyOffset = Consumed;
            var key = ReadValue();
            var value = ReadValue();
            if (!map.TryAdd(key, value))
            {
                // Part 1 §1.6.23: "A map in which there exist two identical key values is invalid."
                AmqpThrow.Decode(AmqpThrow.Format("A map repeats the key {0} at offset {1}.", key, keyOffset));
            }
        }
        ExitNested();
        ExpectPosition(end, "map");
        return map;
    }

    private AmqpArray ReadArrayBody(byte code)
    {
        var count = ReadArrayPrefix(code, out var end);
        EnterNested();
        var elementCode = ReadRawByte();
        AmqpDescriptor? descriptor = null;
        if (elementCode == FormatCode.Described)
        {
            descriptor = ReadDescriptorValue();
            elementCode = ReadRawByte();
        }
        if (!FormatCode.TryGetType(elementCode, out var elementType) || elementType == AmqpType.Described)
        {
            return AmqpThrow.UnknownFormatCode<AmqpArray>(elementCode, Consumed - 1);
        }
        CheckArrayCount(count, elementCode, end);
        var array = new AmqpArray(elementType, descriptor, count);
        for (var i = 0; i < count; i++)
        {
            array.AddDecoded(ReadValueBody(elementCode));
        }
        ExitNested();
        ExpectPosition(end, "array");
        return array;
    }
}
