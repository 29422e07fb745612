using System.Buffers.Binary;
using System.Text;

namespace Gateway.Amqp.Types;

/// <summary>
/// Any AMQP 1.0 value (Part 1 §1.6), as decoded by <see cref="AmqpReader.ReadValue"/> or built by code. Scalars live
/// inline (no boxing); binary, string, symbol and the compound types hold one reference. Equality is structural and
/// exact: the same type and the same value (floats by their bits, maps in order, as §1.6.23 asks). <c>default</c> is
/// null. The wire form is not remembered: a value is re-encoded with the smallest encodings, so a message the broker
/// must carry byte-exact is carried as raw sections (<see cref="MessageSectionsReader"/>), not as values.
/// </summary>
public readonly partial struct AmqpValue : IEquatable<AmqpValue>
{
    private readonly object? _object;
    private readonly ulong _bits;
    private readonly ulong _bits2;

    private AmqpValue(AmqpType type, ulong bits, ulong bits2 = 0)
    {
        Type = type;
        _bits = bits;
        _bits2 = bits2;
    }

    private AmqpValue(AmqpType type, object value)
    {
        Type = type;
        _object = value;
    }

    public static AmqpValue Null => default;

    public AmqpType Type { get; }

    public bool IsNull => Type == AmqpType.Null;

    public static AmqpValue FromBoolean(bool value) => new(AmqpType.Boolean, value ? 1UL : 0UL);

    public static AmqpValue FromUByte(byte value) => new(AmqpType.UByte, value);

    public static AmqpValue FromUShort(ushort value) => new(AmqpType.UShort, value);

    public static AmqpValue FromUInt(uint value) => new(AmqpType.UInt, value);

    public static AmqpValue FromULong(ulong value) => new(AmqpType.ULong, value);

    /// <summary>AMQP <c>byte</c> (signed).</summary>
    public static AmqpValue FromByte(sbyte value) => new(AmqpType.Byte, unchecked((ulong)value));

    public static AmqpValue FromShort(short value) => new(AmqpType.Short, unchecked((ulong)value));

    public static AmqpValue FromInt(int value) => new(AmqpType.Int, unchecked((ulong)value));

    public static AmqpValue FromLong(long value) => new(AmqpType.Long, unchecked((ulong)value));

    public static AmqpValue FromFloat(float value) => new(AmqpType.Float, BitConverter.SingleToUInt32Bits(value));

    public static AmqpValue FromDouble(double value) => new(AmqpType.Double, BitConverter.DoubleToUInt64Bits(value));

    public static AmqpValue FromDecimal32(AmqpDecimal32 value) => new(AmqpType.Decimal32, value.Bits);

    public static AmqpValue FromDecimal64(AmqpDecimal64 value) => new(AmqpType.Decimal64, value.Bits);

    public static AmqpValue FromDecimal128(AmqpDecimal128 value) => new(AmqpType.Decimal128, value.High, value.Low);

    public static AmqpValue FromChar(Rune value) => new(AmqpType.Char, (uint)value.Value);

    public static AmqpValue FromTimestamp(AmqpTimestamp value) => new(AmqpType.Timestamp, unchecked((ulong)value.Milliseconds));

    public static AmqpValue FromUuid(Guid value)
    {
        Span<byte> bytes = stackalloc byte[16];
        value.TryWriteBytes(bytes, bigEndian: true, out _);
        return new(AmqpType.Uuid, BinaryPrimitives.ReadUInt64BigEndian(bytes), BinaryPrimitives.ReadUInt64BigEndian(bytes[8..]));
    }

    /// <summary>Binary data, copied (the value owns its bytes).</summary>
    public static AmqpValue FromBinary(ReadOnlySpan<byte> value) => new(AmqpType.Binary, value.ToArray());

    /// <summary>A string; null gives <see cref="Null"/>.</summary>
    public static AmqpValue FromString(string? value) => value is null ? default : new(AmqpType.String, value);

    public static AmqpValue FromSymbol(AmqpSymbol value) => new(AmqpType.Symbol, value.Value);

    public static AmqpValue FromList(AmqpList? value) => value is null ? default : new(AmqpType.List, value);

    public static AmqpValue FromMap(AmqpMap? value) => value is null ? default : new(AmqpType.Map, value);

    public static AmqpValue FromArray(AmqpArray? value) => value is null ? default : new(AmqpType.Array, value);

    public static AmqpValue FromDescribed(AmqpDescribed? value) => value is null ? default : new(AmqpType.Described, value);

    internal static AmqpValue FromUuidBits(ulong high, ulong low) => new(AmqpType.Uuid, high, low);

    internal static AmqpValue FromFloatBits(uint bits) => new(AmqpType.Float, bits);

    internal static AmqpValue FromDoubleBits(ulong bits) => new(AmqpType.Double, bits);

    /// <summary>Takes ownership of <paramref name="value"/> without copying.</summary>
    internal static AmqpValue FromOwnedBinary(byte[] value) => new(AmqpType.Binary, value);

    internal static AmqpValue FromCodePoint(uint value) => new(AmqpType.Char, value);

    public bool AsBoolean() => Expect(AmqpType.Boolean)._bits != 0;

    public byte AsUByte() => (byte)Expect(AmqpType.UByte)._bits;

    public ushort AsUShort() => (ushort)Expect(AmqpType.UShort)._bits;

    public uint AsUInt() => (uint)Expect(AmqpType.UInt)._bits;

    public ulong AsULong() => Expect(AmqpType.ULong)._bits;

    /// <summary>AMQP <c>byte</c> (signed).</summary>
    public sbyte AsByte() => unchecked((sbyte)Expect(AmqpType.Byte)._bits);

    public short AsShort() => unchecked((short)Expect(AmqpType.Short)._bits);

    public int AsInt() => unchecked((int)Expect(AmqpType.Int)._bits);

    public long AsLong() => unchecked((long)Expect(AmqpType.Long)._bits);

    public float AsFloat() => BitConverter.UInt32BitsToSingle((uint)Expect(AmqpType.Float)._bits);

    public double AsDouble() => BitConverter.UInt64BitsToDouble(Expect(AmqpType.Double)._bits);

    public AmqpDecimal32 AsDecimal32() => new((uint)Expect(AmqpType.Decimal32)._bits);

    public AmqpDecimal64 AsDecimal64() => new(Expect(AmqpType.Decimal64)._bits);

    public AmqpDecimal128 AsDecimal128()
    {
        var value = Expect(AmqpType.Decimal128);
        return new(value._bits, value._bits2);
    }

    public Rune AsChar() => new((int)Expect(AmqpType.Char)._bits);

    public AmqpTimestamp AsTimestamp() => new(unchecked((long)Expect(AmqpType.Timestamp)._bits));

    public Guid AsUuid()
    {
        var value = Expect(AmqpType.Uuid);
        Span<byte> bytes = stackalloc byte[16];
        BinaryPrimitives.WriteUInt64BigEndian(bytes, value._bits);
        BinaryPrimitives.WriteUInt64BigEndian(bytes[8..], value._bits2);
        return new Guid(bytes, bigEndian: true);
    }

    public ReadOnlyMemory<byte> AsBinary() => (byte[])Expect(AmqpType.Binary)._object!;

    public string AsString() => (string)Expect(AmqpType.String)._object!;

    public AmqpSymbol AsSymbol() => new((string)Expect(AmqpType.Symbol)._object!, trusted: true);

    public AmqpList AsList() => (AmqpList)Expect(AmqpType.List)._object!;

    public AmqpMap AsMap() => (AmqpMap)Expect(AmqpType.Map)._object!;

    public AmqpArray AsArray() => (AmqpArray)Expect(AmqpType.Array)._object!;

    public AmqpDescribed AsDescribed() => (AmqpDescribed)Expect(AmqpType.Described)._object!;

    /// <summary>The UTF-16 length of a symbol or string, or the length of binary data, without copying.</summary>
    internal int ReferenceLength => _object switch
    {
        string s => s.Length,
        byte[] b => b.Length,
        _ => 0,
    };

    internal string ReferenceString => (string)_object!;

    internal byte[] ReferenceBytes => (byte[])_object!;

    internal ulong Bits => _bits;

    internal ulong Bits2 => _bits2;

    private AmqpValue Expect(AmqpType type) =>
        Type == type ? this : throw new InvalidOperationException($"The value is {Type}, not {type}.");
}
