using System.Globalization;

namespace Gateway.Amqp.Types;

/// <summary>Structural equality and a readable form for diagnostics and test failures.</summary>
public readonly partial struct AmqpValue
{
    public static bool operator ==(AmqpValue left, AmqpValue right) => left.Equals(right);

    public static bool operator !=(AmqpValue left, AmqpValue right) => !left.Equals(right);

    public bool Equals(AmqpValue other)
    {
        if (Type != other.Type)
        {
            return false;
        }
        return Type switch
        {
            AmqpType.Null => true,
            AmqpType.Binary => ((byte[])_object!).AsSpan().SequenceEqual((byte[])other._object!),
            AmqpType.String or AmqpType.Symbol => string.Equals((string)_object!, (string)other._object!, StringComparison.Ordinal),
            AmqpType.List or AmqpType.Map or AmqpType.Array or AmqpType.Described => _object!.Equals(other._object),
            _ => _bits == other._bits && _bits2 == other._bits2,
        };
    }

    public override bool Equals(object? obj) => obj is AmqpValue other && Equals(other);

    public override int GetHashCode()
    {
        switch (Type)
        {
            case AmqpType.Null:
                return 0;
            case AmqpType.Binary:
                var hash = new HashCode();
                hash.AddBytes((byte[])_object!);
                return HashCode.Combine(Type, hash.ToHashCode());
            case AmqpType.String:
            case AmqpType.Symbol:
                return HashCode.Combine(Type, StringComparer.Ordinal.GetHashCode((string)_object!));
            case AmqpType.List:
            case AmqpType.Map:
            case AmqpType.Array:
            case AmqpType.Described:
                return HashCode.Combine(Type, _object!.GetHashCode());
            default:
                return HashCode.Combine(Type, _bits, _bits2);
        }
    }

    public override string ToString() => Type switch
    {
        AmqpType.Null => "null",
        AmqpType.Boolean => AsBoolean() ? "true" : "false",
        AmqpType.UByte or AmqpType.UShort or AmqpType.UInt or AmqpType.ULong =>
            string.Create(CultureInfo.InvariantCulture, $"{_bits}{Suffix(Type)}"),
        AmqpType.Byte or AmqpType.Short or AmqpType.Int or AmqpType.Long =>
            string.Create(CultureInfo.InvariantCulture, $"{unchecked((long)_bits)}{Suffix(Type)}"),
        AmqpType.Float => AsFloat().ToString("R", CultureInfo.InvariantCulture) + "f",
        AmqpType.Double => AsDouble().ToString("R", CultureInfo.InvariantCulture),
        AmqpType.Decimal32 or AmqpType.Decimal64 or AmqpType.Decimal128 =>
            string.Create(CultureInfo.InvariantCulture, $"{Type}(0x{_bits:x}{(_bits2 == 0 ? string.Empty : _bits2.ToString("x16", CultureInfo.InvariantCulture))})"),
        AmqpType.Char => string.Create(CultureInfo.InvariantCulture, $"char U+{_bits:X4}"),
        AmqpType.Timestamp => string.Create(CultureInfo.InvariantCulture, $"timestamp {unchecked((long)_bits)}"),
        AmqpType.Uuid => AsUuid().ToString(),
        AmqpType.Binary => "binary " + Convert.ToHexString((byte[])_object!),
        AmqpType.String => "\"" + (string)_object! + "\"",
        AmqpType.Symbol => ":" + (string)_object!,
        _ => _object!.ToString() ?? string.Empty,
    };

    private static string Suffix(AmqpType type) => type switch
    {
        AmqpType.UByte => "ub",
        AmqpType.UShort => "us",
        AmqpType.UInt => "u",
        AmqpType.ULong => "ul",
        AmqpType.Byte => "b",
        AmqpType.Short => "s",
        AmqpType.Int => string.Empty,
        _ => "L",
    };
}
