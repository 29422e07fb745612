namespace Gateway.Amqp.Types;

/// <summary>The primitive types of AMQP 1.0 Part 1 §1.6, plus <see cref="Described"/> (§1.5).</summary>
public enum AmqpType
{
    Null = 0,
    Boolean,
    UByte,
    UShort,
    UInt,
    ULong,

    /// <summary>AMQP <c>byte</c>: a signed 8-bit integer.</summary>
    Byte,
    Short,
    Int,
    Long,
    Float,
    Double,
    Decimal32,
    Decimal64,
    Decimal128,

    /// <summary>A single Unicode code point, UTF-32BE on the wire.</summary>
    Char,
    Timestamp,
    Uuid,
    Binary,
    String,
    Symbol,
    List,
    Map,
    Array,
    Described,
}
