namespace Gateway.Amqp.Types;

/// <summary>
/// The encoding format codes of AMQP 1.0 Part 1 §1.6 ("Primitive Type Definitions"), one constant per encoding. The
/// high nibble is the subcategory of §1.2 (0x4 fixed width 0, 0x5 one octet, 0x6 two, 0x7 four, 0x8 eight, 0x9
/// sixteen, 0xa/0xb variable with a 1/4-octet size, 0xc/0xd compound, 0xe/0xf array).
/// </summary>
public static class FormatCode
{
    /// <summary>The constructor of a described type: <c>0x00 descriptor constructor</c> (§1.2).</summary>
    public const byte Described = 0x00;

    public const byte Null = 0x40;
    public const byte Boolean = 0x56;
    public const byte BooleanTrue = 0x41;
    public const byte BooleanFalse = 0x42;
    public const byte UByte = 0x50;
    public const byte UShort = 0x60;
    public const byte UInt = 0x70;
    public const byte SmallUInt = 0x52;
    public const byte UInt0 = 0x43;
    public const byte ULong = 0x80;
    public const byte SmallULong = 0x53;
    public const byte ULong0 = 0x44;
    public const byte Byte = 0x51;
    public const byte Short = 0x61;
    public const byte Int = 0x71;
    public const byte SmallInt = 0x54;
    public const byte Long = 0x81;
    public const byte SmallLong = 0x55;
    public const byte Float = 0x72;
    public const byte Double = 0x82;
    public const byte Decimal32 = 0x74;
    public const byte Decimal64 = 0x84;
    public const byte Decimal128 = 0x94;
    public const byte Char = 0x73;
    public const byte Timestamp = 0x83;
    public const byte Uuid = 0x98;

    /// <summary>vbin8: up to 2^8 - 1 octets of binary data.</summary>
    public const byte Binary8 = 0xa0;

    /// <summary>vbin32: up to 2^32 - 1 octets of binary data.</summary>
    public const byte Binary32 = 0xb0;

    /// <summary>str8-utf8.</summary>
    public const byte String8 = 0xa1;

    /// <summary>str32-utf8.</summary>
    public const byte String32 = 0xb1;

    /// <summary>sym8: up to 2^8 - 1 seven-bit ASCII characters.</summary>
    public const byte Symbol8 = 0xa3;

    /// <summary>sym32.</summary>
    public const byte Symbol32 = 0xb3;

    /// <summary>The empty list.</summary>
    public const byte List0 = 0x45;
    public const byte List8 = 0xc0;
    public const byte List32 = 0xd0;
    public const byte Map8 = 0xc1;
    public const byte Map32 = 0xd1;
    public const byte Array8 = 0xe0;
    public const byte Array32 = 0xf0;

    /// <summary>The type a format code encodes, or false for a code Part 1 does not define.</summary>
    public static bool TryGetType(byte code, out AmqpType type)
    {
        type = code switch
        {
            Null => AmqpType.Null,
            Boolean or BooleanTrue or BooleanFalse => AmqpType.Boolean,
            UByte => AmqpType.UByte,
            UShort => AmqpType.UShort,
            UInt or SmallUInt or UInt0 => AmqpType.UInt,
            ULong or SmallULong or ULong0 => AmqpType.ULong,
            Byte => AmqpType.Byte,
            Short => AmqpType.Short,
            Int or SmallInt => AmqpType.Int,
            Long or SmallLong => AmqpType.Long,
            Float => AmqpType.Float,
            Double => AmqpType.Double,
            Decimal32 => AmqpType.Decimal32,
            Decimal64 => AmqpType.Decimal64,
            Decimal128 => AmqpType.Decimal128,
            Char => AmqpType.Char,
            Timestamp => AmqpType.Timestamp,
            Uuid => AmqpType.Uuid,
            Binary8 or Binary32 => AmqpType.Binary,
            String8 or String32 => AmqpType.String,
            Symbol8 or Symbol32 => AmqpType.Symbol,
            List0 or List8 or List32 => AmqpType.List,
            Map8 or Map32 => AmqpType.Map,
            Array8 or Array32 => AmqpType.Array,
            Described => AmqpType.Described,
            _ => (AmqpType)(-1),
        };
        return (int)type >= 0;
    }

    /// <summary>
    /// The fewest octets a value body of this encoding occupies after its constructor: the fixed width, the size
    /// field of a variable-width encoding, or size + count of a compound or array one. Bounds element counts against
    /// the bytes present before anything is allocated.
    /// </summary>
    internal static int MinimumBodyWidth(byte code) => (code >> 4) switch
    {
        0x4 => 0,
        0x5 => 1,
        0x6 => 2,
        0x7 => 4,
        0x8 => 8,
        0x9 => 16,
        0xa => 1,
        0xb => 4,
        0xc => 2,
        0xd => 8,
        0xe => 3,
        _ => 9,
    };
}
