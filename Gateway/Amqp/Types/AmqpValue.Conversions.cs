using System.Text;

namespace Gateway.Amqp.Types;

/// <summary>Implicit conversions from the .NET types that map one to one onto an AMQP type.</summary>
public readonly partial struct AmqpValue
{
    public static implicit operator AmqpValue(bool value) => FromBoolean(value);

    public static implicit operator AmqpValue(byte value) => FromUByte(value);

    public static implicit operator AmqpValue(ushort value) => FromUShort(value);

    public static implicit operator AmqpValue(uint value) => FromUInt(value);

    public static implicit operator AmqpValue(ulong value) => FromULong(value);

    public static implicit operator AmqpValue(sbyte value) => FromByte(value);

    public static implicit operator AmqpValue(short value) => FromShort(value);

    public static implicit operator AmqpValue(int value) => FromInt(value);

    public static implicit operator AmqpValue(long value) => FromLong(value);

    public static implicit operator AmqpValue(float value) => FromFloat(value);

    public static implicit operator AmqpValue(double value) => FromDouble(value);

    public static implicit operator AmqpValue(AmqpDecimal32 value) => FromDecimal32(value);

    public static implicit operator AmqpValue(AmqpDecimal64 value) => FromDecimal64(value);

    public static implicit operator AmqpValue(AmqpDecimal128 value) => FromDecimal128(value);

    public static implicit operator AmqpValue(Rune value) => FromChar(value);

    public static implicit operator AmqpValue(AmqpTimestamp value) => FromTimestamp(value);

    public static implicit operator AmqpValue(Guid value) => FromUuid(value);

    /// <summary>Binary (copied); null gives <see cref="Null"/>.</summary>
    public static implicit operator AmqpValue(byte[]? value) => value is null ? default : FromBinary(value);

    public static implicit operator AmqpValue(string? value) => FromString(value);

    public static implicit operator AmqpValue(AmqpSymbol value) => FromSymbol(value);

    public static implicit operator AmqpValue(AmqpList? value) => FromList(value);

    public static implicit operator AmqpValue(AmqpMap? value) => FromMap(value);

    public static implicit operator AmqpValue(AmqpArray? value) => FromArray(value);

    public static implicit operator AmqpValue(AmqpDescribed? value) => FromDescribed(value);
}
